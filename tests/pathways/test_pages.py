"""The pathway pages as the advisor and the structure use them: start from the request, run the
steps, write the diagnosis, build the plan, record effects; every refusal shown in French (4xx)."""

import datetime

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from aidess.core.formats import euros
from aidess.orientation.enums import RecipientStatus
from aidess.pathways import progress
from aidess.pathways.enums import Step
from aidess.pathways.models import CollectiveAction, Effect, Pathway, PathwayAction
from tests.factories import OrganizationMembershipFactory, StructureFactory, UserFactory
from tests.pathways.helpers import move_to, started, taken_request

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def people():
    advisor = OrganizationMembershipFactory(organization__name="DLA de la Creuse").user
    leader, member = UserFactory(first_name="Inès"), UserFactory()
    structure = StructureFactory(name="Compagnie des Lucioles", member=leader)
    structure.memberships.filter(user=leader).update(is_admin=True)
    structure.memberships.create(user=member, is_admin=False)
    organization = advisor.organization_memberships.get().organization
    recipient = taken_request(structure, organization, advisor)
    return {"advisor": advisor, "leader": leader, "member": member, "recipient": recipient}


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def detail(pathway):
    return reverse("pathways:detail", args=[pathway.pk])


def test_the_advisor_starts_the_pathway_from_the_taken_request(client, people):
    url = reverse("pathways:start", args=[people["recipient"].pk])
    html = page(client, people["advisor"], url)
    assert "Démarrer le parcours DLA" in html
    assert f'value="{progress.add_months(TODAY, 6):%Y-%m-%d}"' in html
    too_short = TODAY + datetime.timedelta(days=20)
    response = client.post(url, {"kind": "individual", "planned_end_on": too_short})
    assert response.status_code == 400
    assert "Un parcours DLA dure au moins 2 mois" in response.content.decode()
    assert not Pathway.objects.exists()
    end = progress.add_months(TODAY, 12)
    response = client.post(url, {"kind": "collective", "planned_end_on": end})
    pathway = Pathway.objects.get()
    assert response.url == detail(pathway)
    html = page(client, people["advisor"], response.url)
    assert "Étape 1 sur 5" in html and "fr-stepper" in html and "Collectif" in html
    assert client.get(url).url == detail(pathway)  # a second start opens the pathway


def test_starting_a_request_not_taken_says_why(client, people):
    recipient = people["recipient"]
    recipient.status = RecipientStatus.WAITING
    recipient.save()
    client.force_login(people["advisor"])
    response = client.get(reverse("pathways:start", args=[recipient.pk]))
    assert response.status_code == 409
    assert progress.NOT_TAKEN.replace("'", "&#x27;") in response.content.decode()
    response = client.post(
        reverse("pathways:start", args=[recipient.pk]),
        {"kind": "individual", "planned_end_on": progress.add_months(TODAY, 6)},
    )
    assert response.status_code == 400 and not Pathway.objects.exists()


def test_steps_move_on_and_refusals_are_shown(client, people):
    advisor = people["advisor"]
    pathway = started(people["recipient"], advisor)
    client.force_login(advisor)
    complete = reverse("pathways:complete_step", args=[pathway.pk, Step.WELCOME])
    response = client.post(complete, {"step-notes": "Premier rendez-vous le 3"})
    assert response.status_code == 302
    html = page(client, advisor, detail(pathway))
    assert "Premier rendez-vous le 3" in html and "Étape 2 sur 5" in html
    response = client.post(reverse("pathways:complete_step", args=[pathway.pk, Step.DIAGNOSIS]))
    assert response.status_code == 400
    assert "Le diagnostic partagé doit être validé" in response.content.decode()
    response = client.post(reverse("pathways:complete_step", args=[pathway.pk, "nowhere"]))
    assert (
        response.status_code == 400
        and "Cette étape n&#x27;existe pas." in response.content.decode()
    )


@pytest.fixture
def post_committed(client, django_capture_on_commit_callbacks):
    """A POST whose e-mails (sent once the change is committed) reach the outbox."""

    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post


def test_the_leader_validates_the_diagnosis_a_plain_member_only_reads(
    client, people, post_committed
):
    advisor, leader = people["advisor"], people["leader"]
    pathway = move_to(started(people["recipient"], advisor), Step.DIAGNOSIS, advisor, leader)
    client.force_login(advisor)
    submit = reverse("pathways:submit_diagnosis", args=[pathway.pk])
    response = client.post(submit, {"diagnosis-conclusions": ""})
    assert response.status_code == 400
    assert "Rédigez les conclusions et priorités du diagnostic." in response.content.decode()
    post_committed(
        submit, {"diagnosis-strengths": "Public fidèle", "diagnosis-conclusions": "Revoir"}
    )
    [sent] = mail.outbox
    assert sent.to == [leader.email]
    assert sent.subject == "Diagnostic partagé à valider — Compagnie des Lucioles"
    assert f"/parcours/{pathway.pk}/#diagnostic" in sent.body
    html = page(client, people["member"], detail(pathway))
    assert "Public fidèle" in html and "Valider le diagnostic partagé" not in html
    html = page(client, leader, detail(pathway))
    assert "Valider le diagnostic partagé" in html and "Faire des remarques" in html
    remarks = reverse("pathways:comment_diagnosis", args=[pathway.pk])
    response = client.post(remarks, {"remarks-comment": ""})
    assert (
        response.status_code == 400
        and "Écrivez vos remarques pour le DLA." in response.content.decode()
    )
    post_committed(remarks, {"remarks-comment": "Le bénévolat manque."})
    assert mail.outbox[-1].to == [advisor.email]
    assert "« Le bénévolat manque. »" in mail.outbox[-1].body
    html = page(client, advisor, detail(pathway))
    assert "Remarques de la structure" in html and "Le bénévolat manque." in html
    client.post(submit, {"diagnosis-conclusions": "Revoir, bénévolat compris"})
    client.force_login(leader)
    post_committed(reverse("pathways:validate_diagnosis", args=[pathway.pk]))
    html = page(client, leader, detail(pathway))
    assert "Validé par la structure" in html
    assert mail.outbox[-1].subject == "Diagnostic partagé validé — Compagnie des Lucioles"


def test_the_plan_areas_actions_and_a_collective_action(client, people):
    advisor, leader = people["advisor"], people["leader"]
    pathway = started(people["recipient"], advisor)
    client.force_login(advisor)
    add_area = reverse("pathways:add_area", args=[pathway.pk])
    response = client.post(add_area, {"area-title": "Modèle économique", "area-priority": 1})
    assert response.status_code == 400
    assert "Les axes de progrès et les actions se construisent après" in response.content.decode()
    pathway = move_to(pathway, Step.PLAN, advisor, leader)
    assert (
        client.post(add_area, {"area-title": "Modèle économique", "area-priority": 1}).status_code
        == 302
    )
    area = pathway.areas.get()
    client.post(
        reverse("pathways:add_collective", args=[pathway.pk]),
        {"collective-title": "Mutualiser la billetterie", "collective-consultant": "Coop Conseil"},
    )
    collective = CollectiveAction.objects.get()
    add_action = reverse("pathways:add_action", args=[pathway.pk])
    action = {
        "action-area": area.pk,
        "action-kind": "collective",
        "action-title": "Billetterie",
        "action-status": "planned",
    }
    response = client.post(add_action, action)
    assert response.status_code == 400
    assert (
        "Choisissez l&#x27;action collective que rejoint la structure." in response.content.decode()
    )
    response = client.post(
        add_action,
        {
            **action,
            "action-starts_on": "2027-03-01",
            "action-ends_on": "2027-01-01",
            "action-collective": collective.pk,
        },
    )
    assert "La fin ne peut précéder le début." in response.content.decode()
    client.post(add_action, {**action, "action-collective": collective.pk})
    consultant = {
        **action,
        "action-kind": "consultant",
        "action-title": "Ingénierie",
        "action-actor": "Coop Conseil",
        "action-budget_eur": "4 500 €",
    }
    assert client.post(add_action, consultant).status_code == 302
    assert PathwayAction.objects.get(title="Ingénierie").budget_eur == 4500
    html = page(client, advisor, detail(pathway))
    assert "Mutualiser la billetterie" in html and "1 structure" in html and euros(4500) in html
    ingenierie = PathwayAction.objects.get(title="Ingénierie")
    url = reverse("pathways:action_status", args=[pathway.pk, ingenierie.pk])
    client.post(url, {f"status-{ingenierie.pk}-status": "in_progress"})
    ingenierie.refresh_from_db()
    assert ingenierie.status == "in_progress"
    assert progress.complete_step(pathway, Step.PLAN, advisor).current_step == Step.COORDINATION


def test_effects_are_recorded_at_follow_up(client, people):
    advisor, leader = people["advisor"], people["leader"]
    pathway = move_to(started(people["recipient"], advisor), Step.FOLLOW_UP, advisor, leader)
    client.force_login(advisor)
    url = reverse("pathways:add_effect", args=[pathway.pk])
    effect = {
        "effect-recorded_on": TODAY,
        "effect-jobs_consolidated": "-1",
        "effect-jobs_created": "0",
    }
    response = client.post(url, effect)
    assert response.status_code == 400 and "Le nombre est positif." in response.content.decode()
    client.post(
        url,
        {
            **effect,
            "effect-jobs_consolidated": "2,5",
            "effect-jobs_created": "1",
            "effect-new_needs": ["cash", "employment"],
            "effect-notes": "Embauche",
        },
    )
    recorded = Effect.objects.get()
    assert recorded.new_needs == ["cash", "employment"] and str(recorded.jobs_consolidated) == "2.5"
    html = page(client, leader, detail(pathway))
    assert "Trésorerie, Emploi et masse salariale" in html


def test_lists_of_the_advisor_and_of_the_structure(client, people):
    pathway = started(people["recipient"], people["advisor"])
    html = page(client, people["advisor"], reverse("pathways:index"))
    assert "1. Accueil" in html and "Compagnie des Lucioles" in html
    html = page(
        client, people["member"], reverse("pathways:structure", args=[pathway.structure_id])
    )
    assert "Mon parcours DLA" in html and detail(pathway) in html
    client.force_login(UserFactory())
    assert client.get(reverse("pathways:structure", args=[pathway.structure_id])).status_code == 404


def render(source, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return Template(source).render(Context({"request": request, **context}))


def test_the_request_card_panel(people):
    recipient, advisor = people["recipient"], people["advisor"]
    card = '{% include "pathways/_on_request_card.html" %}'
    assert "Démarrer le parcours DLA" in render(card, advisor, recipient=recipient)
    assert "Démarrer" not in render(card, UserFactory(), recipient=recipient)
    pathway = started(recipient, advisor)
    html = render(card, advisor, recipient=recipient)
    assert "1. Accueil" in html and detail(pathway) in html and "Démarrer" not in html


def test_the_structure_request_panel_and_the_home_section(people):
    recipient = people["recipient"]
    pathway = started(recipient, people["advisor"])
    html = render(
        '{% include "pathways/_structure_request.html" %}',
        people["member"],
        help_request=recipient.request,
    )
    assert "Parcours avec DLA de la Creuse" in html and "1. Accueil" in html
    home = "{% load pathways_home %}{% pathways_home_section %}"
    assert "Mon parcours DLA" in render(home, people["member"])
    html = render(home, people["advisor"])
    assert "Parcours DLA en cours" in html and detail(pathway) in html
    assert render(home, UserFactory()).strip() == ""


def test_a_collective_action_gathers_several_structures_of_its_dla(client, people):
    advisor, leader = people["advisor"], people["leader"]
    organization = people["recipient"].organization
    first = move_to(started(people["recipient"], advisor), Step.PLAN, advisor, leader)
    other_leader = UserFactory()
    other = StructureFactory(name="Ateliers de la Creuse", member=other_leader)
    other.memberships.update(is_admin=True)
    second = started(taken_request(other, organization, advisor), advisor)
    second = move_to(second, Step.PLAN, advisor, other_leader)
    collective = CollectiveAction.objects.create(organization=organization, title="Billetterie")
    elsewhere = CollectiveAction.objects.create(
        organization=OrganizationMembershipFactory().organization, title="Ailleurs"
    )
    client.force_login(advisor)
    for pathway in (first, second):
        area = pathway.areas.create(title="Mutualiser")
        data = {
            "action-area": area.pk,
            "action-kind": "collective",
            "action-title": "Billetterie commune",
            "action-status": "planned",
        }
        url = reverse("pathways:add_action", args=[pathway.pk])
        refused = client.post(url, {**data, "action-collective": elsewhere.pk})
        assert "Choisissez une action collective de ce DLA." in refused.content.decode()
        client.post(url, {**data, "action-collective": collective.pk})
    assert collective.pathway_actions.count() == 2
    assert "Billetterie</strong> — 2 structures" in page(client, advisor, detail(first))
