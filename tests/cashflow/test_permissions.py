"""Who reads and changes cash-flow plans (cashflow/permissions.py), for every demo role, and the
rules on a plan's period that the database keeps: it starts on the 1st, lasts 1 to 12 months."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from aidess.cashflow.models import CashflowPlan
from aidess.cashflow.permissions import can_change_plan, plans_visible_to
from aidess.diagnosis.models import SharingConsent
from aidess.organizations.models import Organization
from tests.cashflow.helpers import example_plan
from tests.demo_roles import ROLES, Demo
from tests.html import Page

pytestmark = pytest.mark.django_db

READS = {"member", "advisor_dla_23", "admin"}  # the Paris structure shares with DLA de la Creuse
CHANGES = {"member", "admin"}


def shared_plan(demo):
    dla = Organization.objects.get(name="DLA de la Creuse")
    SharingConsent.grant(demo.paris, dla, demo["member"])
    return example_plan(demo.paris)


def detail_url(plan):
    return reverse("cashflow:detail", args=[plan.structure_id, plan.pk])


@pytest.mark.parametrize("role", ROLES)
def test_plans_visible_to(role, client, login):
    demo = Demo()
    plan = shared_plan(demo)

    assert (plan in plans_visible_to(demo[role])) == (role in READS)
    if role != "anonymous":
        login(demo[role])
        assert client.get(detail_url(plan)).status_code == (200 if role in READS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_can_change_plan(role, client, login):
    demo = Demo()
    plan = shared_plan(demo)

    assert can_change_plan(demo[role], plan) == (role in CHANGES)
    if role in READS - CHANGES:  # read-only: the grid refuses a save
        login(demo[role])
        assert client.post(detail_url(plan), {"action": "save"}).status_code == 403


# The period of a plan, kept by the database


def plan_with(structure, **period):
    return CashflowPlan(structure=structure, **{"start": datetime.date(2026, 1, 1), **period})


def test_a_plan_starts_on_the_first_of_a_month():
    demo = Demo()
    with pytest.raises(IntegrityError), transaction.atomic():
        plan_with(demo.paris, start=datetime.date(2026, 1, 2)).save()
    with pytest.raises(ValidationError, match="Un plan commence le 1er d'un mois."):
        plan_with(demo.paris, start=datetime.date(2026, 1, 15)).full_clean()


@pytest.mark.parametrize("months", [0, 13])
def test_a_plan_lasts_1_to_12_months(months):
    demo = Demo()
    with pytest.raises(IntegrityError), transaction.atomic():
        plan_with(demo.paris, months=months).save()
    with pytest.raises(ValidationError, match="Un plan dure de 1 à 12 mois."):
        plan_with(demo.paris, months=months).full_clean()


@pytest.mark.parametrize("months", [1, 12])
def test_one_and_twelve_months_are_plans(months):
    demo = Demo()
    plan_with(demo.paris, months=months).full_clean(exclude=["created_by"])
    plan_with(demo.paris, months=months).save()


@pytest.mark.parametrize(("posted", "saved"), [("13", 12), ("40", 12), ("0", 1), ("-3", 1)])
def test_the_grid_keeps_the_duration_within_1_to_12_months(posted, saved, client, login):
    demo = Demo()
    plan = example_plan(demo.paris)
    login(demo["member"])
    data = Page(client.get(detail_url(plan)).content.decode()).form_with(form_id="cashflow-form")
    response = client.post(detail_url(plan), {**data.data(), "months": [posted], "action": "save"})

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.months == saved


# Creating a plan: its POST is read by a form


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start_month": "13", "start_year": "2026", "months": "3"}, "dans la liste"),
        ({"start_year": "2026", "months": "3"}, "Choisissez le premier mois du plan."),
        ({"start_month": "1", "start_year": "20x6", "months": "3"}, "en chiffres"),
        ({"start_month": "1", "start_year": "2026", "months": "13"}, "de 3 à 12 mois"),
        ({"start_month": "1", "start_year": "2026", "months": "2"}, "de 3 à 12 mois"),
    ],
)
def test_a_bad_period_is_refused_in_french(data, message, client, login):
    demo = Demo()
    login(demo["member"])
    response = client.post(reverse("cashflow:create", args=[demo.paris.pk]), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CashflowPlan.objects.filter(structure=demo.paris).exists()


def test_an_advisor_cannot_create_a_plan_for_a_structure_it_reads(client, login):
    demo = Demo()
    shared_plan(demo)
    login(demo["advisor_dla_23"])
    url = reverse("cashflow:create", args=[demo.paris.pk])
    data = {"start_month": "1", "start_year": "2026", "months": "3"}
    assert client.post(url, data).status_code == 404
    assert CashflowPlan.objects.filter(structure=demo.paris).count() == 1
