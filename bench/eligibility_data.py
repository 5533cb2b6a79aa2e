"""Synthetic catalog and profiles of the eligibility benchmark (`python -m bench eligibility`).

Everything is drawn from `random.Random(seed)`: every run draws the same criteria and profiles.
Territory codes are the real ones of the COG files shipped with the project (no database needed).
"""

import csv
import datetime
import itertools
from decimal import Decimal

from aidess.eligibility.engine import Criteria, Profile, Territory
from aidess.nomenclatures.vocabulary import LEGAL_FORMS, SECTORS, SITUATIONS
from bench.eligibility_common import ROOT

TERRITORY_DATA = ROOT / "aidess" / "territories" / "data"


def read_csv(name):
    with open(TERRITORY_DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class Places:
    """Real codes from the COG files shipped with the project (no database needed)."""

    def __init__(self):
        self.regions = [row["code"] for row in read_csv("regions.csv")]
        self.departments = [row["code"] for row in read_csv("departements.csv")]
        self.communes = [
            row
            for row in read_csv("communes.csv")
            if row["type"] == "COM" and row["departement_code"] and row["epci_siren"]
        ]
        self.cumulated = list(
            itertools.accumulate(
                int(row["population_municipale"] or 0) + 1 for row in self.communes
            )
        )
        self.epcis = sorted({row["epci_siren"] for row in self.communes})

    def commune(self, rng):
        """A commune drawn by population, as structures are."""
        return rng.choices(self.communes, cum_weights=self.cumulated)[0]


LEGAL_FORM_SETS = [
    # What imported aids' audiences become ("Associations", "Associations, Entreprises privées"…)
    ({"association", "foundation"}, 40),
    ({"association", "foundation", "cooperative", "mutual", "commercial_company"}, 20),
    ({"association"}, 15),
    ({"cooperative", "mutual", "commercial_company"}, 8),
    ({"cooperative"}, 7),
    ({"association", "cooperative"}, 10),
]
FTE_RANGES = [(None, Decimal(3)), (None, Decimal(10)), (Decimal(1), None), (None, Decimal(50))]
FTE_RANGES += [(Decimal(1), Decimal(250)), (Decimal("0.5"), Decimal(20)), (None, Decimal(250))]
BUDGET_RANGES = [(Decimal(200_000), None), (None, Decimal(500_000)), (Decimal(50_000), None)]
BUDGET_RANGES += [(Decimal(100_000), Decimal(2_000_000)), (None, Decimal(1_500_000))]
SHARE_RANGES = [(Decimal(30), None), (None, Decimal(80)), (Decimal(20), Decimal(90))]
AGE_RANGES = [(1, None), (None, 3), (2, None), (None, 5), (1, 10)]


def weighted(rng, pairs):
    return rng.choices([item for item, _ in pairs], weights=[weight for _, weight in pairs])[0]


def some(rng, values, low, high):
    return frozenset(rng.sample(values, rng.randint(low, high)))


def random_territory(rng, places):
    kind = weighted(
        rng,
        [("national", 15), ("region", 30), ("department", 40), ("epci", 10), ("commune", 5)],
    )
    if kind == "national":
        return Territory()
    if kind == "region":
        return Territory(national=False, regions=some(rng, places.regions, 1, 1))
    if kind == "department":
        return Territory(national=False, departments=some(rng, places.departments, 1, 3))
    if kind == "epci":
        return Territory(national=False, epcis=some(rng, places.epcis, 1, 2))
    codes = frozenset(places.commune(rng)["code_insee"] for _ in range(rng.randint(1, 4)))
    return Territory(national=False, communes=codes)


def random_sectors(rng, chance):
    return some(rng, list(SECTORS), 1, 3) if rng.random() < chance else frozenset()


def random_criteria(rng, places):
    """One aid's criteria, from the kinds of conditions real ESS aids have."""
    template = weighted(
        rng,
        [
            ("territory", 25),
            ("legal_forms", 30),
            ("ess_employer", 10),
            ("size", 15),
            ("situations", 7),
            ("esus_iae", 5),
            ("share_age", 8),
        ],
    )
    territory = random_territory(rng, places)
    fields = {"territory": territory}
    if template == "territory":
        fields["sectors"] = random_sectors(rng, 0.5)
    elif template == "legal_forms":
        fields["legal_forms"] = frozenset(weighted(rng, LEGAL_FORM_SETS))
        fields["sectors"] = random_sectors(rng, 0.4)
    elif template == "ess_employer":
        fields.update(ess_required=True, employer_required=True)
        if rng.random() < 0.5:
            fields["legal_forms"] = frozenset({"association"})
        fields["sectors"] = random_sectors(rng, 0.3)
    elif template == "size":
        fields["ess_required"] = rng.random() < 0.5
        if rng.random() < 0.7:
            fields["fte_min"], fields["fte_max"] = rng.choice(FTE_RANGES)
        if rng.random() < 0.6 or "fte_min" not in fields:
            fields["budget_min"], fields["budget_max"] = rng.choice(BUDGET_RANGES)
        if rng.random() < 0.4:
            fields["legal_forms"] = frozenset(weighted(rng, LEGAL_FORM_SETS))
    elif template == "situations":
        fields.update(
            ess_required=True,
            situations_any=some(rng, list(SITUATIONS), 1, 4),
            fte_max=rng.choice([None, Decimal(3), Decimal(10)]),
        )
    elif template == "esus_iae":
        variant = rng.choice(["esus", "iae", "or_esus"])
        if variant == "esus":
            fields["esus_required"] = True
        elif variant == "iae":
            fields.update(iae_required=True, sectors=frozenset({"employment_insertion"}))
        else:
            fields.update(legal_forms=frozenset({"association"}), legal_forms_or_esus=True)
            fields["budget_min"] = rng.choice([None, Decimal(200_000)])
    else:
        if rng.random() < 0.6:
            fields["public_share_min"], fields["public_share_max"] = rng.choice(SHARE_RANGES)
        if rng.random() < 0.7 or "public_share_min" not in fields:
            fields["min_age_years"], fields["max_age_years"] = rng.choice(AGE_RANGES)
        fields["sectors"] = random_sectors(rng, 0.3)
    return Criteria(**fields)


def random_profile(rng, places):
    """A structure as the API / simulation / "Mes aides" see it, with gaps here and there."""

    def maybe(value, chance_missing):
        return None if rng.random() < chance_missing else value

    place = places.commune(rng)
    where = rng.random()
    codes = {
        "commune_code": place["code_insee"],
        "epci_code": place["epci_siren"],
        "department_code": place["departement_code"],
        "region_code": place["region_code"],
    }
    if where < 0.1:  # simulation with a department only
        codes.update(commune_code=None, epci_code=None)
    elif where < 0.15:  # no place at all
        codes = {}
    fte = Decimal(str(round(min(rng.lognormvariate(1.0, 1.2), 400), 1)))
    if rng.random() < 0.15:
        fte = Decimal(0)
    budget = (fte * rng.randint(38_000, 62_000) + rng.randint(5_000, 40_000)).quantize(Decimal(1))
    situations = rng.random()
    if situations < 0.55:
        declared = None
    elif situations < 0.7:
        declared = frozenset()
    else:
        declared = some(rng, list(SITUATIONS), 1, 3)
    return Profile(
        legal_form=maybe(rng.choice(list(LEGAL_FORMS)), 0.1),
        ess=maybe(rng.random() < 0.85, 0.1),
        esus=maybe(rng.random() < 0.1, 0.2),
        iae=maybe(rng.random() < 0.08, 0.2),
        employees_fte=maybe(fte, 0.1),
        annual_budget_eur=maybe(budget, 0.15),
        public_funding_share=maybe(Decimal(rng.randint(0, 95)), 0.3),
        sector=maybe(rng.choice(list(SECTORS)), 0.1),
        situations=declared,
        creation_date=maybe(datetime.date(rng.randint(1950, 2025), rng.randint(1, 12), 1), 0.2),
        **codes,
    )


def draw_catalog(rng, places, aids, profiles):
    """The catalog's criteria, then the profiles, drawn in this order from `rng`."""
    catalog = [random_criteria(rng, places) for _ in range(aids)]
    return catalog, [random_profile(rng, places) for _ in range(profiles)]


def fuzz_criteria(rng, places):
    """Any combination of conditions, with edge values: the equivalence guard's inputs."""

    def bound(values):
        return rng.choice(values) if rng.random() < 0.3 else None

    fte = [Decimal(0), Decimal("0.5"), Decimal(1), Decimal(3), Decimal("2.5"), Decimal(50)]
    money = [Decimal(0), Decimal(50_000), Decimal("200000.00"), Decimal(1_000_000)]
    shares = [Decimal(0), Decimal(30), Decimal("50.5"), Decimal(100)]
    ages = [0, 1, 3, 10, 75]
    territory = random_territory(rng, places)
    if rng.random() < 0.2:  # mixed territories
        territory = Territory(
            national=False,
            regions=some(rng, places.regions, 0, 1),
            departments=some(rng, places.departments, 0, 2),
            epcis=some(rng, places.epcis, 0, 1),
            communes=frozenset(places.commune(rng)["code_insee"] for _ in range(rng.randint(0, 2))),
        )
    return Criteria(
        legal_forms=some(rng, list(LEGAL_FORMS), 0, 3) if rng.random() < 0.5 else frozenset(),
        legal_forms_or_esus=rng.random() < 0.2,
        ess_required=rng.random() < 0.3,
        esus_required=rng.random() < 0.15,
        iae_required=rng.random() < 0.15,
        employer_required=rng.random() < 0.3,
        fte_min=bound(fte),
        fte_max=bound(fte),
        budget_min=bound(money),
        budget_max=bound(money),
        public_share_min=bound(shares),
        public_share_max=bound(shares),
        sectors=some(rng, list(SECTORS), 0, 3) if rng.random() < 0.4 else frozenset(),
        territory=territory,
        situations_any=some(rng, list(SITUATIONS), 0, 3) if rng.random() < 0.3 else frozenset(),
        min_age_years=bound(ages),
        max_age_years=bound(ages),
    )
