"""Deciding in the browser, at 1280 and 375 px: an instructor finds the aid's envelope from its
dashboard, accepts an application with an amount and sees the gauge move; a second acceptance
beyond the envelope is answered with how much it exceeds and a request for the reason, the amount
typed kept; with the reason it is accepted, and the envelope says by how much it was exceeded.
Screenshots land in pytest's tmp_path, for a person to look at."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.models import Application, ApplicationTerms
from aidess.organizations.enums import Role, ScopeLevel
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.browser.test_pages_as_seen import DSFR_ICON_BUTTONS, problems_seen
from tests.factories import (
    AidFactory,
    ApplicationFactory,
    OrganizationMembershipFactory,
    StructureFactory,
)

pytestmark = pytest.mark.browser

NNBSP, NBSP = "\u202f", "\xa0"
REASON = "Abondement voté en commission permanente du 12 novembre"


@pytest.fixture
def decision_page(browser, live_server):
    """A browser page that fails the test on a script error or an HTTP error, except the 409 a
    decision beyond the envelope is answered with."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page, problems = context.new_page(), []
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
            if response.status >= 400
            and not (response.status == 409 and "/decision/" in response.url)
            else None
        ),
    )
    yield page
    context.close()
    assert not problems, "\n".join(problems)


def seen_as_is(page, tmp_path, name):
    """Screenshots, layout and accessibility at both widths, without reloading (a POST's answer)."""
    found = []
    for width, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        screenshot(page, tmp_path / f"{name}-{width}.png")
        icons = set()  # the DSFR's menu button is its icon alone on a phone (as problems_seen)
        if size["width"] < 992:
            icons = {text.strip() for text in page.locator(DSFR_ICON_BUTTONS).all_inner_texts()}
        found += [
            f"{width} {name} : {line}"
            for line in layout_problems(page)
            if not any(line.endswith(f"« {label} »") for label in icons)
        ]
        found += [f"{width} {name} : axe {line}" for line in axe_violations(page)]
    return found


def number(value):
    """The value of the gauge's attribute: « 8000 », « 8000.00 »."""
    return re.compile(rf"^{value}(\.0+)?$")


def gauge(page):
    return page.locator("meter.aidess-envelope__gauge")


def test_an_instructor_accepts_the_gauge_moves_and_going_beyond_asks_for_a_reason(
    decision_page, tmp_path
):
    page = decision_page
    membership = OrganizationMembershipFactory(
        role=Role.PROVIDER, scope=ScopeLevel.REGIONAL, regions=["32"]
    )
    aid = AidFactory(
        name="Fonds de rebond des tiers-lieux",
        providers=[membership.organization],
        apply_in_aidess=True,
    )
    ApplicationTerms.objects.create(aid=aid, envelope_eur=Decimal("10000"))
    first, second = (
        ApplicationFactory(
            aid=aid,
            status=S.INSTRUCTION,
            structure=StructureFactory(name=name),
            amount_requested_eur=Decimal(amount),
        )
        for name, amount in (("Ressourcerie du Nord", "8000"), ("Café associatif", "5000"))
    )
    problems = []

    sign_in(page, membership.user)
    page.goto("/tableau-de-bord/")
    page.get_by_role("link", name="Financement : enveloppes, demandes et modalités").click()
    expect(page.get_by_role("heading", name="Fonds de rebond des tiers-lieux")).to_be_visible()
    expect(page.get_by_text("2 demandes :")).to_be_visible()
    problems += problems_seen(page)
    seen_as_is(page, tmp_path, "index-before")

    page.goto(f"/financement/demandes/{first.pk}/decision/")
    expect(gauge(page)).to_have_attribute("value", number(0))
    expect(page.get_by_label("Montant accordé (€)")).to_have_value(f"8{NNBSP}000")  # as requested
    problems += problems_seen(page)
    seen_as_is(page, tmp_path, "decision-before")
    page.get_by_label("Montant accordé (€)").fill("8 000")
    page.get_by_label("Conditions").fill("Rapport d'activité sous un an")
    page.get_by_role("button", name="Accepter la demande").click()
    expect(page.get_by_role("status").filter(has_text="Demande acceptée")).to_be_visible()
    expect(gauge(page)).to_have_attribute("value", number(8000))
    expect(page.get_by_text("Enveloppe engagée à 80 %")).to_be_visible()
    expect(page.locator("[data-envelope=remaining]")).to_have_text(f"2{NNBSP}000{NBSP}€")
    problems += problems_seen(page)
    seen_as_is(page, tmp_path, "decision-accepted")

    page.goto(f"/financement/demandes/{second.pk}/decision/")
    expect(gauge(page)).to_have_attribute("value", number(8000))  # the first one's commitment
    page.get_by_label("Montant accordé (€)").fill("1 500")
    expect(page.locator("#accept-envelope-hint")).to_be_empty()
    page.get_by_label("Montant accordé (€)").fill("5 000")  # said as it is typed, then checked
    expect(page.locator("#accept-envelope-hint")).to_contain_text(
        re.compile(r"Ce montant dépasse l'enveloppe de 3\s000,00\s€")
    )
    page.get_by_role("button", name="Accepter la demande").click()
    reason = page.get_by_label("Motif du dépassement de l'enveloppe")
    expect(page.locator("#accept-form")).to_contain_text(
        f"Ce montant dépasse l'enveloppe de l'aide de 3{NBSP}000,00 €"
    )
    expect(page.locator("#accept-form")).to_contain_text("indiquez le motif du dépassement")
    expect(page.get_by_label("Montant accordé (€)")).to_have_value("5 000")  # nothing lost
    assert Application.objects.get(pk=second.pk).status == S.INSTRUCTION
    problems += seen_as_is(page, tmp_path, "decision-beyond")

    reason.fill(REASON)
    page.get_by_role("button", name="Accepter la demande").click()
    expect(page.get_by_role("status").filter(has_text="dépassement de l'enveloppe")).to_be_visible()
    expect(
        page.get_by_text(f"Enveloppe engagée à 100 % : dépassée de 3{NNBSP}000{NBSP}€")
    ).to_be_visible()
    expect(page.get_by_text(REASON).first).to_be_visible()
    problems += seen_as_is(page, tmp_path, "decision-overridden")

    page.goto("/financement/")
    expect(page.locator("[data-envelope=committed]")).to_have_text(f"13{NNBSP}000{NBSP}€")
    problems += seen_as_is(page, tmp_path, "index-after")

    # A payment on the first one, then the aid's terms with a question.
    page.goto(f"/financement/demandes/{first.pk}/versements/")
    page.get_by_label("Date du versement").fill("2026-11-02")
    page.get_by_label("Montant versé (€)").fill("3 000")
    page.get_by_role("button", name="Enregistrer le versement").click()
    expect(page.locator("#left-to-pay")).to_have_text(f"5{NNBSP}000{NBSP}€")
    problems += seen_as_is(page, tmp_path, "payments")
    page.goto("/financement/")
    page.get_by_role("link", name="Modalités de Fonds de rebond des tiers-lieux").click()
    page.get_by_label("Intitulé de la question").fill(
        "Combien de bénévoles le projet mobilise-t-il ?"
    )
    page.get_by_role("button", name="Ajouter la question").click()
    expect(page.get_by_role("status").filter(has_text="est ajoutée")).to_be_visible()
    problems += problems_seen(page)
    seen_as_is(page, tmp_path, "terms")

    assert not problems, "\n".join(problems)
