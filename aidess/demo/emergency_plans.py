"""The demo's emergency plans (issue 16): the national cell's culture plan after the local
authorities' cuts, and the DREETS PACA pathway for insertion workshops (region 93), carried by
the national cell too (the demo has no PACA cell; the seed gives it the support of regional
plans). Texts and facts in `emergency_plan_texts.py`.

Each plan is defined, then activated as a cell would (`plans.activation.activate`, the outreach
run inline: no task worker during `load_demo`), then backdated six weeks; then its follow-up
lines are brought to every stage through `FOLLOW_UP_LIFECYCLE` by the agents allowed to
(contacted, unreachable, needs identified, helped with an aid or an offer, declined), some
members open their invitation, fill in a self-diagnosis and a cash-flow plan or ask their DLA
for help, and the culture fund accepts and pays the applications of the structures the plan
helped with it (`stories.tell_stories`, labelled « Plan d'urgence culture »), so that the
plan's dashboard and the fund's impact review have figures.

Idempotent: a plan already there (by name) is kept; `load_demo --reset` deletes the plans with
the generated structures (`delete_demo_plans`), and loading again creates them anew."""

import datetime
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from aidess.accounts.models import User
from aidess.aids.models import Aid
from aidess.applications.decisions import euros
from aidess.applications.models import Application, Label
from aidess.demo.application_data import CULTURE, NATIONAL, PROJECTS, REPRESENTATIVES, amount
from aidess.demo.applications import prepare
from aidess.demo.emergency_plan_texts import (
    ACTING,
    CULTURE_ANSWERS,
    CULTURE_CONDITIONS,
    HELPED_AID,
    HELPED_OFFER,
    INVITED,
    NEEDS,
    PACA_WORKSHOPS,
    PATHS,
    PLANS,
    UNREACHABLE_COMMENT,
)
from aidess.demo.generation import make_siret
from aidess.demo.members import DLA_ADVISOR
from aidess.demo.stories import diagnosis_and_plan, named_structures, tell_stories
from aidess.demo.support_requests import Network, add_recipient, finish, people_of, send
from aidess.demo.watch_cells import NATIONAL_EMAIL, REGIONAL_EMAIL
from aidess.lifecycles.models import TransitionLog
from aidess.organizations.models import Organization
from aidess.orientation.enums import Relaunch
from aidess.orientation.models import HelpRequest, SupportOffer
from aidess.plans.activation import activate, create_outreach
from aidess.plans.lifecycle import FOLLOW_UP_LIFECYCLE
from aidess.plans.models import EmergencyPlan, PlanTarget
from aidess.plans.permissions import can_follow_up
from aidess.plans.targeting import targeted_structures
from aidess.reviews.models import Testimony
from aidess.structures.models import Structure, StructureMembership

PLAN_LABEL = "Plan d'urgence culture"  # the national instructors' label on the plan's files
ACTIVATED_DAYS_AGO = 42
PACA_SIRET_OFFSET = 9_970_000  # beside the other hand-written structures' offsets
MEMBERS_DOMAIN = "structures-demo.example"


def moment(today, days_ago, hour=10):
    day = today - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def paca_workshops():
    """{key: (structure, leader)} for the hand-written insertion workshops of PACA."""
    found = {}
    for index, row in enumerate(PACA_WORKSHOPS):
        key, name, commune, sector, fte, budget, public_share, leader = row
        structure, _ = Structure.objects.get_or_create(
            siret=make_siret(PACA_SIRET_OFFSET + index),
            defaults={
                "name": name,
                "commune_id": commune,
                "sector": sector,
                "legal_category_id": "9220",
                "is_ess": True,
                "is_iae": True,
                "employees_fte": Decimal(fte),
                "volunteers": 6 + 4 * index,
                "annual_budget_eur": budget,
                "public_funding_share": public_share,
                "rna_number": f"W{commune[:2]}{9_700_000 + index:07d}",
            },
        )
        found[key] = (structure, member(structure, leader, f"direction@{key.replace('_', '-')}"))
    return found


def member(structure, full_name, local_part=None):
    """The structure's administrator (no password: the demo acts for them)."""
    first_name, last_name = full_name.split(" ", 1)
    email = f"{local_part or 'membre.' + structure.siret}@{MEMBERS_DOMAIN}"
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name}
    )
    if created:
        user.set_unusable_password()
        user.save()
    StructureMembership.objects.get_or_create(user=user, structure=structure, is_admin=True)
    return user


def define(spec, agent, today):
    started = moment(today, ACTIVATED_DAYS_AGO).date()
    plan = EmergencyPlan.objects.create(
        name=spec.name,
        trigger=spec.trigger,
        description=spec.description,
        level=spec.level,
        cell=Organization.objects.get(memberships__user=agent),
        sectors=list(spec.sectors),
        starts_on=started,
        ends_on=started + datetime.timedelta(days=30 * spec.months),
        envelope_eur=spec.envelope,
        created_by=agent,
        **spec.criteria,
    )
    plan.regions.set(spec.regions)
    plan.aids.set([Aid.objects.get(slug=slug) for slug in spec.aids])
    plan.support_offers.set(
        [
            SupportOffer.objects.get(organization__name=name, scheme__slug=slug)
            for name, slug in spec.offers
        ]
    )
    plan.organizations.set(Organization.objects.filter(name__in=spec.organizations))
    plan.managers.set([agent])
    return plan


def allot(stages, count):
    """The stage of each of `count` generated structures: one of each stage first (so that
    every stage is there while structures last), then the rest of each."""
    order = [stage for stage, _ in stages]
    order += [stage for stage, number in stages for _ in range(number - 1)]
    return order[:count]


def pick_generated(plan, stages, rng):
    """(structure, stage) for generated targets without applications, requests or members."""
    wanted = sum(number for _, number in stages)
    busy = (
        Exists(Application.objects.filter(structure=OuterRef("pk")))
        | Exists(HelpRequest.objects.filter(structure=OuterRef("pk")))
        | Exists(StructureMembership.objects.filter(structure=OuterRef("pk")))
    )
    candidates = list(
        targeted_structures(plan).filter(is_demo=True).exclude(busy).order_by("pk")[: wanted * 4]
    )
    chosen = rng.sample(candidates, min(wanted, len(candidates)))
    return list(zip(chosen, allot(stages, len(chosen)), strict=False))


class Staging:
    """Brings one activated plan's lines to their stages, dated from its activation."""

    def __init__(self, spec, plan, today, rng):
        self.spec, self.plan, self.today, self.rng = spec, plan, today, rng
        emails = [DLA_ADVISOR, REGIONAL_EMAIL, NATIONAL_EMAIL]  # the nearest first
        self.agents = [User.objects.get(email=email) for email in emails]
        self.aid = Aid.objects.get(slug=spec.aids[0])
        name, slug = spec.offers[0]
        self.offer = SupportOffer.objects.get(organization__name=name, scheme__slug=slug)
        self.applications = []  # specs for tell_stories
        self.people = {}
        self.network, self.actors = None, {}
        self.began = ACTIVATED_DAYS_AGO

    def actor(self, target):
        """The nearest agent allowed to follow the line (the same for a whole department)."""
        key = target.department_id
        if key not in self.actors:
            self.actors[key] = next(a for a in self.agents if can_follow_up(a, target))
        return self.actors[key]

    def bring(self, target, stage, user):
        rng, days = self.rng, ACTIVATED_DAYS_AGO - self.rng.randrange(2, 21)
        self.began = days
        if stage in ACTING:
            opened = moment(self.today, days + 1, hour=rng.randrange(8, 20))
            PlanTarget.objects.filter(pk=target.pk).update(opened_at=opened)
        if stage in (NEEDS, HELPED_AID):
            diagnosis_and_plan(target.structure, user, moment(self.today, days), 4000)
        actor, last = self.actor(target), None
        for step in PATHS[stage]:
            days -= rng.randrange(2, 6)
            comment = self.prepare(target, step, stage, user, days)
            log = FOLLOW_UP_LIFECYCLE.apply(target, step, actor, comment)
            last = moment(self.today, days, hour=rng.randrange(9, 18))
            TransitionLog.objects.filter(pk=log.pk).update(created_at=last)
        if last:
            PlanTarget.objects.filter(pk=target.pk).update(updated_at=last)
        if stage == NEEDS and target.structure.help_requests.count() == 0:
            self.ask_for_help(target.structure, user)

    def prepare(self, target, step, stage, user, days):
        """Sets the line's data for `step`; returns the step's comment."""
        spec, rng = self.spec, self.rng
        if step == "contact":
            return rng.choice(spec.contacts)
        if step == "unreachable":
            return UNREACHABLE_COMMENT
        if step == "decline":
            return rng.choice(spec.declines)
        if step == "identify_needs":
            target.needs = rng.choice(spec.needs)
            target.save(update_fields=["needs", "updated_at"])
            return target.needs
        if stage == HELPED_OFFER:
            target.helped_with_offer = self.offer
            target.save(update_fields=["helped_with_offer", "updated_at"])
            return spec.help_with_offer
        target.helped_with_aid = self.aid
        target.save(update_fields=["helped_with_aid", "updated_at"])
        if self.aid.slug != CULTURE:
            return spec.help_with_aid
        granted = self.apply_to_culture_fund(target.structure, user, days)
        return spec.help_with_aid.format(amount=euros(Decimal(granted)))

    def apply_to_culture_fund(self, structure, user, decided_days_ago):
        rng = self.rng
        requested = rng.randrange(6000, 15001, 500)
        granted = max(3000, round(requested * rng.uniform(0.6, 1) / 500) * 500)
        title, objectives = rng.choice(PROJECTS[CULTURE])
        # After its invitation and diagnosis, before the cell records the help.
        submitted = min(decided_days_ago + rng.randrange(5, 9), self.began - 1)
        steps = [
            (submitted, "submit"),
            (submitted - 3, "instruct"),
            (submitted - 3, "label", PLAN_LABEL),
            (decided_days_ago, "accept", granted, CULTURE_CONDITIONS),
        ]
        paid_days_ago = decided_days_ago - rng.randrange(4, 10)
        if paid_days_ago > 0:
            share = rng.choice([Decimal("0.6"), Decimal(1)])
            steps.append((paid_days_ago, "pay", amount(granted * share)))
        key = structure.siret
        self.people[key] = (structure, user)
        self.applications.append(
            {
                "structure": key,
                "aid": CULTURE,
                "title": title,
                "objectives": objectives,
                "budget": requested * 3,
                "requested": requested,
                "answers": CULTURE_ANSWERS,
                "steps": steps,
            }
        )
        return granted

    def ask_for_help(self, structure, user):
        """A request to the structure's departmental DLA (PACA: the DREETS pathway), sent after
        the cell identified its needs; waiting for an answer."""
        if self.plan.regions.filter(code=structure.region_id).exists():
            organization = self.offer.organization
        else:
            self.network = self.network or Network()
            organization = self.network.dla[structure.department_id]
        request = send(
            structure,
            user,
            ["cash", "advice"],
            self.spec.needs[0],
            self.rng.randrange(1, 3),
            Relaunch.NONE,
            self.today,
        )
        add_recipient(request, organization, request.created_at)
        finish(request, None, None, self.today)


def backdate(plan, today):
    """The plan was activated six weeks ago: its lines, its activation and its history say so."""
    activated = moment(today, ACTIVATED_DAYS_AGO, hour=11)
    plan.targets.update(invited_at=activated)
    EmergencyPlan.objects.filter(pk=plan.pk).update(
        activated_at=activated, created_at=activated - datetime.timedelta(days=3)
    )
    logs = TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(EmergencyPlan), object_id=plan.pk
    )
    logs.filter(transition="activate").update(created_at=activated)
    logs.filter(transition="activated").update(created_at=activated + datetime.timedelta(minutes=2))


def create_plan(spec, people, agent, today, rng):
    """Defines, activates and follows one plan; returns its number of targeted structures."""
    with transaction.atomic():
        plan = define(spec, agent, today)
        chosen = pick_generated(plan, spec.stages, rng)
        for index, (structure, stage) in enumerate(chosen):
            if stage in ACTING:
                member(structure, REPRESENTATIVES[index % len(REPRESENTATIVES)][0])
    # Outside any transaction the outreach runs when `activate` commits; inside one (tests),
    # it runs here and the queued call finds the plan active.
    activate(plan, agent, queue=create_outreach)
    create_outreach(plan.pk)
    with transaction.atomic():
        plan.refresh_from_db()
        backdate(plan, today)
        staging = Staging(spec, plan, today, rng)
        named = [(people[key], stage) for key, stage in spec.named.items()]
        lines = [((structure, None), stage) for structure, stage in chosen] + named
        targets = {t.structure_id: t for t in plan.targets.select_related("structure")}
        for (structure, user), stage in lines:
            if structure.pk not in targets:  # a named structure the criteria miss
                continue
            if user is None and stage in ACTING:
                user = structure.memberships.get().user
            if stage != INVITED:
                staging.bring(targets[structure.pk], stage, user)
        if staging.applications:
            context = prepare(today)
            organization = context.organizations[NATIONAL]
            context.labels[NATIONAL][PLAN_LABEL] = Label.objects.get_or_create(
                organization=organization, name=PLAN_LABEL
            )[0]
            tell_stories(context, staging.people, staging.applications, today)
    return plan.targeted_count


def create_demo_plans(seed=2026, today=None):
    """Returns {plan name: structures targeted} of the plans created (none when they exist)."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    agent = User.objects.get(email=NATIONAL_EMAIL)
    existing = set(EmergencyPlan.objects.values_list("name", flat=True))
    missing = [spec for spec in PLANS if spec.name not in existing]
    if not missing:
        return {}
    people = {**people_of(named_structures()), **paca_workshops()}
    return {spec.name: create_plan(spec, people, agent, today, rng) for spec in missing}


def delete_demo_plans():
    """Before the generated structures are deleted (`load_demo --reset`): the demo's plans,
    their lines and the history of both (created anew by the next load)."""
    plans = EmergencyPlan.objects.filter(name__in=[spec.name for spec in PLANS])
    for model, ids in (
        (PlanTarget, PlanTarget.objects.filter(plan__in=plans).values("pk")),
        (EmergencyPlan, plans.values("pk")),
    ):
        TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=ids
        ).delete()
    Testimony.objects.filter(plan__in=plans).delete()  # the plan's own, written for the demo
    plans.delete()
