"""Seed documents as people name them: the catalog's provenance cites files (`seeds/004_….txt`,
or `seeds/004` in criteria), which mean nothing to a reader.

Titles copied from the documents themselves and from the description of the seed corpus written
with them (shared/seeds/README.md); the application never reads that directory.
"""

import re

SEED_DOCUMENTS = {
    "000": "« Le DSESS, bilan d'un dispositif qui prouve son utilité et sa pertinence » "
    "(Avise, 27 novembre 2020)",
    "001": "« Mise en place d'une cellule de veille nationale » de l'ESS "
    "(Réseau des collectivités territoriales pour une économie solidaire, 2025)",
    "002": "Fiche produit d'AidESS (investigation beta.gouv.fr, 2020-2021)",
    "003": "« Animation territoriale, nationale et internationale de l'ESS » "
    "(organisation territoriale de l'accompagnement de l'ESS)",
    "004": "« Dispositif local d'accompagnement de l'ESS (DLA) » (fiche mise à jour le 3 février 2021)",
}

# "seeds/000_0bddf8cefad5bf3e.txt (Avise, « … », 27 novembre 2020)": the parenthesis repeats what
# the title already says, so it goes with the file name.
SEED_REFERENCE = re.compile(r"seeds/(\d{3})(?:_[0-9a-f]+\.txt)?(?:\s*\([^()]*\))?")


# The file name of the Aides-territoires export (see aids/data/PROVENANCE.md), as a reader says it.
EXPORT_REFERENCE = re.compile(r"aides-territoires_periurbain\.csv")
EXPORT_TITLE = "export public de l'automne 2022"


def readable(provenance):
    """The provenance with each file name replaced by the title of its document."""
    text = SEED_REFERENCE.sub(
        lambda match: SEED_DOCUMENTS.get(match[1], "document source"), provenance
    )
    return EXPORT_REFERENCE.sub(EXPORT_TITLE, text)
