"""Moderation in the browser, at 1280 and 375 px: a funder reads a refusal, corrects and submits
its aid; an administrator finds it from the dashboard and refuses it with a reason. Screenshots
of the edit page and the moderation list land in pytest's tmp_path, for a person to look at."""

import pytest
from playwright.sync_api import expect

from aidess.aids.enums import AidStatus
from aidess.aids.moderation import AID_LIFECYCLE
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from tests.aids.helpers import make_aid
from tests.browser.seen import VIEWPORTS, screenshot
from tests.browser.sign_in import sign_in
from tests.browser.test_pages_as_seen import problems_seen
from tests.factories import UserFactory, partner

pytestmark = pytest.mark.browser

# Known before this test, not moderation's: at 375 px the checkbox groups of the aid form (nested
# DSFR fieldsets) overflow by 4 px. Remove once the form's layout is fixed.
KNOWN_LAYOUT = "plus large que l'écran (379 > 375) : fieldset#checkboxes-id_"
REASON = "Le plafond ne correspond pas au règlement du fonds : précisez le montant."


def screenshots(page, tmp_path, name):
    for width, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        screenshot(page, tmp_path / f"{name}-{width}.png")


def test_a_refused_aid_is_corrected_submitted_then_refused_again(page, tmp_path):
    funder = partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=["32"])
    admin = UserFactory(admin=True, first_name="Lou", last_name="Modératrice")
    organization = Organization.objects.get(memberships__user=funder)
    aid = make_aid(
        "Fonds d'amorçage des tiers-lieux",
        providers=[organization],
        regions=["32"],
        status=AidStatus.SUBMITTED,
    )
    AID_LIFECYCLE.apply(aid, "refuse", admin, "Territoire à préciser.")
    problems = []

    sign_in(page, funder)
    page.goto("/tableau-de-bord/")
    expect(page.get_by_text("est refusée. Motif : Territoire à préciser.")).to_be_visible()
    problems += problems_seen(page)
    screenshots(page, tmp_path, "funder-dashboard")
    page.goto(aid.get_absolute_url())
    expect(page.get_by_text("Motif : Territoire à préciser.")).to_be_visible()
    page.get_by_role("link", name="Modifier l'aide").click()
    problems += [line for line in problems_seen(page) if KNOWN_LAYOUT not in line]
    screenshots(page, tmp_path, "edit")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("button", name="Soumettre à modération").click()
    expect(page.get_by_role("status").filter(has_text="Aide soumise à modération")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, admin)
    page.goto("/tableau-de-bord/")
    page.get_by_role("link", name="Aides à modérer : 1").click()
    problems += problems_seen(page)
    screenshots(page, tmp_path, "moderation")
    page.get_by_role("link", name="Fonds d'amorçage des tiers-lieux").click()
    page.get_by_label("Motif du refus").fill(REASON)
    page.get_by_role("button", name="Refuser").click()
    expect(page.get_by_role("status").filter(has_text="L'aide est refusée")).to_be_visible()
    expect(page.get_by_text(f"« {REASON} »")).to_be_visible()  # in the history
    problems += problems_seen(page)
    screenshots(page, tmp_path, "refused")

    assert not problems, "\n".join(problems)
