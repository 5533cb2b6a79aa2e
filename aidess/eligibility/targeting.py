"""Compile an aid's criteria into one query over structures: those for which the engine says
*eligible* (every criterion met; a criterion the structure lacks data for is not met here).

Keep this in step with engine.py: tests/eligibility/test_targeting_property.py checks with
hypothesis that both agree on random structures and criteria, on SQLite and PostgreSQL.
"""

import datetime
from collections import Counter

from django.db.models import Count, Q

from aidess.structures.models import Structure, StructureSituation
from aidess.territories.models import Department, Region


def years_before(today, years):
    """The latest creation date that makes a structure at least `years` old on `today`, or None
    when that would be before year 1 (a provider may type any age up to 32767)."""
    if today.year - years < datetime.MINYEAR:
        return None
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def territory_q(territory):
    if territory.national:
        return Q()
    return (
        Q(region_id__in=territory.regions)
        | Q(department_id__in=territory.departments)
        | Q(commune__epci_id__in=territory.epcis)
        | Q(commune_id__in=territory.communes)
    )


def eligible_q(criteria, today):
    """A filter on Structure equivalent to `engine.evaluate(...).verdict == ELIGIBLE`."""
    q = territory_q(criteria.territory)
    if criteria.legal_forms or criteria.legal_forms_or_esus:
        legal = Q(legal_form__in=criteria.legal_forms)
        q &= legal | Q(is_esus=True) if criteria.legal_forms_or_esus else legal
    if criteria.ess_required:
        q &= Q(is_ess=True)
    if criteria.esus_required:
        q &= Q(is_esus=True)
    if criteria.iae_required:
        q &= Q(is_iae=True)
    if criteria.employer_required:
        q &= Q(employees_fte__gt=0)
    bounds = [
        ("employees_fte", criteria.fte_min, criteria.fte_max),
        ("annual_budget_eur", criteria.budget_min, criteria.budget_max),
        ("public_funding_share", criteria.public_share_min, criteria.public_share_max),
    ]
    for field, low, high in bounds:
        if low is not None:
            q &= Q(**{f"{field}__gte": low})
        if high is not None:
            q &= Q(**{f"{field}__lte": high})
    if criteria.sectors:
        q &= Q(sector__in=criteria.sectors)
    if criteria.situations_any:
        q &= Q(
            pk__in=StructureSituation.objects.filter(situation__in=criteria.situations_any).values(
                "structure"
            )
        )
    if criteria.min_age_years is not None:
        latest = years_before(today, criteria.min_age_years)
        q &= Q(creation_date__lte=latest) if latest else Q(pk__in=[])
    if criteria.max_age_years is not None:
        # Younger than max+1 years: created after the day max+1 years ago.
        earliest = years_before(today, criteria.max_age_years + 1)
        q &= Q(creation_date__gt=earliest) if earliest else Q(creation_date__isnull=False)
    return q


def eligible_structures(criteria, today=None, queryset=None):
    today = today or datetime.date.today()
    queryset = Structure.objects.all() if queryset is None else queryset
    return queryset.filter(eligible_q(criteria, today))


def counts_by_place_and_sector(structures, departments_shown=30):
    """The providers' page figures: total, then counts by region, department (the first
    `departments_shown`) and sector, most numerous first. One grouped query on the structures'
    own columns (a department lies in one region), tallied here with the names of the few
    regions and departments found, instead of one scan of the structures per figure."""
    rows = list(
        structures.values_list("region_id", "department_id", "sector")
        .annotate(total=Count("pk"))
        .order_by()
    )
    regions, departments, sectors = Counter(), Counter(), Counter()
    for region, department, sector, total in rows:
        regions[region] += total
        departments[department] += total
        sectors[sector] += total
    region_names = dict(Region.objects.filter(pk__in=regions).values_list("pk", "name"))
    department_names = dict(Department.objects.filter(pk__in=departments).values_list("pk", "name"))

    def most_numerous(counter, label):
        """(label, total) by decreasing total, ties by label, an unknown place (None) last."""
        labelled = [(label(key), total) for key, total in counter.items()]
        return sorted(labelled, key=lambda item: (-item[1], item[0] is None, item[0] or ""))

    return {
        "total": sum(row[-1] for row in rows),
        "by_region": [
            {"region__name": name, "total": total}
            for name, total in most_numerous(regions, region_names.get)
        ],
        "by_department": [
            {"department__code": code, "department__name": department_names.get(code), "total": n}
            for code, n in most_numerous(departments, lambda code: code)[:departments_shown]
        ],
        "by_sector": [
            {"sector": sector, "total": total}
            for sector, total in most_numerous(sectors, lambda sector: sector)
        ],
    }
