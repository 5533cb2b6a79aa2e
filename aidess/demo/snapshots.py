"""The application file as it stood at submission, for demo applications.

TO BE REPLACED BY THE LEAD: `aidess/applications/submission.py` (written on the `apply` branch)
holds the real snapshot function; when it is on main, `file_snapshot(structure)` below should call
it for structures that have an `ApplicationFile`, and keep `synthetic_snapshot` only for the bulk
demo structures, which have none. The keys here are a guess at its shape: identity,
representative, contact, human means, budgets (totals and lines by CERFA 12156 account),
agréments, documents.
"""

from decimal import Decimal

from aidess.applications import chart
from aidess.applications.enums import DocumentKind, YearKind
from aidess.applications.models import ApplicationFile

SNAPSHOT_SOURCE = "demo"  # marks a snapshot built here, not by submission.py


def money(value):
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def identity_of(structure):
    return {
        "name": structure.name,
        "siret": structure.siret,
        "rna_number": structure.rna_number,
        "legal_form": structure.legal_form,
        "sector": structure.sector,
        "commune": structure.commune.name if structure.commune_id else "",
        "commune_code": structure.commune_id,
        "department": structure.department_id,
        "region": structure.region_id,
        "is_esus": structure.is_esus,
        "employees_fte": money(structure.employees_fte),
        "volunteers": structure.volunteers,
        "annual_budget_eur": money(structure.annual_budget_eur),
    }


def budget_of(lines):
    rows = [
        {"account": line.account, "label": line.label, "amount": money(line.amount)}
        for line in lines
    ]
    charges = sum((line.amount for line in lines if line.section == chart.CHARGES), Decimal(0))
    products = sum((line.amount for line in lines if line.section == chart.PRODUCTS), Decimal(0))
    return {"lines": rows, "charges": money(charges), "products": money(products)}


def file_snapshot(structure, taken_at, representative=("", "")):
    """From the structure's application file when it has one (the demo structure's), else
    a plausible one naming `representative` (name, role)."""
    application_file = ApplicationFile.objects.filter(structure=structure).first()
    if application_file is None:
        return synthetic_snapshot(structure, taken_at, representative)
    lines = list(application_file.budget_lines.all())
    return {
        "source": SNAPSHOT_SOURCE,
        "taken_at": taken_at.isoformat(),
        "identity": identity_of(structure),
        "representative": {
            "name": application_file.representative_name,
            "role": application_file.representative_role,
            "email": application_file.representative_email,
            "phone": application_file.representative_phone,
        },
        "contact": {
            "name": application_file.contact_name,
            "role": application_file.contact_role,
            "email": application_file.contact_email,
        },
        "human_means": {
            "members_count": application_file.members_count,
            "volunteers": application_file.volunteers,
            "employees": application_file.employees,
            "employees_fte": money(application_file.employees_fte),
        },
        "budgets": {
            kind: budget_of([line for line in lines if line.year_kind == kind])
            for kind in YearKind.values
        },
        "agrements": [
            {"kind": a.kind, "number": a.number, "authority": a.authority}
            for a in application_file.agrements.all()
        ],
        "documents": [
            {
                "kind": d.kind,
                "label": DocumentKind(d.kind).label,
                "original_name": d.original_name,
                "valid_until": d.valid_until.isoformat() if d.valid_until else None,
            }
            for d in application_file.documents.all()
        ],
    }


def synthetic_snapshot(structure, taken_at, representative=("", "Président·e")):
    """A plausible file for a structure without one: budgets split from its annual budget."""
    budget = Decimal(structure.annual_budget_eur or 0)
    salaries = (budget * Decimal("0.62")).quantize(Decimal("1"))
    purchases = (budget * Decimal("0.14")).quantize(Decimal("1"))
    services = budget - salaries - purchases
    subsidies = (budget * Decimal(structure.public_funding_share or 0) / 100).quantize(Decimal("1"))
    name, role = representative
    return {
        "source": SNAPSHOT_SOURCE,
        "taken_at": taken_at.isoformat(),
        "identity": identity_of(structure),
        "representative": {"name": name, "role": role, "email": "", "phone": ""},
        "contact": {"name": "", "role": "", "email": ""},
        "human_means": {
            "members_count": None,
            "volunteers": structure.volunteers,
            "employees": None,
            "employees_fte": money(structure.employees_fte),
        },
        "budgets": {
            YearKind.ACTUAL: {
                "lines": [
                    {"account": "60", "label": "", "amount": money(purchases)},
                    {"account": "62", "label": "", "amount": money(services)},
                    {"account": "64", "label": "", "amount": money(salaries)},
                    {"account": "70", "label": "", "amount": money(budget - subsidies)},
                    {"account": "74", "label": "Subventions", "amount": money(subsidies)},
                ],
                "charges": money(budget),
                "products": money(budget),
            },
        },
        "agrements": [],
        "documents": [],
    }
