"""The inbox: tabs and their counts, filters, who sees what (role and territory), bad input in
French with the other values kept, a bounded number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aidess.applications.enums import ApplicationStatus as S
from aidess.organizations.enums import ScopeLevel
from tests.factories import ApplicationFactory, UserFactory, applicant, instructor
from tests.instruction.factories import inbox, label

pytestmark = pytest.mark.django_db
URL = "/instruction/"


def references(response):
    """The references of the rows shown, in order."""
    return re.findall(r'href="/instruction/demandes/\d+/">([\d-]+)</a>', response.content.decode())


def tab_count(response, label_text):
    match = re.search(
        rf">{re.escape(label_text)}&nbsp;<span class=\"aidess-tab__count\">(\d+)</span>",
        response.content.decode(),
    )
    return int(match[1])


def test_tabs_count_by_state_and_the_default_tab_lists_what_awaits_the_instructor(login):
    world = inbox()
    apps = world.applications
    response = login(world.agent).get(URL)
    assert response.status_code == 200
    assert tab_count(response, "À traiter") == 3
    assert tab_count(response, "Déposées") == 2
    assert tab_count(response, "Correction demandée") == 1
    assert tab_count(response, "Acceptées") == 1
    assert tab_count(response, "Toutes") == 5
    # Newest submission first, with the structure's department and the state.
    assert references(response) == [
        apps["new_lille"].reference,
        apps["new_amiens"].reference,
        apps["instructing"].reference,
    ]
    page = response.content.decode()
    assert "Nord (59)" in page and "Somme (80)" in page
    assert "Paul Collègue" in page  # the assigned instructor
    assert "5\u202f000\xa0€" in page

    accepted = login(world.agent).get(URL, {"tab": "acceptees"})
    assert references(accepted) == [apps["accepted"].reference]


def test_filters_narrow_rows_and_counts_together(login):
    world = inbox()
    apps = world.applications
    client = login(world.agent)
    by_department = client.get(URL, {"tab": "toutes", "department": "80"})
    assert set(references(by_department)) == {
        apps["new_amiens"].reference,
        apps["correction"].reference,
    }
    assert tab_count(by_department, "Déposées") == 1

    by_amount = client.get(URL, {"tab": "toutes", "amount_min": "10000", "amount_max": "16000"})
    assert set(references(by_amount)) == {
        apps["instructing"].reference,
        apps["accepted"].reference,
    }
    assigned = client.get(URL, {"tab": "toutes", "assigned": str(world.colleague.pk)})
    assert references(assigned) == [apps["instructing"].reference]
    nobody = client.get(URL, {"tab": "a_traiter", "assigned": "aucun"})
    assert apps["instructing"].reference not in references(nobody)

    urgent = label(world.provider, "Urgent")
    apps["correction"].labels.add(urgent)
    labelled = client.get(URL, {"tab": "toutes", "label": str(urgent.pk)})
    assert references(labelled) == [apps["correction"].reference]
    assert "Urgent" in labelled.content.decode()

    apps["new_amiens"].followers.add(world.agent)
    followed = client.get(URL, {"followed": "on"})
    assert references(followed) == [apps["new_amiens"].reference]

    by_name = client.get(URL, {"tab": "toutes", "q": "recyclerie"})
    assert len(references(by_name)) == 3
    by_reference = client.get(URL, {"tab": "toutes", "q": apps["accepted"].reference})
    assert references(by_reference) == [apps["accepted"].reference]

    recent = client.get(
        URL,
        {
            "tab": "toutes",
            "submitted_from": (apps["new_amiens"].submitted_at.date()).isoformat(),
        },
    )
    assert set(references(recent)) == {apps["new_lille"].reference, apps["new_amiens"].reference}


def test_sorting_by_date_and_amount(login):
    world = inbox()
    apps = world.applications
    client = login(world.agent)
    oldest_first = client.get(URL, {"tab": "toutes", "tri": "date"})
    assert references(oldest_first)[0] == apps["accepted"].reference
    by_amount = client.get(URL, {"tab": "toutes", "tri": "-montant"})
    assert references(by_amount)[0] == apps["new_amiens"].reference
    unknown = client.get(URL, {"tab": "toutes", "tri": "n'importe"})
    assert references(unknown)[0] == apps["new_lille"].reference


def test_bad_filters_get_french_messages_and_keep_what_was_typed(login):
    world = inbox()
    response = login(world.agent).get(
        URL,
        {
            "tab": "toutes",
            "department": "59",
            "amount_min": "beaucoup",
            "submitted_from": "2026-13-45",
            "q": "recyclerie",
            "aid": "999999",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Saisissez un nombre." in page or "Saisissez un nombre" in page
    assert "Saisissez une date valide" in page
    assert "Sélectionnez un choix valide" in page
    assert 'value="beaucoup"' in page and 'value="recyclerie"' in page and 'value="59"' in page
    # The valid filters still apply.
    assert len(references(response)) == 3

    reversed_range = login(world.agent).get(
        URL, {"amount_min": "500", "amount_max": "100", "tab": "toutes"}
    )
    assert "Le maximum doit être supérieur ou égal au minimum." in reversed_range.content.decode()


def test_an_instructor_elsewhere_and_a_structure_member_see_nothing(login, client):
    world = inbox()
    apps = world.applications
    # Same provider kind, another organisation (not a provider of this aid).
    stranger = instructor(ApplicationFactory())
    response = login(stranger).get(URL, {"tab": "toutes"})
    assert response.status_code == 200
    assert not set(references(response)) & {a.reference for a in apps.values()}
    assert login(stranger).get(f"/instruction/demandes/{apps['new_lille'].pk}/").status_code == 404

    # A provider of the aid whose territory is another region sees none of these structures.
    far = instructor(apps["new_lille"], scope=ScopeLevel.REGIONAL, regions=["84"])
    far_page = login(far).get(URL, {"tab": "toutes"})
    assert references(far_page) == []
    assert tab_count(far_page, "Toutes") == 0
    assert login(far).get(f"/instruction/demandes/{apps['new_lille'].pk}/").status_code == 404

    # A departmental provider of the Somme sees Amiens only.
    somme = instructor(apps["new_lille"], scope=ScopeLevel.DEPARTMENTAL, departments=["80"])
    assert set(references(login(somme).get(URL, {"tab": "toutes"}))) == {
        apps["new_amiens"].reference,
        apps["correction"].reference,
    }

    member = applicant(apps["new_lille"])
    refused = login(member).get(URL)
    assert refused.status_code == 403
    assert apps["new_lille"].reference not in refused.content.decode()
    assert login(member).get(f"/instruction/demandes/{apps['new_lille'].pk}/").status_code == 404

    assert login(UserFactory()).get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


def test_drafts_never_reach_the_inbox(login):
    world = inbox()
    draft = ApplicationFactory(aid=world.aid, status=S.DRAFT, reference=None, submitted_at=None)
    response = login(world.agent).get(URL, {"tab": "toutes"})
    assert tab_count(response, "Toutes") == 5
    assert login(world.agent).get(f"/instruction/demandes/{draft.pk}/").status_code == 404


def test_fifty_rows_a_page_in_a_bounded_number_of_queries(login):
    world = inbox()
    urgent = label(world.provider, "Urgent")
    for _ in range(55):
        application = ApplicationFactory(
            aid=world.aid,
            structure=world.applications["new_lille"].structure,
            assigned_to=world.agent,
        )
        application.labels.add(urgent)
    client = login(world.agent)
    client.get(URL)  # sessions, content types: warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"department": "59", "assigned": str(world.agent.pk)})
    assert len(references(response)) == 50
    assert len(queries) <= 16, "\n".join(q["sql"] for q in queries.captured_queries)
    second = client.get(URL, {"department": "59", "assigned": str(world.agent.pk), "page": "2"})
    assert len(references(second)) == 5


def test_the_dashboard_of_an_instructor_counts_its_applications_by_tab(login):
    world = inbox()
    page = login(world.agent).get("/tableau-de-bord/").content.decode()
    assert "Demandes à instruire" in page
    assert 'href="/instruction/?tab=deposees">Déposées&nbsp;: 2</a>' in page
    assert 'href="/instruction/">Ouvrir la boîte de réception</a>' in page
    member = applicant(world.applications["new_lille"])
    assert "Demandes à instruire" not in login(member).get("/tableau-de-bord/").content.decode()
