"""The instructors' API, with an organisation's token or an instructor's session: the inbox with
the page's filters and cursor pagination, one application with its notes, state changes,
acceptance against the envelope and payments; another provider's application is a 404."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.models import Application, ApplicationTerms, Label, Message, Note
from aidess.history.models import AuditEntry
from aidess.instruction.filters import InboxFilters, select
from aidess.lifecycles.models import TransitionLog
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.tokens import create_token
from tests.api.factories import bearer, provider_token
from tests.factories import (
    AidFactory,
    ApplicationFactory,
    StructureFactory,
    UserFactory,
    instructor,
    partner,
)

pytestmark = pytest.mark.django_db
INBOX = "/api/v1/instruction/applications"


def post(client, url, body, token):
    return client.post(
        url, json.dumps(body), content_type="application/json", headers=bearer(token)
    )


@pytest.fixture
def instructed():
    """Three applications to one aid (one under instruction), a provider with a token."""
    aid = AidFactory(apply_in_aidess=True)
    applications = [ApplicationFactory(aid=aid) for _ in range(2)]
    applications.append(ApplicationFactory(aid=aid, status=S.INSTRUCTION))
    organization, admin, token = provider_token(applications[0])
    return applications, organization, admin, token


def test_a_token_lists_its_organisation_s_applications_and_nothing_else(client, instructed):
    applications, _organization, _admin, token = instructed
    stranger = ApplicationFactory()  # another aid, another provider
    response = client.get(INBOX, {"tab": "toutes"}, headers=bearer(token))
    assert response.status_code == 200
    body = response.json()
    assert {row["id"] for row in body["results"]} == {app.pk for app in applications}
    assert body["counts"]["toutes"] == 3 and body["counts"]["en_instruction"] == 1
    assert body["next"] is None and body["next_cursor"] is None
    first = next(row for row in body["results"] if row["id"] == applications[0].pk)
    assert first["status"] == {"code": "deposee", "label": "Déposée"}
    assert first["amount_requested"] == "10000.00"
    assert first["structure"]["department"] == "59"
    detail = client.get(f"{INBOX}/{stranger.pk}", headers=bearer(token))
    assert detail.status_code == 404
    assert detail.json() == {"error": "Demande introuvable."}


def test_territory_of_the_organisation_bounds_what_its_token_reaches(client):
    north = ApplicationFactory()  # Lille, region 32
    south = ApplicationFactory(
        aid=north.aid, structure=StructureFactory(commune_id="13055")
    )  # Marseille, region 93
    _organization, _admin, token = provider_token(north, scope=ScopeLevel.REGIONAL, regions=["32"])
    listed = client.get(INBOX, {"tab": "toutes"}, headers=bearer(token)).json()["results"]
    assert [row["id"] for row in listed] == [north.pk]
    assert client.get(f"{INBOX}/{south.pk}", headers=bearer(token)).status_code == 404
    refused = post(client, f"{INBOX}/{south.pk}/transitions", {"transition": "instruct"}, token)
    assert refused.status_code == 404
    south.refresh_from_db()
    assert south.status == S.SUBMITTED


def test_the_api_selects_exactly_what_the_inbox_query_selects(client, instructed):
    applications, organization, _admin, token = instructed
    applications[1].amount_requested_eur = Decimal("50000.00")
    applications[1].save()
    query = {"tab": "a_traiter", "amount_min": "20000", "department": "59"}
    listed = client.get(INBOX, query, headers=bearer(token)).json()["results"]
    expected = select(
        Application.objects.filter(aid__providers=organization),
        InboxFilters(tab="a_traiter", amount_min=Decimal("20000"), department_code="59"),
    )
    assert [row["id"] for row in listed] == [app.pk for app in expected] == [applications[1].pk]
    by_reference = {"tab": "toutes", "q": applications[2].reference}
    listed = client.get(INBOX, by_reference, headers=bearer(token)).json()["results"]
    assert [row["id"] for row in listed] == [applications[2].pk]


def test_cursor_pages_neither_repeat_nor_skip_when_applications_arrive_between_pages(client):
    aid = AidFactory(apply_in_aidess=True)
    start = timezone.now() - datetime.timedelta(days=10)
    same_time = start + datetime.timedelta(days=3)
    existing = [
        ApplicationFactory(aid=aid, submitted_at=start + datetime.timedelta(days=day))
        for day in range(7)
    ]
    # Ties on submitted_at are broken by id: two more at the same instant as existing[3].
    existing += [ApplicationFactory(aid=aid, submitted_at=same_time) for _ in range(2)]
    _organization, _admin, token = provider_token(existing[0])

    seen, pages, query = [], 0, {"tab": "toutes", "limit": 2}
    while True:
        response = client.get(INBOX, query, headers=bearer(token))
        assert response.status_code == 200
        body = response.json()
        seen += [row["id"] for row in body["results"]]
        pages += 1
        # Meanwhile, new files are submitted (now, and at the very instant of an old one).
        ApplicationFactory(aid=aid)
        ApplicationFactory(aid=aid, submitted_at=same_time)
        if body["next_cursor"] is None:
            break
        assert body["next"].startswith("http://testserver/api/v1/instruction/applications?")
        assert "limit=2" in body["next"]
        query = {**query, "cursor": body["next_cursor"]}
    assert pages == 5
    assert len(seen) == len(set(seen)), "an application came twice"
    assert {app.pk for app in existing} <= set(seen), "an application was skipped"
    # Submitted now, they come before the first page; only a file submitted at an instant the
    # walk had not reached yet can appear (never in practice: submitted_at is the present).
    late = [pk for pk in seen if pk not in {app.pk for app in existing}]
    assert all(Application.objects.get(pk=pk).submitted_at == same_time for pk in late)
    in_order = [pk for pk in seen if pk not in late]
    order = sorted(existing, key=lambda app: (app.submitted_at, app.pk), reverse=True)
    assert in_order == [app.pk for app in order]


@pytest.mark.parametrize(
    ("query", "details"),
    [
        ({"tab": "urgentes"}, {"tab": "Valeur inconnue « urgentes »."}),
        ({"amount_min": "-5"}, {"amount_min": "negative"}),
        ({"amount_min": "300", "amount_max": "20"}, {"amount_max": "Le maximum doit"}),
        ({"submitted_from": "2026-13-01"}, {"submitted_from": "Date attendue au format"}),
        (
            {"submitted_from": "2026-05-02", "submitted_to": "2026-05-01"},
            {"submitted_to": "Cette date doit suivre la date de début."},
        ),
        ({"department": "ZZ"}, {"department": "Code de département inconnu « ZZ »"}),
        ({"assigned": "quelqu'un"}, {"assigned": "Valeur attendue : l'identifiant"}),
        ({"aid": "x"}, {"aid[0]": "Valeur attendue : un nombre entier."}),
        ({"limit": "500"}, {"limit": "La valeur doit être au plus 100."}),
        ({"cursor": "abc"}, {"cursor": "Curseur invalide"}),
    ],
)
def test_bad_filters_are_400_in_french_per_parameter(client, instructed, query, details):
    token = instructed[3]
    response = client.get(INBOX, query, headers=bearer(token))
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["error"] == "Paramètres invalides."
    assert set(body["details"]) == set(details)
    for name, start in details.items():
        if start == "negative":
            assert "négatif" in body["details"][name] or "≥" in body["details"][name]
        else:
            assert body["details"][name].startswith(start), body["details"][name]


def test_a_tampered_cursor_is_refused(client, instructed):
    token = instructed[3]
    first = client.get(INBOX, {"tab": "toutes", "limit": 1}, headers=bearer(token)).json()
    cursor = first["next_cursor"]
    forged = cursor[:-1] + ("A" if cursor[-1] != "A" else "B")
    response = client.get(INBOX, {"tab": "toutes", "cursor": forged}, headers=bearer(token))
    assert response.status_code == 400
    assert "cursor" in response.json()["details"]


def test_a_transition_by_token_is_logged_in_the_creator_s_name_with_the_api_origin(
    client, instructed
):
    applications, _organization, admin, token = instructed
    app = applications[0]
    response = post(client, f"{INBOX}/{app.pk}/transitions", {"transition": "instruct"}, token)
    assert response.status_code == 200, response.content
    assert response.json()["status"]["code"] == "en_instruction"
    assert "request_correction" in response.json()["available_transitions"]
    log = TransitionLog.objects.get(object_id=app.pk, transition="instruct")
    assert log.actor == admin
    entry = AuditEntry.objects.filter(object_pk=str(app.pk), changes__has_key="status").latest(
        "timestamp"
    )
    assert entry.actor == admin
    assert entry.origin == "api"
    assert entry.origin_detail.startswith(f"POST /api/v1/instruction/applications/{app.pk}")
    assert "(jeton " in entry.origin_detail


def test_a_correction_request_needs_a_reason_and_becomes_the_applicant_s_message(
    client, instructed
):
    applications, _organization, _admin, token = instructed
    app = applications[0]
    url = f"{INBOX}/{app.pk}/transitions"
    missing = post(client, url, {"transition": "request_correction"}, token)
    assert missing.status_code == 400
    assert missing.json() == {
        "error": "Motif de la demande de correction : ce champ est obligatoire."
    }
    reason = "Joignez les statuts signés."
    done = post(client, url, {"transition": "request_correction", "comment": reason}, token)
    assert done.status_code == 200
    assert done.json()["last_transition"]["comment"] == reason
    message = Message.objects.get(application=app)
    assert (message.body, message.is_correction_request, message.side) == (
        reason,
        True,
        "instructeur",
    )


def test_a_transition_from_the_wrong_state_is_409_saying_the_state(client, instructed):
    applications, _organization, _admin, token = instructed
    url = f"{INBOX}/{applications[0].pk}/transitions"
    response = post(client, url, {"transition": "refuse", "comment": "Hors critères."}, token)
    assert response.status_code == 409
    assert response.json()["error"].startswith(
        "Action « Refuser » impossible : l'état est « Déposée »"
    )
    unknown = post(client, url, {"transition": "accept"}, token)
    assert unknown.status_code == 400
    assert unknown.json()["error"] == "Changement d'état invalide."
    assert unknown.json()["details"]["transition"].startswith("Valeur inconnue « accept »")


def test_refusing_records_the_reason_and_the_decision_date(client, instructed):
    applications, _organization, _admin, token = instructed
    app = applications[2]  # under instruction
    url = f"{INBOX}/{app.pk}/transitions"
    response = post(client, url, {"transition": "refuse", "comment": "Hors critères."}, token)
    assert response.status_code == 200
    app.refresh_from_db()
    assert app.status == S.REFUSED and app.decided_at is not None


def test_acceptance_beyond_the_envelope_needs_a_reason_then_payments_follow(client, instructed):
    applications, _organization, admin, token = instructed
    app = applications[2]
    ApplicationTerms.objects.create(aid=app.aid, envelope_eur=Decimal("8000.00"))
    url = f"{INBOX}/{app.pk}/decision"
    beyond = post(client, url, {"amount": "9000.00"}, token)
    assert beyond.status_code == 409
    assert beyond.json()["details"]["override_reason"].startswith(
        "Ce montant dépasse l'enveloppe de l'aide de 1\u00a0000,00 €"
    )
    accepted = post(
        client,
        url,
        {"amount": "9000.00", "conditions": "Bilan à 6 mois.", "override_reason": "Urgence."},
        token,
    )
    assert accepted.status_code == 200, accepted.content
    body = accepted.json()
    assert body["status"]["code"] == "acceptee" and body["amount_granted"] == "9000.00"
    assert body["envelope_override_reason"] == "Urgence."
    assert "Dépassement" in body["last_transition"]["comment"]  # instructors read it
    app.refresh_from_db()
    assert app.decided_by == admin

    payments = f"{INBOX}/{app.pk}/payments"
    paid = post(client, payments, {"amount": "4000", "paid_on": "2026-11-30"}, token)
    assert paid.status_code == 201
    assert paid.json() == {
        "paid_on": "2026-11-30",
        "amount": "4000.00",
        "total_paid": "4000.00",
        "amount_granted": "9000.00",
    }
    too_much = post(client, payments, {"amount": "5000.01", "paid_on": "2026-12-01"}, token)
    assert too_much.status_code == 400
    assert too_much.json()["details"]["amount"].startswith("Ce versement porterait le total")
    bad_day = post(client, payments, {"amount": "10", "paid_on": "30/11/2026"}, token)
    assert bad_day.status_code == 400
    assert bad_day.json()["details"] == {"paid_on": "Date attendue au format AAAA-MM-JJ."}


def test_a_payment_of_an_application_not_accepted_is_409(client, instructed):
    applications, _organization, _admin, token = instructed
    url = f"{INBOX}/{applications[0].pk}/payments"
    response = post(client, url, {"amount": "10", "paid_on": "2026-11-30"}, token)
    assert response.status_code == 409
    assert response.json() == {
        "error": "Un versement ne s'enregistre que sur une demande acceptée."
    }


def test_instructors_read_notes_in_the_detail(client, instructed):
    applications, _organization, admin, token = instructed
    Note.objects.create(application=applications[0], author=admin, body="Appeler la trésorière.")
    body = client.get(f"{INBOX}/{applications[0].pk}", headers=bearer(token)).json()
    assert body["notes"][0]["body"] == "Appeler la trésorière."
    assert body["notes"][0]["author"] == "Camille Instructrice"


def test_an_instructor_s_session_works_without_a_token(client, login):
    app = ApplicationFactory()
    login(instructor(app))
    response = client.get(INBOX)
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [app.pk]
    changed = client.post(
        f"{INBOX}/{app.pk}/transitions",
        json.dumps({"transition": "instruct"}),
        content_type="application/json",
    )
    assert changed.status_code == 200


def test_who_instructs_nothing_is_refused_403(client, login):
    login(UserFactory())
    response = client.get(INBOX)
    assert response.status_code == 403
    assert response.json() == {"error": "Réservé aux instructeurs d'un financeur."}


def test_a_support_organisation_s_token_is_403(client):
    advisor = partner(OrganizationKind.SUPPORT, ScopeLevel.DEPARTMENTAL, departments=["59"])
    organization = advisor.organizations.get()
    advisor.organization_memberships.update(is_admin=True)
    _token, clear = create_token(organization, advisor, "Tableur")
    response = client.get(INBOX, headers=bearer(clear))
    assert response.status_code == 403
    assert response.json()["error"] == (
        "Ce jeton est celui d'une organisation qui n'instruit pas de demandes d'aide."
    )


def test_anonymous_is_401_in_french(client):
    response = client.get(INBOX)
    assert response.status_code == 401
    assert response.json() == {"error": "Authentification requise."}


def test_the_inbox_costs_the_same_queries_for_5_or_15_applications(client, instructed):
    applications, organization, _admin, token = instructed
    label = Label.objects.create(organization=organization, name="Prioritaire")

    def cost():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(INBOX, {"tab": "toutes"}, headers=bearer(token))
        assert response.status_code == 200
        return len(queries), len(response.json()["results"])

    for app in applications:
        app.labels.add(label)
    cost()  # the token's first use records its date: not a cost of the page
    few = cost()
    for _ in range(10):
        ApplicationFactory(aid=applications[0].aid).labels.add(label)
    many = cost()
    assert (few[1], many[1]) == (3, 13)
    assert few[0] == many[0]


def test_a_token_needs_no_csrf_token_a_session_does(instructed):
    applications, _organization, _admin, token = instructed
    strict = Client(enforce_csrf_checks=True)
    url = f"{INBOX}/{applications[0].pk}/transitions"
    body = json.dumps({"transition": "instruct"})
    response = strict.post(url, body, content_type="application/json", headers=bearer(token))
    assert response.status_code == 200
    strict.force_login(instructor(applications[1]))
    url = f"{INBOX}/{applications[1].pk}/transitions"
    refused = strict.post(url, body, content_type="application/json")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/json"
