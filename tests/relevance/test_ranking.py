"""The pure ranking (eligibility/ranking.py): what raises an aid, what keeps it generic, and the
French line that says why."""

from decimal import Decimal

from aidess.aids.enums import Need
from aidess.eligibility.engine import AidVerdict, Criteria, Profile, Territory
from aidess.eligibility.ranking import (
    NEED_PHRASES,
    SECTOR_PHRASES,
    SITUATION_NEEDS,
    Candidate,
    needs_of,
    rank,
)
from aidess.nomenclatures.vocabulary import SECTORS, SITUATIONS

THEATRE = Profile(
    legal_form="association",
    ess=True,
    employees_fte=Decimal("2"),
    sector="culture",
    commune_code="23008",
    epci_code="200034825",
    department_code="23",
    region_code="75",
    situations=frozenset({"cash_shortfall", "public_funding_cut"}),
)
PLACES = {"commune": "Aubusson", "department": "Creuse", "region": "Nouvelle-Aquitaine"}
ASSOCIATIONS = frozenset({"association", "foundation"})  # an imported aid's "Associations"


def ranked(candidates, profile=THEATRE, needs=frozenset()):
    found = rank(profile, candidates, needs, PLACES)
    return sorted(zip(found, candidates, strict=True), key=lambda pair: pair[0].rank)


def test_every_need_situation_and_sector_has_its_words():
    assert set(NEED_PHRASES) == set(Need.values)
    assert set(SITUATION_NEEDS) == set(SITUATIONS)
    assert set(SECTOR_PHRASES) == set(SECTORS)
    assert all(needs <= set(Need.values) for needs in SITUATION_NEEDS.values())


def test_situations_imply_needs_and_declared_needs_add_theirs():
    assert needs_of(THEATRE) == {"cash", "activity_funding"}
    assert needs_of(THEATRE, {"advice"}) == {"cash", "activity_funding", "advice"}
    assert needs_of(Profile()) == frozenset()


def test_an_aid_for_the_need_comes_before_one_that_only_accepts_associations():
    generic = Candidate(
        Criteria(legal_forms=ASSOCIATIONS), frozenset(), AidVerdict.ELIGIBLE, name="A"
    )
    loan = Candidate(Criteria(), frozenset({"cash"}), AidVerdict.ELIGIBLE, name="Z")
    (first, first_aid), (second, second_aid) = ranked([generic, loan])

    assert (first_aid, first.rank, first.generic) == (loan, 1, False)
    assert first.reason == "Répond à votre besoin de trésorerie"
    assert (second_aid, second.rank, second.generic) == (generic, 2, True)
    assert second.reason.startswith("Ouverte largement")


def test_the_reason_names_need_audience_sector_and_place():
    criteria = Criteria(
        legal_forms=frozenset({"association"}),
        sectors=frozenset({"culture"}),
        territory=Territory(national=False, regions=frozenset({"75"})),
    )
    ((found, _),) = ranked([Candidate(criteria, frozenset({"cash"}), AidVerdict.ELIGIBLE)])
    assert found.reason == (
        "Répond à votre besoin de trésorerie · réservée aux associations de la culture · "
        "Nouvelle-Aquitaine"
    )


def test_closer_territory_ranks_higher_and_names_the_closest_place():
    region = Criteria(territory=Territory(national=False, regions=frozenset({"75"})))
    department = Criteria(territory=Territory(national=False, departments=frozenset({"23"})))
    national = Criteria()
    candidates = [
        Candidate(region, frozenset(), AidVerdict.ELIGIBLE, name="Région"),
        Candidate(national, frozenset(), AidVerdict.ELIGIBLE, name="National"),
        Candidate(department, frozenset(), AidVerdict.ELIGIBLE, name="Département"),
    ]
    order = [
        (candidate.name, found.reason, found.generic) for found, candidate in ranked(candidates)
    ]
    assert order == [
        ("Département", "Creuse", False),
        ("Région", "Nouvelle-Aquitaine", False),
        ("National", order[2][1], True),
    ]


def test_a_situation_an_audience_and_a_size_each_make_an_aid_specific():
    relay = Criteria(
        ess_required=True, situations_any=frozenset({"late_payments", "cash_shortfall"})
    )
    small = Criteria(fte_max=Decimal("3"))
    employers = Criteria(ess_required=True, employer_required=True)
    found = {
        candidate.name: item
        for item, candidate in ranked(
            [
                Candidate(relay, frozenset(), AidVerdict.ELIGIBLE, name="relais"),
                Candidate(small, frozenset(), AidVerdict.ELIGIBLE, name="petites"),
                Candidate(employers, frozenset(), AidVerdict.ELIGIBLE, name="employeurs"),
            ]
        )
    }
    assert found["relais"].reason == (
        "Prévue pour votre situation (manque de trésorerie) · réservée aux structures de l'ESS"
    )
    assert found["employeurs"].reason == "Réservée aux employeurs de l'ESS"
    assert found["petites"].reason == "Pour les structures de 3 ETP au plus"
    assert [found[name].rank for name in ("relais", "employeurs", "petites")] == [1, 2, 3]
    assert not any(item.generic for item in found.values())


def test_unknown_data_never_counts_as_a_match():
    unknown = Profile()  # nothing answered
    criteria = Criteria(ess_required=True, sectors=frozenset({"culture"}), fte_max=Decimal("3"))
    ((found, _),) = ranked(
        [Candidate(criteria, frozenset({"cash"}), AidVerdict.TO_CONFIRM)], unknown
    )
    assert found.generic and found.score == 0


def test_ineligible_aids_come_after_every_aid_the_structure_may_get():
    cash = frozenset({"cash"})
    candidates = [
        Candidate(Criteria(), cash, AidVerdict.INELIGIBLE, name="A"),
        Candidate(Criteria(), frozenset(), AidVerdict.TO_CONFIRM, name="B"),
        Candidate(Criteria(), cash, AidVerdict.TO_CONFIRM, name="C"),
        Candidate(Criteria(), cash, AidVerdict.ELIGIBLE, name="D"),
        Candidate(Criteria(), cash, AidVerdict.ELIGIBLE, is_open=False, name="E"),
    ]
    assert [candidate.name for _, candidate in ranked(candidates)] == ["D", "C", "E", "B", "A"]
