"""A generated volume of demo applications (about one demo structure in ten, at most 200), so
that the inboxes have pages, tab counts and filters to try. Bulk-created (a second at most) yet
consistent: a reference once submitted, amounts within the aid's bounds, the envelope never
exceeded, payments never beyond the grant, dates in order, and one transition log per application
for the change that brought it to its current state (with the reason where one is required)."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from aidess.aids.enums import AmountKind
from aidess.applications.decisions import envelope_of, euros
from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.enums import MessageAuthor
from aidess.applications.models import AidQuestion, Application, Message, Payment
from aidess.demo.application_data import (
    AID_BY_SLUG,
    ANSWERS,
    CLOSINGS,
    CONDITIONS,
    CORRECTIONS,
    CULTURE,
    PROJECTS,
    PTCE_NA,
    REFUSALS,
    REPRESENTATIVES,
    RESSOURCERIES,
    SECOURS,
    URGENCY_NA,
    amount,
)
from aidess.demo.snapshots import synthetic_snapshot
from aidess.demo.stories import last_reference_number
from aidess.lifecycles.models import TransitionLog
from aidess.structures.models import Structure

MAX_GENERATED = 200
SHARE_OF_STRUCTURES = 10  # one structure in ten applies
SHARE_IN_REGION = 0.55  # of them, from Nouvelle-Aquitaine when there are enough (the demo funder)
STATUS_WEIGHTS = {
    S.DRAFT: 10,
    S.SUBMITTED: 15,
    S.INSTRUCTION: 20,
    S.CORRECTION: 8,
    S.ACCEPTED: 27,
    S.REFUSED: 10,
    S.CLOSED: 4,
    S.WITHDRAWN: 6,
}
# The transition that brought an application to each state: (name, from state, by instructor).
ARRIVAL = {
    S.SUBMITTED: ("submit", S.DRAFT, False),
    S.INSTRUCTION: ("instruct", S.SUBMITTED, True),
    S.CORRECTION: ("request_correction", S.INSTRUCTION, True),
    S.ACCEPTED: ("accept", S.INSTRUCTION, True),
    S.REFUSED: ("refuse", S.INSTRUCTION, True),
    S.CLOSED: ("close", S.INSTRUCTION, True),
    S.WITHDRAWN: ("withdraw", S.INSTRUCTION, False),
}


def pick_aid(structure, rng):
    small = (structure.employees_fte or 0) <= 3  # the 5 000 € funds' rule, mostly known
    if structure.region_id == "75":
        if structure.sector in AID_BY_SLUG[RESSOURCERIES].sectors and rng.random() < 0.6:
            return RESSOURCERIES
        return URGENCY_NA if small and rng.random() < 0.65 else PTCE_NA
    if structure.sector in AID_BY_SLUG[CULTURE].sectors and rng.random() < 0.6:
        return CULTURE
    return SECOURS


def requested_amount(spec, rng):
    if spec.amount_kind == AmountKind.FLAT:
        return Decimal(spec.amount_max)
    return Decimal(rng.randrange(3000, spec.amount_max + 1, 500))


def granted_amount(spec, requested, rng):
    if spec.amount_kind == AmountKind.FLAT:
        return requested
    return max(Decimal(1000), (requested * Decimal(rng.uniform(0.6, 1)) / 500).quantize(1) * 500)


def chosen_structures(rng):
    demo = Structure.objects.filter(is_demo=True).select_related("commune")
    total = demo.count()
    wanted = min(MAX_GENERATED, total // SHARE_OF_STRUCTURES)
    if not wanted:
        return []
    in_region = list(demo.filter(region_id="75").order_by("pk")[: wanted * 4])
    from_region = rng.sample(in_region, min(len(in_region), round(wanted * SHARE_IN_REGION)))
    others = list(demo.exclude(region_id="75").order_by("pk")[: wanted * 4])
    return from_region + rng.sample(others, min(len(others), wanted - len(from_region)))


class Generator:
    def __init__(self, context, rng, today):
        self.context, self.rng, self.today = context, rng, today
        self.now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
        self.remaining = {
            slug: envelope_of(aid).remaining for slug, aid in context.aids.items()
        }  # what each envelope can still commit
        self.questions = {
            slug: list(AidQuestion.objects.filter(terms__aid=aid))
            for slug, aid in context.aids.items()
        }
        self.logs, self.messages, self.payments, self.labelled = [], [], [], []

    def past(self, days_ago):
        return self.now - datetime.timedelta(days=days_ago, minutes=self.rng.randrange(600))

    def application(self, structure):
        rng = self.rng
        slug = pick_aid(structure, rng)
        spec, aid = self.context.specs[slug], self.context.aids[slug]
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        # The 5 000 € funds are for structures of up to 3 FTE (seeds/000): never granted above.
        too_big = slug in (URGENCY_NA, SECOURS) and (structure.employees_fte or 0) > 3
        if too_big and status == S.ACCEPTED:
            status = S.REFUSED
        requested = requested_amount(spec, rng)
        granted = granted_amount(spec, requested, rng) if status == S.ACCEPTED else None
        if granted is not None:
            if granted > self.remaining[slug]:
                status, granted = S.INSTRUCTION, None  # the envelope is spent: still waiting
            else:
                self.remaining[slug] -= granted
        title, objectives = rng.choice(PROJECTS[slug])
        decided = status in (S.ACCEPTED, S.REFUSED, S.CLOSED)
        days = rng.randrange(30, 240) if decided else rng.randrange(1, 90)
        submitted = None if status == S.DRAFT else self.past(days)
        app = Application(
            structure=structure,
            aid=aid,
            status=status,
            project_title=title,
            project_objectives=objectives,
            amount_requested_eur=amount(requested),
            project_budget_eur=amount((requested * Decimal(rng.uniform(1.2, 4)) / 100).quantize(1) * 100),
            answers={str(q.pk): rng.choice(ANSWERS) for q in self.questions[slug] if q.required},
            submitted_at=submitted,
            amount_granted_eur=None if granted is None else amount(granted),
        )  # fmt: skip
        app.born = submitted or self.past(days)  # created_at, which the insert sets to now
        app.changed_at = app.born  # when it came to its current state
        if submitted:
            app.file_snapshot = synthetic_snapshot(
                structure, submitted, representative=rng.choice(REPRESENTATIVES)
            )
            app.applicant_link = "Membre de la structure (données de démonstration)."
            after = rng.randrange(10, days - 1) if decided else rng.randrange(0, days)
            if status != S.SUBMITTED:
                app.changed_at = submitted + datetime.timedelta(days=after)
        instructor = self.context.instructors[spec.provider]
        if decided:
            app.decided_at, app.decided_by = app.changed_at, instructor
        if status == S.ACCEPTED:
            app.decision_conditions = rng.choice(CONDITIONS)
        if status in (S.INSTRUCTION, S.CORRECTION) and rng.random() < 0.4:
            app.assigned_to = instructor
        app.side, app.instructor, app.too_big = spec.provider, instructor, too_big
        return app

    def follow_up(self, app):
        """The log of its last transition, its correction message, labels and payments."""
        rng, status = self.rng, app.status
        if status == S.DRAFT:
            return
        name, source, by_instructor = ARRIVAL[status]
        comment = {
            S.CORRECTION: lambda: rng.choice(CORRECTIONS),
            S.REFUSED: lambda: REFUSALS[0] if app.too_big else rng.choice(REFUSALS[1:]),
            S.CLOSED: lambda: rng.choice(CLOSINGS),
            S.ACCEPTED: lambda: (
                f"Montant accordé : {euros(app.amount_granted_eur)}. "
                f"Conditions : {app.decision_conditions}"
            ),
        }.get(status, lambda: "")()
        self.logs.append(
            TransitionLog(
                content_type=self.content_type,
                object_id=app.pk,
                transition=name,
                from_state=source,
                to_state=status,
                actor=app.instructor if by_instructor else None,
                comment=comment,
                created_at=app.changed_at,
            )
        )
        if status == S.CORRECTION:
            self.messages.append(
                Message(
                    application=app,
                    author=app.instructor,
                    side=MessageAuthor.INSTRUCTOR,
                    body=comment,
                    is_correction_request=True,
                )
            )
            self.messages[-1].when = app.changed_at
        labels = list(self.context.labels[app.side].values())
        if rng.random() < 0.3:
            self.labelled.append((app, rng.choice(labels)))
        if status == S.ACCEPTED:
            share = rng.choices([Decimal(1), Decimal("0.6"), None], weights=[50, 35, 15])[0]
            if share is not None:
                paid_on = min(
                    self.today - datetime.timedelta(days=1),
                    app.decided_at.date() + datetime.timedelta(days=rng.randrange(7, 40)),
                )
                self.payments.append(
                    Payment(
                        application=app,
                        paid_on=paid_on,
                        amount_eur=amount(app.amount_granted_eur * share),
                        recorded_by=app.instructor,
                    )
                )

    def run(self, structures):
        apps = [self.application(structure) for structure in structures]
        numbered = sorted((a for a in apps if a.submitted_at), key=lambda a: a.submitted_at)
        last = {}
        for app in numbered:
            year = app.submitted_at.year
            if year not in last:
                last[year] = last_reference_number(year)
            last[year] += 1
            app.reference = f"{year}-{last[year]:06d}"
        Application.objects.bulk_create(apps)
        for app in apps:  # auto_now_add and auto_now replaced the dates on insert
            app.created_at, app.updated_at = app.born, app.changed_at
        Application.objects.bulk_update(apps, ["created_at", "updated_at"])
        self.content_type = ContentType.objects.get_for_model(Application)
        for app in apps:
            self.follow_up(app)
        TransitionLog.objects.bulk_create(self.logs)
        Message.objects.bulk_create(self.messages)
        for message in self.messages:
            message.created_at = message.when
        Message.objects.bulk_update(self.messages, ["created_at"])
        Payment.objects.bulk_create(self.payments)
        Through = Application.labels.through
        Through.objects.bulk_create(
            Through(application_id=app.pk, label_id=label.pk) for app, label in self.labelled
        )
        return len(apps)


def generated_exist():
    return Application.objects.filter(structure__is_demo=True).exists()


def create_bulk_applications(context, rng, today):
    if generated_exist():
        return 0
    structures = chosen_structures(rng)
    return Generator(context, rng, today).run(structures) if structures else 0
