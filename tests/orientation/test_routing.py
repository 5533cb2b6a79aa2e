"""Who a request goes to: nearest zone first, the needs it answers, and the schemes' own
eligibility criteria (employer structures for the DLA, the six regions of SOS Employeurs…)."""

import datetime

import pytest

from aidess.eligibility.profiles import profile_of
from aidess.orientation.choosing import Fit, in_contact_order, selected_keys
from aidess.orientation.routing import route
from aidess.territories.models import Commune
from tests.factories import StructureFactory
from tests.orientation.conftest import offer

TODAY = datetime.date(2026, 11, 30)
pytestmark = pytest.mark.django_db


def names(routes, selected=None):
    return [
        item.organization.name for item in routes if selected is None or item.selected == selected
    ]


def test_the_creuse_theatre_goes_to_its_departmental_dla_first_then_the_regional_one(
    network, theatre
):
    routes = route(profile_of(theatre), ["advice"], TODAY)
    assert names(routes) == ["DLA de la Creuse", "DLA régional Nouvelle-Aquitaine", "Guid'Asso"]
    assert names(routes, selected=True) == ["DLA de la Creuse", "DLA régional Nouvelle-Aquitaine"]
    first = routes[0]
    assert (first.territory_kind, first.territory_code, first.scheme) == ("department", "23", "dla")
    assert first.reason == (
        "DLA de la Creuse : intervient dans le département Creuse (23) ; répond à votre besoin "
        "« Accompagnement, conseil » ; votre structure est bien une structure de l'ESS, "
        "votre structure est employeuse."
    )
    assert routes[-1].territory_kind == "national" and routes[-1].territory_code is None


def test_a_third_recipient_only_when_it_answers_a_need_the_first_two_do_not(network, theatre):
    routes = route(profile_of(theatre), ["advice", "payment_dispute"], TODAY)
    assert names(routes) == [
        "DLA de la Creuse",
        "DLA régional Nouvelle-Aquitaine",
        "Guid'Asso",
        "Médiateur des entreprises",
    ]
    assert names(routes, selected=True) == [
        "DLA de la Creuse",
        "DLA régional Nouvelle-Aquitaine",
        "Médiateur des entreprises",
    ]
    mediateur = routes[-1]
    assert "répond à votre besoin « Litige ou retard de paiement »" in mediateur.reason
    assert "à vérifier" in mediateur.reason  # no situation declared: the dispute is to confirm


def test_the_dla_is_only_for_employer_structures_as_its_criteria_say(network):
    volunteers_only = StructureFactory(
        commune=Commune.objects.get(code="23008"), employees_fte=0, annual_budget_eur=50_000
    )
    routes = route(profile_of(volunteers_only), ["advice"], TODAY)
    assert names(routes) == ["Guid'Asso"]


def test_france_active_needs_a_budget_over_200_000_euros(network, theatre):
    theatre.annual_budget_eur = 250_000
    theatre.save()
    routes = route(profile_of(theatre), ["restructuring"], TODAY)
    assert names(routes) == ["France Active Nouvelle-Aquitaine"]
    theatre.annual_budget_eur = 120_000
    theatre.save()
    assert route(profile_of(theatre), ["restructuring"], TODAY) == []


def test_sos_employeurs_only_in_its_six_regions(network):
    lille = StructureFactory(employees_fte=2)  # Lille, Hauts-de-France (32)
    routes = route(profile_of(lille), ["employment"], TODAY)
    assert names(routes) == ["SOS Employeurs ESS"]  # the Creuse's DLA is not in Lille's zone
    aubusson = StructureFactory(commune=Commune.objects.get(code="23008"), employees_fte=2)
    assert "SOS Employeurs ESS" not in names(route(profile_of(aubusson), ["employment"], TODAY))


def test_no_need_asked_every_fitting_offer_counts(network, theatre):
    assert names(route(profile_of(theatre), [], TODAY)) == [
        "DLA de la Creuse",
        "DLA régional Nouvelle-Aquitaine",
        "Guid'Asso",
        "Médiateur des entreprises",
    ]


def test_inactive_offers_and_organisations_and_other_communes_are_left_out(network, theatre):
    network["dla23"].organization.is_active = False
    network["dla23"].organization.save()
    network["guid_asso"].is_active = False
    network["guid_asso"].save()
    offer("Ville de Guéret", "guid-asso", ["advice"], "commune", ["23096"])
    offer("Ville d'Aubusson", "guid-asso", ["advice"], "commune", ["23008"])
    routes = route(profile_of(theatre), ["advice"], TODAY)
    assert names(routes) == ["Ville d'Aubusson", "DLA régional Nouvelle-Aquitaine"]
    assert routes[0].territory_kind == "commune"
    assert "intervient dans la commune de Aubusson" in routes[0].reason


def test_never_two_offers_of_the_same_organisation_selected(network, theatre):
    second = offer("x", "dla-restructuration", ["advice"], "department", ["23"])
    second.organization = network["dla23"].organization
    second.save()
    routes = route(profile_of(theatre), ["advice"], TODAY)
    assert names(routes)[:2] == ["DLA de la Creuse", "DLA de la Creuse"]
    assert names(routes, selected=True) == ["DLA de la Creuse", "DLA régional Nouvelle-Aquitaine"]


def fit(key, organization, nearness, answered=(), name=None):
    return Fit(key, organization, name or key, nearness, frozenset(answered))


def test_contact_order_is_nearness_then_needs_answered_then_name():
    fits = [
        fit("b", 1, 4, ["advice"]),
        fit("a", 2, 4, ["advice"]),
        fit("c", 3, 4, ["advice", "cash"]),
        fit("z", 4, 2, []),
    ]
    assert [item.key for item in in_contact_order(fits)] == ["z", "c", "a", "b"]


def test_selection_default_two_a_third_for_an_unanswered_need_never_a_fourth():
    fits = [
        fit("a", 1, 0, ["advice"]),
        fit("a2", 1, 0, ["cash"]),
        fit("b", 2, 1, ["advice"]),
        fit("c", 3, 2, ["advice"]),
        fit("d", 4, 3, ["cash"]),
        fit("e", 5, 3, ["employment"]),
    ]
    assert selected_keys(fits) == ["a", "b", "d"]
    assert selected_keys(fits[:4]) == ["a", "b"]
