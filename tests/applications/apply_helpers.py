"""A structure ready to apply: a complete file, an aid taking applications, a draft."""

import datetime
from decimal import Decimal

from aidess.applications.enums import ApplicationStatus, DocumentKind
from aidess.applications.models import AidQuestion, Application, ApplicationFile, ApplicationTerms
from aidess.demo.application_file import add_document, create_demo_application_file
from tests.factories import AidFactory, OrganizationFactory, StructureFactory, UserFactory


def complete_file(structure, user, today=None):
    """The demo's file, with the missing documents added and the expired accounts replaced."""
    today = today or datetime.date.today()
    create_demo_application_file(structure, user, today)
    application_file = ApplicationFile.objects.get(structure=structure)
    application_file.documents.filter(kind=DocumentKind.ACCOUNTS).delete()
    later = today + datetime.timedelta(days=300)
    for kind, name in (
        (DocumentKind.OFFICERS, "dirigeants.pdf"),
        (DocumentKind.ACTIVITY_REPORT, "rapport-2025.pdf"),
        (DocumentKind.ACCOUNTS, "comptes-2025.pdf"),
    ):
        add_document(application_file, kind, name, later, today, user)
    return application_file


def applying_aid(questions=(), requires_diagnosis=False, requires_cashflow_plan=False, **kwargs):
    provider = OrganizationFactory(name="DREETS Hauts-de-France")
    aid = AidFactory(
        apply_in_aidess=True, providers=[provider], name="Fonds de relance ESS", **kwargs
    )
    terms = ApplicationTerms.objects.create(
        aid=aid,
        requires_diagnosis=requires_diagnosis,
        requires_cashflow_plan=requires_cashflow_plan,
        envelope_eur=Decimal("100000"),
    )
    for position, (label, required) in enumerate(questions):
        AidQuestion.objects.create(terms=terms, label=label, required=required, position=position)
    return aid


def member_with_structure(**kwargs):
    user = UserFactory(first_name="Léa", last_name="Martin")
    structure = StructureFactory(member=user, **kwargs)
    return user, structure


def ready_draft(user=None, structure=None, aid=None, **project):
    """A complete draft (file, project) of `structure` to `aid`, ready to submit."""
    if user is None:
        user, structure = member_with_structure()
    aid = aid or applying_aid()
    complete_file(structure, user)
    fields = {
        "project_title": "Maintenir les ateliers d'été",
        "project_objectives": "Garder deux emplois et 40 ateliers.",
        "amount_requested_eur": Decimal("12500"),
        "project_budget_eur": Decimal("30000"),
    } | project
    application = Application.objects.create(
        structure=structure,
        aid=aid,
        status=ApplicationStatus.DRAFT,
        created_by=user,
        reference=None,
        submitted_at=None,
        **fields,
    )
    return user, structure, application
