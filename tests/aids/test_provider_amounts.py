"""What a funder types in the aid form is shown, or refused in French: never silently dropped."""

import pytest

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from tests.aids.helpers import field_error, form_data, make_aid, text_of
from tests.factories import partner

pytestmark = pytest.mark.django_db

CREATE_URL = "/aides/nouvelle/"
NAME = "Fonds d'amorçage des tiers-lieux"


@pytest.fixture
def organization(client, login):
    user = partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"])
    login(user)
    return Organization.objects.get(memberships__user=user)


def submit(client, organization, url=CREATE_URL, **changes):
    page = client.get(url).content.decode()
    fields = {
        "name": NAME,
        "short_description": "Premier équipement des tiers-lieux associatifs.",
        "kind": "grant",
        "providers": [str(organization.pk)],
        "regions": ["32"],
        **changes,
    }
    return client.post(url, form_data(page, **fields))


def test_amounts_typed_without_choosing_their_kind_are_refused_in_french(client, organization):
    # The kind is left at its default, "Sans montant (service)".
    response = submit(client, organization, amount_min_eur="2000", amount_max_eur="10000")

    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "id_amount_kind").startswith(
        "Vous avez indiqué un montant ou un taux : choisissez le type de montant"
    )
    assert 'name="amount_max_eur" value="10000"' in html
    assert not Aid.objects.filter(name=NAME).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"amount_kind": "flat", "amount_min_eur": "1000", "amount_max_eur": "5000"},
            "amount_min_eur",
            "Un forfait ou un taux n'a pas de minimum",
        ),
        ({"amount_kind": "range", "amount_min_eur": "1000"}, "amount_max_eur", "Indiquez le"),
        (
            {"amount_kind": "range", "amount_max_eur": "5000", "rate_percent": "20"},
            "rate_percent",
            "Un taux ne s'indique qu'avec le type « Taux d'un budget ».",
        ),
    ],
)
def test_an_amount_its_kind_would_not_show_is_refused(
    client, organization, changes, field, message
):
    response = submit(client, organization, **changes)
    assert response.status_code == 200
    assert field_error(response.content.decode(), f"id_{field}").startswith(message)
    assert not Aid.objects.filter(name=NAME).exists()


def test_amounts_with_their_kind_are_shown_on_the_aid_page(client, organization):
    response = submit(
        client, organization, amount_kind="range", amount_min_eur="2000", amount_max_eur="10000"
    )
    assert response.status_code == 302
    text = text_of(client.get(response["Location"]).content.decode())
    assert "de 2 000 € jusqu'à 10 000 €" in text
    assert "Sans montant" not in text


def test_a_provider_closes_its_published_aid_with_the_button(client, organization):
    aid = make_aid("Aide ouverte", providers=[organization], regions=["32"])
    assert "Clôturer</button>" in client.get(aid.get_absolute_url()).content.decode()

    response = client.post(f"/aides/{aid.slug}/etat/close/")

    assert response.status_code == 302
    aid.refresh_from_db()
    assert aid.status == AidStatus.CLOSED
    assert "Aide ouverte Clôturée" in text_of(
        client.get("/aides/mes-aides-publiees/").content.decode()
    )


def test_a_provider_cannot_close_its_draft(client, organization):
    """Closed aids are public: closing a draft would skip moderation."""
    draft = make_aid("Aide en attente", providers=[organization], status=AidStatus.DRAFT)
    assert "Clôturer</button>" not in client.get(draft.get_absolute_url()).content.decode()

    response = client.post(f"/aides/{draft.slug}/etat/close/")

    assert response.status_code == 409
    assert "Action « Clôturer » impossible : l'état est « Brouillon »" in text_of(
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == AidStatus.DRAFT
    listing = text_of(client.get("/aides/mes-aides-publiees/").content.decode())
    assert "Aide en attente Brouillon, à soumettre à modération" in listing
