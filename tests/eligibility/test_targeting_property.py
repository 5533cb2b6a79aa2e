"""Targeting (one SQL query over structures) and the engine agree on who is eligible.

Hypothesis draws structures and criteria; every example saves its structures in a savepoint that it
rolls back, so each starts from an empty set of structures. Runs on SQLite and PostgreSQL.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from aidess.eligibility.engine import AidVerdict, Criteria, Territory, evaluate
from aidess.eligibility.profiles import profile_of
from aidess.eligibility.targeting import eligible_structures
from aidess.nomenclatures.vocabulary import LEGAL_FORMS, SECTORS, SITUATIONS
from aidess.structures.models import Structure, StructureSituation
from aidess.territories.models import Commune

pytestmark = pytest.mark.django_db

# Two communes per EPCI (Marseille and its 1st district), two EPCIs per department (Creuse), two
# departments per region (Nouvelle-Aquitaine), a commune without EPCI (Ouessant), a municipal
# district (ARM), and "no commune".
COMMUNES = ["23008", "23096", "33063", "59350", "13201", "13055", "29155", "35238"]
PLACES = {  # the codes of these communes, their EPCIs, departments and regions (checked below)
    "communes": set(COMMUNES),
    "epcis": {"200044014", "200034825", "243300316", "200093201", "200054807", "243500139"},
    "departments": {"23", "33", "59", "13", "29", "35"},
    "regions": {"75", "32", "93", "53"},
}

# Values close to each other, so that bounds and values often meet exactly.
FTE = [Decimal(v) for v in ("0", "0.01", "0.5", "1", "2.99", "3", "3.01", "12")]
BUDGETS = [Decimal(v) for v in ("0", "90000", "149999.99", "150000", "200000", "200000.01")]
SHARES = [Decimal(v) for v in ("0", "0.01", "33.33", "45", "50", "99.99", "100")]
LEAP_DAYS = [datetime.date(year, 2, 29) for year in (2000, 2016, 2020, 2024, 2028)]
EDGE_DAYS = [
    datetime.date(year, month, day)
    for year in (2015, 2019, 2021, 2023, 2025)
    for month, day in ((2, 28), (3, 1))
]


def amounts(pool, high):
    return st.one_of(
        st.none(),
        st.sampled_from(pool),
        st.decimals(min_value=0, max_value=high, places=2, allow_nan=False, allow_infinity=False),
    )


def bounds(pool, high):
    return amounts(pool, high)


def subsets(values, max_size=None):
    return st.frozensets(st.sampled_from(sorted(values)), max_size=max_size)


days = st.one_of(
    st.sampled_from(LEAP_DAYS + EDGE_DAYS),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2035, 12, 31)),
)

structures = st.lists(
    st.fixed_dictionaries(
        {
            "legal_form": st.sampled_from(["", *LEGAL_FORMS]),
            "is_ess": st.booleans(),
            "is_esus": st.booleans(),
            "is_iae": st.booleans(),
            "employees_fte": amounts(FTE, Decimal("9999999.99")),
            "annual_budget_eur": amounts(BUDGETS, Decimal("999999999999.99")),
            "public_funding_share": amounts(SHARES, Decimal("100")),
            "sector": st.sampled_from(["", *SECTORS]),
            "commune_id": st.sampled_from([None, *COMMUNES]),
            # None: no self-diagnosis; a set (maybe empty): declared situations, with or without
            # the date of the declaration (rows added by an administrator have none).
            "situations": st.one_of(st.none(), subsets(SITUATIONS, max_size=3)),
            "stamped": st.booleans(),
            "creation_date": st.one_of(st.none(), days),
        }
    ),
    min_size=2,
    max_size=12,
)

ages = st.one_of(st.none(), st.integers(0, 12), st.integers(0, 32767))


@st.composite
def territories(draw, places):
    if draw(st.booleans()):
        return Territory()
    return Territory(
        national=False,
        regions=draw(subsets(places["regions"], max_size=2)),
        departments=draw(subsets(places["departments"], max_size=2)),
        epcis=draw(subsets(places["epcis"], max_size=2)),
        communes=draw(subsets(places["communes"], max_size=2)),
    )


CRITERIA = [
    "legal_forms",
    "legal_forms_or_esus",
    "ess_required",
    "esus_required",
    "iae_required",
    "employer_required",
    "fte",
    "budget",
    "public_share",
    "sectors",
    "territory",
    "situations_any",
    "age",
]


@st.composite
def criteria(draw, places):
    """A few criteria at a time (as real aids have), so that some structures pass and some fail."""
    active = draw(st.frozensets(st.sampled_from(CRITERIA), min_size=1, max_size=3))
    values = {}
    if "legal_forms" in active:
        values["legal_forms"] = draw(subsets(LEGAL_FORMS, max_size=3))
    for flag in ("legal_forms_or_esus", "ess_required", "esus_required", "iae_required"):
        values[flag] = flag in active
    values["employer_required"] = "employer_required" in active
    for name, pool, high in (
        ("fte", FTE, Decimal("50")),
        ("budget", BUDGETS, Decimal("1000000")),
        ("public_share", SHARES, Decimal("100")),
    ):
        if name in active:
            values[f"{name}_min"] = draw(bounds(pool, high))
            values[f"{name}_max"] = draw(bounds(pool, high))
    if "sectors" in active:
        values["sectors"] = draw(subsets(SECTORS, max_size=3))
    if "territory" in active:
        values["territory"] = draw(territories(places))
    if "situations_any" in active:
        values["situations_any"] = draw(subsets(SITUATIONS, max_size=3))
    if "age" in active:
        values["min_age_years"] = draw(ages)
        values["max_age_years"] = draw(ages)
    return Criteria(**values)


def places_of_the_communes():
    communes = Commune.objects.filter(code__in=COMMUNES)
    return {
        "communes": {c.code for c in communes},
        "epcis": {c.epci_id for c in communes if c.epci_id},
        "departments": {c.department_id for c in communes},
        "regions": {c.region_id for c in communes},
    }


def save(specs):
    """Structures as the app stores them (department and region follow the commune)."""
    communes = Commune.objects.in_bulk(COMMUNES)
    objects = []
    for number, spec in enumerate(specs):
        fields = {k: v for k, v in spec.items() if k not in ("situations", "stamped", "commune_id")}
        declared = spec["situations"] is not None and spec["stamped"]
        structure = Structure(
            name=f"Structure {number}",
            commune=communes.get(spec["commune_id"]),
            situations_declared_at=timezone.now() if declared else None,
            **fields,
        )
        structure.sync_derived_fields()
        objects.append(structure)
    saved = Structure.objects.bulk_create(objects)
    StructureSituation.objects.bulk_create(
        StructureSituation(structure=structure, situation=situation)
        for structure, spec in zip(saved, specs, strict=True)
        for situation in spec["situations"] or ()
    )


def check_agreement(specs, aid_criteria, today):
    assert not Structure.objects.exists(), "each example starts without structures"
    save(specs)
    engine = {
        structure.pk
        for structure in Structure.objects.select_related("commune").prefetch_related("situations")
        if evaluate(profile_of(structure), aid_criteria, today).verdict == AidVerdict.ELIGIBLE
    }
    targeted = set(eligible_structures(aid_criteria, today).values_list("pk", flat=True))
    assert targeted == engine
    return engine


def run_example(specs, aid_criteria, today):
    with transaction.atomic():
        eligible = check_agreement(specs, aid_criteria, today)
        transaction.set_rollback(True)
    return eligible


def test_the_handful_of_communes_covers_every_kind_of_place():
    assert places_of_the_communes() == PLACES


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(specs=structures, aid_criteria=criteria(PLACES), today=days)
def test_targeting_agrees_with_the_engine(specs, aid_criteria, today):
    eligible = run_example(specs, aid_criteria, today)
    share = "none" if not eligible else "all" if len(eligible) == len(specs) else "some"
    event(f"eligible structures: {share}")


# Minimal cases, kept as regression tests


def structure_created(day):
    return {
        "legal_form": "association",
        "is_ess": True,
        "is_esus": False,
        "is_iae": False,
        "employees_fte": None,
        "annual_budget_eur": None,
        "public_funding_share": None,
        "sector": "",
        "commune_id": "23008",
        "situations": None,
        "stamped": False,
        "creation_date": day,
    }


@pytest.mark.parametrize(
    ("min_age", "max_age"), [(None, 1999), (None, 32767), (3000, None), (1999, 2030)]
)
def test_age_bounds_beyond_year_one_do_not_crash_targeting(min_age, max_age):
    """Found by hypothesis: a maximum age reaching before year 1 raised ValueError (500 on the
    provider's pages) instead of meaning "no limit"."""
    specs = [structure_created(datetime.date(1950, 5, 1)), structure_created(None)]
    aid_criteria = Criteria(min_age_years=min_age, max_age_years=max_age)
    found = run_example(specs, aid_criteria, datetime.date(2000, 2, 29))
    assert len(found) == (min_age is None)  # 49 years old: under any maximum, below 1999


@pytest.mark.parametrize(
    ("created", "eligible"),
    [(datetime.date(2023, 2, 28), True), (datetime.date(2023, 3, 1), False)],
)
def test_minimum_age_on_29_february(created, eligible):
    found = run_example([structure_created(created)], Criteria(min_age_years=1), LEAP_DAYS[3])
    assert len(found) == eligible
