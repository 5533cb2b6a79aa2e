"""Demo requests for help (issue 14), in every state, so that the DLA de la Creuse's advisor,
France Active Nouvelle-Aquitaine, the regional DLA's manager and the regional watch agent each
find some: waiting, relaunched at each level (up to the regional watch cell), taken, closed
(help proposed, no help, unreachable), declined and redirected, one waiting for its e-mail
confirmation; some with the structure's satisfaction answer; the DLA de la Creuse's pathways at
each step (`demo_pathways.py`). Texts in `request_data.py`.

Transitions go through `ORIENTATION_LIFECYCLE` (so the history exists), then their logs are
dated in the past, and `routing.refresh_status` derives each request's state. Runs once: the
hand-written requests when none is there, the generated ones when no generated structure has
any (they go with the structures on `load_demo --reset`, see `delete_generated_requests`)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from aidess.accounts.models import User
from aidess.demo.accounts import REGIONAL_DLA_MANAGER
from aidess.demo.demo_pathways import collective_action, create_pathway
from aidess.demo.generation import make_siret
from aidess.demo.members import DLA_ADVISOR, creuse_siret
from aidess.demo.request_data import (
    CREUSE_STRUCTURES,
    GENERATED,
    GENERATED_SITUATION,
    STORIES,
    UNCONFIRMED_SITUATION,
)
from aidess.demo.support_network import GUID_ASSO, MEDIATOR, france_active_name
from aidess.lifecycles.models import TransitionLog
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.orientation.enums import CLOSED_REQUEST_STATES, RecipientStatus, Relaunch
from aidess.orientation.lifecycle import ORIENTATION_LIFECYCLE
from aidess.orientation.models import HelpRequest, Recipient
from aidess.orientation.routing import refresh_status
from aidess.structures.models import Structure, StructureMembership

CREUSE_SIRET_OFFSET = 9_950_000  # beside stories.NAMED_SIRET_OFFSET, far above generated ones
FRANCE_ACTIVE_ADVISOR = "conseiller.france-active@demo.aidess.fr"
REGION = "75"  # Nouvelle-Aquitaine: where the demo's advisors, manager and watch agent are


def moment(today, days_ago, hour=10):
    day = today - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Network:
    """Organisations by role for a structure, and who acts for each organisation."""

    def __init__(self):
        support = Organization.objects.filter(kind=OrganizationKind.SUPPORT)
        departmental = support.filter(scope_level="departmental", name__startswith="DLA ")
        self.dla = {
            department.code: org
            for org in departmental.prefetch_related("departments")
            for department in org.departments.all()
        }
        self.by_name = {org.name: org for org in support}
        self.actors = {}
        for email in (DLA_ADVISOR, FRANCE_ACTIVE_ADVISOR, REGIONAL_DLA_MANAGER):
            user = User.objects.get(email=email)
            for organization in support.filter(memberships__user=user):
                self.actors[organization.pk] = user

    def organization(self, key, structure):
        if key == "dla":
            return self.dla[structure.department_id]
        if key == "fa":
            return self.by_name[france_active_name(structure.region)]
        return self.by_name[{"guid_asso": GUID_ASSO, "mediator": MEDIATOR}[key]]


def creuse_structures():
    """{key: (structure, leader)} for the hand-written structures of the Creuse."""
    found = {}
    for index, row in enumerate(CREUSE_STRUCTURES):
        key, name, commune, sector, fte, budget, iae, leader = row
        structure, _ = Structure.objects.get_or_create(
            siret=make_siret(CREUSE_SIRET_OFFSET + index),
            defaults={
                "name": name,
                "commune_id": commune,
                "sector": sector,
                "legal_category_id": "9220",
                "is_ess": True,
                "is_iae": iae,
                "employees_fte": Decimal(fte),
                "volunteers": 8 + 5 * index,
                "annual_budget_eur": budget,
                "public_funding_share": 35 + 4 * index,
                "rna_number": f"W23{9_500_000 + index:07d}",
            },
        )
        first_name, last_name = leader.split(" ", 1)
        email = f"{key.replace('_', '-')}@creuse-demo.example"
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_unusable_password()
            user.save()
        StructureMembership.objects.get_or_create(user=user, structure=structure, is_admin=True)
        found[key] = (structure, user)
    return found


def offer_for(organization, needs):
    """The organisation's offer answering most of the needs (its first one otherwise)."""
    offers = list(organization.support_offers.select_related("scheme"))
    return max(offers, key=lambda offer: len(set(offer.needs) & set(needs)), default=None)


def add_recipient(help_request, organization, when, redirected_from=None, reason=""):
    offer = offer_for(organization, help_request.needs)
    if not reason and offer is not None:
        reason = f"Son offre « {offer.scheme.name} » couvre votre territoire et vos besoins."
    return Recipient.objects.create(
        request=help_request,
        organization=organization,
        offer=offer,
        reason=reason,
        redirected_from=redirected_from,
        created_at=when,
    )


def play(recipient, events, network, today):
    """The recipient's transitions, dated; returns the first answer's time, if any."""
    first = None
    for event in events:
        days_ago, name, *args = event
        when = moment(today, days_ago, hour=14)
        if name == "redirect":
            key, reason = args
            target = network.organization(key, recipient.request.structure)
            add_recipient(recipient.request, target, when, recipient, reason)
            continue
        advisor = network.actors[recipient.organization_id]
        log = ORIENTATION_LIFECYCLE.apply(recipient, name, advisor, args[0])
        TransitionLog.objects.filter(pk=log.pk).update(created_at=when)
        changes = {"advisor": advisor}
        if name == "take":
            changes["taken_at"] = when
        if recipient.status not in {RecipientStatus.WAITING, RecipientStatus.TAKING_CARE}:
            changes["closed_at"] = when
        Recipient.objects.filter(pk=recipient.pk).update(**changes)
        for field, value in changes.items():
            setattr(recipient, field, value)
        if name != "decline":  # « pas pour nous » is no answer (as in handling.decline)
            first = first or when
    return first


def send(structure, user, needs, situation, days_ago, relaunch, today, confirmed=True):
    sent = moment(today, days_ago, hour=9)
    relaunched = {
        Relaunch.RECIPIENTS: 5,
        Relaunch.MANAGERS: 13,
        Relaunch.WATCH_CELL: 30,
    }.get(relaunch)
    return HelpRequest.objects.create(
        structure=structure,
        needs=needs,
        situation=situation,
        share_finances=user is not None,
        contact_name=user.get_full_name() if user else "",
        contact_email=user.email if user else f"contact.{structure.siret}@structures-demo.example",
        created_by=user,
        confirmed_at=sent if confirmed else None,
        relaunch=relaunch,
        relaunched_at=sent + datetime.timedelta(days=relaunched) if relaunched else None,
        created_at=sent,
    )


def finish(help_request, first_answer, satisfaction, today):
    """Dates the request's answers, derives its state and records the structure's opinion."""
    closed = [r.closed_at for r in help_request.recipients.all() if r.closed_at]
    help_request.closed_at = max(closed) if closed else None
    status = refresh_status(help_request)
    changes = {"first_answer_at": first_answer}
    if status in CLOSED_REQUEST_STATES and satisfaction:
        score, helped, comment = satisfaction
        asked = help_request.closed_at + datetime.timedelta(days=10)
        changes.update(
            satisfaction_asked_at=asked,
            satisfaction_score=score,
            helped=helped,
            satisfaction_comment=comment,
        )
    HelpRequest.objects.filter(pk=help_request.pk).update(**changes)


def tell(story, people, network, today, collective):
    key, needs, situation, days_ago, relaunch, recipients, outcome, *rest = story
    structure, user = people[key]
    help_request = send(structure, user, needs, situation, days_ago, relaunch, today)
    first = None
    for organization_key, events in recipients:
        organization = network.organization(organization_key, structure)
        recipient = add_recipient(help_request, organization, help_request.created_at)
        answered = play(recipient, events, network, today)
        first = min(filter(None, [first, answered]), default=None)
        if outcome and organization_key == "dla":
            shared = collective if key in ("chantier", "fabrique") else None
            started = recipient.taken_at.date() + datetime.timedelta(days=2)
            create_pathway(recipient, outcome, recipient.advisor, user, started, today, shared)
    finish(help_request, first, rest[0] if rest else None, today)


def people_of(named):
    """{key: (structure, user)}: the application stories' structures, the Creuse's, the
    Ressourcerie du Pays de Guéret and the Compagnie des Lucioles's demo login."""
    people = dict(named)
    people.update(creuse_structures())
    gueret = Structure.objects.get(siret=creuse_siret())
    people["ressourcerie_gueret"] = (gueret, User.objects.get(email="ressourcerie@demo.aidess.fr"))
    lucioles = people["lucioles"][0]
    login = User.objects.get(email="lucioles@demo.aidess.fr")
    people["lucioles"] = (lucioles, login)
    return people


def create_generated_requests(network, today):
    """Requests of generated structures of Nouvelle-Aquitaine: at their departmental DLA (nobody
    there acts in the demo: waiting and relaunched) and or at France Active, which answers."""
    structures = list(
        Structure.objects.filter(is_demo=True, region_id=REGION, employees_fte__gte=1)
        .exclude(department_id="23")  # the Creuse's requests are hand-written
        .order_by("pk")[: len(GENERATED) + 1]
    )
    if not structures:
        return 0
    unconfirmed = structures.pop()
    send(unconfirmed, None, ["cash"], UNCONFIRMED_SITUATION, 0, Relaunch.NONE, today, False)
    for structure, row in zip(structures, GENERATED, strict=False):
        needs, days_ago, relaunch, france_active_events, satisfaction = row
        help_request = send(structure, None, needs, GENERATED_SITUATION, days_ago, relaunch, today)
        closing = {event[1] for event in france_active_events or []} - {"take"}
        if not closing:  # France Active's answer closes the others: the DLA was not asked
            dla = network.organization("dla", structure)
            add_recipient(help_request, dla, help_request.created_at)
        first = None
        if france_active_events is not None:
            organization = network.organization("fa", structure)
            recipient = add_recipient(help_request, organization, help_request.created_at)
            first = play(recipient, france_active_events, network, today)
        finish(help_request, first, satisfaction, today)
    return min(len(structures), len(GENERATED)) + 1


def create_demo_requests(named, today=None):
    """`named`: stories.named_structures(). Returns (hand-written, generated) created."""
    today = today or timezone.localdate()
    network = Network()
    written = generated = 0
    with transaction.atomic():
        people = people_of(named)
        if not HelpRequest.objects.filter(structure=people["lucioles"][0]).exists():
            collective = collective_action(network.dla["23"], today)
            for story in STORIES:
                tell(story, people, network, today, collective)
            written = len(STORIES)
        if not HelpRequest.objects.filter(structure__is_demo=True).exists():
            generated = create_generated_requests(network, today)
    return written, generated


def delete_generated_requests():
    """Before the generated structures are deleted (`load_demo --reset`): the transition logs
    of their requests' recipients (the requests go with the structures)."""
    recipients = Recipient.objects.filter(request__structure__is_demo=True)
    TransitionLog.objects.filter(
        content_type__app_label="orientation",
        content_type__model="recipient",
        object_id__in=recipients.values("pk"),
    ).delete()
