"""Order eligibility results by relevance to one structure, each with a one-line French reason.

An aid made for the structure's case comes before an aid that merely accepts it: it answers one
of its needs (declared, or implied by a declared situation), targets one of its situations, its
sector, its kind of structure (ESS, employer, IAE, ESUS), its territory rather than the whole
country, or its size. An aid where none of this speaks to the structure is *generic*: pages
fold those. A legal form alone does not make an aid specific: the imported aids accept
"associations" among communes and companies, which says nothing of a theatre's cash shortfall.

Pure Python (no Django): the simulation, Mes aides and the API rank through
`service.evaluate_and_rank`, which reads the aids' needs and the names of the structure's places.
"""

from dataclasses import dataclass

from aidess.eligibility import engine
from aidess.eligibility.engine import INSIDE, AidVerdict, describe_bounds, listing

# After "Répond à votre besoin …", by value of `aids.enums.Need`.
NEED_PHRASES = {
    "cash": "de trésorerie",
    "activity_funding": "de financement de l'activité",
    "investment": "d'investissement",
    "advice": "d'accompagnement ou de conseil",
    "employment": "lié à l'emploi et aux salaires",
    "payment_dispute": "lié à un litige ou un retard de paiement",
    "restructuring": "de restructuration",
}
# Needs a declared situation implies, as the self-diagnosis reads them (diagnosis/assessment.py:
# a funding cut or lost resources call for funding, late payments for cash and mediation…).
SITUATION_NEEDS = {
    "activity_stopped": {"cash", "restructuring"},
    "activity_reduced": {"restructuring"},
    "revenue_loss": {"activity_funding"},
    "public_funding_cut": {"activity_funding"},
    "late_payments": {"cash", "payment_dispute"},
    "cash_shortfall": {"cash"},
    "volunteer_demobilisation": {"advice"},
    "dispute": {"payment_dispute"},
    "covid_crisis": set(),
}
# After "réservée aux structures …", by sector value.
SECTOR_PHRASES = {
    "culture": "de la culture",
    "sport": "du sport",
    "health_social": "de la santé et du médico-social",
    "social_animation": "de l'animation sociale",
    "employment_insertion": "de l'emploi et de l'insertion",
    "environment": "de l'environnement",
    "education": "de l'éducation et de la formation",
    "food": "de l'alimentation",
    "circular_economy": "de l'économie circulaire",
    "mobility": "de la mobilité",
    "housing": "du logement",
    "other": "de votre secteur",
}
LEGAL_FORM_PLURALS = {
    "association": "associations",
    "cooperative": "coopératives",
    "mutual": "mutuelles",
    "foundation": "fondations",
    "commercial_company": "sociétés commerciales",
}
# Points of each kind of match: a need or a situation weighs most (the aid is for the case),
# then the sector, the kind of structure, the territory (the closer the more), the size.
NEED_POINTS, MORE_NEED_POINTS, SITUATION_POINTS = 40, 10, 30
SECTOR_POINTS, AUDIENCE_POINTS, SIZE_POINTS = 20, 20, 10
PLACE_POINTS = {"commune": 15, "epci": 15, "department": 12, "region": 10}
LEGAL_FORM_POINTS = 5  # orders specific aids between them, never makes one specific
GENERIC_REASON = (
    "Ouverte largement : rien dans ses critères ne vise votre besoin ou votre situation"
)
VERDICT_ORDER = {AidVerdict.ELIGIBLE: 0, AidVerdict.TO_CONFIRM: 1, AidVerdict.INELIGIBLE: 2}


@dataclass(frozen=True)
class Candidate:
    """One evaluated aid, as the ranking sees it."""

    criteria: engine.Criteria
    needs: frozenset  # values of Need the aid answers
    verdict: AidVerdict
    is_open: bool = True
    name: str = ""


@dataclass(frozen=True)
class Relevance:
    score: int
    generic: bool
    reason: str
    rank: int = 0  # 1 = most relevant; set by `rank`


def needs_of(profile, declared=frozenset()):
    """The declared needs and those the profile's declared situations imply."""
    implied = set(declared)
    for situation in profile.situations or ():
        implied |= SITUATION_NEEDS.get(situation, set())
    return frozenset(implied)


def relevance(profile, needs, criteria, aid_needs, places=None):
    """Score, genericity and reason of one aid for `profile` with `needs` (see `needs_of`).
    `places` names the profile's places by kind ("region": "Nouvelle-Aquitaine"…)."""
    return Relevance(*scored(profile, needs, criteria, aid_needs, places))


def scored(profile, needs, criteria, aid_needs, places=None):
    """(score, generic, reason) of `relevance`, as a tuple: `rank` builds one Relevance per aid
    (a frozen dataclass costs microseconds, and a catalog has thousands of aids)."""
    points, parts = 0, []
    shared_needs = [need for need in NEED_PHRASES if need in needs and need in aid_needs]
    if shared_needs:
        points += NEED_POINTS + MORE_NEED_POINTS * (len(shared_needs) - 1)
        which = listing([NEED_PHRASES[need] for need in shared_needs], "et")
        parts.append(
            f"Répond à {'vos besoins' if len(shared_needs) > 1 else 'votre besoin'} {which}"
        )
    shared_situations = sorted((profile.situations or frozenset()) & criteria.situations_any)
    if shared_situations:
        points += SITUATION_POINTS
        labels = [engine.SITUATIONS.get(s, s).lower() for s in shared_situations]
        parts.append(f"prévue pour votre situation ({listing(labels, 'et')})")
    audience, audience_points = audience_phrase(profile, criteria)
    points += audience_points
    if audience:
        parts.append(audience)  # counted below: a legal form alone is worth no point
    place, place_points = place_phrase(profile, criteria.territory, places or {})
    points += place_points
    if place:
        parts.append(place)
    size = size_phrase(profile, criteria)
    if size:
        points += SIZE_POINTS
        parts.append(size)
    specific = points > 0
    if specific and single_legal_form(profile, criteria):
        points += LEGAL_FORM_POINTS
    if not specific:
        return 0, True, GENERIC_REASON
    reason = " · ".join(parts)
    return points, False, reason[0].upper() + reason[1:]


def single_legal_form(profile, criteria):
    return criteria.legal_forms == {profile.legal_form} and profile.legal_form is not None


def audience_phrase(profile, criteria):
    """("réservée aux associations de la culture", points) for the kind of structure and the
    sector the aid is made for and the profile is; ("", 0) otherwise."""
    points, who = 0, ""
    if criteria.iae_required and profile.iae:
        points, who = AUDIENCE_POINTS, "structures de l'IAE"
    elif criteria.esus_required and profile.esus:
        points, who = AUDIENCE_POINTS, "entreprises agréées ESUS"
    elif criteria.ess_required and profile.ess:
        points = AUDIENCE_POINTS
        employer = criteria.employer_required and (profile.employees_fte or 0) > 0
        who = "employeurs de l'ESS" if employer else "structures de l'ESS"
    elif criteria.employer_required and (profile.employees_fte or 0) > 0:
        points, who = AUDIENCE_POINTS, "structures employeuses"
    sector = ""
    if criteria.sectors and profile.sector in criteria.sectors:
        points += SECTOR_POINTS
        sector = SECTOR_PHRASES.get(profile.sector, "de votre secteur")
    if not who and single_legal_form(profile, criteria):  # said, but worth no point alone
        who = LEGAL_FORM_PLURALS.get(profile.legal_form, "")
    if not who and not sector:
        return "", 0
    return f"réservée aux {who or 'structures'}{' ' + sector if sector else ''}", points


def place_phrase(profile, territory, places):
    """(name of the closest place of the profile the aid is limited to, points)."""
    if territory.national or engine.territory_outcome(profile, territory) != INSIDE:
        return "", 0
    for kind, codes, code in (
        ("commune", territory.communes, profile.commune_code),
        ("epci", territory.epcis, profile.epci_code),
        ("department", territory.departments, profile.department_code),
        ("region", territory.regions, profile.region_code),
    ):
        if code is not None and code in codes:
            return places.get(kind) or "votre territoire", PLACE_POINTS[kind]
    return "", 0


def size_phrase(profile, criteria):
    """ "pour les structures de 3 ETP au plus" when the aid has a size the profile fits."""
    for low, high, value, unit in (
        (criteria.fte_min, criteria.fte_max, profile.employees_fte, "ETP"),
        (criteria.budget_min, criteria.budget_max, profile.annual_budget_eur, "€ de budget"),
    ):
        bounded = (low is not None or high is not None) and value is not None
        if bounded and (low is None or value >= low) and (high is None or value <= high):
            return f"pour les structures {describe_bounds(low, high, unit)}"
    return ""


def rank(profile, candidates, declared_needs=frozenset(), places=None):
    """The Relevance of each candidate (in their order), with its rank: aids the structure may
    get (eligible or to confirm) first, specific before generic, open before closed, higher
    score, eligible before to confirm, then by name; ineligible aids after, in the same order."""
    needs = needs_of(profile, declared_needs)
    found = [
        scored(profile, needs, candidate.criteria, candidate.needs, places)
        for candidate in candidates
    ]

    def key(position):
        candidate, (score, generic, _reason) = candidates[position], found[position]
        ineligible = candidate.verdict == AidVerdict.INELIGIBLE
        return (
            ineligible,
            generic,
            not candidate.is_open,
            -score,
            VERDICT_ORDER[candidate.verdict],
            candidate.name,
        )

    ranks = [0] * len(found)
    for number, position in enumerate(sorted(range(len(found)), key=key), 1):
        ranks[position] = number
    return [
        Relevance(score, generic, reason, ranks[position])
        for position, (score, generic, reason) in enumerate(found)
    ]
