"""The watch agent's pages: home list (filters, sort, export), filing by form, the structure's
page and its triage forms, the dashboard section."""

import io
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from aidess.organizations.models import Organization
from aidess.structures.models import Structure
from aidess.watch.enums import AlertCause, AlertStatus, RiskLevel, Urgency
from aidess.watch.models import Alert, StructureRisk
from tests.demo_roles import Demo
from tests.factories import StructureFactory
from tests.watch.helpers import file

pytestmark = pytest.mark.django_db
HOME = reverse("watch:home")
REPORT = reverse("watch:report")


@pytest.fixture
def demo():
    return Demo()


@pytest.fixture
def agent(demo, login):
    return login(demo["watch_regional_75"])


def page(structure):
    return reverse("watch:structure", args=[structure.pk])


def text_of(response):
    return response.content.decode()


def test_home_lists_the_zone_structures_with_level_and_urgency(demo, agent):
    file(demo, demo.aubusson, urgency=Urgency.IMMEDIATE)
    limoges = StructureFactory(name="Régie de quartier de Limoges", commune_id="87085")
    file(demo, limoges, cause=AlertCause.ACTIVITY_LOSS, urgency=Urgency.LOW)
    # What knowledge.refresh_risk does: the level kept per structure and copied on its alerts.
    StructureRisk.objects.create(structure=limoges, level=RiskLevel.RED)
    Alert.objects.filter(structure=limoges).update(level=RiskLevel.RED)
    file(demo, demo.paris, role="watch_national")
    response = agent.get(HOME)
    html = text_of(response)
    assert "Tapisserie solidaire" in html and "Limoges" in html
    assert "Théâtre Stéphane Gildas" not in html
    assert "2 structures" in html
    assert "Inconnu" in html and "Rouge" in html
    assert "Immédiate (moins de 15 jours)" in html
    # sorted by level: the red one first
    assert html.index("Limoges") < html.index("Aubusson")
    by_urgency = text_of(agent.get(HOME, {"tri": "urgence"}))
    assert by_urgency.index("Aubusson") < by_urgency.index("Limoges")


def test_home_filters_and_search(demo, agent):
    file(demo, demo.aubusson, cause=AlertCause.STATE_FUNDING_CUT)
    limoges = StructureFactory(
        name="Régie de quartier", commune_id="87085", siret="33836505900017", sector="sport"
    )
    file(demo, limoges, cause=AlertCause.ACTIVITY_LOSS)
    assert "Aubusson" not in text_of(agent.get(HOME, {"departement": "87"}))
    assert "Régie" not in text_of(agent.get(HOME, {"cause": "state_funding_cut"}))
    assert "Aubusson" not in text_of(agent.get(HOME, {"q": "338 365 059"}))
    assert "Régie" not in text_of(agent.get(HOME, {"q": "aubusson"}))
    assert "Aubusson" not in text_of(agent.get(HOME, {"secteur": "sport"}))
    assert "Régie" in text_of(agent.get(HOME, {"taille": "inconnue"}))
    assert "Aucune structure" in text_of(agent.get(HOME, {"niveau": "red"}))
    assert "Aubusson" in text_of(agent.get(HOME, {"niveau": "unknown"}))
    invalid = agent.get(HOME, {"cause": "nope"})
    assert invalid.status_code == 200 and "Certains filtres sont invalides" in text_of(invalid)


def test_resolved_alerts_leave_the_list_followed_structures_stay(demo, agent):
    alert = file(demo, demo.aubusson)
    Alert.objects.filter(pk=alert.pk).update(status=AlertStatus.RESOLVED)
    assert "Aucune structure" in text_of(agent.get(HOME))
    assert "Aubusson" in text_of(agent.get(HOME, {"etat": "resolved"}))
    agent.post(
        reverse("watch:structure_action", args=[demo.aubusson.pk, "follow"]),
        {"follow-reason": "Fragile"},
    )
    html = text_of(agent.get(HOME))
    assert "Aubusson" in html and "Suivie" in html


def test_export_xlsx_keeps_text_as_text(demo, agent):
    formula = StructureFactory(name='=HYPERLINK("x")', commune_id="87085")
    file(demo, formula)
    file(demo, demo.aubusson)
    response = agent.get(reverse("watch:export"), {"departement": "87"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nom" and len(rows) == 2
    assert rows[1][0] == '=HYPERLINK("x")'
    assert sheet["A2"].data_type == "s"
    assert rows[1][5] == "Inconnu"


def test_national_escalated_tab(demo, login):
    alert = file(demo, demo.aubusson)
    other = file(demo, StructureFactory(name="Autre creusoise", commune_id="23008"))
    Alert.objects.filter(pk=alert.pk).update(status=AlertStatus.ESCALATED)
    national = login(demo["watch_national"])
    html = text_of(national.get(HOME, {"onglet": "remontees"}))
    assert "Aubusson" in html and other.structure.name not in html


def report(client, **data):
    values = {"cause": "state_funding_cut", "urgency": "high", "siret": "", **data}
    return client.post(REPORT, values)


def test_report_a_known_structure_by_siret(demo, agent):
    demo.aubusson.siret = "33836505900017"
    demo.aubusson.save()
    response = report(agent, siret="338 365 059 00017", amount_at_stake_eur="45 000")
    alert = Alert.objects.get()
    assert response.status_code == 302 and response["Location"] == page(demo.aubusson)
    assert alert.structure == demo.aubusson and alert.amount_at_stake_eur == Decimal("45000")
    assert "Signalement enregistré" in text_of(agent.get(response["Location"]))


def test_report_an_unknown_siret_creates_it_from_sirene(demo, agent, sirene_api):
    response = report(agent, siret="33836505900017", description="Perte de la subvention CAF")
    structure = Structure.objects.get(siret="33836505900017")
    assert response.status_code == 302
    assert structure.department_id == "64" and structure.region_id == "75"
    assert "répertoire Sirene" in text_of(agent.get(response["Location"]))


def test_report_falls_back_to_typing_when_sirene_has_nothing(demo, agent, sirene_api):
    response = report(agent, siret="73282932000074", description="texte gardé")
    html = text_of(response)
    assert response.status_code == 400
    assert "introuvable" in html and "Saisissez le nom et la commune" in html
    assert "texte gardé" in html and 'value="73282932000074"' in html
    response = report(
        agent, siret="73282932000074", name="Ressourcerie", commune="Aubusson (23008)"
    )
    assert response.status_code == 302
    assert Structure.objects.get(siret="73282932000074").department_id == "23"


def test_report_errors_are_french_and_keep_what_was_typed(demo, agent):
    response = report(agent, siret="1234", cause="", source_detail="Réseau des ressourceries")
    html = text_of(response)
    assert response.status_code == 400
    assert "Le SIRET compte 14 chiffres" in html
    assert "Réseau des ressourceries" in html
    assert not Alert.objects.exists()
    response = report(agent, name="Sans commune")
    assert "Sans SIRET, saisissez la commune" in text_of(response)


def test_report_outside_the_zone_is_refused(demo, agent):
    response = report(agent, name="Lilloise", commune="Lille (59350)")
    assert response.status_code == 400 and "hors du territoire" in text_of(response)
    assert not Alert.objects.exists() and not Structure.objects.filter(name="Lilloise").exists()


def test_structure_page_triage_forms(demo, agent):
    alert = file(demo, demo.aubusson)
    html = text_of(agent.get(page(demo.aubusson)))
    assert "Nouvelle" in html and "Qualifier" in html and "DLA de la Creuse" in html
    assert "Répondre (moyens nationaux)" not in html
    action = reverse("watch:alert_action", args=[alert.pk, "qualify"])
    assert agent.post(action, {}).status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.QUALIFIED
    dla = Organization.objects.get(name="DLA de la Creuse")
    orient = reverse("watch:alert_action", args=[alert.pk, "orient"])
    refused = agent.post(orient, {f"a{alert.pk}-orient-note": "urgent"})
    assert refused.status_code == 400 and "Ce champ est obligatoire" in text_of(refused)
    agent.post(orient, {f"a{alert.pk}-orient-organizations": [dla.pk]})
    html = text_of(agent.get(page(demo.aubusson)))
    assert "En traitement" in html and "DLA de la Creuse : En attente de prise en charge" in html
    escalate = reverse("watch:alert_action", args=[alert.pk, "escalate"])
    missing = agent.post(escalate, {f"a{alert.pk}-escalate-reason": "several_regions"})
    assert missing.status_code == 400
    agent.post(
        escalate,
        {
            f"a{alert.pk}-escalate-reason": "several_regions",
            f"a{alert.pk}-escalate-comment": "3 régions",
        },
    )
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ESCALATED
    html = text_of(agent.get(page(demo.aubusson)))
    assert "Qualifier → " not in html and "« 3 régions »" in html


def test_a_refused_transition_is_a_message_not_a_500(demo, agent):
    alert = file(demo, demo.aubusson)
    Alert.objects.filter(pk=alert.pk).update(status=AlertStatus.RESOLVED)
    response = agent.post(reverse("watch:alert_action", args=[alert.pk, "qualify"]), {})
    assert response.status_code == 409 and "impossible" in text_of(response)


def test_unfollow_requires_reason_and_actions(demo, agent):
    file(demo, demo.aubusson)
    follow_url = reverse("watch:structure_action", args=[demo.aubusson.pk, "follow"])
    agent.post(follow_url, {"follow-reason": "Fragile"})
    stop = reverse("watch:structure_action", args=[demo.aubusson.pk, "unfollow"])
    response = agent.post(stop, {"stop-end_reason": "Rétablie"})
    assert response.status_code == 400 and "Rétablie" in text_of(response)
    agent.post(stop, {"stop-end_reason": "Rétablie", "stop-actions_taken": "Prêt relais"})
    assert "La cellule ne suit pas cette structure" in text_of(agent.get(page(demo.aubusson)))


def test_comments_thread(demo, agent):
    file(demo, demo.aubusson)
    url = reverse("watch:structure_action", args=[demo.aubusson.pk, "comment"])
    assert agent.post(url, {"comment-text": ""}).status_code == 400
    agent.post(url, {"comment-text": "Rendez-vous avec le trésorier."})
    assert "Rendez-vous avec le trésorier." in text_of(agent.get(page(demo.aubusson)))


def test_dashboard_section_counts(demo):
    file(demo, demo.aubusson)
    template = Template("{% load watch_home %}{% watch_home_section %}")
    request = RequestFactory().get("/")
    request.user = demo["watch_regional_75"]
    html = template.render(Context({"request": request}))
    assert "Nouveaux signalements&nbsp;: 1" in html and "Structures suivies&nbsp;: 0" in html
    # The demo's cell memberships last six months from their creation (renewed by an admin).
    assert "Votre accès à la veille dure jusqu'au" in html
    request.user = demo["member"]
    assert template.render(Context({"request": request})).strip() == ""


def test_home_paginates_by_50(demo, agent):
    for number in range(51):
        file(demo, StructureFactory(name=f"Creusoise {number:02d}", commune_id="23008"))
    first = text_of(agent.get(HOME, {"tri": "date"}))
    assert "51 structures" in first and first.count('data-structure="') == 50
    second = text_of(agent.get(HOME, {"tri": "date", "page": 2}))
    assert second.count('data-structure="') == 1 and "Creusoise 00" in second


def test_count_is_of_structures_not_alerts(demo, agent):
    file(demo, demo.aubusson)
    file(demo, demo.aubusson, cause=AlertCause.ACTIVITY_LOSS)
    html = text_of(agent.get(HOME, {"etat": "new"}))
    assert 'id="watch-total" role="status">1 structure<' in html
    assert 'id="watch-total" role="status">1 structure<' in text_of(agent.get(HOME))
