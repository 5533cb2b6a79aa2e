"""GET /api/v1/watch/impact-review: watch agents and the aid's providers only."""

import pytest

from aidess.aids.models import Aid
from aidess.demo.generation import make_siret
from aidess.organizations.enums import Role, ScopeLevel
from tests.factories import AidFactory, OrganizationMembershipFactory, UserFactory
from tests.reviews.helpers import import_structures, import_subsidies, structure_row, subsidy_row

pytestmark = pytest.mark.django_db
URL = "/api/v1/watch/impact-review"
FIRST, SECOND = make_siret(8_100_001), make_siret(8_100_002)


@pytest.fixture
def decisions(tmp_path):
    import_structures(tmp_path, [structure_row(FIRST), structure_row(SECOND)], name="s.csv")
    import_subsidies(
        tmp_path, [subsidy_row(FIRST), subsidy_row(SECOND, dateConvention="2021-02-01")]
    )


def watch_agent():
    return OrganizationMembershipFactory(role=Role.WATCH_AGENT, scope=ScopeLevel.NATIONAL).user


def provider_of(aid):
    membership = OrganizationMembershipFactory(role=Role.PROVIDER, scope=ScopeLevel.NATIONAL)
    aid.providers.add(membership.organization)
    return membership.user


def test_a_watch_agent_reads_the_review_over_a_period(client, decisions):
    client.force_login(watch_agent())

    response = client.get(URL, {"aid": "dsess", "from": "2020-01-01", "to": "2020-12-31"})

    assert response.status_code == 200
    body = response.json()
    assert (body["aid"], body["structures"], body["amount_eur"]) == ("dsess", 1, "5000.00")
    assert body["by_sector"] == [
        {"sector": "culture", "structures": 1, "fte": "2.00", "share": 1.0}
    ]
    assert client.get(URL, {"aid": "dsess"}).json()["structures"] == 2


def test_the_aids_provider_reads_it_another_provider_is_refused(client, decisions):
    aid = Aid.objects.get(slug="dsess")
    client.force_login(provider_of(aid))
    assert client.get(URL, {"aid": "dsess"}).json()["structures"] == 2

    client.force_login(provider_of(AidFactory()))
    response = client.get(URL, {"aid": "dsess"})
    assert response.status_code == 403
    assert response.json() == {"error": "Réservé aux cellules de veille et aux porteurs de l'aide."}


def test_anonymous_unknown_and_hidden_aids(client):
    assert client.get(URL, {"aid": "dsess"}).status_code == 401
    client.force_login(UserFactory())
    assert client.get(URL, {"aid": "dsess"}).status_code == 403
    assert client.get(URL, {"aid": "inconnue"}).status_code == 404
    draft = AidFactory(status="draft")
    response = client.get(URL, {"aid": draft.slug})
    assert response.status_code == 404  # its existence does not leak
    assert response.json() == {"error": "Aide introuvable."}


def test_bad_dates_are_refused_in_french(client):
    client.force_login(watch_agent())

    response = client.get(URL, {"aid": "dsess", "from": "2021-02-30"})
    assert response.status_code == 400
    assert response.json()["details"] == {"from": "Date attendue au format AAAA-MM-JJ."}

    response = client.get(URL, {"aid": "dsess", "from": "2021-02-01", "to": "2021-01-01"})
    assert response.status_code == 400
    assert response.json()["details"] == {"from": "La date de début est après la fin."}
    assert client.get(URL).status_code == 400
