"""The application file as it stands, frozen as JSON at submission (`Application.file_snapshot`).

Later edits of the file, of the structure's profile or of its documents do not change what was
submitted: the instructor reads this, and the documents copied into `SubmittedDocument`.
Amounts are decimal strings ("1250.00"), dates ISO strings: JSON keeps them exactly.
"""

import datetime

from aidess.applications import chart
from aidess.applications.enums import BUDGET_NAMES, YearKind


def text(value):
    if value is None:
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def identity(structure):
    """The structure's identity from its profile, as it stands today."""
    return {
        "name": structure.name,
        "siret": structure.siret or "",
        "rna_number": structure.rna_number or "",
        "legal_form": structure.legal_category.label if structure.legal_category_id else "",
        "commune": structure.commune.name if structure.commune_id else "",
        "department": structure.department_id or "",
        "region": structure.region_id or "",
        "creation_date": text(structure.creation_date),
        "is_ess": structure.is_ess,
        "is_esus": structure.is_esus,
        "sector": structure.get_sector_display() if structure.sector else "",
    }


def person(application_file, prefix):
    return {
        name: getattr(application_file, f"{prefix}_{name}")
        for name in ("name", "role", "email", "phone")
    }


def budget(application_file, year_kind):
    """Lines by CERFA account, in the chart's order, with the budget's totals."""
    lines = [line for line in application_file.budget_lines.all() if line.year_kind == year_kind]
    totals = application_file.budget_totals(year_kind)
    return {
        "name": BUDGET_NAMES[year_kind],
        "lines": [
            {
                "account": line.account,
                "account_label": chart.ACCOUNTS[line.account],
                "label": line.label,
                "amount": text(line.amount),
            }
            for line in sorted(lines, key=lambda line: (line.account, line.pk))
        ],
        "totals": {
            "charges": text(totals.charges),
            "products": text(totals.products),
            "contributions_used": text(totals.contributions_used),
            "contributions_given": text(totals.contributions_given),
            "result": text(totals.result),
            "balanced": totals.is_balanced,
            "subsidies": {funder: text(amount) for funder, amount in totals.subsidies.items()},
        },
    }


def file_snapshot(application_file, documents=()):
    """The JSON of the file; `documents` are the `SubmittedDocument` copies, already saved."""
    structure = application_file.structure
    return {
        "taken_at": text(datetime.datetime.now(datetime.UTC)),
        "identity": identity(structure),
        "representative": person(application_file, "representative"),
        "contact": person(application_file, "contact"),
        "human_means": {
            "members": application_file.members_count,
            "volunteers": application_file.volunteers,
            "employees": application_file.employees,
            "employees_fte": text(application_file.employees_fte),
        },
        "budgets": {kind.value: budget(application_file, kind) for kind in YearKind},
        "agrements": [
            {
                "kind": agrement.kind,
                "label": agrement.get_kind_display(),
                "number": agrement.number,
                "granted_on": text(agrement.granted_on),
                "authority": agrement.authority,
            }
            for agrement in application_file.agrements.all()
        ],
        "documents": [
            {
                "id": document.pk,
                "kind": document.kind,
                "label": document.kind_label,
                "name": document.original_name,
                "content_type": document.content_type,
                "size": document.size,
                "valid_until": text(document.valid_until),
            }
            for document in documents
        ],
    }
