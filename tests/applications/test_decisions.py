"""The application lifecycle's rules and the envelope: who may do what, and money never beyond
what was voted without a logged reason."""

import datetime
from decimal import Decimal

import pytest

from aidess.applications.decisions import (
    DecisionRefused,
    accept,
    decide_without_grant,
    envelope_of,
    record_payment,
)
from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import ApplicationTerms
from aidess.applications.permissions import applications_visible_to
from aidess.lifecycles.machine import TransitionRefused
from aidess.organizations.enums import ScopeLevel
from tests.factories import ApplicationFactory, applicant, instructor

pytestmark = pytest.mark.django_db


def in_instruction(**kwargs):
    application = ApplicationFactory(status=S.INSTRUCTION, **kwargs)
    return application, instructor(application)


def test_an_applicant_cannot_decide_and_an_instructor_cannot_withdraw():
    application, agent = in_instruction()
    member = applicant(application)
    with pytest.raises(TransitionRefused) as refused:
        APPLICATION_LIFECYCLE.apply(application, "refuse", member, "non")
    assert refused.value.status == 403
    with pytest.raises(TransitionRefused):
        APPLICATION_LIFECYCLE.apply(application, "withdraw", agent)
    APPLICATION_LIFECYCLE.apply(application, "withdraw", member)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_correction_round_trip_is_logged_with_reasons():
    application, agent = in_instruction()
    member = applicant(application)
    with pytest.raises(TransitionRefused) as refused:
        APPLICATION_LIFECYCLE.apply(application, "request_correction", agent, " ")
    assert "Motif de la demande de correction" in str(refused.value)
    APPLICATION_LIFECYCLE.apply(application, "request_correction", agent, "RIB illisible")
    APPLICATION_LIFECYCLE.apply(application, "answer_correction", member, "RIB renvoyé")
    assert [(e.transition, e.comment) for e in APPLICATION_LIFECYCLE.history(application)] == [
        ("request_correction", "RIB illisible"),
        ("answer_correction", "RIB renvoyé"),
    ]


def test_an_instructor_sees_only_applications_within_its_territory():
    application = ApplicationFactory()  # structure in Lille (Hauts-de-France, 32)
    far = instructor(application, scope=ScopeLevel.REGIONAL, regions=["84"])
    near = instructor(application, scope=ScopeLevel.DEPARTMENTAL, departments=["59"])
    assert not applications_visible_to(far).exists()
    assert list(applications_visible_to(near)) == [application]
    draft = ApplicationFactory(status=S.DRAFT, aid=application.aid)
    assert draft not in applications_visible_to(near)


def test_accepting_commits_the_envelope_and_refuses_to_exceed_it_without_a_reason():
    application, agent = in_instruction()
    ApplicationTerms.objects.create(aid=application.aid, envelope_eur=Decimal("15000"))
    accept(application, agent, Decimal("12000"), conditions="Rapport final sous un an")
    assert envelope_of(application.aid).committed == Decimal("12000")

    second, _ = in_instruction(aid=application.aid)
    with pytest.raises(DecisionRefused) as refused:
        accept(second, agent, Decimal("5000"))
    assert refused.value.status == 409
    assert "2\xa0000,00 €" in str(refused.value) and "3\xa0000,00 €" in str(refused.value)
    second.refresh_from_db()
    assert second.status == S.INSTRUCTION and second.amount_granted_eur is None

    log = accept(second, agent, Decimal("5000"), override_reason="Fonds d'urgence complémentaire")
    assert "Dépassement" in log.comment and "Fonds d'urgence" in log.comment
    second.refresh_from_db()
    assert second.envelope_override_reason == "Fonds d'urgence complémentaire"
    assert envelope_of(application.aid).remaining == Decimal("-2000")


def test_reopening_an_accepted_application_releases_its_commitment():
    application, agent = in_instruction()
    accept(application, agent, Decimal("8000"))
    APPLICATION_LIFECYCLE.apply(application, "reopen", agent, "Erreur de montant")
    assert envelope_of(application.aid).committed == 0
    decide_without_grant(application, agent, "refuse", "Projet hors champ")
    application.refresh_from_db()
    assert application.status == S.REFUSED and application.amount_granted_eur is None


def test_payments_never_exceed_the_amount_granted():
    application, agent = in_instruction()
    with pytest.raises(DecisionRefused):
        record_payment(application, agent, Decimal("100"), datetime.date(2026, 11, 2))
    accept(application, agent, Decimal("8000"))
    record_payment(application, agent, Decimal("6000"), datetime.date(2026, 11, 2))
    with pytest.raises(DecisionRefused) as refused:
        record_payment(application, agent, Decimal("2500"), datetime.date(2026, 12, 2))
    assert "8\xa0500,00 €" in str(refused.value)
    assert envelope_of(application.aid).paid == Decimal("6000")
