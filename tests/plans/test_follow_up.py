"""Following the structures of an activated plan: the list (tabs, filters, search), a line's
actions and their history, and the accepted application that marks a line « Aidée »."""

from decimal import Decimal

import pytest

from aidess.applications.decisions import accept
from aidess.applications.enums import ApplicationStatus
from aidess.lifecycles.machine import TransitionRefused
from aidess.lifecycles.models import TransitionLog
from aidess.plans import follow_up
from aidess.plans.enums import FollowUpStatus, PlanStatus
from aidess.plans.lifecycle import FOLLOW_UP_LIFECYCLE, PLAN_LIFECYCLE
from aidess.territories.models import Commune
from tests.factories import AidFactory, ApplicationFactory, StructureFactory, instructor
from tests.html import Page
from tests.plans.helpers import activate_now, make_plan, regional_agent

pytestmark = pytest.mark.django_db


def text_of(response):
    return Page(response.content.decode()).all_text


@pytest.fixture
def agent():
    return regional_agent()


@pytest.fixture
def plan(agent):
    StructureFactory(name="Les Lucioles", siret="12345678900011")
    StructureFactory(name="Théâtre du Nord")
    StructureFactory(name="Compagnie d'Arras", commune=Commune.objects.get(code="62041"))
    return activate_now(make_plan(agent), agent)


def line_of(plan, name):
    return plan.targets.get(structure__name=name)


def url(line, action=""):
    return f"/plans/{line.plan_id}/structures/{line.pk}/" + (f"{action}/" if action else "")


def test_the_list_counts_by_status_and_filters(login, agent, plan):
    follow_up.apply(line_of(plan, "Les Lucioles"), "contact", agent)
    client = login(agent)

    everything = text_of(client.get(f"/plans/{plan.pk}/structures/"))
    contacted = text_of(client.get(f"/plans/{plan.pk}/structures/?statut=contacted"))
    in_62 = text_of(client.get(f"/plans/{plan.pk}/structures/?departement=62"))
    by_siret = text_of(client.get(f"/plans/{plan.pk}/structures/?q=123 456"))
    by_name = text_of(client.get(f"/plans/{plan.pk}/structures/?q=théâtre"))

    assert "Toutes\xa0: 3" in everything
    assert "Invitée\xa0: 2" in everything and "Contactée\xa0: 1" in everything
    assert "1 structure" in contacted and "Les Lucioles" in contacted
    assert "Théâtre du Nord" not in contacted
    assert "Compagnie d'Arras" in in_62 and "Les Lucioles" not in in_62
    assert "Toutes\xa0: 1" in in_62
    assert "Les Lucioles" in by_siret and "Théâtre du Nord" not in by_siret
    assert "Théâtre du Nord" in by_name and "Les Lucioles" not in by_name


def test_the_line_page_shows_the_structure_its_invitation_and_actions(login, agent, plan):
    line = line_of(plan, "Les Lucioles")

    page = text_of(login(agent).get(url(line)))

    assert "SIRET : 12345678900011" in page
    assert "Secteur : Culture" in page
    assert "Pas de courriel : la structure n'a pas de membre sur AidESS" in page
    for action in (
        "Marquer comme contactée",
        "Marquer comme injoignable",
        "Enregistrer les besoins",
        "Marquer comme aidée",
        "Marquer comme ayant décliné",
    ):
        assert action in page


def test_a_line_from_contact_to_help_with_its_history(login, agent, plan):
    line = line_of(plan, "Les Lucioles")
    aid = plan.aids.get()
    client = login(agent)

    assert client.post(url(line, "contact")).status_code == 302
    client.post(url(line, "identify_needs"), {"needs-needs": "Trésorerie pour 3 mois"})
    response = client.post(url(line, "help"), {"help-measure": f"aid-{aid.pk}"})

    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == FollowUpStatus.HELPED
    assert line.needs == "Trésorerie pour 3 mois"
    assert line.helped_with_aid == aid
    logs = list(FOLLOW_UP_LIFECYCLE.logs([line]))
    assert [log.to_state for log in logs] == ["contacted", "needs_identified", "helped"]
    assert all(log.actor == agent for log in logs)
    page = text_of(client.get(url(line)))
    assert "Contactée → Besoins identifiés — « Trésorerie pour 3 mois »" in page
    assert "Besoins identifiés → Aidée — « Aide : Fonds d'urgence culture. »" in page
    assert agent.email in page


def test_a_decline_needs_its_reason_and_needs_need_words(login, agent, plan):
    line = line_of(plan, "Théâtre du Nord")
    client = login(agent)

    without = client.post(url(line, "decline"), {"decline-comment": ""})
    empty_needs = client.post(url(line, "identify_needs"), {"needs-needs": ""})

    assert without.status_code == 400
    assert "Corrigez le formulaire ci-dessous." in text_of(without)
    assert empty_needs.status_code == 400
    line.refresh_from_db()
    assert line.status == FollowUpStatus.INVITED
    client.post(url(line, "decline"), {"decline-comment": "Pas concernée"})
    line.refresh_from_db()
    assert line.status == FollowUpStatus.DECLINED
    assert FOLLOW_UP_LIFECYCLE.logs([line]).get().comment == "Pas concernée"


def test_help_must_be_one_of_the_plans_measures(agent, plan):
    line = line_of(plan, "Les Lucioles")

    with pytest.raises(TransitionRefused, match="que le plan mobilise"):
        follow_up.record_help(line, agent, aid=AidFactory())
    with pytest.raises(TransitionRefused, match="que le plan mobilise"):
        follow_up.record_help(line, agent)

    line.refresh_from_db()
    assert line.status == FollowUpStatus.INVITED
    assert not FOLLOW_UP_LIFECYCLE.logs([line]).exists()


def test_a_transition_from_the_wrong_state_is_refused_on_the_page(login, agent, plan):
    line = line_of(plan, "Les Lucioles")
    follow_up.apply(line, "decline", agent, "Pas concernée")

    response = login(agent).post(url(line, "unreachable"))

    assert response.status_code == 409
    assert "impossible : l'état est « A décliné »" in text_of(response)


def test_a_closed_plan_keeps_its_follow_up_as_it_stands(login, agent, plan):
    line = line_of(plan, "Les Lucioles")
    PLAN_LIFECYCLE.apply(plan, "close", agent, "Terminé")

    response = login(agent).post(url(line, "contact"))
    page = text_of(login(agent).get(url(line)))

    assert response.status_code == 409
    assert "Le suivi ne change que pendant que le plan est activé." in text_of(response)
    assert "Le plan est clos : son suivi ne change plus." in page
    assert "Marquer comme" not in page


def decide(application):
    application.status = ApplicationStatus.INSTRUCTION
    application.save()
    return accept(application, instructor(application), Decimal("5000"))


def test_an_accepted_application_for_a_plan_aid_marks_the_line_helped(agent, plan):
    line = line_of(plan, "Les Lucioles")
    follow_up.apply(line, "contact", agent)
    aid = plan.aids.get()
    application = ApplicationFactory(structure=line.structure, aid=aid, reference="2026-000042")

    decide(application)

    line.refresh_from_db()
    assert line.status == FollowUpStatus.HELPED
    assert line.helped_with_aid == aid
    log = FOLLOW_UP_LIFECYCLE.logs([line]).last()
    assert log.actor is None
    assert log.comment == "Aide : Fonds d'urgence culture. Demande 2026-000042 acceptée."


def test_other_decisions_leave_the_lines_alone(agent, plan):
    lucioles, theatre = line_of(plan, "Les Lucioles"), line_of(plan, "Théâtre du Nord")
    follow_up.apply(theatre, "decline", agent, "Pas concernée")

    decide(ApplicationFactory(structure=lucioles.structure))  # an aid the plan does not mobilise
    decide(ApplicationFactory(structure=theatre.structure, aid=plan.aids.get()))  # declined line

    lucioles.refresh_from_db()
    theatre.refresh_from_db()
    assert lucioles.status == FollowUpStatus.INVITED
    assert theatre.status == FollowUpStatus.DECLINED
    assert not TransitionLog.objects.filter(to_state=FollowUpStatus.HELPED).exists()


def test_a_closed_plan_is_not_moved_by_a_decision(agent, plan):
    line = line_of(plan, "Les Lucioles")
    PLAN_LIFECYCLE.apply(plan, "close", agent, "Terminé")

    decide(ApplicationFactory(structure=line.structure, aid=plan.aids.get()))

    line.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
    assert line.status == FollowUpStatus.INVITED
