"""The instructors' inbox as a query: which applications a tab and filters select, and the
count of each tab. Used by the inbox page, its exports and the API, so that the three agree.

`InboxFilters` is what a person chose; `select` narrows the applications an instructor may see
(`applications_instructed_by`), `tab_counts` counts them by state in one query.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from aidess.applications.enums import ApplicationStatus as S

# The inbox's tabs, in order: (key, label, states). "suivies" is the person's followed files.
TABS = [
    ("a_traiter", "À traiter", (S.SUBMITTED, S.INSTRUCTION)),
    ("deposees", "Déposées", (S.SUBMITTED,)),
    ("en_instruction", "En instruction", (S.INSTRUCTION,)),
    ("a_corriger", "Correction demandée", (S.CORRECTION,)),
    ("acceptees", "Acceptées", (S.ACCEPTED,)),
    ("refusees", "Refusées", (S.REFUSED,)),
    ("sans_suite", "Sans suite", (S.CLOSED,)),
    ("retirees", "Retirées", (S.WITHDRAWN,)),
    ("toutes", "Toutes", tuple(s for s in S if s != S.DRAFT)),
]
TAB_STATES = {key: states for key, _label, states in TABS}
DEFAULT_TAB = "a_traiter"
UNASSIGNED = "aucun"


@dataclass(frozen=True)
class InboxFilters:
    tab: str = DEFAULT_TAB
    aid_ids: tuple = ()
    region_code: str = ""
    department_code: str = ""
    submitted_from: datetime.date | None = None
    submitted_to: datetime.date | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    assigned_to: int | str | None = None  # a user id, or UNASSIGNED
    label_ids: tuple = ()
    followed_by: int | None = None  # a user id: only the files that person follows
    text: str = ""  # a reference, a structure's name or SIRET


def narrow(applications, filters):
    """Every filter but the tab: what the tab counts are computed on."""
    conditions = Q()
    if filters.aid_ids:
        conditions &= Q(aid_id__in=filters.aid_ids)
    if filters.region_code:
        conditions &= Q(structure__region_id=filters.region_code)
    if filters.department_code:
        conditions &= Q(structure__department_id=filters.department_code)
    if filters.submitted_from:
        conditions &= Q(submitted_at__date__gte=filters.submitted_from)
    if filters.submitted_to:
        conditions &= Q(submitted_at__date__lte=filters.submitted_to)
    if filters.amount_min is not None:
        conditions &= Q(amount_requested_eur__gte=filters.amount_min)
    if filters.amount_max is not None:
        conditions &= Q(amount_requested_eur__lte=filters.amount_max)
    if filters.assigned_to == UNASSIGNED:
        conditions &= Q(assigned_to__isnull=True)
    elif filters.assigned_to:
        conditions &= Q(assigned_to_id=filters.assigned_to)
    if filters.followed_by:
        conditions &= Q(followers__id=filters.followed_by)
    if filters.text:
        text = filters.text.strip()
        conditions &= (
            Q(reference__iexact=text)
            | Q(structure__siret=text.replace(" ", ""))
            | Q(structure__name__icontains=text)
            | Q(project_title__icontains=text)
        )
    applications = applications.filter(conditions)
    if filters.label_ids:
        applications = applications.filter(labels__id__in=filters.label_ids).distinct()
    return applications


def select(applications, filters):
    """The applications of the chosen tab under every filter, newest submission first."""
    states = TAB_STATES.get(filters.tab, TAB_STATES[DEFAULT_TAB])
    return narrow(applications, filters).filter(status__in=states).order_by("-submitted_at", "-pk")


def tab_counts(applications, filters):
    """{tab key: count} under the filters, from one GROUP BY on the state."""
    by_state = dict(
        narrow(applications, filters)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk", distinct=bool(filters.label_ids)))
    )
    return {key: sum(by_state.get(s, 0) for s in states) for key, _label, states in TABS}
