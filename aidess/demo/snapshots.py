"""The application file as it stood at submission, for demo applications: the real snapshot
(`applications.snapshot`) of a structure's file when it has one, else a plausible file of the
same shape, its budget split from the structure's annual budget."""

from decimal import Decimal

from aidess.applications import snapshot
from aidess.applications.enums import YearKind
from aidess.applications.models import ApplicationFile


def file_snapshot(structure, taken_at, representative=("", "")):
    """From the structure's application file when it has one (the demo structure's), else
    a plausible one naming `representative` (name, role)."""
    application_file = ApplicationFile.objects.filter(structure=structure).first()
    if application_file is None:
        return synthetic_snapshot(structure, taken_at, representative)
    return {**snapshot.file_snapshot(application_file), "taken_at": taken_at.isoformat()}


def synthetic_snapshot(structure, taken_at, representative=("", "Président·e")):
    """A plausible file for a structure without one: last year's budget split from its annual
    budget, subsidies from its share of public funding."""
    budget = Decimal(structure.annual_budget_eur or 0)
    salaries = (budget * Decimal("0.62")).quantize(Decimal("1"))
    purchases = (budget * Decimal("0.14")).quantize(Decimal("1"))
    subsidies = (budget * Decimal(structure.public_funding_share or 0) / 100).quantize(Decimal("1"))
    lines = [
        ("60", "", purchases),
        ("62", "", budget - salaries - purchases),
        ("64", "", salaries),
        ("70", "", budget - subsidies),
        ("74", "Subventions publiques", subsidies),
    ]
    name, role = representative
    return {
        "taken_at": taken_at.isoformat(),
        "identity": snapshot.identity(structure),
        "representative": {"name": name, "role": role, "email": "", "phone": ""},
        "contact": {"name": "", "role": "", "email": "", "phone": ""},
        "human_means": {
            "members": None,
            "volunteers": structure.volunteers,
            "employees": None,
            "employees_fte": snapshot.text(structure.employees_fte),
        },
        "budgets": {YearKind.ACTUAL.value: snapshot.budget_of(YearKind.ACTUAL, lines)},
        "agrements": [],
        "documents": [],
    }
