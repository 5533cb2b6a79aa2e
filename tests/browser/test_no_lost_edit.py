"""Two people, two browsers, one plan: the second save no longer erases the line the first added.
Each session is its own Playwright browser context (own cookies), signed in through the login form."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from aidess.aids.enums import AidStatus
from aidess.cashflow.models import CashflowPlan
from aidess.organizations.enums import Role, ScopeLevel
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.cashflow.helpers import example_plan, plan_lines
from tests.factories import (
    AidCriteriaFactory,
    OrganizationMembershipFactory,
    StructureFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

THIN = "\u202f"  # French thousands separator


@pytest.fixture
def sessions(browser, live_server):
    """`open(user)`: a new browser context signed in as `user`; each fails the test on a script
    error or an HTTP error other than the conflict's 409."""
    contexts, problems = [], []

    def open_session(user):
        context = browser.new_context(base_url=live_server.url, locale="fr-FR")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"JavaScript : {error}"))
        page.on(
            "console",
            lambda message: (
                problems.append(f"console : {message.text}")
                if message.type == "error" and "409" not in message.text
                else None
            ),
        )
        page.on(
            "response",
            lambda response: (
                problems.append(f"HTTP {response.status} : {response.url}")
                if response.status >= 400 and response.status != 409
                else None
            ),
        )
        sign_in(page, user)
        return page

    yield open_session
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


def cell(page, line, month):
    return page.get_by_label(f"{line}, {month}", exact=True)


def settle(page):
    """Wait for the grid's live recomputation (HTMX on change) before pressing a button."""
    expect(page.locator("#cashflow-form")).not_to_have_class(re.compile(r"\bhtmx-request\b"))


def test_two_members_save_the_same_plan_the_second_sees_the_first_line(sessions, tmp_path):
    lea = UserFactory(first_name="Léa", last_name="Martin")
    karim = UserFactory(first_name="Karim", last_name="Benali")
    plan = example_plan(StructureFactory(members=[lea, karim], name="Ressourcerie du Nord"))
    url = plan.get_absolute_url()

    first = sessions(lea)
    first.goto(url)
    second = sessions(karim)
    second.goto(url)  # open before Léa saves
    expect(cell(second, "Ventes", "janvier 2026")).to_have_value(f"3{THIN}000")

    # Léa adds a line and saves.
    first.get_by_role("button", name="Ajouter un encaissement").click()
    first.get_by_label("Libellé de la ligne").nth(1).fill("Mécénat")
    cell(first, "Nouvelle ligne", "janvier 2026").fill("1500")
    settle(first)
    first.get_by_role("button", name="Enregistrer le plan").click()
    expect(first.get_by_role("status").filter(has_text="Plan enregistré.")).to_be_visible()

    # Karim, on the page opened before, types and saves: refused, told what changed, input kept.
    cell(second, "Ventes", "janvier 2026").fill("7777")
    cell(second, "Salaires", "mars 2026").fill("4200")
    settle(second)
    second.get_by_role("button", name="Enregistrer le plan").click()
    alert = second.locator("#version-conflict")
    expect(alert).to_contain_text("Ce plan a été modifié par Léa Martin le ")
    expect(alert).to_contain_text("pendant que vous le modifiiez")
    expect(alert).to_contain_text(f"« Mécénat » : 1{THIN}500 / 0 / 0")
    expect(cell(second, "Ventes", "janvier 2026")).to_have_value("7777")
    expect(cell(second, "Salaires", "mars 2026")).to_have_value("4200")
    expect(cell(second, "Mécénat", "janvier 2026")).to_have_value(f"1{THIN}500")
    expect(second.locator("#cashflow-grid .fr-badge")).to_have_text(["Ajoutée entre-temps"])
    assert ("receipt", "Mécénat", ["1500.00", "0.00", "0.00"]) in plan_lines(plan)
    assert plan_lines(plan)[0] == ("receipt", "Ventes", ["3000.00", "4000.00", "2000.00"])

    problems = []
    for name, size in VIEWPORTS.items():
        second.set_viewport_size(size)
        alert.scroll_into_view_if_needed()
        screenshot(second, tmp_path / f"plan-conflict-{size['width']}.png")
        found = [p for p in layout_problems(second) if "Menu" not in p] + axe_violations(second)
        problems += [f"{name} : {problem}" for problem in found]
    assert problems == []

    # Saving again applies Karim's typing on top of Léa's version: both are kept.
    settle(second)
    second.get_by_role("button", name="Enregistrer le plan").click()
    expect(second.get_by_role("status").filter(has_text="Plan enregistré.")).to_be_visible()
    assert plan_lines(plan)[:2] == [
        ("receipt", "Ventes", ["7777.00", "4000.00", "2000.00"]),
        ("receipt", "Mécénat", ["1500.00", "0.00", "0.00"]),
    ]
    assert CashflowPlan.objects.get(pk=plan.pk).version == 3


def test_two_funders_save_the_same_aid_the_second_sees_the_new_name(sessions):
    first = OrganizationMembershipFactory(
        role=Role.PROVIDER, scope=ScopeLevel.NATIONAL, user=UserFactory(first_name="Léa", last_name="Martin")
    )  # fmt: skip
    second = OrganizationMembershipFactory(role=Role.PROVIDER, organization=first.organization)
    aid = AidCriteriaFactory(
        aid__name="Fonds d'amorçage", aid__status=AidStatus.DRAFT, aid__providers=[first.organization]
    ).aid  # fmt: skip
    url = reverse("aids:update", args=[aid.slug])

    lea = sessions(first.user)
    lea.goto(url)
    karim = sessions(second.user)
    karim.goto(url)  # open before Léa saves

    lea.locator("#id_name").fill("Fonds d'amorçage solidaire")
    lea.get_by_role("button", name="Enregistrer").click()
    expect(lea.get_by_role("heading", level=1)).to_have_text("Fonds d'amorçage solidaire")

    typed = "Pour lancer une activité nouvelle."
    karim.locator("#id_short_description").fill(typed)
    karim.get_by_role("button", name="Enregistrer").click()
    alert = karim.locator("#version-conflict")
    expect(alert).to_contain_text("Cette aide a été modifiée par Léa Martin le ")
    expect(alert).to_contain_text("Nom : Fonds d'amorçage solidaire")
    expect(karim.locator("#id_short_description")).to_have_value(typed)
    aid.refresh_from_db()
    assert (aid.name, aid.short_description) == ("Fonds d'amorçage solidaire", "Fonds d'amorçage.")
