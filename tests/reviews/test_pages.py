"""The review pages (/bilans/): who opens them, the period checked in French, the figures, and
the XLSX and PDF read back; the dashboard's link card."""

import datetime
import html as markup
import io

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from openpyxl import load_workbook
from pypdf import PdfReader

from aidess.organizations.enums import Role, ScopeLevel
from aidess.reviews import models
from tests.factories import AidFactory, OrganizationMembershipFactory, UserFactory
from tests.plans.helpers import make_plan, regional_agent
from tests.reviews.decisions import granted, line

pytestmark = pytest.mark.django_db
QUOTE = "Sans cette aide, la compagnie aurait fermé."
PAGE = "/bilans/aide/fonds-secours/"


@pytest.fixture
def aid():
    aid = AidFactory(name="Fonds de secours", slug="fonds-secours")
    structure = granted(aid, datetime.date(2026, 3, 1), amount="8000").structure  # Lille
    models.Testimony.objects.create(
        structure=structure,
        aid=aid,
        quote=QUOTE,
        author_name="Inès B.",
        author_role="directrice",
        consent_to_publish=True,
    )
    return aid


@pytest.fixture
def agent():
    return OrganizationMembershipFactory(role=Role.WATCH_AGENT, scope=ScopeLevel.NATIONAL).user


def provider_of(aid):
    membership = OrganizationMembershipFactory(role=Role.PROVIDER, scope=ScopeLevel.NATIONAL)
    aid.providers.add(membership.organization)
    return membership.user


def test_a_watch_agent_reads_an_aids_review(client, aid, agent):
    client.force_login(agent)

    html = client.get(PAGE).content.decode()

    assert "Bilan d'impact — Fonds de secours" in html
    assert "8\u202f000\xa0€" in html
    assert "Hauts-de-France" in html and "Culture" in html
    assert QUOTE in html
    assert "Ce que « connu » veut dire" in html
    assert "/bilans/aide/fonds-secours/bilan.xlsx" in html


def test_the_choice_leads_to_the_review_with_its_period(client, aid, agent):
    client.force_login(agent)
    assert "Fonds de secours" in client.get("/bilans/").content.decode()

    response = client.get("/bilans/", {"aid": aid.pk, "plan": "", "from": "2026-01-01", "to": ""})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?from=2026-01-01"

    response = client.get("/bilans/", {"aid": "", "plan": "", "from": "", "to": ""})
    assert response.status_code == 400
    text = markup.unescape(response.content.decode())
    assert "Choisissez une aide ou un plan d'urgence, l'un des deux." in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-05-01", "to": "2026-01-01"}, "La date de début est après la date de fin."),
        ({"from": "2026-13-01"}, "Saisissez une date valide."),
        ({"to": "1900-01-01"}, "L'année doit être comprise entre 2000 et 2100."),
    ],
)
def test_a_bad_period_is_refused_in_french(client, aid, agent, query, message):
    client.force_login(agent)

    response = client.get(PAGE, query)

    assert response.status_code == 400
    text = markup.unescape(response.content.decode())
    assert message in text
    assert "Période invalide" in text
    assert client.get(f"{PAGE}bilan.xlsx", query).status_code == 400


def test_who_may_open_the_reviews(client, aid):
    assert client.get("/bilans/").status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get("/bilans/").status_code == 403
    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}bilan.pdf").status_code == 403
    assert client.get("/bilans/aide/inconnue/").status_code == 404
    assert client.get(f"/bilans/aide/{AidFactory(status='draft').slug}/").status_code == 404

    client.force_login(provider_of(aid))
    assert client.get(PAGE).status_code == 200
    assert client.get("/bilans/").status_code == 200
    client.force_login(provider_of(AidFactory()))
    assert client.get(PAGE).status_code == 403


def test_a_plans_review_page_and_its_permissions(client, aid):
    agent = regional_agent()
    plan = make_plan(
        agent, aid=aid, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31)
    )
    line(plan, aid.applications.get().structure)
    client.force_login(agent)

    html = client.get(f"/bilans/plan/{plan.pk}/").content.decode()
    assert "Bilan d'impact — Plan culture Hauts-de-France" in html
    assert "Aides accordées du 1 janvier 2026 au 31 décembre 2026" in html
    assert QUOTE in html
    book = load_workbook(io.BytesIO(client.get(f"/bilans/plan/{plan.pk}/bilan.xlsx").content))
    summary = {row[0]: row[1] for row in book["Bilan"].iter_rows(values_only=True)}
    assert summary["Plan d'urgence"] == "Plan culture Hauts-de-France"
    assert summary["Structures aidées"] == 1

    manager = UserFactory()  # a manager of the plan, no watch agent
    plan.managers.add(manager)
    client.force_login(manager)
    assert "Plan culture Hauts-de-France" in client.get("/bilans/").content.decode()
    assert client.get(f"/bilans/plan/{plan.pk}/").status_code == 200
    assert client.get(PAGE).status_code == 403  # the aid's review is not the plan's

    client.force_login(regional_agent(region="93"))
    assert client.get(f"/bilans/plan/{plan.pk}/").status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(f"/bilans/plan/{plan.pk}/").status_code == 403
    assert client.get(f"/bilans/plan/{plan.pk}/bilan.xlsx").status_code == 403


def test_the_xlsx_holds_every_part(client, aid, agent):
    client.force_login(agent)

    response = client.get(f"{PAGE}bilan.xlsx", {"from": "2026-01-01"})

    assert response["Content-Disposition"] == 'attachment; filename="bilan-fonds-secours.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Bilan", "Par secteur", "Par région", "Devenir", "Témoignages"]
    summary = {row[0]: row[1] for row in book["Bilan"].iter_rows(values_only=True)}
    assert summary["Période"] == "du 2026-01-01 au …"
    assert summary["Montant accordé (€)"] == 8000
    assert summary["Parcours DLA terminés"] == 0
    regions = list(book["Par région"].iter_rows(min_row=2, values_only=True))
    assert regions[0][:3] == ("32", "Hauts-de-France", 1)
    outcomes = list(book["Devenir"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in outcomes] == ["6 mois", "12 mois"]
    quotes = list(book["Témoignages"].iter_rows(min_row=2, values_only=True))
    assert quotes[0][1:4] == (QUOTE, "Inès B.", "directrice")


def test_the_pdf_reads_back(client, aid, agent):
    client.force_login(agent)

    response = client.get(f"{PAGE}bilan.pdf")

    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Bilan d'impact — Fonds de secours" in text
    assert "Hauts-de-France" in text
    assert "Devenir des structures aidées" in text
    assert QUOTE in text


def render_home_section(user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load reviews_home %}{% reviews_home_section %}")
    return template.render(Context({"request": request}))


def test_the_home_section_for_agents_providers_and_helped_structures(aid, agent):
    assert "Bilans d'impact des aides et des plans" in render_home_section(agent)
    assert "Bilans d'impact des aides et des plans" in render_home_section(provider_of(aid))
    assert render_home_section(UserFactory()).strip() == ""

    member = UserFactory()
    structure = aid.applications.get().structure
    structure.memberships.create(user=member)
    html = render_home_section(member)
    assert f"Témoigner de l'aide reçue — {structure.name}" in html
    assert "Bilans d'impact des aides et des plans" not in html


def test_the_structure_page_link_to_its_testimonies(aid):
    structure = aid.applications.get().structure
    member = UserFactory()
    structure.memberships.create(user=member)
    request = RequestFactory().get("/")
    template = Template("{% load reviews_home %}{% reviews_structure_testimonies structure %}")

    request.user = member
    html = template.render(Context({"request": request, "structure": structure}))
    assert f"/bilans/temoignages/structure/{structure.pk}/" in html
    request.user = UserFactory()
    assert template.render(Context({"request": request, "structure": structure})).strip() == ""
