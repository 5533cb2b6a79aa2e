"""Testimonies: writing one (by the structure, or by a watch agent with its consent stated),
withdrawing the consent, and the quotes a review may publish."""

from django.db.models import Q
from django.utils import timezone

from aidess.aids.models import Aid
from aidess.applications.enums import ApplicationStatus
from aidess.plans.enums import FollowUpStatus
from aidess.plans.models import EmergencyPlan
from aidess.reviews.models import Testimony


def aids_received(structure):
    """The aids the structure was granted (what its testimony may be about)."""
    return (
        Aid.objects.filter(
            applications__structure=structure,
            applications__status=ApplicationStatus.ACCEPTED,
        )
        .distinct()
        .order_by("name")
    )


def plans_helped_by(structure):
    return (
        EmergencyPlan.objects.filter(
            targets__structure=structure, targets__status=FollowUpStatus.HELPED
        )
        .distinct()
        .order_by("name")
    )


def write(structure, user, *, on_behalf, quote, author_name, author_role="", aid=None,
          plan=None, consent_to_publish=False, consent_statement=""):  # fmt: skip
    """A testimony as its author gave it; the consent is dated when given."""
    return Testimony.objects.create(
        structure=structure,
        aid=aid,
        plan=plan,
        quote=quote.strip(),
        author_name=author_name.strip(),
        author_role=author_role.strip(),
        consent_to_publish=consent_to_publish,
        consented_at=timezone.now() if consent_to_publish else None,
        consent_statement=consent_statement.strip(),
        recorded_by=user,
        on_behalf=on_behalf,
    )


def withdraw(testimony):
    """The structure takes back its consent: the quote leaves every review."""
    if testimony.withdrawn_at is None:
        testimony.withdrawn_at = timezone.now()
        testimony.consent_to_publish = False
        testimony.save(update_fields=["withdrawn_at", "consent_to_publish"])
    return testimony


def published_for(result):
    """The quotes a review shows: consent given and not withdrawn, from its helped structures,
    about its aid (or the plan and the plan's aids), or about no aid or plan in particular."""
    about = Q(aid__isnull=True, plan__isnull=True)
    if result.plan is not None:
        about |= Q(plan=result.plan) | Q(aid__slug__in=result.aid_slugs, plan__isnull=True)
    else:
        about |= Q(aid=result.aid)
    quotes = (
        Testimony.objects.filter(about, consent_to_publish=True, withdrawn_at__isnull=True)
        .select_related("structure", "aid", "plan")
        .order_by("-consented_at", "-pk")
    )
    # Quotes are few, helped structures many: the intersection is made here.
    return [quote for quote in quotes.iterator(500) if quote.structure_id in result.helped]
