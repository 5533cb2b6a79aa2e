""" "Mes aides" of a structure and the anonymous simulation: what people read, in which order."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aidess.aids.models import Aid
from aidess.eligibility.engine import AidVerdict, Profile
from aidess.eligibility.profiles import place_codes, profile_of
from aidess.eligibility.service import candidate_aids, evaluate_and_rank
from aidess.structures.models import Structure
from aidess.territories.models import Commune
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

LISTED = re.compile(r'class="fr-collapse" id="aid-(eligible|confirm|near)-(?:generic-)?(\d+)"')
SECTIONS = {"eligible": "eligible", "confirm": "to_confirm", "near": "near_misses"}


def listed(response):
    """{"eligible": [aid pk…], "to_confirm": […], "near_misses": […]} in page order."""
    found = {name: [] for name in SECTIONS.values()}
    for section, pk in LISTED.findall(response.content.decode()):
        found[SECTIONS[section]].append(int(pk))
    return found


def expected(profile, include_closed=False, needs=frozenset()):
    """The same three lists computed by the engine, in relevance order (generic aids last)."""
    results = evaluate_and_rank(
        profile, candidate_aids(include_closed), timezone.localdate(), include_closed, needs
    )
    return {
        "eligible": [r.aid.pk for r in results if r.verdict == AidVerdict.ELIGIBLE],
        "to_confirm": [r.aid.pk for r in results if r.verdict == AidVerdict.TO_CONFIRM],
        "near_misses": [
            r.aid.pk for r in results if r.verdict == AidVerdict.INELIGIBLE and r.near_miss
        ],
    }


def pk_of(slug):
    return Aid.objects.get(slug=slug).pk


def text(response):
    return html.unescape(response.content.decode())


def my_aids_url(structure, **query):
    url = reverse("eligibility:structure_aids", args=[structure.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def theatre(member):
    """An employer ESS association of Aubusson that has not done its self-diagnosis."""
    return StructureFactory(
        member=member,
        name="Théâtre de la Tapisserie",
        commune=Commune.objects.get(code="23008"),
        employees_fte=Decimal("2"),
    )


# Mes aides


def test_member_reads_eligible_then_to_confirm_then_near_misses(client, login, member, theatre):
    login(member)
    response = client.get(my_aids_url(theatre))
    assert response.status_code == 200
    page = listed(response)
    structure = Structure.objects.select_related("commune").get(pk=theatre.pk)
    assert page == expected(profile_of(structure))

    assert pk_of("dla") in page["eligible"]
    assert pk_of("mediateur-des-entreprises") in page["to_confirm"]
    assert pk_of("sos-employeurs-ess") in page["near_misses"]  # not in Nouvelle-Aquitaine
    content = response.content.decode()
    positions = [content.index(f'id="aid-{s}-') for s in ("eligible", "confirm", "near")]
    assert positions == sorted(positions)
    assert "Votre structure est employeuse." in text(response)


def test_to_confirm_lists_the_missing_data_and_links_to_the_profile(client, login, member, theatre):
    login(member)
    page = text(client.get(my_aids_url(theatre)))
    assert (
        "Il manque des informations pour trancher : budget annuel, situation (autodiagnostic)."
        in page
    )
    assert f'href="{reverse("structures:update", args=[theatre.pk])}">Compléter la fiche' in page


def test_closed_aids_only_on_demand(client, login, member, theatre):
    login(member)
    dsess = pk_of("dsess")
    default = client.get(my_aids_url(theatre))
    assert dsess not in sum(listed(default).values(), [])
    assert "Dispositif de secours ESS (DSESS)" not in text(default)
    assert 'href="?fermees=1">Voir aussi les aides clôturées' in text(default)

    with_closed = client.get(my_aids_url(theatre, fermees=1))
    assert dsess in listed(with_closed)["to_confirm"]  # situations not declared yet
    assert "Dispositif de secours ESS (DSESS) (clôturée)" in text(with_closed)
    structure = Structure.objects.select_related("commune").get(pk=theatre.pk)
    assert listed(with_closed) == expected(profile_of(structure), include_closed=True)


def test_member_of_another_structure_gets_404(client, login, theatre):
    stranger = UserFactory()
    StructureFactory(member=stranger)
    login(stranger)
    response = client.get(my_aids_url(theatre))
    assert response.status_code == 404
    assert "Tapisserie" not in text(response)


def test_anonymous_is_sent_to_login(client, theatre):
    response = client.get(my_aids_url(theatre))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={my_aids_url(theatre)}"


# Simulation (no account)

ANSWERS = {
    "legal_form": "association",
    "commune": "Aubusson (23008)",
    "sector": "culture",
    "ess": "yes",
    "esus": "no",
    "iae": "no",
    "employees_fte": "2",
    "annual_budget_eur": "90000",
    "public_funding_share": "45",
    "situations": "public_funding_cut",
}


def test_simulation_gives_the_engine_verdicts(client):
    response = client.get(reverse("eligibility:simulation"), ANSWERS)
    assert response.status_code == 200
    profile = Profile(
        legal_form="association",
        ess=True,
        esus=False,
        iae=False,
        employees_fte=Decimal("2"),
        annual_budget_eur=Decimal("90000"),
        public_funding_share=Decimal("45"),
        sector="culture",
        situations=frozenset({"public_funding_cut"}),
        **place_codes(Commune.objects.get(code="23008")),
    )
    page = listed(response)
    assert page == expected(profile)
    assert pk_of("pret-relais-solidaire") in page["eligible"]
    assert pk_of("dla-restructuration") in page["eligible"]
    # 90 000 € is below France Active's 200 000 €: the only unmet criterion.
    assert pk_of("france-active-accompagnement") in page["near_misses"]
    assert (
        "Votre structure a un budget annuel de 90\u202f000 € ; ce dispositif est réservé aux "
        "structures de 200\u202f000 € de budget annuel au moins." in text(response)
    )


def test_simulation_unanswered_questions_stay_to_confirm(client):
    response = client.get(reverse("eligibility:simulation"), {"commune": "23008"})
    assert response.status_code == 200
    page = listed(response)
    assert page == expected(Profile(**place_codes(Commune.objects.get(code="23008"))))
    assert pk_of("dla") in page["to_confirm"]
    assert pk_of("mediateur-des-entreprises") in page["to_confirm"]
    assert "situation (autodiagnostic)" in text(response)


def test_simulation_shows_closed_aids_on_demand(client):
    answers = {**ANSWERS, "situations": "covid_crisis"}
    url = reverse("eligibility:simulation")
    assert pk_of("dsess") not in listed(client.get(url, answers))["eligible"]
    with_closed = client.get(url, {**answers, "include_closed": "on"})
    assert pk_of("dsess") in listed(with_closed)["eligible"]


def error_of(page, field):
    """The error text shown under `field` (DSFR: in the element the input is described by)."""
    match = re.search(
        rf'id="id_{field}-desc-error">\s*<ul class="errorlist">\s*<li class="fr-error-text">\s*'
        r"(.*?)\s*</li>",
        page,
        re.S,
    )
    return match and match[1]


def test_simulation_bad_answers_are_explained_next_to_the_fields(client):
    response = client.get(
        reverse("eligibility:simulation"),
        {**ANSWERS, "employees_fte": "-1", "public_funding_share": "150", "commune": "Atlantide"},
    )
    assert response.status_code == 200
    page = text(response)
    assert error_of(page, "employees_fte") == (
        "Assurez-vous que cette valeur est supérieure ou égale à 0."
    )
    assert error_of(page, "public_funding_share") == (
        "La part des financements publics est comprise entre 0 et 100 %."
    )
    assert error_of(page, "commune") == (
        "Commune inconnue : saisissez un nom ou un code postal puis choisissez dans la liste."
    )
    assert 'name="employees_fte" value="-1"' in page
    assert 'name="public_funding_share" value="150"' in page
    assert 'name="commune" value="Atlantide"' in page
    assert "Corrigez les réponses signalées pour lancer la simulation." in page
    assert listed(response) == {"eligible": [], "to_confirm": [], "near_misses": []}


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"employees_fte": "abc"}, "employees_fte"),
        ({"employees_fte": "1e400"}, "employees_fte"),
        ({"annual_budget_eur": "NaN"}, "annual_budget_eur"),
        ({"annual_budget_eur": "12.345"}, "annual_budget_eur"),
        ({"public_funding_share": "-0.5"}, "public_funding_share"),
        ({"ess": "maybe"}, "ess"),
        ({"legal_form": "sarl"}, "legal_form"),
        ({"situations": "bankruptcy"}, "situations"),
        ({"commune": "Saint-Martin"}, "commune"),  # several communes: choose one
    ],
)
def test_simulation_never_fails_on_odd_input(client, answers, field):
    response = client.get(reverse("eligibility:simulation"), {**ANSWERS, **answers})
    assert response.status_code == 200
    message = error_of(text(response), field)
    assert message, f"no message under {field}"
    assert not re.search(r"[Ee]nter|[Ss]elect a valid|This field", message), message


def test_near_misses_show_the_best_ranked_first_then_all_on_demand(
    client, login, member, theatre, monkeypatch
):
    """A large catalog gives thousands of near misses: the page shows the best ranked and
    offers the rest, counted."""
    monkeypatch.setattr("aidess.eligibility.views.NEAR_MISSES_SHOWN", 2)
    login(member)
    structure = Structure.objects.select_related("commune").get(pk=theatre.pk)
    every_near_miss = expected(profile_of(structure))["near_misses"]
    assert len(every_near_miss) > 2

    first = client.get(my_aids_url(theatre))
    assert listed(first)["near_misses"] == every_near_miss[:2]
    offer = re.search(
        rf'href="([^"]+)">Voir les {len(every_near_miss)} aides presque éligibles</a>',
        first.content.decode(),
    )
    assert offer, "the page offers the other near misses"
    assert "presque=tous" in offer[1]

    everything = client.get(my_aids_url(theatre) + html.unescape(offer[1]))
    assert listed(everything)["near_misses"] == every_near_miss
