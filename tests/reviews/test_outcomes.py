"""What became of the helped structures 6 and 12 months later, where known: closure signals of
the watch cells, signs of activity by the structure's members, FTE stated in between."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from aidess.history.models import AuditEntry
from aidess.organizations.enums import Role, ScopeLevel
from aidess.reviews.outcomes import add_months
from aidess.reviews.report import report
from aidess.structures.models import Structure
from aidess.watch.enums import AlertCause, AlertSource, AlertStatus, CollectiveProcedure, Resolution
from aidess.watch.models import Alert
from tests.factories import AidFactory, OrganizationMembershipFactory, UserFactory
from tests.reviews.decisions import at_noon, granted, logged

pytestmark = pytest.mark.django_db
HELPED_ON = datetime.date(2025, 1, 15)  # 6 months: 2025-07-15, 12 months: 2026-01-15
TODAY = datetime.date(2026, 3, 1)


def alert(structure, **fields):
    cell = OrganizationMembershipFactory(role=Role.WATCH_AGENT, scope=ScopeLevel.NATIONAL)
    return Alert.objects.create(
        structure=structure,
        cell=cell.organization,
        cause=AlertCause.LOCAL_FUNDING_CUT,
        source=AlertSource.CELL,
        **fields,
    )


def entry(structure, actor, day, changes):
    """A history entry of the structure's record, made by `actor` on `day`."""
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Structure),
        object_pk=str(structure.pk),
        object_id=structure.pk,
        object_repr=structure.name,
        action=AuditEntry.Action.UPDATE,
        changes=changes,
        actor=actor,
        timestamp=at_noon(day),
        structure_id=structure.pk,
    )


@pytest.fixture
def aid():
    return AidFactory(slug="fonds-secours")


def helped(aid, fte, day=HELPED_ON, **fields):
    return granted(aid, day, employees_fte=Decimal(fte), **fields).structure


def test_ceased_active_and_unknown_structures_at_6_and_12_months(aid):
    ceased = helped(aid, "2.00")
    resolved = alert(ceased, status=AlertStatus.RESOLVED, resolution=Resolution.CEASED)
    logged(resolved, AlertStatus.RESOLVED, datetime.date(2025, 5, 1), "resolve")

    member = UserFactory()
    active = helped(aid, "4.00", member=member)
    entry(active, member, datetime.date(2025, 10, 1), {"employees_fte": ["4.00", "3.00"]})
    entry(active, member, datetime.date(2026, 2, 1), {"name": ["Avant", "Après"]})

    silent = helped(aid, "1.00")
    # A change by someone who is not a member says nothing of the structure's life.
    entry(silent, UserFactory(), datetime.date(2026, 2, 1), {"employees_fte": ["1.00", "5.00"]})
    helped(aid, "7.00", day=datetime.date(2025, 12, 1))  # not 6 months yet

    six, twelve = report(aid=aid, today=TODAY).outcomes

    assert (six.months, six.structures, six.active, six.ceased, six.unknown) == (6, 3, 1, 1, 1)
    # At 6 months only the ceased structure's FTE are known (0); the active one stated its
    # FTE later.
    assert (six.fte_known, six.fte_at_help, six.fte_then) == (1, Decimal("2.00"), Decimal("0"))
    assert (twelve.structures, twelve.active, twelve.ceased, twelve.unknown) == (3, 1, 1, 1)
    assert twelve.fte_known == 2
    assert (twelve.fte_at_help, twelve.fte_then) == (Decimal("6.00"), Decimal("3.00"))


def test_a_liquidation_and_an_application_are_signals_too(aid):
    closed = helped(aid, "3.00")
    liquidation = alert(closed, collective_procedure=CollectiveProcedure.LIQUIDATION)
    Alert.objects.filter(pk=liquidation.pk).update(created_at=at_noon(datetime.date(2025, 9, 1)))
    applying = helped(aid, "2.00")
    later = granted(AidFactory(), datetime.date(2025, 9, 1), structure=applying)
    type(later).objects.filter(pk=later.pk).update(
        submitted_at=at_noon(datetime.date(2025, 8, 1)),
        file_snapshot={"human_means": {"employees_fte": "2.50"}},
    )

    six, twelve = report(aid=aid, today=TODAY).outcomes

    assert (six.active, six.ceased, six.unknown) == (1, 0, 1)  # liquidation after 6 months
    assert (six.fte_known, six.fte_then) == (0, 0)  # the file came after 6 months
    assert (twelve.active, twelve.ceased, twelve.unknown) == (0, 1, 1)
    assert (twelve.fte_known, twelve.fte_then) == (2, Decimal("2.50"))


def test_nothing_is_counted_before_six_months(aid):
    helped(aid, "2.00", day=datetime.date(2026, 1, 1))

    six, twelve = report(aid=aid, today=TODAY).outcomes

    assert six.structures == twelve.structures == 0


def test_months_are_added_as_in_a_calendar():
    assert add_months(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2025, 1, 15), 12) == datetime.date(2026, 1, 15)
