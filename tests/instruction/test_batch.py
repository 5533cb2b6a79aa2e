"""Batch actions on a selection and the assignment rules: each application is treated on its
own and the report says, per application, what was done or why not."""

import pytest
from django.urls import NoReverseMatch, reverse

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.instruction import actions
from tests.factories import ApplicationFactory, UserFactory, instructor
from tests.instruction.factories import inbox, label, provider_member

pytestmark = pytest.mark.django_db
URL = "/instruction/lot/"


def reported(response):
    return [str(message) for message in response.context["messages"]]


def test_batch_assign_then_follow_then_label(login):
    world = inbox()
    apps = world.applications
    client = login(world.agent)
    chosen = [apps["new_lille"].pk, apps["new_amiens"].pk]
    response = client.post(
        URL,
        {
            "ids": chosen,
            "action": "assign",
            "assignee": world.colleague.pk,
            "next": "/instruction/?tab=deposees",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/instruction/?tab=deposees"
    assert any(m.startswith("2 demandes assignées") for m in reported(response))
    for key in ("new_lille", "new_amiens"):
        apps[key].refresh_from_db()
        assert apps[key].assigned_to == world.colleague

    client.post(URL, {"ids": chosen, "action": "follow"})
    assert set(world.agent.followed_applications.values_list("pk", flat=True)) == set(chosen)

    urgent = label(world.provider, "Urgent")
    client.post(URL, {"ids": chosen, "action": "label", "label": urgent.pk})
    assert set(urgent.applications.values_list("pk", flat=True)) == set(chosen)


def test_batch_refuse_with_one_reason_reports_each_application(login):
    world = inbox()
    apps = world.applications
    chosen = [apps["instructing"].pk, apps["new_lille"].pk]  # a submitted one cannot be refused
    response = login(world.agent).post(
        URL,
        {"ids": chosen, "action": "refuse", "reason": "Budget de l'aide épuisé."},
        follow=True,
    )
    messages = reported(response)
    assert f"1 demande refusée : {apps['instructing'].reference}." in messages
    assert any(
        m.startswith(f"{apps['new_lille'].reference} non traitée : Action « Refuser » impossible")
        for m in messages
    )
    apps["instructing"].refresh_from_db()
    apps["new_lille"].refresh_from_db()
    assert apps["instructing"].status == S.REFUSED and apps["new_lille"].status == S.SUBMITTED
    (log,) = APPLICATION_LIFECYCLE.history(apps["instructing"])
    assert log.comment == "Budget de l'aide épuisé." and log.actor == world.agent


def test_batch_close_needs_a_reason_and_nothing_changes_without_it(login):
    world = inbox()
    apps = world.applications
    response = login(world.agent).post(
        URL, {"ids": [apps["new_lille"].pk], "action": "close", "reason": "  "}, follow=True
    )
    assert "Indiquez le motif : il est envoyé à chaque demandeur." in reported(response)
    apps["new_lille"].refresh_from_db()
    assert apps["new_lille"].status == S.SUBMITTED

    closed = login(world.agent).post(
        URL, {"ids": [apps["new_lille"].pk], "action": "close", "reason": "Doublon"}, follow=True
    )
    assert f"1 demande classée sans suite : {apps['new_lille'].reference}." in reported(closed)


def test_batch_ignores_applications_out_of_reach_and_bad_input(login):
    world = inbox()
    elsewhere = ApplicationFactory(status=S.INSTRUCTION)
    client = login(world.agent)
    response = client.post(
        URL, {"ids": [elsewhere.pk], "action": "refuse", "reason": "Non"}, follow=True
    )
    assert "Aucune des demandes cochées ne vous est accessible." in reported(response)
    elsewhere.refresh_from_db()
    assert elsewhere.status == S.INSTRUCTION

    assert "Cochez au moins une demande." in reported(
        client.post(URL, {"action": "follow"}, follow=True)
    )
    assert "Choisissez une action de la liste." in reported(
        client.post(URL, {"ids": ["1"], "action": "detruire"}, follow=True)
    )
    assert "La sélection est illisible : rechargez la page et cochez à nouveau." in reported(
        client.post(URL, {"ids": ["un"], "action": "follow"}, follow=True)
    )
    assert "Choisissez l'instructeur à qui assigner." in reported(
        client.post(
            URL, {"ids": [world.applications["new_lille"].pk], "action": "assign"}, follow=True
        )
    )
    # Only local addresses to go back to.
    away = client.post(URL, {"action": "follow", "next": "https://ailleurs.example/"})
    assert away["Location"] == "/instruction/"


def test_export_goes_to_the_export_page_with_the_selection(login):
    world = inbox()
    apps = world.applications
    chosen = sorted([apps["new_lille"].pk, apps["correction"].pk])
    response = login(world.agent).post(URL, {"ids": chosen, "action": "export"})
    try:
        url = reverse("instruction:export")
    except NoReverseMatch:  # the export page is built apart
        assert response.status_code == 302 and response["Location"] == "/instruction/"
    else:
        assert response["Location"] == f"{url}?ids={chosen[0]},{chosen[1]}"


def test_assignment_rules(login):
    world = inbox()
    application = world.applications["new_lille"]
    # Oneself, a colleague of the aid's provider: yes. A provider member of another aid, a
    # deactivated colleague, a plain user: no.
    actions.assign(application, world.agent, world.agent)
    other = instructor(ApplicationFactory())
    gone = provider_member(world.provider)
    gone.organization_memberships.update(is_active=False)
    for person in (other, gone, UserFactory()):
        with pytest.raises(actions.ActionRefused) as refused:
            actions.assign(application, world.agent, person)
        assert "n'est pas membre actif d'une organisation porteuse de cette aide" in str(
            refused.value
        )
    application.refresh_from_db()
    assert application.assigned_to == world.agent

    # Through the page: a colleague, then nobody; someone outside the list is refused in French.
    client = login(world.agent)
    page = f"/instruction/demandes/{application.pk}/"
    client.post(f"{page}assigner/", {"assignee": world.colleague.pk})
    application.refresh_from_db()
    assert application.assigned_to == world.colleague
    refused = client.post(f"{page}assigner/", {"assignee": other.pk})
    assert "Choisissez un instructeur de la liste." in refused.content.decode()
    client.post(f"{page}assigner/", {"assignee": ""})
    application.refresh_from_db()
    assert application.assigned_to is None

    # In a batch, a person outside one application's providers is refused for that one only.
    second_aid_app = ApplicationFactory(structure=application.structure)
    second_aid_app.aid.providers.add(world.provider)
    outsider = instructor(second_aid_app)  # provider of the second aid only
    outcomes = actions.run_batch(
        [application, second_aid_app], world.agent, "assign", assignee=outsider
    )
    assert [outcome.done for outcome in outcomes] == [False, True]
