"""The structure profile form, driven through its pages as a person would: lookup, then save."""

import socket
from decimal import Decimal

import pytest
from django.urls import reverse

from aidess.structures.models import Structure, StructureMembership
from tests.factories import StructureFactory, UserFactory
from tests.html import Page

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("structures:create")
# Neither confirms nor denies that a structure with this SIRET is on AidESS.
SIRET_UNAVAILABLE = (
    "Ce SIRET ne peut pas être utilisé pour cette fiche. Si votre structure est déjà inscrite "
    "sur AidESS, demandez à une personne qui gère sa fiche de vous y ajouter."
)
UNKNOWN_SIRET = "73282932000074"  # valid checksum, absent from the recorded answers


def page_of(response):
    assert response.status_code == 200
    return Page(response.content.decode())


def values(page):
    """What the profile form shows, one value a field (an unchecked box is absent)."""
    return page.form_with("name").values()


def error_of(page, field):
    """The error text announced for `field` (the element its aria-describedby points to)."""
    error_id = f"id_{field}-desc-error"
    described_by = page.form_with("name").field(field)["describedby"]
    assert error_id in described_by.split(), f"{field} is not described by an error"
    return page.text(error_id)


def submission(page, action):
    """The POST a browser sends when the person clicks the button of `action`."""
    data = {name: value for name, value in values(page).items() if value != ""}
    return {**data, "action": action}


def profile(**values):
    """A profile as a person fills it in, without SIRET: enough to be saved."""
    return {
        "name": "Les Jardins partagés",
        "sector": "environment",
        "commune": "Lille",
        "employees_fte": "2.5",
        "volunteers": "14",
        "annual_budget_eur": "48000",
        "public_funding_share": "35",
        **values,
    }


@pytest.fixture
def person(login):
    user = UserFactory()
    login(user)
    return user


def lookup(client, siret, url=CREATE_URL, **typed):
    return client.post(url, {**typed, "siret": siret, "action": "lookup"})


def save(client, url=CREATE_URL, **values):
    return client.post(url, {**values, "action": "save"})


# Lookup in the Sirene directory


def test_lookup_prefills_the_profile_from_sirene(client, person, sirene_api):
    page = page_of(lookup(client, "800 329 849 00023"))

    assert values(page)["siret"] == "80032984900023"
    assert values(page)["name"] == "THEATRE STEPHANE GILDAS"
    assert values(page)["legal_category"] == "9220"
    assert values(page)["naf_activity"] == "90.01Z"
    assert values(page)["commune"] == "Paris 13e Arrondissement (75113)"
    assert values(page)["is_ess"] == "on"
    assert values(page)["rna_number"] == "W751222623"
    assert values(page)["creation_date"] == "2013-12-18"
    assert "Fiche pré-remplie depuis le répertoire Sirene" in page.text("siret-lookup-result")
    assert Structure.objects.count() == 0, "a lookup never saves"


def test_lookup_keeps_what_was_typed_in_other_fields(client, person, sirene_api):
    typed = {
        "employees_fte": "3.5",
        "volunteers": "12",
        "sector": "culture",
        "annual_budget_eur": "120000",
        "public_funding_share": "40",
        "is_iae": "on",
    }
    page = page_of(lookup(client, "80032984900023", **typed))

    for name, value in typed.items():
        assert values(page).get(name) == value, name
    assert values(page)["name"] == "THEATRE STEPHANE GILDAS"


def test_lookup_then_save_creates_the_structure(client, person, sirene_api):
    page = page_of(lookup(client, "80032984900023", employees_fte="3.5", sector="culture"))
    response = client.post(CREATE_URL, submission(page, "save"))

    structure = Structure.objects.get()
    assert response.status_code == 302
    assert response.url == structure.get_absolute_url()
    assert structure.siret == "80032984900023"
    assert structure.name == "THEATRE STEPHANE GILDAS"
    assert structure.commune_id == "75113"
    assert structure.department_id == "75"
    assert structure.region_id == "11"
    assert structure.legal_category_id == "9220"
    assert structure.legal_form == "association"
    assert structure.naf_activity_id == "90.01Z"
    assert structure.rna_number == "W751222623"
    assert structure.is_ess is True
    assert structure.employees_fte == Decimal("3.5")
    assert structure.sector == "culture"
    membership = StructureMembership.objects.get(structure=structure)
    assert membership.user == person
    assert membership.is_admin is True

    detail = client.get(response.url).content.decode()
    assert "La fiche de votre structure est créée." in detail
    assert "THEATRE STEPHANE GILDAS" in detail
    assert "Paris 13e Arrondissement" in detail


def test_lookup_of_a_ceased_association_warns(client, person, sirene_api):
    page = page_of(lookup(client, "84201905100015"))

    assert values(page)["name"] == "MANAKIN PRODUCTION"
    assert "cessé son activité" in page.text("siret-lookup-result")


def test_lookup_of_a_company_outside_the_ess_unticks_ess(client, person, sirene_api):
    page = page_of(lookup(client, "55203253400703", is_ess="on"))

    assert values(page)["name"] == "DANONE"
    assert values(page)["legal_category"] == "5599"
    assert "is_ess" not in values(page)
    assert values(page).get("rna_number", "") == ""


def test_lookup_by_htmx_returns_only_the_form(client, person, sirene_api):
    response = client.post(
        CREATE_URL,
        {"siret": "80032984900023", "action": "lookup"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<form method="post" id="structure-form"')
    assert "<html" not in html
    assert "<h1>" not in html
    assert values(Page(html))["name"] == "THEATRE STEPHANE GILDAS"


def test_lookup_without_htmx_returns_the_full_page(client, person):
    response = lookup(client, "80032984900024")

    html = response.content.decode()
    assert "<html" in html
    assert "<h1>Ajouter ma structure</h1>" in html
    assert "clé de contrôle incorrecte" in Page(html).text("siret-lookup-result")


def assert_lookup_failed_and_kept(response, message):
    page = page_of(response)
    assert message in page.text("siret-lookup-result")
    assert values(page)["name"] == "Les Jardins partagés"
    assert values(page)["commune"] == "Lille"
    assert values(page)["employees_fte"] == "2.5"
    assert values(page)["volunteers"] == "14"
    assert values(page)["sector"] == "environment"
    assert Structure.objects.count() == 0
    return page


def test_lookup_of_an_unknown_siret_keeps_everything_typed(client, person, sirene_api):
    page = assert_lookup_failed_and_kept(
        lookup(client, UNKNOWN_SIRET, **profile()), "Ce SIRET est introuvable"
    )
    assert values(page)["siret"] == UNKNOWN_SIRET


def test_lookup_when_the_service_is_slow(client, person, sirene_api_silent):
    assert_lookup_failed_and_kept(
        lookup(client, "80032984900023", **profile()), "met trop de temps à répondre"
    )


def test_lookup_when_the_service_fails(client, person, sirene_api_failing):
    expected = {429: "trop de demandes", 500: "momentanément indisponible"}
    assert_lookup_failed_and_kept(
        lookup(client, "80032984900023", **profile()), expected[sirene_api_failing.mode]
    )


def test_lookup_when_the_service_is_unreachable(client, person, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        settings.RECHERCHE_ENTREPRISES_URL = f"http://127.0.0.1:{sock.getsockname()[1]}"

    assert_lookup_failed_and_kept(lookup(client, "80032984900023", **profile()), "injoignable")


# Without a fixture server the test settings point at a closed port: a call would say "injoignable".


def test_lookup_of_an_invalid_siret_does_not_call_the_service(client, person):
    page = assert_lookup_failed_and_kept(
        lookup(client, "80032984900024", **profile()), "clé de contrôle incorrecte"
    )
    assert values(page)["siret"] == "80032984900024"
    assert "injoignable" not in page.text("siret-lookup-result")


def test_lookup_without_siret_asks_for_one(client, person):
    page = assert_lookup_failed_and_kept(lookup(client, "", **profile()), "Saisissez un SIRET")
    assert "injoignable" not in page.text("siret-lookup-result")


# Saving by hand


def test_profile_typed_by_hand_is_saved(client, person):
    response = save(client, **profile(legal_category="9220", rna_number="w591234567"))

    structure = Structure.objects.get()
    assert response.url == structure.get_absolute_url()
    assert structure.siret is None
    assert structure.commune_id == "59350"
    assert structure.department_id == "59"
    assert structure.region_id == "32"
    assert structure.legal_form == "association"
    assert structure.rna_number == "W591234567"
    assert structure.public_funding_share == Decimal("35")
    assert structure.memberships.get().user == person


def test_siret_typed_with_spaces_is_saved_compact(client, person):
    save(client, **profile(siret="800 329 849 00023"))

    assert Structure.objects.get().siret == "80032984900023"


def test_postal_code_of_a_single_commune(client, person):
    save(client, **profile(commune="64000"))

    structure = Structure.objects.get()
    assert structure.commune.name == "Pau"
    assert structure.department_id == "64"
    assert structure.region_id == "75"


def test_commune_label_from_the_suggestion_list(client, person):
    save(client, **profile(commune="Aubusson (23008)"))

    structure = Structure.objects.get()
    assert structure.department_id == "23"
    assert structure.region_id == "75"


def assert_rejected(response, field, message, typed):
    """The page is shown again, the message next to `field`, and everything typed kept."""
    page = page_of(response)
    assert message in error_of(page, field)
    for name, value in typed.items():
        if name != "action":
            assert values(page).get(name) == value, name
    assert not Structure.objects.filter(name=typed["name"]).exists()
    return page


def test_siret_of_wrong_length(client, person):
    typed = profile(siret="8003298490")
    assert_rejected(save(client, **typed), "siret", "14 chiffres ; vous en avez saisi 10", typed)


def test_siret_with_letters(client, person):
    typed = profile(siret="8003298490002A")
    assert_rejected(save(client, **typed), "siret", "ne contient que des chiffres", typed)


def test_siret_with_a_wrong_checksum(client, person):
    typed = profile(siret="80032984900024")
    assert_rejected(save(client, **typed), "siret", "clé de contrôle incorrecte", typed)


def test_siret_already_registered_offers_to_join(client, person):
    """Its public name only, and a way to ask its administrators (tests/structures/
    test_join_requests.py follows the request)."""
    StructureFactory(siret="80032984900023", name="Théâtre déjà là")
    typed = profile(siret="80032984900023")

    page = assert_rejected(
        save(client, **typed),
        "siret",
        "déjà inscrite sur AidESS sous le nom « Théâtre déjà là »",
        typed,
    )
    assert "Demander à rejoindre cette structure" in page.all_text
    assert Structure.objects.filter(siret="80032984900023").count() == 1


def test_unknown_commune(client, person):
    typed = profile(commune="Trifouillis-les-Oies")
    assert_rejected(save(client, **typed), "commune", "Commune inconnue", typed)


def test_commune_name_shared_by_several_communes(client, person):
    typed = profile(commune="Sainte-Colombe")
    page = assert_rejected(
        save(client, **typed), "commune", "Plusieurs communes correspondent", typed
    )
    assert "Sainte-Colombe (05135)" in error_of(page, "commune")


def test_postal_code_that_is_also_another_communes_insee_code(client, person):
    """23200 is Aubusson's postal code and Saint-Goussaud's INSEE code: ask, never guess."""
    typed = profile(commune="23200")
    page = assert_rejected(
        save(client, **typed), "commune", "Plusieurs communes correspondent", typed
    )
    assert "Aubusson (23008)" in error_of(page, "commune")
    assert "Saint-Goussaud (23200)" in error_of(page, "commune")


def test_postal_code_typed_before_a_failed_lookup_is_shown_as_typed(client, person):
    """The lookup must not turn the postal code typed into the commune having it as INSEE code."""
    page = page_of(lookup(client, "8003298490", **profile(commune="23200")))

    assert "14 chiffres" in page.text("siret-lookup-result")
    assert values(page)["commune"] == "23200"


def test_negative_fte(client, person):
    typed = profile(employees_fte="-2")
    assert_rejected(
        save(client, **typed), "employees_fte", "Le nombre d'ETP ne peut pas être négatif", typed
    )


def test_negative_budget(client, person):
    typed = profile(annual_budget_eur="-500")
    assert_rejected(
        save(client, **typed), "annual_budget_eur", "Le budget ne peut pas être négatif", typed
    )


def test_public_funding_share_below_zero(client, person):
    typed = profile(public_funding_share="-1")
    assert_rejected(
        save(client, **typed), "public_funding_share", "comprise entre 0 et 100 %", typed
    )


def test_public_funding_share_above_hundred(client, person):
    typed = profile(public_funding_share="120")
    assert_rejected(
        save(client, **typed), "public_funding_share", "comprise entre 0 et 100 %", typed
    )


def test_malformed_rna_number(client, person):
    typed = profile(rna_number="W75-1222")
    assert_rejected(save(client, **typed), "rna_number", "W suivi de 9 caractères", typed)


def test_missing_name(client, person):
    typed = profile(name="")
    page = page_of(save(client, **typed))
    assert "Indiquez le nom de la structure" in error_of(page, "name")
    assert values(page)["commune"] == "Lille"
    assert Structure.objects.count() == 0


# Editing an existing profile


def test_edit_page_shows_the_saved_profile(client, person):
    structure = StructureFactory(member=person, siret="80032984900023", employees_fte=4)

    page = page_of(client.get(reverse("structures:update", args=[structure.pk])))

    assert values(page)["name"] == structure.name
    assert values(page)["siret"] == "80032984900023"
    assert values(page)["commune"] == "Lille (59350)"
    assert values(page)["legal_category"] == "9220"
    assert Decimal(values(page)["employees_fte"]) == 4


def test_edit_and_save_own_profile(client, person):
    structure = StructureFactory(member=person, siret="80032984900023")
    url = reverse("structures:update", args=[structure.pk])
    page = page_of(client.get(url))

    data = {**submission(page, "save"), "commune": "Aubusson (23008)", "volunteers": "30"}
    response = client.post(url, data)

    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.siret == "80032984900023", "its own SIRET is not a duplicate"
    assert structure.volunteers == 30
    assert structure.department_id == "23"
    assert structure.region_id == "75"
    assert structure.memberships.count() == 1
    assert "Les modifications sont enregistrées." in client.get(response.url).content.decode()


def test_edit_with_the_siret_of_another_structure(client, person):
    StructureFactory(siret="80032984900023")
    structure = StructureFactory(member=person)
    url = reverse("structures:update", args=[structure.pk])
    data = {**submission(page_of(client.get(url)), "save"), "siret": "80032984900023"}

    page = page_of(client.post(url, data))

    assert error_of(page, "siret") == SIRET_UNAVAILABLE
    structure.refresh_from_db()
    assert structure.siret is None


def test_lookup_on_the_edit_page_keeps_the_structure(client, person, sirene_api):
    structure = StructureFactory(member=person, name="Ancien nom", volunteers=8)
    url = reverse("structures:update", args=[structure.pk])
    data = {**submission(page_of(client.get(url)), "lookup"), "siret": "80032984900023"}

    page = page_of(client.post(url, data))

    assert values(page)["name"] == "THEATRE STEPHANE GILDAS"
    assert values(page)["volunteers"] == "8"
    structure.refresh_from_db()
    assert structure.name == "Ancien nom", "nothing is saved before « Enregistrer »"
