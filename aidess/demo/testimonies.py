"""Testimonies of the demo's emergency plan, so that a plan's impact review shows quotes: two
structures helped by the culture plan's grants, each quote written by a member of the
structure who agreed to its publication. The structures and their words are the demo's own
(fictional, like the structures); the DSESS review's real testimonies (seed 000) belong to
real associations and are not lent to demo ones."""

from django.utils import timezone

from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application
from aidess.plans.models import EmergencyPlan
from aidess.reviews.models import Testimony

QUOTES = [
    (
        "Sans le fonds, nous aurions annulé la saison d'été et perdu notre régisseuse. "
        "L'autodiagnostic nous a obligés à regarder la trésorerie en face, mois par mois.",
        "Directrice",
    ),
    (
        "La cellule nous a appelés avant même que nous pensions à demander de l'aide. "
        "Le plan de trésorerie a convaincu la banque de nous accorder un découvert.",
        "Trésorier bénévole",
    ),
]


def create_demo_testimonies(plan_name):
    """Returns how many were created (none when the plan's structures already testified)."""
    plan = EmergencyPlan.objects.filter(name=plan_name).first()
    if plan is None or Testimony.objects.filter(plan=plan).exists():
        return 0
    granted = (
        Application.objects.filter(
            aid__in=plan.aids.all(),
            status=ApplicationStatus.ACCEPTED,
            structure__plan_targets__plan=plan,
            structure__memberships__is_active=True,
        )
        .select_related("aid", "structure")
        .order_by("decided_at", "pk")
    )
    created, seen = 0, set()
    for application in granted:
        if application.structure_id in seen or created == len(QUOTES):
            continue
        seen.add(application.structure_id)
        author = application.structure.memberships.filter(is_active=True).first().user
        quote, role = QUOTES[created]
        Testimony.objects.create(
            structure=application.structure,
            aid=application.aid,
            plan=plan,
            quote=quote,
            author_name=author.get_full_name() or author.email,
            author_role=role,
            consent_to_publish=True,
            consented_at=timezone.now(),
            recorded_by=author,
        )
        created += 1
    return created
