"""The file as submitted, read whatever its exact shape: French labels, amounts, dates, tables."""

from aidess.instruction.presenters import Node, snapshot_sections
from tests.instruction.factories import SNAPSHOT


def flat(node):
    """Every text of a node, depth first."""
    if node.kind == "object":
        return [text for label, child in node.items for text in (label, *flat(child))]
    if node.kind == "table":
        return node.columns + [cell for row in node.rows for cell in row]
    if node.kind == "list":
        return node.values
    return [node.text]


def test_known_keys_are_labelled_in_french_and_values_formatted():
    sections = dict(snapshot_sections(SNAPSHOT, skip=("documents",)))
    assert list(sections) == [
        "Dossier",
        "Identité",
        "Représentant légal",
        "Moyens humains",
        "Budgets",
        "Agréments",
    ]
    assert flat(sections["Identité"]) == [
        "Nom",
        "Recyclerie de Lille",
        "SIRET",
        "12345678900011",  # digits stay as typed
        "Date de création",
        "3 mai 2012",
        "Structure de l'ESS",
        "Oui",
    ]
    assert "2,5" in flat(sections["Moyens humains"])
    budget = flat(sections["Budgets"])
    assert budget[:2] == ["Budget prévisionnel", "Lignes"]  # its name is not repeated
    assert "42\u202f000\xa0€" in budget and "Intitulé du compte" in budget
    # Subsidies are keyed by funder: their values are amounts all the same.
    assert budget[-2:] == ["Région", "8\u202f000\xa0€"]
    assert "Équilibré" in budget and "Oui" in budget
    agrements = sections["Agréments"]
    assert agrements.columns == ["Type", "Numéro", "Date d'obtention", "Autorité"]
    assert "Entreprise solidaire d'utilité sociale (ESUS)" in flat(agrements)
    assert "15 janvier 2020" in flat(sections["Agréments"])


def test_unknown_shapes_are_shown_rather_than_lost():
    sections = snapshot_sections(
        {"taken_at": "2026-03-01T10:00:00+00:00", "extra_info": ["a", "b"], "id": 4, "empty": None}
    )
    titles = [title for title, _node in sections]
    assert titles == ["Dossier", "Extra info"]
    loose = dict(sections)["Dossier"]
    assert flat(loose)[0] == "Dossier figé le" and flat(loose)[1].startswith("1 mars 2026 à")
    assert "Non renseigné" in flat(loose)
    assert dict(sections)["Extra info"].values == ["a", "b"]
    assert snapshot_sections(None) == [] and snapshot_sections(["x"]) == []
    assert Node(text="x").kind == "text"
