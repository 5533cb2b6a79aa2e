"""Providers publish their aids through /aides/nouvelle/; administrators moderate them."""

import pytest
from django.utils import timezone

from aidess.aids.enums import AidSource, AidStatus
from aidess.aids.models import Aid
from aidess.aids.moderation import AID_LIFECYCLE
from aidess.aids.search import search_aids
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from tests.aids.helpers import field_error, form_data, make_aid, text_of
from tests.factories import StructureFactory, UserFactory, partner

pytestmark = pytest.mark.django_db

CREATE_URL = "/aides/nouvelle/"
NAME = "Fonds régional pour l'emploi associatif"
SLUG = "fonds-regional-pour-lemploi-associatif"


@pytest.fixture
def provider_user():
    return partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"])


@pytest.fixture
def organization(provider_user):
    return Organization.objects.get(memberships__user=provider_user)


@pytest.fixture
def provider(client, login, provider_user):
    return login(provider_user)


def valid_fields(organization, **changes):
    return {
        "name": NAME,
        "short_description": "Aide au premier emploi salarié des associations des Hauts-de-France.",
        "description": "Prise en charge dégressive d'un poste sur trois ans.",
        "kind": "grant",
        "providers": [str(organization.pk)],
        "amount_kind": "range",
        "amount_min_eur": "1000",
        "amount_max_eur": "15000",
        "regions": ["32"],
        **changes,
    }


def submit(client, url, organization, **changes):
    """Fill in the page's form as a person would, then send it."""
    page = client.get(url)
    assert page.status_code == 200
    return client.post(
        url, form_data(page.content.decode(), **valid_fields(organization, **changes))
    )


def found(text):
    aids = search_aids({"q": text}, timezone.localdate()).all()
    return {aid.slug for aid in aids}


def test_a_provider_creates_a_draft_submits_it_and_only_an_admin_publishes(
    client, login, provider, organization
):
    response = submit(client, CREATE_URL, organization)

    assert response.status_code == 302
    assert response["Location"] == f"/aides/{SLUG}/"
    aid = Aid.objects.get(slug=SLUG)
    assert aid.status == AidStatus.DRAFT
    assert aid.source == AidSource.PROVIDER
    assert list(aid.providers.all()) == [organization]
    page = text_of(client.get(response["Location"]).content.decode())
    assert "Soumettez-la à modération quand elle est prête" in page
    assert "Brouillon, pas encore visible du public" in page
    assert SLUG not in found("emploi associatif")

    assert client.post(f"/aides/{SLUG}/etat/publish/").status_code == 403
    assert client.post(f"/aides/{SLUG}/etat/submit/").status_code == 302
    assert Aid.objects.get(slug=SLUG).status == AidStatus.SUBMITTED
    assert SLUG not in found("emploi associatif")

    login(UserFactory(admin=True))
    response = client.post(f"/aides/{SLUG}/etat/publish/")
    assert response.status_code == 302
    assert Aid.objects.get(slug=SLUG).status == AidStatus.PUBLISHED
    assert SLUG in found("emploi associatif")
    client.logout()
    assert "Ouverte" in text_of(client.get(f"/aides/{SLUG}/").content.decode())


def test_publishing_needs_a_post(client, login, provider, organization):
    submit(client, CREATE_URL, organization)
    login(UserFactory(admin=True))
    assert client.get(f"/aides/{SLUG}/etat/publish/").status_code == 405
    assert Aid.objects.get(slug=SLUG).status == AidStatus.DRAFT


def test_two_aids_with_the_same_name_get_distinct_slugs(client, provider, organization):
    submit(client, CREATE_URL, organization)
    response = submit(client, CREATE_URL, organization)
    assert response["Location"] == f"/aides/{SLUG}-2/"


def test_sectors_chosen_by_the_provider_are_saved(client, provider, organization):
    submit(client, CREATE_URL, organization, sectors=["culture", "sport"])
    aid = Aid.objects.get(slug=SLUG)
    assert set(aid.sectors.values_list("sector", flat=True)) == {"culture", "sport"}


def test_needs_ticked_by_the_provider_rank_the_aid_and_are_shown_again(
    client, provider, organization
):
    submit(client, CREATE_URL, organization, needs=["cash", "payment_dispute"])
    aid = Aid.objects.get(slug=SLUG)
    assert set(aid.needs.values_list("need", flat=True)) == {"cash", "payment_dispute"}

    url = f"/aides/{aid.slug}/modifier/"
    page = client.get(url).content.decode()
    assert form_data(page)["needs"] == ["cash", "payment_dispute"]
    client.post(url, form_data(page, needs=["investment"]))
    assert list(aid.needs.values_list("need", flat=True)) == ["investment"]


def test_a_regional_provider_cannot_publish_a_national_aid(client, provider, organization):
    response = submit(client, CREATE_URL, organization, is_national="on", regions=[])
    html = response.content.decode()
    assert response.status_code == 200
    assert field_error(html, "id_is_national") == (
        "Votre organisation ne publie que sur son territoire."
    )
    assert not Aid.objects.filter(slug=SLUG).exists()


def test_a_regional_provider_cannot_target_another_region(client, provider, organization):
    response = submit(client, CREATE_URL, organization, regions=["32", "93"])
    html = response.content.decode()
    assert field_error(html, "id_regions") == (
        "Hors du territoire de votre organisation : Provence-Alpes-Côte d'Azur."
    )
    assert '<option value="93" selected>' in html
    assert not Aid.objects.filter(slug=SLUG).exists()


def test_a_regional_provider_cannot_target_a_department_of_another_region(
    client, provider, organization
):
    response = submit(client, CREATE_URL, organization, regions=[], departments=["35"])
    html = response.content.decode()
    assert field_error(html, "id_departments") == (
        "Hors du territoire de votre organisation : Ille-et-Vilaine."
    )
    assert field_error(html, "id_regions") == ""
    assert not Aid.objects.filter(slug=SLUG).exists()


def test_a_regional_provider_targets_a_department_of_its_region(client, provider, organization):
    response = submit(client, CREATE_URL, organization, regions=[], departments=["59"])
    assert response.status_code == 302
    aid = Aid.objects.get(slug=SLUG)
    assert not aid.is_national
    assert list(aid.departments.values_list("code", flat=True)) == ["59"]


def test_an_aid_needs_a_territory(client, provider, organization):
    response = submit(client, CREATE_URL, organization, regions=[])
    assert field_error(response.content.decode(), "id_regions") == (
        "Choisissez le territoire de l'aide, ou cochez « aide nationale »."
    )


def test_an_admin_may_publish_a_national_aid(client, login, organization):
    login(UserFactory(admin=True))
    response = submit(client, CREATE_URL, organization, is_national="on", regions=[])
    assert response.status_code == 302
    assert client.post(f"/aides/{SLUG}/etat/publish/").status_code == 302  # drafts too, for them
    aid = Aid.objects.get(slug=SLUG)
    assert aid.is_national and aid.status == AidStatus.PUBLISHED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount_min_eur": "-50"}, "amount_min_eur", "Un montant ne peut pas être négatif."),
        (
            {"amount_min_eur": "", "amount_max_eur": "-1"},
            "amount_max_eur",
            "Un montant ne peut pas être négatif.",
        ),
        (
            {"amount_min_eur": "20000", "amount_max_eur": "5000"},
            "amount_max_eur",
            "Le maximum doit être supérieur ou égal au minimum.",
        ),
        (
            {"amount_kind": "flat", "amount_min_eur": "", "amount_max_eur": ""},
            "amount_max_eur",
            "Indiquez le montant forfaitaire.",
        ),
        (
            {"amount_kind": "rate", "rate_percent": "120"},
            "rate_percent",
            "Le taux est compris entre 0 et 100 %.",
        ),
        ({"amount_kind": "rate"}, "rate_percent", "Indiquez le taux."),
        (
            {"opening_date": "2031-03-01", "closing_date": "2031-02-01"},
            "closing_date",
            "La clôture ne peut pas précéder l'ouverture.",
        ),
    ],
)
def test_wrong_amounts_and_dates_are_explained_and_what_was_typed_is_kept(
    client, provider, organization, changes, field, message
):
    response = submit(client, CREATE_URL, organization, **changes)

    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, f"id_{field}") == message
    for name, value in changes.items():
        if value and name != "amount_kind":
            assert f'name="{name}" value="{value}"' in html
    if "amount_kind" in changes:
        assert f'<option value="{changes["amount_kind"]}" selected>' in html
    assert 'value="Fonds régional pour l&#x27;emploi associatif"' in html
    assert not Aid.objects.filter(slug=SLUG).exists()


def test_structure_members_cannot_publish_aids(client, login):
    member = UserFactory()
    StructureFactory(member=member)
    login(member)
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, {"name": "Aide pirate"}).status_code == 403
    assert not Aid.objects.filter(name="Aide pirate").exists()


def test_support_organisations_cannot_publish_aids(client, login):
    login(partner(OrganizationKind.SUPPORT, ScopeLevel.REGIONAL, regions=["32"]))
    assert client.get(CREATE_URL).status_code == 403


def test_visitors_are_asked_to_sign_in(client):
    response = client.get(CREATE_URL)
    assert response.status_code == 302
    assert "next=/aides/nouvelle/" in response["Location"]


def test_a_provider_edits_its_aid_and_the_slug_stays(client, provider, organization):
    aid = make_aid("Aide à reprendre", providers=[organization], regions=["32"])
    url = f"/aides/{aid.slug}/modifier/"
    page = client.get(url).content.decode()
    assert 'value="Aide à reprendre"' in page

    response = client.post(
        url,
        form_data(page, name="Aide à la reprise d'activité", description="Relance après sinistre."),
    )

    assert response.status_code == 302
    aid.refresh_from_db()
    assert aid.slug == "aide-a-reprendre"
    assert aid.name == "Aide à la reprise d'activité"
    assert list(aid.regions.values_list("code", flat=True)) == ["32"]
    assert aid.status == AidStatus.SUBMITTED  # a funder's edit of a published aid is moderated
    assert aid.slug not in found("sinistre")
    AID_LIFECYCLE.apply(aid, "publish", UserFactory(admin=True))
    assert aid.slug in found("sinistre")  # the new text was indexed


def test_a_provider_cannot_edit_another_organisations_draft(client, provider):
    other = partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"])
    aid = make_aid(
        "Aide d'un autre",
        providers=[Organization.objects.get(memberships__user=other)],
        status=AidStatus.DRAFT,
        regions=["32"],
    )
    assert client.get(f"/aides/{aid.slug}/modifier/").status_code == 404
    assert client.post(f"/aides/{aid.slug}/modifier/", {"name": "Piratée"}).status_code == 404
    aid.refresh_from_db()
    assert aid.name == "Aide d'un autre"


def test_a_provider_cannot_edit_another_organisations_published_aid(client, provider):
    """Visible to all, so the page exists; editing it is refused."""
    assert client.get("/aides/dla/modifier/").status_code == 403
    assert client.post("/aides/dla/modifier/", {"name": "Piraté"}).status_code == 403
    assert Aid.objects.get(slug="dla").name == "Dispositif local d'accompagnement (DLA)"
    assert "Modifier l'aide" not in client.get("/aides/dla/").content.decode()


def test_the_provider_lists_its_aids_drafts_included(client, provider, organization):
    make_aid("Aide publiée du financeur", providers=[organization], regions=["32"])
    make_aid(
        "Aide brouillon du financeur",
        providers=[organization],
        regions=["32"],
        status=AidStatus.DRAFT,
    )
    page = text_of(client.get("/aides/mes-aides-publiees/").content.decode())
    assert "Aide publiée du financeur Publiée" in page
    assert "Aide brouillon du financeur Brouillon" in page
    assert "Dispositif local d'accompagnement" not in page


def test_editing_a_shared_aid_keeps_the_other_organisations_providers(
    client, provider, organization
):
    other = Organization.objects.get(
        memberships__user=partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"])
    )
    aid = make_aid("Aide partagée", providers=[organization, other], regions=["32"])
    url = f"/aides/{aid.slug}/modifier/"

    response = client.post(url, form_data(client.get(url).content.decode(), amount_note="Révisé."))

    assert response.status_code == 302
    assert set(aid.providers.all()) == {organization, other}
