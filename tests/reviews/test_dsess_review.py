"""The DSESS review (seed 000_0bddf8cefad5bf3e.txt), reproduced from imported files."""

import json
from decimal import Decimal

import pytest

from aidess.demo.generation import make_siret
from aidess.territories.models import Commune
from tests.reviews.helpers import (
    import_structures,
    import_subsidies,
    run,
    structure_row,
    subsidy_row,
)

pytestmark = pytest.mark.django_db

# « le DSESS a bénéficié à 740 structures et permis de préserver près de 1572 ETP »
STRUCTURES, FTE = 740, Decimal("1572")
# « 30% des structures bénéficiaires du DSESS dans le secteur de la culture »: 222 of 740
# « 58 structures bénéficiaires du DSESS dans le secteur de la Santé, social et médico-social »
# « 17% des structures bénéficiaires du DSESS […] dans le secteur de l'environnement »: 126 (17.03 %)
SECTORS = {"culture": 222, "health_social": 58, "environment": 126}
# The other 334, which the seed does not detail, spread over other sectors of the vocabulary.
OTHERS = {"social_animation": 120, "education": 90, "sport": 64, "food": 60}
# « Une aide directe et forfaitaire de 5 000€ »; « petites structures […] jusqu'à 3 ETP »:
# every structure has 2 FTE, 92 of them 3 FTE: 740 × 2 + 92 = 1 572.
AMOUNT, THREE_FTE = "5000", 92


def dsess_structures():
    communes = list(Commune.objects.selectable().order_by("code")[:40])
    sectors = [sector for sector, n in {**SECTORS, **OTHERS}.items() for _ in range(n)]
    assert len(sectors) == STRUCTURES
    return [
        structure_row(
            make_siret(5_000_000 + index),
            nom=f"Structure DSESS {index}",
            code_commune=communes[index % len(communes)].code,
            secteur=sector,
            etp="3.00" if index < THREE_FTE else "2.00",
        )
        for index, sector in enumerate(sectors)
    ]


def test_the_dsess_review_gives_the_seed_figures(tmp_path):
    structures = dsess_structures()
    report = import_structures(tmp_path, structures)
    assert report.startswith("740 créé(s), 0 mis à jour, 0 inchangé(s), 0 rejeté(s).")
    grants = [subsidy_row(row[0], nomBeneficiaire=row[1], montant=AMOUNT) for row in structures]
    report = import_subsidies(tmp_path, grants)
    assert report.startswith("740 créé(s), 0 mis à jour, 0 inchangé(s), 0 rejeté(s).")

    review = json.loads(run("impact_review", "--aid", "dsess", "--format", "json"))

    assert review["aid"] == "dsess"
    assert review["structures"] == 740
    assert review["fte"] == "1572.00"
    assert review["amount_eur"] == "3700000.00"  # 740 × 5 000 €
    by_sector = {line["sector"]: line for line in review["by_sector"]}
    assert by_sector["culture"]["share"] == 0.3
    assert by_sector["health_social"]["structures"] == 58
    assert round(by_sector["environment"]["share"] * 100) == 17
    assert sum(line["structures"] for line in review["by_sector"]) == 740
    assert sum(Decimal(line["fte"]) for line in review["by_region"]) == FTE
    assert sum(line["structures"] for line in review["by_region"]) == 740
