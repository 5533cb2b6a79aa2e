"""Hand-written demo applications, told through the real domain functions (the lifecycle,
`decisions.accept`, `decide_without_grant`, `record_payment`) so that their transition logs,
history and envelopes are what the application would have written; each step is then dated in
the past. Steps of all the stories run in date order, so references follow submission dates."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from aidess.accounts.models import User
from aidess.applications.decisions import accept, decide_without_grant, record_payment
from aidess.applications.enums import MessageAuthor
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.links import describe_link
from aidess.applications.models import Application, Message, Note, Payment
from aidess.cashflow.models import CashflowLine, CashflowPlan, LineCategory, LineKind
from aidess.demo.accounts import DEMO_STRUCTURE_SIRET
from aidess.demo.application_data import AID_BY_SLUG, NAMED_STRUCTURES, REPRESENTATIVES, amount
from aidess.demo.generation import make_siret
from aidess.demo.snapshots import file_snapshot
from aidess.demo.story_texts import STORIES
from aidess.diagnosis.models import STEP_COUNT, Diagnosis, SharingConsent
from aidess.lifecycles.models import TransitionLog
from aidess.organizations.models import Organization
from aidess.structures.models import Structure, StructureMembership

ROLES = dict(REPRESENTATIVES)
NAMED_SIRET_OFFSET = 9_900_000  # far above the generated structures' indexes
THEATRE = "theatre"
# Who shares its diagnoses (and so its sent applications) with which demo support organisation.
SHARING = {"lucioles": "DLA de la Creuse", "centre_social": "France Active Nouvelle-Aquitaine"}


def moment(today, days_ago, hour=10):
    day = today - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def last_reference_number(year):
    last = (
        Application.objects.filter(reference__startswith=f"{year}-")
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    return int(last.split("-")[1]) if last else 0


def stories_exist():
    return Application.objects.filter(
        structure__siret=DEMO_STRUCTURE_SIRET, aid__slug__in=list(AID_BY_SLUG)
    ).exists()


def named_structures():
    """The demo structure and the hand-written structures of Nouvelle-Aquitaine, with the member
    who acts for each: {key: (structure, user)}."""
    theatre = Structure.objects.get(siret=DEMO_STRUCTURE_SIRET)
    found = {THEATRE: (theatre, User.objects.get(email="structure@demo.aidess.fr"))}
    for index, row in enumerate(NAMED_STRUCTURES):
        key, name, commune, sector, category, fte, budget, email = row
        structure, _ = Structure.objects.get_or_create(
            siret=make_siret(NAMED_SIRET_OFFSET + index),
            defaults={
                "name": name,
                "commune_id": commune,
                "sector": sector,
                "legal_category_id": category,
                "is_ess": True,
                "employees_fte": Decimal(fte),
                "volunteers": 10 + 7 * index,
                "annual_budget_eur": budget,
                "public_funding_share": 40 + 5 * index,
                "rna_number": f"W{commune[:2]}{9_000_000 + index:07d}"
                if category == "9220"
                else "",
            },
        )
        first_name, last_name = REPRESENTATIVES[index][0].split(" ", 1)
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_unusable_password()
            user.save()
        StructureMembership.objects.get_or_create(user=user, structure=structure, is_admin=True)
        found[key] = (structure, user)
    for key, organization_name in SHARING.items():
        structure, user = found[key]
        organization = Organization.objects.get(name=organization_name)
        if not SharingConsent.objects.filter(
            structure=structure, organization=organization, revoked_at__isnull=True
        ).exists():
            SharingConsent.objects.create(
                structure=structure, organization=organization, granted_by=user
            )
    return found


def diagnosis_and_plan(structure, user, when, need):
    """A completed self-diagnosis and a 3-month plan whose balance goes `need` € below zero."""
    diagnosis = Diagnosis.objects.create(
        structure=structure,
        created_by=user,
        step=STEP_COUNT,
        completed_at=when,
        answers={
            "activity_status": "reduced",
            "resources_lost_eur": str(need + 3000),
            "funding_cut": True,
            "funding_cut_eur": str(need),
            "cash_in_hand_eur": "1500",
            "months_covered": "0.5",
            "support_received": ["dla"],
        },
    )
    Diagnosis.objects.filter(pk=diagnosis.pk).update(created_at=when, updated_at=when)
    start = when.date().replace(day=1)
    plan = CashflowPlan.objects.create(
        structure=structure,
        created_by=user,
        title=f"Plan de trésorerie {start:%m/%Y}",
        start=start,
        opening_balance=Decimal("1500.00"),
    )
    monthly = Decimal(structure.annual_budget_eur or 60000) / 12
    shortfall = (Decimal(need) + Decimal("1500")) / 3
    lines = [
        (LineKind.RECEIPT, LineCategory.SALES, "Ventes et prestations", monthly * Decimal("0.5")),
        (LineKind.RECEIPT, LineCategory.SUBSIDY, "Subventions", monthly * Decimal("0.5")),
        (LineKind.EXPENSE, LineCategory.SALARIES, "Salaires et charges", monthly * Decimal("0.8")),
        (LineKind.EXPENSE, LineCategory.RENT, "Loyer", monthly * Decimal("0.2") + shortfall),
    ]
    CashflowLine.objects.bulk_create(
        CashflowLine(
            plan=plan,
            kind=kind,
            category=category,
            label=label,
            position=position,
            amounts=[str(value.quantize(Decimal("0.01")))] * plan.months,
        )
        for position, (kind, category, label, value) in enumerate(lines)
    )
    CashflowPlan.objects.filter(pk=plan.pk).update(created_at=when, updated_at=when)
    return diagnosis, plan


@dataclass
class Story:
    application: Application
    applicant: User
    instructor: User
    labels: dict
    steps: list = field(default_factory=list)


def begin(context, people, spec, today):
    structure, applicant = people[spec["structure"]]
    aid = context.aids[spec["aid"]]
    side = context.specs[spec["aid"]].provider
    first = spec["steps"][0][0] if spec["steps"] else spec.get("created", 3)
    created = moment(today, first + 2, hour=9)
    application = Application.objects.create(
        structure=structure,
        aid=aid,
        created_by=applicant,
        updated_by=applicant,
        project_title=spec["title"],
        project_objectives=spec["objectives"],
        project_budget_eur=amount(spec["budget"]),
        amount_requested_eur=amount(spec["requested"]),
        project_start=spec.get("start"),
        project_end=spec.get("end"),
    )
    questions = list(aid.application_terms.questions.all())
    application.answers = {
        str(question.pk): answer
        for question, answer in zip(questions, spec.get("answers", []), strict=False)
    }
    terms = aid.application_terms
    if terms.requires_diagnosis or terms.requires_cashflow_plan:
        application.diagnosis, application.cashflow_plan = diagnosis_and_plan(
            structure, applicant, moment(today, first + 4), int(spec["requested"])
        )
    application.save()
    Application.objects.filter(pk=application.pk).update(created_at=created, updated_at=created)
    application.refresh_from_db()
    return Story(
        application, applicant, context.instructors[side], context.labels[side], spec["steps"]
    )


def play(story, action, args, when):
    """One step: returns the transition log written, if any, to be dated."""
    app, applicant, instructor = story.application, story.applicant, story.instructor
    apply = APPLICATION_LIFECYCLE.apply
    if action == "submit":
        app.reference = f"{when.year}-{last_reference_number(when.year) + 1:06d}"
        name = applicant.get_full_name()  # named after REPRESENTATIVES: their role with it
        app.file_snapshot = file_snapshot(app.structure, when, (name, ROLES.get(name, "")))
        app.submitted_by, app.submitted_at = applicant, when
        app.applicant_link = describe_link(applicant, app.structure)
        app.save()
        return apply(app, "submit", applicant)
    if action == "instruct":
        return apply(app, "instruct", instructor)
    if action in ("request_correction", "answer_correction", "withdraw"):
        instructing = action == "request_correction"
        message = Message.objects.create(
            application=app,
            author=instructor if instructing else applicant,
            side=MessageAuthor.INSTRUCTOR if instructing else MessageAuthor.APPLICANT,
            body=args[0],
            is_correction_request=instructing,
        )
        Message.objects.filter(pk=message.pk).update(created_at=when)
        comment = "" if action == "withdraw" else args[0]
        return apply(app, action, instructor if instructing else applicant, comment)
    if action == "accept":
        log = accept(app, instructor, amount(args[0]), args[1])
        Application.objects.filter(pk=app.pk).update(decided_at=when)
        return log
    if action in ("refuse", "close"):
        log = decide_without_grant(app, instructor, action, args[0])
        Application.objects.filter(pk=app.pk).update(decided_at=when)
        return log
    if action == "pay":
        payment = record_payment(app, instructor, amount(args[0]), when.date())
        Payment.objects.filter(pk=payment.pk).update(recorded_at=when)
    elif action == "message":
        side, body = args
        author = instructor if side == MessageAuthor.INSTRUCTOR else applicant
        message = Message.objects.create(application=app, author=author, side=side, body=body)
        Message.objects.filter(pk=message.pk).update(created_at=when)
    elif action == "note":
        note = Note.objects.create(application=app, author=instructor, body=args[0])
        Note.objects.filter(pk=note.pk).update(created_at=when)
    elif action == "assign":
        Application.objects.filter(pk=app.pk).update(assigned_to=instructor)
        app.followers.add(instructor)
    elif action == "label":
        app.labels.add(story.labels[args[0]])
    return None


def create_stories(context, today):
    return tell_stories(context, named_structures(), STORIES, today)


def tell_stories(context, people, specs, today):
    """Plays `specs` (as in `story_texts.STORIES`) for `people` ({key: (structure, member)}),
    every step in date order; returns the number of applications."""
    stories = [begin(context, people, spec, today) for spec in specs]
    events = sorted(
        ((step[0], index, position) for index, story in enumerate(stories)
         for position, step in enumerate(story.steps)),
        key=lambda event: (-event[0], event[1], event[2]),
    )  # fmt: skip
    for days_ago, index, position in events:
        story = stories[index]
        _, action, *args = story.steps[position]
        when = moment(today, days_ago, hour=9 + position % 8)
        story.application.refresh_from_db()
        log = play(story, action, args, when)
        if log is not None:
            TransitionLog.objects.filter(pk=log.pk).update(created_at=when)
    content_type = ContentType.objects.get_for_model(Application)
    for story in stories:  # the last change is the last step, not today
        last = (
            TransitionLog.objects.filter(content_type=content_type, object_id=story.application.pk)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        if last:
            Application.objects.filter(pk=story.application.pk).update(updated_at=last)
    return len(stories)
