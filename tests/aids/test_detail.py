"""The public page of an aid, and who may see a draft."""

import re

import pytest

from aidess.aids.enums import AidSource, AidStatus, AmountKind
from aidess.aids.models import Aid
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from tests.aids.helpers import make_aid, text_of
from tests.factories import StructureFactory, UserFactory, partner

pytestmark = pytest.mark.django_db


def page_text(client, slug):
    response = client.get(f"/aides/{slug}/")
    assert response.status_code == 200
    return text_of(response.content.decode())


def practical_box(html):
    """The « En pratique » box as a {term: definition} dict."""
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    return {text_of(term): text_of(definition) for term, definition in pairs}


def test_aid_page_shows_description_providers_amount_and_territory(client):
    response = client.get("/aides/dla/")

    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(html)
    assert "Dispositif local d'accompagnement (DLA)" in text
    assert "bénéficier d'accompagnements gratuits et sur mesure" in text
    box = practical_box(html)
    assert box["Porteurs"] == (
        "Avise (opérateur national du DLA), Banque des territoires, "
        "État — délégation ministérielle à l'ESS"
    )
    assert box["Cofinanceurs"] == "Le Mouvement associatif"
    assert box["Montant"] == "Sans montant (service) Gratuit pour la structure accompagnée."
    assert box["Territoire"] == "France entière"
    assert "Ouverte" in text
    # The source is the document a person can look for, not a file of the project.
    assert "seeds/" not in text
    assert (
        "« Dispositif local d'accompagnement de l'ESS (DLA) » (fiche mise à jour le 3 février"
        in text
    )


def test_amounts_are_written_in_euros(client):
    ptce = practical_box(client.get("/aides/ptce/").content.decode())
    assert ptce["Montant"].startswith("jusqu'à 100 000 €")
    dsess = practical_box(client.get("/aides/dsess/").content.decode())
    assert dsess["Montant"].startswith("5 000 € (forfait)")


def test_rate_and_range_amounts(client):
    make_aid("Aide au taux", amount_kind=AmountKind.RATE, rate_percent="37.50", slug="aide-au-taux")
    make_aid(
        "Aide en fourchette",
        amount_kind=AmountKind.RANGE,
        amount_min_eur="1500",
        amount_max_eur="20000",
        slug="aide-en-fourchette",
    )
    assert practical_box(client.get("/aides/aide-au-taux/").content.decode())["Montant"] == (
        "37,50 % du budget"
    )
    assert practical_box(client.get("/aides/aide-en-fourchette/").content.decode())["Montant"] == (
        "de 1 500 € jusqu'à 20 000 €"
    )


def test_regional_aid_lists_its_regions(client):
    box = practical_box(client.get("/aides/sos-employeurs-ess/").content.decode())
    for region in [
        "Hauts-de-France",
        "Bretagne",
        "Normandie",
        "Pays de la Loire",
        "Auvergne-Rhône-Alpes",
        "Provence-Alpes-Côte d'Azur",
    ]:
        assert region in box["Territoire"]
    assert "France entière" not in box["Territoire"]


def test_local_aid_lists_its_epci_and_commune(client):
    make_aid(
        "Aide lilloise",
        slug="aide-lilloise",
        departments=["59"],
        epcis=["200093201"],
        communes=["59350"],
    )
    box = practical_box(client.get("/aides/aide-lilloise/").content.decode())
    assert box["Territoire"] == "Nord, Métropole Européenne de Lille, Lille"


def test_the_providers_contact_page_is_linked(client):
    html = client.get("/aides/mediateur-des-entreprises/").content.decode()
    link = re.search(r'<a class="fr-link" href="([^"]+)"[^>]*>Contacter le porteur de l', html)
    assert link[1] == "https://www.mediateur-des-entreprises.fr/"


def test_an_imported_aid_links_to_its_original_page_for_contact(client):
    aid = Aid.objects.filter(source=AidSource.AIDES_TERRITOIRES, status=AidStatus.PUBLISHED).first()
    html = client.get(aid.get_absolute_url()).content.decode()
    assert f'href="{aid.source_url}"' in html
    assert "Fiche d'origine et contact du porteur" in html
    assert "Associations" in text_of(html)
    assert "Import Aides-territoires" in text_of(html)


def test_a_closed_aid_keeps_its_page(client):
    text = page_text(client, "dsess")
    assert "Fermée" in text
    assert "Ouverte" not in text
    assert "Dispositif de secours ESS (DSESS)" in text


def test_an_aid_past_its_closing_date_is_shown_closed(client):
    make_aid("Aide passée", slug="aide-passee", closing_date="2021-03-31")
    text = page_text(client, "aide-passee")
    assert "Fermée" in text
    assert "Clôture le 31 mars 2021" in text


def test_signed_in_people_open_public_aid_pages(client, login):
    member = UserFactory()
    StructureFactory(member=member)
    for user in [
        member,
        partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"]),
        UserFactory(admin=True),
    ]:
        login(user)
        assert "Ouverte" in page_text(client, "dla")
        assert "Fermée" in page_text(client, "dsess")


def test_unknown_aid_is_404(client):
    assert client.get("/aides/aide-qui-n-existe-pas/").status_code == 404


@pytest.fixture
def provider_user():
    return partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"])


@pytest.fixture
def draft(provider_user):
    organization = Organization.objects.get(memberships__user=provider_user)
    return make_aid(
        "Aide en attente",
        slug="aide-en-attente",
        providers=[organization],
        status=AidStatus.DRAFT,
        regions=["32"],
    )


def test_a_draft_is_hidden_from_visitors_and_other_users(client, login, draft):
    assert client.get("/aides/aide-en-attente/").status_code == 404
    login(partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"]))
    assert client.get("/aides/aide-en-attente/").status_code == 404
    member = UserFactory()
    StructureFactory(member=member)
    login(member)
    assert client.get("/aides/aide-en-attente/").status_code == 404


def test_its_provider_sees_the_draft_and_can_edit_but_not_publish(
    client, login, draft, provider_user
):
    login(provider_user)
    html = client.get("/aides/aide-en-attente/").content.decode()
    text = text_of(html)
    assert "Brouillon, pas encore visible du public" in text
    assert "Modifier l'aide" in text
    assert 'action="/aides/aide-en-attente/etat/submit/"' in html
    assert "/aides/aide-en-attente/etat/publish/" not in html


def test_an_admin_sees_the_draft_with_a_publish_button(client, login, draft):
    login(UserFactory(admin=True))
    html = client.get("/aides/aide-en-attente/").content.decode()
    assert "Brouillon, pas encore visible du public" in text_of(html)
    assert 'action="/aides/aide-en-attente/etat/publish/"' in html


def criteria_section(html):
    """The « Qui peut en bénéficier ? » list, one item per condition."""
    section = re.search(r"<h2>Qui peut en bénéficier \?</h2>\s*<ul>(.*?)</ul>", html, re.S)
    return [text_of(item) for item in re.findall(r"<li>(.*?)</li>", section[1], re.S)]


def test_an_aid_page_states_its_criteria_in_plain_french(client):
    assert criteria_section(client.get("/aides/dla/").content.decode()) == [
        "Réservé aux structures de l'économie sociale et solidaire (ESS).",
        "Réservé aux structures employeuses (au moins un salarié).",
        "Ouvert sur toute la France.",
    ]
    france_active = client.get("/aides/france-active-accompagnement/").content.decode()
    lines = criteria_section(france_active)
    assert "Réservé à : association ou entreprise agréée ESUS." in lines
    assert "Budget annuel : de 200 000 € au moins." in lines  # narrow space, collapsed
    assert any(line.startswith("Pour les structures qui connaissent") for line in lines)
    sos = criteria_section(client.get("/aides/sos-employeurs-ess/").content.decode())
    assert sos[-1] == "Réservé aux structures dont le siège est dans le territoire de l'aide."


def test_an_aid_page_links_to_the_simulation_for_that_aid(client):
    html = client.get("/aides/dla/").content.decode()
    assert re.search(r'href="/simulation/\?aid=dla"[^>]*>Vérifier mon éligibilité</a>', html)


def test_an_imported_aid_names_its_export_not_a_file(client):
    aid = Aid.objects.filter(source=AidSource.AIDES_TERRITOIRES, status=AidStatus.PUBLISHED).first()
    text = text_of(client.get(aid.get_absolute_url()).content.decode())
    assert ".csv" not in text
    assert "Import de l'export Aides-territoires (export public de l'automne 2022)." in text


def test_a_permanent_aid_with_a_closing_date_is_not_called_permanent(client):
    make_aid("Aide jusqu'en 2027", slug="aide-2027", closing_date="2027-03-31")
    box = practical_box(client.get("/aides/aide-2027/").content.decode())
    assert box["Calendrier"] == "Clôture le 31 mars 2027"
    assert practical_box(client.get("/aides/dla/").content.decode())["Calendrier"] == "Permanente"


def test_a_rate_shows_its_ceiling(client):
    make_aid(
        "Aide plafonnée",
        slug="aide-plafonnee",
        amount_kind=AmountKind.RATE,
        rate_percent="50",
        amount_max_eur="8000",
    )
    box = practical_box(client.get("/aides/aide-plafonnee/").content.decode())
    assert box["Montant"] == "50 % du budget, jusqu'à 8 000 €"
