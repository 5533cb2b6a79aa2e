"""Who reads the impact reviews and who writes testimonies.

- An aid's review: watch agents and the aid's providers (`aids_editable_by`), the aid being
  visible (404 otherwise, 403 for the others).
- A plan's review: the plan being visible (`plans_visible_to`, 404 otherwise), watch agents,
  the plan's managers and the members of its associated organisations (403 for the others).
- A testimony: written by an active member of the structure, or recorded on its behalf by a
  watch agent whose zone holds it; withdrawn by the structure's members (or whoever recorded it).
"""

from aidess.aids.permissions import aids_editable_by, aids_visible_to
from aidess.applications.enums import ApplicationStatus
from aidess.plans.permissions import plans_followed_by, plans_visible_to
from aidess.structures.permissions import member_structures, structures_visible_to
from aidess.watch.permissions import is_watch_agent

AID_REFUSED = "Réservé aux cellules de veille et aux porteurs de l'aide."
PLAN_REFUSED = "Réservé aux cellules de veille, aux responsables du plan et à ses partenaires."


def aid_for_review(user, slug):
    """(the aid or None when out of sight, may the user read its review)."""
    aid = aids_visible_to(user).filter(slug=slug).first()
    if aid is None:
        return None, False
    return aid, is_watch_agent(user) or aids_editable_by(user).filter(pk=aid.pk).exists()


def plan_for_review(user, pk):
    plan = plans_visible_to(user).filter(pk=pk).first()
    if plan is None:
        return None, False
    return plan, plans_followed_by(user).filter(pk=plan.pk).exists()


def reviewable_aids(user):
    """The aids with decisions whose review the user reads (for the choice on /bilans/)."""
    decided = aids_visible_to(user).filter(applications__status=ApplicationStatus.ACCEPTED)
    if not is_watch_agent(user):
        decided = decided.filter(pk__in=aids_editable_by(user).values("pk"))
    return decided.distinct().order_by("name")


def reviewable_plans(user):
    return plans_followed_by(user)


def can_open_reviews(user):
    """/bilans/: watch agents, providers of aids with decisions, plans' managers and partners."""
    if not user.is_authenticated:
        return False
    return is_watch_agent(user) or reviewable_aids(user).exists() or reviewable_plans(user).exists()


def can_write_testimony(user, structure):
    if not user.is_authenticated:
        return False
    if member_structures(user).filter(pk=structure.pk).exists():
        return True
    return is_watch_agent(user) and structures_visible_to(user).filter(pk=structure.pk).exists()


def is_member(user, structure):
    return user.is_authenticated and member_structures(user).filter(pk=structure.pk).exists()


def can_withdraw(user, testimony):
    return is_member(user, testimony.structure) or (
        user.is_authenticated and testimony.recorded_by_id == user.pk
    )
