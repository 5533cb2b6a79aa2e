"""The demo's applications (issue 13): every state on several aids, the demo structure's three
cases, instructors seeing their territory, envelopes and payments that add up, and decided grants
with what the open-data export needs. The demo is loaded once for the module (about 10 s)."""

import datetime
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from stdnum.fr import siret

from aidess.accounts.models import User
from aidess.applications.decisions import envelope_of
from aidess.applications.enums import DECIDED_STATUSES, ApplicationStatus, MessageAuthor
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.links import NOT_A_MEMBER, describe_link
from aidess.applications.models import Application, ApplicationTerms, Message, Payment
from aidess.applications.permissions import (
    applications_instructed_by,
    applications_visible_to,
    is_instructor,
)
from aidess.demo.accounts import DEMO_STRUCTURE_SIRET, NATIONAL_PROVIDER_EMAIL
from aidess.demo.application_data import AIDS
from aidess.demo.bulk_applications import MAX_GENERATED
from aidess.demo.emergency_plans import PLAN_LABEL
from aidess.demo.story_texts import STORIES

FUNDER = "financeur@demo.aidess.fr"
MEMBER = "structure@demo.aidess.fr"
HAND_WRITTEN = len(STORIES)


def told():
    """The applications the demo tells through the lifecycle; the Ville d'Antibes decisions
    are imported from the SCDL example (tests/demo/test_open_data.py)."""
    return Application.objects.filter(imported_decision__isnull=True)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """`load_demo` with its default 2 000 structures, rolled back after the module (each test
    runs in a savepoint inside this transaction)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def user(email):
    return User.objects.get(email=email)


def theatre_applications():
    return Application.objects.filter(structure__siret=DEMO_STRUCTURE_SIRET)


def logs_of(application):
    return APPLICATION_LIFECYCLE.history(application)


def test_every_state_is_there_on_several_aids_and_structures_in_several_departments():
    applications = Application.objects.filter(aid__slug__in=[aid.slug for aid in AIDS])
    states = Counter(applications.values_list("status", flat=True))
    assert set(states) == set(ApplicationStatus.values)
    for status in ApplicationStatus.values:
        spread = applications.filter(status=status)
        assert spread.values("aid").distinct().count() >= 2, status
        assert spread.values("structure").distinct().count() >= 2, status
    assert applications.values("structure__department").distinct().count() >= 20
    # Beside them, the culture fund's applications under the emergency plan (test_emergency_plans).
    assert applications.exclude(labels__name=PLAN_LABEL).count() == HAND_WRITTEN + MAX_GENERATED


def test_the_demo_structure_has_a_draft_a_correction_to_answer_and_a_paid_grant():
    member = user(MEMBER)
    mine = theatre_applications()
    assert set(applications_visible_to(member)) == set(mine)

    draft = mine.get(status=ApplicationStatus.DRAFT)
    assert draft.reference is None and draft.submitted_at is None and draft.project_title

    to_answer = mine.get(status=ApplicationStatus.CORRECTION)
    request = to_answer.messages.get(is_correction_request=True)
    assert request.side == MessageAuthor.INSTRUCTOR
    assert "comptes 2025 approuvés" in request.body
    assert logs_of(to_answer)[-1].comment == request.body
    assert "answer_correction" in [
        t.name for t in APPLICATION_LIFECYCLE.available(to_answer, member)
    ]
    assert to_answer.diagnosis.structure == to_answer.structure
    assert to_answer.cashflow_plan.structure == to_answer.structure
    assert to_answer.notes.exists() and to_answer.assigned_to is not None

    granted = mine.get(status=ApplicationStatus.ACCEPTED)
    paid = granted.payments.aggregate(total=Sum("amount_eur"))["total"]
    assert granted.amount_granted_eur == Decimal("10000.00") and paid == Decimal("6000.00")
    assert [log.transition for log in logs_of(granted)] == ["submit", "instruct", "accept"]
    assert {m.side for m in granted.messages.all()} == set(MessageAuthor.values)


def test_the_demo_structures_applications_are_instructed_nationally_not_by_the_dreets():
    national, funder = user(NATIONAL_PROVIDER_EMAIL), user(FUNDER)
    sent = theatre_applications().exclude(status=ApplicationStatus.DRAFT)
    assert sent.count() == 2
    for application in sent:
        assert is_instructor(national, application)
        assert not is_instructor(funder, application)
    assert theatre_applications().get(status=ApplicationStatus.CORRECTION).assigned_to == national
    for application in sent:  # how the applicant's link was confirmed, for the instructor
        assert application.applicant_link == describe_link(user(MEMBER), application.structure)
        assert application.applicant_link != NOT_A_MEMBER


def test_the_funder_instructs_a_few_pages_of_applications_within_its_region():
    funder = user(FUNDER)
    inbox = applications_instructed_by(funder)
    assert inbox.count() > 50  # more than one page of the inbox
    assert set(inbox.values_list("structure__region", flat=True)) == {"75"}
    assert not inbox.filter(status=ApplicationStatus.DRAFT).exists()
    assert inbox.values("structure__department").distinct().count() >= 6
    assert Counter(inbox.values_list("status", flat=True)).keys() == set(
        ApplicationStatus.values
    ) - {ApplicationStatus.DRAFT}
    mine = inbox.filter(assigned_to=funder)
    assert mine.exists() and all(is_instructor(funder, a) for a in mine[:5])
    in_instruction = inbox.filter(status=ApplicationStatus.INSTRUCTION).first()
    assert "request_correction" in [
        t.name for t in APPLICATION_LIFECYCLE.available(in_instruction, funder)
    ]


def test_support_organisations_see_what_structures_share_with_them():
    for email in ["conseiller.dla@demo.aidess.fr", "conseiller.france-active@demo.aidess.fr"]:
        seen = applications_visible_to(user(email))
        assert seen.exists(), email
        assert not seen.filter(status=ApplicationStatus.DRAFT).exists()


def test_envelopes_are_never_exceeded_and_payments_never_beyond_the_grant():
    for terms in ApplicationTerms.objects.filter(aid__slug__in=[aid.slug for aid in AIDS]):
        envelope = envelope_of(terms.aid)
        accepted = Application.objects.filter(aid=terms.aid, status=ApplicationStatus.ACCEPTED)
        assert envelope.committed == accepted.aggregate(total=Sum("amount_granted_eur"))["total"]
        overridden = accepted.exclude(envelope_override_reason="").exists()
        assert envelope.committed <= envelope.voted or overridden, terms.aid.slug
        assert envelope.paid <= envelope.committed
    fully = partly = 0
    for application in told().filter(status=ApplicationStatus.ACCEPTED):
        paid = application.payments.aggregate(total=Sum("amount_eur"))["total"] or 0
        assert paid <= application.amount_granted_eur
        fully += paid == application.amount_granted_eur
        partly += 0 < paid < application.amount_granted_eur
    assert fully >= 3 and partly >= 3
    assert not Payment.objects.exclude(application__status=ApplicationStatus.ACCEPTED).exists()


def test_decided_grants_carry_what_the_open_data_export_needs():
    accepted = told().filter(status=ApplicationStatus.ACCEPTED).select_related("structure", "aid")
    assert accepted.count() >= 20
    for application in accepted:
        assert application.amount_granted_eur > 0
        assert application.decided_at and application.decided_by
        assert application.submitted_at < application.decided_at < timezone.now()
        assert siret.is_valid(application.structure.siret)
        assert application.reference and application.aid.name


def test_applications_are_consistent_with_their_state_and_dated_in_the_past():
    today = datetime.date.today()
    references = []
    for application in told():
        status = application.status
        history = logs_of(application)
        if status == ApplicationStatus.DRAFT:
            assert not history and application.reference is None
            continue
        references.append(application.reference)
        assert history[-1].to_state == status
        assert history[-1].created_at < timezone.now()
        assert application.created_at <= application.submitted_at < timezone.now()
        snapshot = application.file_snapshot
        assert snapshot["identity"]["siret"] == application.structure.siret
        assert snapshot["representative"]["name"] and snapshot["budgets"]
        assert (application.amount_granted_eur is not None) == (
            status == ApplicationStatus.ACCEPTED
        )
        assert (application.decided_at is not None) == (status in DECIDED_STATUSES)
        if status in (ApplicationStatus.REFUSED, ApplicationStatus.CLOSED):
            assert history[-1].comment  # the reason the applicant reads
        if status == ApplicationStatus.CORRECTION:
            assert application.messages.filter(is_correction_request=True).exists()
        for payment in application.payments.all():
            assert application.decided_at.date() <= payment.paid_on < today
    assert len(references) == len(set(references))
    assert all(re.fullmatch(r"20\d\d-\d{6}", reference) for reference in references)


def test_hand_written_histories_are_in_order_with_notes_labels_and_both_sides_writing():
    hand_written = told().filter(structure__is_demo=False)
    assert hand_written.count() == HAND_WRITTEN
    for application in hand_written.exclude(status=ApplicationStatus.DRAFT):
        times = [log.created_at for log in logs_of(application)]
        assert times == sorted(times) and times[0] == application.submitted_at
        for label in application.labels.all():
            assert label.organization in application.aid.providers.all()
    messages = Message.objects.filter(application__in=hand_written)
    assert set(messages.values_list("side", flat=True)) == set(MessageAuthor.values)
    assert hand_written.filter(notes__isnull=False).distinct().count() >= 2
    assert hand_written.filter(labels__isnull=False).distinct().count() >= 4
    by_date = sorted(hand_written.exclude(reference=None), key=lambda a: a.submitted_at)
    assert [a.reference for a in by_date] == sorted(a.reference for a in by_date)


def test_the_aids_take_applications_with_their_questions_and_cite_the_seeds():
    for spec in AIDS:
        terms = ApplicationTerms.objects.get(aid__slug=spec.slug)
        assert terms.aid.apply_in_aidess and terms.aid.status == "published"
        assert terms.envelope_eur == spec.envelope
        assert 2 <= terms.questions.count() <= 3
        if not spec.existing:
            assert "seeds/00" in terms.aid.provenance
    demanding = ApplicationTerms.objects.filter(
        requires_diagnosis=True, requires_cashflow_plan=True
    )
    assert demanding.count() == 2
    funder_aids = ApplicationTerms.objects.filter(aid__providers__memberships__user__email=FUNDER)
    assert funder_aids.count() == 3


def test_loading_again_adds_nothing_and_reset_regenerates_only_the_generated_ones():
    before = Application.objects.count()
    call_command("load_demo", verbosity=0)
    assert Application.objects.count() == before

    call_command("load_demo", "--reset", "--structures", "300", verbosity=0)

    assert told().filter(structure__is_demo=False).count() == HAND_WRITTEN
    generated = Application.objects.filter(structure__is_demo=True)
    assert generated.exclude(labels__name=PLAN_LABEL).count() == 30
    assert theatre_applications().count() == 3
