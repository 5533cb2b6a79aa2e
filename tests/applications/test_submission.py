"""Submitting an application: what is missing is said, the file is frozen, the documents copied,
the application numbered, and later edits of the file change nothing submitted."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from aidess.applications.enums import ApplicationStatus, DocumentKind, YearKind
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import Application, ApplicationFile
from aidess.applications.submission import (
    Incomplete,
    missing_parts,
    next_reference,
    start_draft,
    submit,
)
from aidess.lifecycles.machine import TransitionRefused
from tests.applications.apply_helpers import (
    applying_aid,
    member_with_structure,
    ready_draft,
)
from tests.factories import (
    AidFactory,
    CashflowPlanFactory,
    DiagnosisFactory,
    StructureMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_one_open_draft_per_structure_and_aid_is_reused():
    user, structure = member_with_structure()
    aid = applying_aid()
    first, created = start_draft(structure, aid, user)
    again, created_again = start_draft(structure, aid, user)
    assert created and not created_again
    assert again.pk == first.pk
    assert Application.objects.filter(structure=structure, aid=aid).count() == 1


def test_no_draft_for_an_aid_not_taking_applications_here():
    user, structure = member_with_structure()
    with pytest.raises(TransitionRefused, match="ne reçoit pas de demande"):
        start_draft(structure, AidFactory(apply_in_aidess=False), user)
    closed = applying_aid(closing_date=datetime.date(2020, 1, 1))
    with pytest.raises(TransitionRefused):
        start_draft(structure, closed, user)


def test_an_empty_draft_lists_everything_missing_in_french_with_links():
    user, structure = member_with_structure()
    aid = applying_aid(
        questions=[("Combien de bénéficiaires ?", True), ("Autre chose ?", False)],
        requires_diagnosis=True,
        requires_cashflow_plan=True,
    )
    draft, _ = start_draft(structure, aid, user)
    messages = {item.message: item.url for item in missing_parts(draft)}
    assert "Indiquez l'intitulé du projet." in messages
    assert "Indiquez le montant demandé (plus de 0 €)." in messages
    assert "Indiquez le budget total du projet." in messages
    assert "Répondez à la question « Combien de bénéficiaires ? »." in messages
    assert not any("Autre chose" in message for message in messages)
    assert messages["Cette aide demande votre autodiagnostic : terminez-en un."].endswith(
        f"/structures/{structure.pk}/autodiagnostic/"
    )
    assert "Cette aide demande un plan de trésorerie : établissez-le." in messages
    assert "Ajoutez la pièce « RIB » au dossier." in messages
    assert "Le budget prévisionnel du dossier est vide." in messages
    with pytest.raises(Incomplete) as refused:
        submit(draft, user)
    assert refused.value.status == 400
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT and draft.reference is None


def test_an_expired_document_blocks_the_submission():
    user, structure, draft = ready_draft()
    ApplicationFile.objects.get(structure=structure).documents.filter(
        kind=DocumentKind.BANK_DETAILS
    ).update(valid_until=datetime.date(2020, 1, 31))
    messages = [item.message for item in missing_parts(draft)]
    assert messages == ["La pièce « RIB » a expiré le 31/01/2020 : envoyez-en une à jour."]


def test_amount_zero_is_missing():
    user, structure, draft = ready_draft(amount_requested_eur=Decimal("0"))
    assert [m.message for m in missing_parts(draft)] == [
        "Indiquez le montant demandé (plus de 0 €)."
    ]


def test_submit_freezes_the_file_copies_documents_and_numbers_the_application():
    user, structure, draft = ready_draft()
    diagnosis = DiagnosisFactory(structure=structure, completed=True)
    plan = CashflowPlanFactory(structure=structure)
    log = submit(draft, user)

    draft.refresh_from_db()
    year = timezone.localdate().year
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.reference.startswith(f"{year}-") and len(draft.reference) == 11
    assert draft.submitted_by == user and draft.submitted_at is not None
    assert draft.applicant_link  # a French sentence on how the link was confirmed
    assert draft.diagnosis == diagnosis and draft.cashflow_plan == plan
    assert log.transition == "submit" and log.actor == user
    snapshot = draft.file_snapshot
    assert snapshot["identity"]["name"] == structure.name
    assert snapshot["representative"]["name"] == "Claire Durand"
    assert snapshot["human_means"]["employees_fte"] == "2.00"
    forecast = snapshot["budgets"][YearKind.FORECAST]
    assert forecast["totals"]["charges"] == "96600.00"
    assert {line["account"] for line in forecast["lines"]} >= {"60", "64", "74"}
    assert snapshot["agrements"][0]["number"] == "75-JEP-2019-042"
    kinds = sorted(document.kind for document in draft.documents.all())
    assert kinds == ["comptes", "dirigeants", "rapport", "rib", "statuts"]
    assert len(snapshot["documents"]) == 5
    copy = draft.documents.get(kind="rib")
    with copy.content.open("rb") as content:
        assert content.read().startswith(b"%PDF-")


def test_later_edits_of_the_file_do_not_change_a_submitted_application():
    user, structure, draft = ready_draft()
    submit(draft, user)
    application_file = ApplicationFile.objects.get(structure=structure)
    application_file.representative_name = "Paul Nouveau"
    application_file.save()
    application_file.budget_lines.all().delete()
    rib = application_file.documents.get(kind="rib")
    rib.content.delete(save=False)
    rib.delete()
    structure.name = "Nouveau nom"
    structure.save()

    draft.refresh_from_db()
    assert draft.file_snapshot["representative"]["name"] == "Claire Durand"
    assert draft.file_snapshot["budgets"]["previsionnel"]["lines"]
    assert draft.file_snapshot["identity"]["name"] != "Nouveau nom"
    copy = draft.documents.get(kind="rib")
    with copy.content.open("rb") as content:
        assert content.read().startswith(b"%PDF-")


def test_references_follow_each_other_within_the_year():
    user, structure, first = ready_draft()
    submit(first, user)
    aid = applying_aid()
    second, _ = start_draft(structure, aid, user)
    for name in ("project_title", "project_objectives"):
        setattr(second, name, getattr(first, name))
    second.amount_requested_eur, second.project_budget_eur = Decimal(1000), Decimal(2000)
    second.save()
    submit(second, user)
    first.refresh_from_db()
    second.refresh_from_db()
    assert int(second.reference.split("-")[1]) == int(first.reference.split("-")[1]) + 1
    assert next_reference(2031) == "2031-000001"


def test_only_a_member_submits_and_only_a_draft():
    user, structure, draft = ready_draft()
    with pytest.raises(TransitionRefused) as refused:
        submit(draft, UserFactory())
    assert refused.value.status == 403
    submit(draft, user)
    with pytest.raises(TransitionRefused) as again:
        submit(draft, user)
    assert again.value.status == 409


def test_an_inactive_member_cannot_submit():
    user, structure, draft = ready_draft()
    other = StructureMembershipFactory(structure=structure, is_active=False).user
    with pytest.raises(TransitionRefused):
        submit(draft, other)


def test_required_answers_are_kept_and_checked():
    aid = applying_aid(questions=[("Combien de bénéficiaires ?", True)])
    user, structure, draft = ready_draft(aid=aid)
    question = aid.application_terms.questions.get()
    assert [m.message for m in missing_parts(draft)] == [
        "Répondez à la question « Combien de bénéficiaires ? »."
    ]
    draft.answers = {str(question.pk): "120 enfants"}
    draft.save()
    submit(draft, user)
    assert APPLICATION_LIFECYCLE.history(draft)[-1].to_label == "Déposée"
