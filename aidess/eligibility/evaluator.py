"""One profile against a whole catalog: `engine.evaluate` for every aid, with the same results,
faster. Pure Python (no Django), like the engine.

A catalog has far fewer distinct conditions than aids. Each distinct criterion is checked once
per profile (results are immutable, hence shared), and so is each set of criteria but the
territory: aids that differ by their territory only share their evaluation, since the territory
has four outcomes. Those outcomes come from indexes of the aids by place, built once per
catalog, so that a profile reads a few index entries instead of testing every aid's territory.
"""

import itertools
from dataclasses import fields

from aidess.eligibility.engine import (
    INSIDE,
    NATIONAL,
    OUTSIDE,
    PLACE_UNKNOWN,
    TERRITORY_RESULTS,
    AidVerdict,
    Criteria,
    Evaluation,
    other_results,
    verdict_of,
)


def other_than_territory(criteria):
    """Every field of Criteria but the territory: aids that share them share their other results.
    Spelled out because attribute reads compiled here are about twice as fast as attrgetter's."""
    c = criteria
    return (
        c.legal_forms,
        c.legal_forms_or_esus,
        c.ess_required,
        c.esus_required,
        c.iae_required,
        c.employer_required,
        c.fte_min,
        c.fte_max,
        c.budget_min,
        c.budget_max,
        c.public_share_min,
        c.public_share_max,
        c.sectors,
        c.situations_any,
        c.min_age_years,
        c.max_age_years,
    )


# A field added to Criteria but not above would let aids that differ by it share an evaluation.
if other_than_territory.__code__.co_names != tuple(
    f.name for f in fields(Criteria) if f.name != "territory"
):
    raise AssertionError("other_than_territory() must read every field of Criteria but territory.")


# Sets of criteria but the territory, numbered once per process: a small int is far cheaper to
# look up than a 16-field tuple. The table holds one entry per distinct set ever seen, a few
# thousand for a whole catalog. `next` on a count is atomic, hence thread-safe here.
SHARING_IDS = {}
NEXT_ID = itertools.count()


def sharing_id(criteria):
    """The number of the criteria's set but the territory; a number of its own when a field is a
    mutable set (nothing can be shared with it)."""
    try:
        return SHARING_IDS.setdefault(other_than_territory(criteria), next(NEXT_ID))
    except TypeError:
        return next(NEXT_ID)


class Catalog:
    """The criteria of many aids, prepared once so that each profile costs one check per
    distinct criterion, one evaluation per distinct set of criteria and territory outcome, and a
    list lookup per aid. `evaluate` gives what `engine.evaluate` gives for each aid, in order."""

    def __init__(self, criteria_list):
        self.sharing_ids = [sharing_id(criteria) for criteria in criteria_list]
        self.representatives = {}  # sharing id -> the first criteria with it
        for number, criteria in zip(self.sharing_ids, criteria_list, strict=True):
            self.representatives.setdefault(number, criteria)
        # Positions of the local aids by place code: communes, EPCIs, departments, regions.
        self.positions = ({}, {}, {}, {})
        # Territory outcomes before looking at the places, for a profile that knows its
        # commune, knows nothing of its place, or knows its department only.
        commune_known, nothing_known, department_known = [], [], []
        for position, criteria in enumerate(criteria_list):
            territory = criteria.territory
            if territory.national:
                for outcomes in (commune_known, nothing_known, department_known):
                    outcomes.append(NATIONAL)
                continue
            places = (territory.communes, territory.epcis, territory.departments, territory.regions)
            for by_code, codes in zip(self.positions, places, strict=True):
                for code in codes:
                    by_code.setdefault(code, []).append(position)
            commune_known.append(OUTSIDE)
            nothing_known.append(PLACE_UNKNOWN)
            # engine.territory_outcome: a department decides a regional or departmental aid.
            local = territory.communes or territory.epcis
            department_known.append(PLACE_UNKNOWN if local else OUTSIDE)
        self.default_outcomes = (commune_known, nothing_known, department_known)

    def territory_outcomes(self, profile):
        """engine.territory_outcome of every aid, by index lookups rather than aid by aid."""
        if profile.commune_code is not None:
            outcomes = list(self.default_outcomes[0])
        elif profile.department_code is None:
            outcomes = list(self.default_outcomes[1])
        else:
            outcomes = list(self.default_outcomes[2])
        codes = (
            profile.commune_code,
            profile.epci_code,
            profile.department_code,
            profile.region_code,
        )
        for by_code, code in zip(self.positions, codes, strict=True):
            for position in by_code.get(code, ()):
                outcomes[position] = INSIDE
        return outcomes

    def evaluate(self, profile, today) -> list[Evaluation]:
        evaluator = Evaluator(profile, today)
        groups = {
            number: evaluator.group(criteria) for number, criteria in self.representatives.items()
        }
        with_territory = evaluator.with_territory
        evaluations = []
        for number, outcome in zip(self.sharing_ids, self.territory_outcomes(profile), strict=True):
            group = groups[number]
            evaluation = group[3 + outcome]
            if evaluation is None:
                evaluation = group[3 + outcome] = with_territory(group, outcome)
            evaluations.append(evaluation)
        return evaluations


class Evaluator:
    """The results of one profile, shared between the aids of a Catalog."""

    def __init__(self, profile, today):
        self.profile = profile
        self.today = today
        self.results = {}  # key of a criterion (see engine.other_results) -> CriterionResult

    def group(self, criteria):
        """[results before the territory, after it, verdict of those results, then one slot per
        territory outcome for its Evaluation, built on first use]."""
        before, after = other_results(self.profile, criteria, self.today, self.once)
        return [before, after, verdict_of((*before, *after)), None, None, None, None]

    @staticmethod
    def with_territory(group, outcome):
        """The group's Evaluation for a territory outcome: engine.verdict_of, from the verdict
        of the other results."""
        before, after, verdict = group[:3]
        if outcome == OUTSIDE:
            verdict = AidVerdict.INELIGIBLE
        elif outcome == PLACE_UNKNOWN and verdict == AidVerdict.ELIGIBLE:
            verdict = AidVerdict.TO_CONFIRM
        return Evaluation(verdict, (*before, TERRITORY_RESULTS[outcome], *after))

    def once(self, key, check, *args):
        try:
            result = self.results.get(key)
        except TypeError:  # a mutable set in the key: checked every time
            return check(*args)
        if result is None:
            result = self.results[key] = check(*args)
        return result
