"""Granted applications as the open-data export reads them: decided on a given day, with payments,
from providers and structures with or without identifiers."""

import datetime
from decimal import Decimal

from django.utils import timezone

from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Payment
from tests.factories import AidFactory, ApplicationFactory, OrganizationFactory, StructureFactory

_serial = iter(range(10_000_000, 99_999_999))


def siret(prefix="8"):
    """A new 14-digit SIRET whose Luhn key is right."""
    body = f"{prefix}{next(_serial):08d}".ljust(13, "0")[:13]
    for key in "0123456789":
        digits = body + key
        total = 0
        for position, digit in enumerate(reversed(digits)):
            number = int(digit) * (2 if position % 2 else 1)
            total += number - 9 if number > 9 else number
        if total % 10 == 0:
            return digits
    raise AssertionError("unreachable")


def provider(with_siret=True, **kwargs):
    return OrganizationFactory(
        kind="provider", scope_level="national", siret=siret("2") if with_siret else "", **kwargs
    )


def decided_on(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(11, 30)))


def granted(
    amount="12000.00",
    day=datetime.date(2026, 3, 2),
    payments=(),
    aid=None,
    structure=None,
    **kwargs,
):
    """An accepted application with its amount, decided on `day`; `payments`: (day, amount)."""
    if aid is None:
        aid = AidFactory(apply_in_aidess=True, providers=[provider()])
    structure = structure or StructureFactory(siret=siret())
    application = ApplicationFactory(
        aid=aid,
        structure=structure,
        status=ApplicationStatus.ACCEPTED,
        amount_granted_eur=Decimal(amount),
        decided_at=decided_on(day),
        **kwargs,
    )
    for paid_on, paid in payments:
        Payment.objects.create(application=application, paid_on=paid_on, amount_eur=Decimal(paid))
    return application
