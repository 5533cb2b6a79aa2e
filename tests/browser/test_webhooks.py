"""A provider's administrator registers a webhook, notes its secret shown once, sees the
delivery of the next state change, at 1280 and 375 px, without layout problem or axe violation."""

import pytest
from playwright.sync_api import expect

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.notifications.models import Webhook
from tests.browser.seen import VIEWPORTS, screenshot
from tests.browser.sign_in import sign_in
from tests.browser.test_pages_as_seen import problems_seen
from tests.notifications.factories import application_with_people
from tests.notifications.receiver import Receiver

pytestmark = pytest.mark.browser


def test_an_administrator_registers_a_webhook_and_sees_it_delivered(page, tmp_path):
    application, _, _, agent = application_with_people(status=S.SUBMITTED)
    sign_in(page, agent)
    page.goto("/tableau-de-bord/")
    page.get_by_role("link", name="Webhooks de mon organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webhooks")

    with Receiver() as receiver:
        page.get_by_label("Adresse (URL) de réception").fill("http://10.0.0.8/recevoir")
        page.get_by_role("button", name="Enregistrer le webhook").click()
        expect(page.get_by_text("réseau privé ou réservé (10.0.0.8)")).to_be_visible()

        page.get_by_label("Adresse (URL) de réception").fill(receiver.url)
        page.get_by_role("button", name="Enregistrer le webhook").click()
        secret = Webhook.objects.get().secret
        expect(page.get_by_text(secret)).to_be_visible()
        page.set_viewport_size(VIEWPORTS["mobile"])
        screenshot(page, tmp_path / "webhook-secret-375.png")

        APPLICATION_LIFECYCLE.apply(application, "instruct", agent)
        assert len(receiver.requests) == 1

    page.set_viewport_size(VIEWPORTS["desktop"])
    page.reload()
    expect(page.get_by_text(secret)).to_have_count(0)  # shown once
    expect(page.get_by_role("cell", name="Reçu (HTTP 200)")).to_be_visible()
    screenshot(page, tmp_path / "webhooks-1280.png")
    page.set_viewport_size(VIEWPORTS["mobile"])
    screenshot(page, tmp_path / "webhooks-375.png")
    print(tmp_path)
    problems = problems_seen(page)
    assert not problems, "\n".join(problems)


def test_an_instructor_turns_the_digest_off_from_the_dashboard(page, tmp_path):
    _, _, _, agent = application_with_people()
    sign_in(page, agent)
    page.goto("/tableau-de-bord/")
    page.get_by_role("link", name="Mes notifications").click()
    checkbox = page.get_by_label("Recevoir le récapitulatif quotidien de mes dossiers")
    expect(checkbox).to_be_checked()
    page.locator("label[for=id_daily_digest]").click()  # the DSFR box is drawn by its label
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("vous ne recevrez plus le récapitulatif")).to_be_visible()
    expect(
        page.get_by_label("Recevoir le récapitulatif quotidien de mes dossiers")
    ).not_to_be_checked()
    for name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        screenshot(page, tmp_path / f"preferences-{name}.png")
    print(tmp_path)
    problems = problems_seen(page)
    assert not problems, "\n".join(problems)
