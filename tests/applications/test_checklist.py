"""What the file lacks (applications/checklist.py, pure Python) and the documents' default validity."""

import datetime

from aidess.applications.checklist import EXPIRED, MISSING, VALID, add_months, checklist
from aidess.applications.enums import DocumentKind
from aidess.applications.models import default_validity

TODAY = datetime.date(2026, 11, 30)
REQUIRED = [("statuts", "Statuts"), ("rib", "RIB"), ("comptes", "Derniers comptes approuvés")]


def statuses(documents):
    return [
        (item.kind, item.status, item.valid_until) for item in checklist(REQUIRED, documents, TODAY)
    ]


def test_nothing_sent_everything_missing():
    assert statuses([]) == [
        ("statuts", MISSING, None),
        ("rib", MISSING, None),
        ("comptes", MISSING, None),
    ]


def test_expired_yesterday_valid_today_and_without_limit():
    documents = [
        ("statuts", None),
        ("rib", TODAY),  # still valid on its last day
        ("comptes", TODAY - datetime.timedelta(days=1)),
    ]

    assert statuses(documents) == [
        ("statuts", VALID, None),
        ("rib", VALID, TODAY),
        ("comptes", EXPIRED, datetime.date(2026, 11, 29)),
    ]


def test_the_document_valid_the_longest_counts():
    old, new = datetime.date(2025, 1, 1), datetime.date(2027, 6, 30)

    assert statuses([("comptes", old), ("comptes", new), ("comptes", old)])[2] == (
        "comptes",
        VALID,
        new,
    )
    assert statuses([("statuts", old), ("statuts", None)])[0] == ("statuts", VALID, None)
    assert statuses([("statuts", None), ("statuts", old)])[0] == ("statuts", VALID, None)


def test_optional_kinds_are_not_listed_and_labels_kept():
    items = checklist(REQUIRED, [("autre", None)], TODAY)

    assert [item.label for item in items] == ["Statuts", "RIB", "Derniers comptes approuvés"]
    assert not any(item.is_ok for item in items)


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(datetime.date(2026, 1, 15), 18) == datetime.date(2027, 7, 15)
    assert add_months(datetime.date(2026, 8, 31), 18) == datetime.date(2028, 2, 29)
    assert add_months(datetime.date(2026, 12, 31), 12) == datetime.date(2027, 12, 31)


def test_default_validity_by_kind():
    sent = datetime.date(2026, 11, 30)

    assert default_validity(DocumentKind.ACCOUNTS, sent) == datetime.date(2028, 5, 30)
    assert default_validity(DocumentKind.OFFICERS, sent) == datetime.date(2027, 11, 30)
    assert default_validity(DocumentKind.STATUTES, sent) is None
    assert default_validity(DocumentKind.BANK_DETAILS, sent) is None
