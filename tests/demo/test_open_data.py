"""The demo's open-data file is not empty (issue 13): the SCDL model's own example of the Ville
d'Antibes, imported as a scheme run outside AidESS, is published with its funder's SIRET and
validates against the official schema."""

import pytest

from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application
from aidess.demo.open_data import AID_SLUG, FUNDER_SIRET, import_antibes_subsidies
from tests.opendata.test_scdl import csv_field_size_limit_kept, rows_of, schema_errors

pytestmark = pytest.mark.django_db
__all__ = ["csv_field_size_limit_kept"]  # the fixture, used by this module's tests too
URL = "/api/v1/open-data/scdl-subventions.csv"


def test_the_example_is_published_and_validates(client, tmp_path):
    assert import_antibes_subsidies() == 28  # 29 agreements, one without a beneficiary SIRET

    text = b"".join(client.get(URL).streaming_content).decode("utf-8")

    rows = rows_of(text)
    assert len(rows) == 28
    assert {row["idAttribuant"] for row in rows} == {FUNDER_SIRET}
    handisport = next(row for row in rows if row["idBeneficiaire"] == "43152269700017")
    assert (handisport["montant"], handisport["dateConvention"]) == ("23500.00", "2011-06-17")
    assert schema_errors(text, tmp_path) == []


def test_a_second_load_adds_nothing():
    import_antibes_subsidies()

    assert import_antibes_subsidies() == 0
    accepted = Application.objects.filter(aid__slug=AID_SLUG, status=ApplicationStatus.ACCEPTED)
    assert accepted.count() == 28
