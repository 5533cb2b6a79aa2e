"""Demo applications (issue 13): every role finds something on its home.

Five aids take applications here: three of the demo funder (DREETS Nouvelle-Aquitaine) and two of
a national provider (the State's ESS delegation), because the demo structure is in Paris, outside
the DREETS's territory, and someone must instruct its applications. Hand-written applications
(`stories.py`) go through the real domain functions (lifecycle, `decisions.accept`,
`record_payment`), then their dates are moved into the past; a larger generated volume
(`bulk_applications.py`) fills the inboxes, tabs and filters. Runs once: applications already
there are kept.
"""

import datetime
import random

from django.db import transaction

from aidess.accounts.models import User
from aidess.aids.enums import AidKind, AidSource, AidStatus
from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid
from aidess.aids.moderation import AID_LIFECYCLE
from aidess.applications.models import (
    AidQuestion,
    Application,
    ApplicationTerms,
    Label,
    Payment,
)
from aidess.demo.accounts import NATIONAL_PROVIDER_EMAIL
from aidess.demo.application_data import AIDS, DREETS, LABELS, NATIONAL
from aidess.demo.bulk_applications import create_bulk_applications
from aidess.demo.stories import create_stories, stories_exist
from aidess.lifecycles.models import TransitionLog
from aidess.organizations.models import Organization
from aidess.structures.models import Structure

FUNDER_EMAIL = "financeur@demo.aidess.fr"
ADMIN_EMAIL = "admin@demo.aidess.fr"
OPENED_DAYS_AGO = 300


class Context:
    """The demo's people, organisations, aids (by slug) and labels (by provider, then name)."""

    def __init__(self):
        self.admin = User.objects.get(email=ADMIN_EMAIL)
        self.instructors = {
            DREETS: User.objects.get(email=FUNDER_EMAIL),
            NATIONAL: User.objects.get(email=NATIONAL_PROVIDER_EMAIL),
        }
        self.organizations = {
            side: Organization.objects.get(memberships__user=user)
            for side, user in self.instructors.items()
        }
        self.aids, self.specs, self.labels = {}, {}, {}


def open_aid(context, spec, today):
    """The aid of `spec`, created and published through moderation when missing, taking
    applications with its terms and questions."""
    organization = context.organizations[spec.provider]
    aid = Aid.objects.filter(slug=spec.slug).first()
    if aid is None:
        aid = Aid.objects.create(
            slug=spec.slug,
            name=spec.name,
            short_description=spec.short,
            description=spec.description,
            kind=AidKind.GRANT,
            amount_kind=spec.amount_kind,
            amount_max_eur=spec.amount_max,
            is_national=spec.provider == NATIONAL,
            opening_date=today - datetime.timedelta(days=OPENED_DAYS_AGO),
            source=AidSource.PROVIDER,
            provenance=spec.provenance,
            apply_in_aidess=True,
        )
        aid.providers.set([organization])
        if spec.provider == DREETS:
            aid.regions.set(organization.regions.all())
        reindex(Aid.objects.filter(pk=aid.pk))
    if aid.status == AidStatus.DRAFT:
        AID_LIFECYCLE.apply(aid, "submit", context.instructors[spec.provider])
    if aid.status == AidStatus.SUBMITTED:
        AID_LIFECYCLE.apply(aid, "publish", context.admin)
    if not aid.apply_in_aidess:  # an aid of aids.py: its provider opens it, in its history
        aid.apply_in_aidess, aid.updated_by = True, context.instructors[spec.provider]
        aid.save()
    terms, created = ApplicationTerms.objects.get_or_create(
        aid=aid,
        defaults={
            "requires_diagnosis": spec.requires_diagnosis,
            "requires_cashflow_plan": spec.requires_cashflow_plan,
            "envelope_eur": spec.envelope,
            "instructions": spec.instructions,
        },
    )
    if created:
        AidQuestion.objects.bulk_create(
            AidQuestion(
                terms=terms, label=label, help_text=help_text, required=required, position=n
            )
            for n, (label, help_text, required) in enumerate(spec.questions)
        )
    aid.refresh_from_db()
    return aid


def prepare(today):
    context = Context()
    for spec in AIDS:
        context.aids[spec.slug] = open_aid(context, spec, today)
        context.specs[spec.slug] = spec
    for side, names in LABELS.items():
        organization = context.organizations[side]
        context.labels[side] = {
            name: Label.objects.get_or_create(organization=organization, name=name)[0]
            for name in names
        }
    return context


def create_demo_applications(seed=2026, today=None):
    """The demo's applications, once. Returns (hand-written, generated) counts created."""
    today = today or datetime.date.today()
    with transaction.atomic():
        context = prepare(today)
        written = 0 if stories_exist() else create_stories(context, today)
        generated = create_bulk_applications(context, random.Random(seed), today)
    return written, generated


def delete_generated_applications():
    """Before the demo structures are deleted (`load_demo --reset`): their applications, with
    their payments (protected) and transition logs. The hand-written ones stay."""
    applications = Application.objects.filter(structure__in=Structure.objects.filter(is_demo=True))
    ids = list(applications.values_list("pk", flat=True))
    Payment.objects.filter(application_id__in=ids).delete()
    TransitionLog.objects.filter(
        content_type__app_label="applications",
        content_type__model="application",
        object_id__in=ids,
    ).delete()
    applications.delete()
