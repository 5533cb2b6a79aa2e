"""Realistic demo structures, generated fast enough for a million rows.

Proportions are plausible rather than statistical: sectors follow the DLA 2022 shares quoted in
seeds/003 (culture 19 %, social animation 14 %, employment 8 %, sport 7 %), most ESS employers are
associations, and most of them are small (FTE and budgets drawn from skewed distributions).
"""

from decimal import Decimal

from stdnum import luhn

from aidess.structures.enums import Sector

SECTOR_WEIGHTS = {
    Sector.CULTURE: 19,
    Sector.SOCIAL_ANIMATION: 14,
    Sector.EMPLOYMENT_INSERTION: 8,
    Sector.SPORT: 7,
    Sector.HEALTH_SOCIAL: 12,
    Sector.EDUCATION: 9,
    Sector.ENVIRONMENT: 6,
    Sector.FOOD: 5,
    Sector.CIRCULAR_ECONOMY: 4,
    Sector.HOUSING: 4,
    Sector.MOBILITY: 2,
    Sector.OTHER: 10,
}
# INSEE legal categories: declared association, recognised public-utility association, SCOP SARL,
# other SA cooperative (SCIC…), mutual, foundation, SAS (ESUS companies).
LEGAL_CATEGORY_WEIGHTS = {
    "9220": 78,
    "9230": 3,
    "5458": 4,
    "5560": 2,
    "8210": 3,
    "9300": 3,
    "5710": 7,
}
NAME_PATTERNS = {
    Sector.CULTURE: ["Théâtre {place}", "Compagnie des {word}", "Festival de {place}"],
    Sector.SOCIAL_ANIMATION: ["Centre social de {place}", "Maison des {word} de {place}"],
    Sector.EMPLOYMENT_INSERTION: ["Chantier d'insertion {place}", "Atelier {word} Emploi"],
    Sector.SPORT: ["Union sportive de {place}", "Club {word} {place}"],
    Sector.HEALTH_SOCIAL: ["Aide à domicile {place}", "Entraide {word}"],
    Sector.EDUCATION: ["Savoirs partagés {place}", "École des {word}"],
    Sector.ENVIRONMENT: ["Jardins de {place}", "Nature {word} {place}"],
    Sector.FOOD: ["Épicerie solidaire de {place}", "Paniers {word}"],
    Sector.CIRCULAR_ECONOMY: ["Ressourcerie de {place}", "Recyclerie {word}"],
    Sector.HOUSING: ["Habitat {word} {place}", "Toit partagé {place}"],
    Sector.MOBILITY: ["Garage solidaire {place}", "Vélo {word} {place}"],
    Sector.OTHER: ["Coopérative {word} {place}", "Collectif {word}"],
}
WORDS = ["Possibles", "Lucioles", "Rives", "Tilleuls", "Ponts", "Cigales", "Liens", "Horizons"]


def make_siret(index):
    """A valid, unique SIRET per index: Luhn-checked SIREN (prefix 9 + 7 digits) and NIC."""
    siren_body = f"9{index % 10_000_000:07d}"
    siren = siren_body + luhn.calc_check_digit(siren_body)
    nic_body = f"{index // 10_000_000:04d}"
    return siren + nic_body + luhn.calc_check_digit(siren + nic_body)


def skewed_fte(rng):
    """Half the structures have under 3 FTE, a few have over 50."""
    return Decimal(str(round(min(rng.lognormvariate(1.0, 1.2), 400), 1)))


def structure_values(index, rng, commune, legal_category):
    sector = rng.choices(list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()))[0]
    fte = skewed_fte(rng)
    budget = (
        fte * Decimal(rng.randint(38_000, 62_000)) + Decimal(rng.randint(5_000, 40_000))
    ).quantize(Decimal("1"))
    pattern = rng.choice(NAME_PATTERNS[sector])
    return {
        "siret": make_siret(index),
        "name": pattern.format(place=commune.name, word=rng.choice(WORDS)),
        "legal_category_id": legal_category.code,
        "legal_form": legal_category.legal_form,
        "sector": sector,
        "commune_id": commune.code,
        "department_id": commune.department_id,
        "region_id": commune.region_id,
        "is_ess": True,
        "rna_number": f"W{commune.department_id[:2]}{index % 10_000_000:07d}"
        if legal_category.legal_form == "association"
        else "",
        "is_esus": rng.random() < 0.08,
        "is_iae": sector == Sector.EMPLOYMENT_INSERTION and rng.random() < 0.6,
        "employees_fte": fte,
        "volunteers": rng.randint(0, 120),
        "annual_budget_eur": budget,
        "public_funding_share": Decimal(rng.randint(0, 95)),
        "creation_date": f"{rng.randint(1950, 2025)}-{rng.randint(1, 12):02d}-01",
    }
