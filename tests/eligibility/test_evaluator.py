"""A Catalog gives, for every aid, exactly what engine.evaluate gives: same verdicts, same
reasons, same order, whatever the aids share (conditions, territories) and whatever the profile
lacks. Pure Python: no database."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from aidess.eligibility.engine import AidVerdict, Criteria, Profile, Territory, evaluate
from aidess.eligibility.evaluator import Catalog
from aidess.nomenclatures.vocabulary import LEGAL_FORMS, SECTORS, SITUATIONS
from tests.eligibility.test_targeting_property import FTE, PLACES, SHARES, criteria, days, subsets

TODAY = datetime.date(2026, 11, 23)


def maybe(strategy):
    return st.one_of(st.none(), strategy)


def codes(kind):
    return maybe(st.sampled_from(sorted(PLACES[kind])))


profiles = st.builds(
    Profile,
    legal_form=maybe(st.sampled_from(sorted(LEGAL_FORMS))),
    ess=maybe(st.booleans()),
    esus=maybe(st.booleans()),
    iae=maybe(st.booleans()),
    employees_fte=maybe(st.sampled_from(FTE)),
    annual_budget_eur=maybe(st.sampled_from([Decimal(0), Decimal(150_000), Decimal(250_000)])),
    public_funding_share=maybe(st.sampled_from(SHARES)),
    sector=maybe(st.sampled_from(sorted(SECTORS))),
    commune_code=codes("communes"),
    epci_code=codes("epcis"),
    department_code=codes("departments"),
    region_code=codes("regions"),
    situations=maybe(subsets(SITUATIONS, max_size=3)),
    creation_date=maybe(days),
)


territories = st.one_of(
    st.just(Territory()),
    st.builds(
        Territory,
        national=st.just(False),
        **{kind: subsets(PLACES[kind], max_size=2) for kind in PLACES},
    ),
)


@st.composite
def catalogs(draw):
    """Aids drawn with a territory each, then some of them repeated with another territory: the
    sharing to test."""
    aids = [
        Criteria(**{**aid.__dict__, "territory": draw(territories)})
        for aid in draw(st.lists(criteria(PLACES), min_size=1, max_size=25))
    ]
    for index in draw(st.lists(st.integers(0, len(aids) - 1), max_size=10)):
        aids.append(Criteria(**{**aids[index].__dict__, "territory": draw(territories)}))
    return draw(st.permutations(aids))


@settings(max_examples=300, deadline=None)
@given(catalog=catalogs(), profile=profiles)
def test_a_catalog_evaluates_every_aid_as_the_engine_does(catalog, profile):
    assert Catalog(catalog).evaluate(profile, TODAY) == [
        evaluate(profile, aid, TODAY) for aid in catalog
    ]


def test_aids_differing_by_territory_only_get_their_own_territory_verdict():
    association_only = {"legal_forms": frozenset({"association"})}
    catalog = [
        Criteria(**association_only),
        Criteria(**association_only, territory=Territory(national=False, regions={"75"})),
        Criteria(**association_only, territory=Territory(national=False, regions={"32"})),
        Criteria(**association_only, territory=Territory(national=False, communes={"59350"})),
    ]
    in_creuse = Profile(legal_form="association", commune_code="23008", region_code="75")
    department_only = Profile(legal_form="association", department_code="23", region_code="75")

    assert [e.verdict for e in Catalog(catalog).evaluate(in_creuse, TODAY)] == [
        AidVerdict.ELIGIBLE,
        AidVerdict.ELIGIBLE,
        AidVerdict.INELIGIBLE,
        AidVerdict.INELIGIBLE,
    ]
    # A department decides a regional aid, not a communal one: that one waits for the commune.
    assert [e.verdict for e in Catalog(catalog).evaluate(department_only, TODAY)] == [
        AidVerdict.ELIGIBLE,
        AidVerdict.ELIGIBLE,
        AidVerdict.INELIGIBLE,
        AidVerdict.TO_CONFIRM,
    ]


def test_criteria_holding_mutable_sets_are_evaluated_on_their_own():
    shared = Criteria(sectors=frozenset({"culture"}))
    mutable = Criteria(sectors={"sport"})  # a set typed by hand: unhashable, never shared
    profile = Profile(sector="sport")

    evaluations = Catalog([shared, mutable, shared]).evaluate(profile, TODAY)

    assert [e.verdict for e in evaluations] == [
        AidVerdict.INELIGIBLE,
        AidVerdict.ELIGIBLE,
        AidVerdict.INELIGIBLE,
    ]
    assert evaluations == [evaluate(profile, aid, TODAY) for aid in [shared, mutable, shared]]


def test_aids_with_the_same_criteria_share_one_evaluation():
    """What makes a catalog cheap: one evaluation per set of criteria and territory outcome."""
    ess = Criteria(ess_required=True)
    catalog = Catalog([ess, Criteria(ess_required=True), Criteria(iae_required=True), ess])
    first, same, other, again = catalog.evaluate(Profile(ess=True, iae=False), TODAY)
    assert first is same is again
    assert other is not first and other.verdict == AidVerdict.INELIGIBLE
