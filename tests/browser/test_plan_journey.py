"""Issue 16 end to end: a regional watch agent defines an emergency plan, reads how many
structures it targets, activates it; a targeted structure opens its invitation and applies to
the plan's aid; the agent follows its line (contacted, needs identified); the aid's instructor
accepts the application, which marks the line « Aidée »; the agent opens the plan's review."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from aidess.applications.models import ApplicationTerms
from aidess.organizations.enums import Role, ScopeLevel
from aidess.plans.enums import FollowUpStatus
from aidess.plans.models import EmergencyPlan
from tests.applications.apply_helpers import complete_file, member_with_structure
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.sign_in import sign_in
from tests.browser.test_pages_as_seen import problems_seen
from tests.factories import (
    AidFactory,
    CashflowPlanFactory,
    OrganizationMembershipFactory,
    StructureFactory,
)

pytestmark = pytest.mark.browser
AID_NAME = "Fonds d'urgence culture du Nord"
PLAN_NAME = "Plan culture Hauts-de-France"
NEEDS = "Perte de la subvention municipale : trois mois de trésorerie manquent."


@pytest.fixture
def other_page(browser, live_server):
    """A second person's browser (its own session)."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def open_path(mail_body):
    """The invitation link of the e-mail, as a path of the test server."""
    return re.search(r"https?://[^/\s]+(/plans/invitation/\S+)", mail_body).group(1)


def test_define_activate_follow_and_review_a_regional_plan(page, other_page, browser, live_server):
    agent = OrganizationMembershipFactory(
        role=Role.WATCH_AGENT, scope=ScopeLevel.REGIONAL, regions=["32"]
    ).user
    member, structure = member_with_structure(name="Les Lucioles", employees_fte=Decimal("3"))
    complete_file(structure, member)
    CashflowPlanFactory(structure=structure)
    StructureFactory(name="Théâtre du Beffroi")  # culture, Lille: targeted, no member
    StructureFactory(name="Épicerie solidaire", sector="social")  # not targeted
    instruction = OrganizationMembershipFactory(role=Role.PROVIDER, scope=ScopeLevel.NATIONAL)
    aid = AidFactory(name=AID_NAME, apply_in_aidess=True, providers=[instruction.organization])
    ApplicationTerms.objects.create(aid=aid, envelope_eur=Decimal("100000"))

    # The agent defines the plan from its home and reads the targeted count.
    sign_in(page, agent)
    page.get_by_role("link", name="Plans d'urgence").first.click()
    page.get_by_role("link", name="Nouveau plan").click()
    page.get_by_label("Nom du plan").fill(PLAN_NAME)
    page.get_by_label("Déclencheur").fill("Baisse des subventions culturelles des communes")
    page.get_by_role("radio", name="Régional").check()
    page.get_by_role("checkbox", name="Culture", exact=True).check(
        force=True
    )  # the DSFR label covers it
    page.get_by_label("Début du plan").fill("2026-11-01")
    page.get_by_label("Fin du plan").fill("2027-04-30")
    page.get_by_label("Aides mobilisées").select_option(label=AID_NAME)
    page.get_by_role("button", name="Enregistrer le plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN_NAME)
    expect(page.locator("#targeted-total")).to_contain_text("2 structures ciblées")

    # Activation: the queue invites the structures and creates their lines.
    page.get_by_role("button", name="Activer le plan").click()
    expect(page.get_by_role("link", name="Suivi des structures")).to_be_visible()
    plan = EmergencyPlan.objects.get(name=PLAN_NAME)
    assert plan.targets.count() == 2
    [invitation] = mail.outbox
    assert invitation.to == [member.email]

    # The structure opens its invitation, then applies to the plan's aid from « Mes aides ».
    sign_in(other_page, member)
    other_page.goto(open_path(invitation.body))
    expect(other_page.get_by_role("heading", level=1)).to_have_text(PLAN_NAME)
    expect(other_page.get_by_role("link", name="1. Faire l'autodiagnostic")).to_be_visible()
    other_page.goto(f"/structures/{structure.pk}/mes-aides/")
    other_page.locator("#apply-list").get_by_role(
        "button", name=f"Déposer une demande pour {AID_NAME}"
    ).click()
    for label, value in (
        ("Intitulé du projet", "Tenir jusqu'au festival de printemps"),
        ("Objectifs du projet", "Garder les trois emplois de la compagnie."),
        ("Montant demandé (€)", "9 000"),
        ("Budget total du projet (€)", "30 000"),
    ):
        with other_page.expect_response(
            lambda r: r.request.method == "POST" and "/projet/" in r.url
        ):
            other_page.get_by_label(label).fill(value)
            other_page.get_by_label(label).press("Tab")
    other_page.get_by_role("button", name="Vérifier et déposer").click()
    other_page.get_by_role("button", name="Déposer la demande").click()
    expect(other_page.locator("#application-state")).to_contain_text("Déposée")

    # The agent follows the line: invitation opened, contacted, needs identified.
    page.get_by_role("link", name="Suivi des structures").click()
    page.get_by_role("link", name="Les Lucioles").click()
    expect(page.locator("#target-invitation")).to_contain_text("Ouverte le")
    page.get_by_role("button", name="Marquer comme contactée").click()
    page.get_by_label("Besoins identifiés").fill(NEEDS)
    page.get_by_role("button", name="Enregistrer les besoins").click()
    expect(page.get_by_text(NEEDS).first).to_be_visible()

    # The instructor accepts the application: the line is « Aidée » with the plan's aid.
    instructor = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    instructor.set_default_timeout(TIMEOUT_MS)
    sign_in(instructor, instruction.user)
    instructor.goto("/instruction/")
    instructor.get_by_role("link", name=re.compile(r"\d{4}-\d+")).first.click()
    instructor.get_by_role("button", name="Passer en instruction").click()
    instructor.get_by_role("link", name="Décider").click()
    instructor.get_by_label("Montant accordé (€)").fill("8 000")
    instructor.get_by_role("button", name="Accepter la demande").click()
    expect(instructor.get_by_role("status").filter(has_text="Demande acceptée")).to_be_visible()
    instructor.context.close()
    page.reload()
    line = plan.targets.get(structure=structure)
    assert line.status == FollowUpStatus.HELPED and line.helped_with_aid == aid
    expect(page.get_by_text("Aidée avec :")).to_be_visible()
    expect(page.get_by_role("link", name=AID_NAME).first).to_be_visible()

    # The plan's review counts it.
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Bilan d'impact").click()
    figures = page.locator("#review-figures")
    expect(figures).to_contain_text("structure aidée")
    expect(figures.locator("li").first).to_contain_text("1")
    expect(figures).to_contain_text("8 000")

    # The agent's pages, as seen at 1280 and 375 px: nothing wider than the screen, every
    # button's label readable (an icon-only « Nouveau plan » was seen on the home page), no axe
    # violation.
    line = plan.targets.get(structure=structure)
    problems = []
    for url in (
        "/tableau-de-bord/",
        "/plans/",
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/tableau-de-bord/",
        f"/plans/{plan.pk}/structures/",
        f"/plans/{plan.pk}/structures/{line.pk}/",
        f"/bilans/plan/{plan.pk}/",
    ):
        problems += problems_seen(page, url)
    assert problems == [], "\n".join(problems)
