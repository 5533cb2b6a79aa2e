"""An organisation's administrator creates an API token from the dashboard, copies it (shown
once), the token answers the API, then is revoked from the page: at 1280 and 375 px, screenshots
in pytest's tmp_path for a person to look at."""

import re

import httpx
import pytest
from playwright.sync_api import expect

from aidess.organizations.enums import Role, ScopeLevel
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems, screenshot
from tests.browser.sign_in import sign_in
from tests.browser.test_pages_as_seen import DSFR_ICON_BUTTONS, problems_seen
from tests.factories import OrganizationMembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def test_an_administrator_creates_copies_and_revokes_a_token(page, live_server, tmp_path):
    admin = UserFactory(first_name="Camille", last_name="Durand")
    membership = OrganizationMembershipFactory(
        user=admin, role=Role.PROVIDER, scope=ScopeLevel.REGIONAL, regions=["32"], is_admin=True
    )
    organization = membership.organization
    sign_in(page, admin)
    page.goto("/tableau-de-bord/")
    page.get_by_role("link", name=f"Jetons d'accès à l'API de {organization.name}").click()
    expect(page.get_by_role("heading", name="Jetons d'accès à l'API")).to_be_visible()

    page.get_by_label("Nom du jeton").fill("Logiciel d'instruction de la Région")
    page.get_by_role("button", name="Créer le jeton").click()
    expect(page.get_by_role("status")).to_contain_text("copiez-le maintenant")
    clear = page.get_by_label("Votre nouveau jeton").input_value()
    assert clear.startswith("aidess_")
    problems = []
    for width, size in VIEWPORTS.items():  # not reloaded: the token is shown once
        page.set_viewport_size(size)
        screenshot(page, tmp_path / f"token-created-{width}.png")
        shown = page.get_by_label("Votre nouveau jeton")
        hidden = shown.evaluate("(box) => box.scrollHeight - box.clientHeight")
        assert hidden <= 1, f"{width} : le jeton n'est pas visible en entier"
        icons = set(page.locator(DSFR_ICON_BUTTONS).all_inner_texts()) if width == "mobile" else ()
        problems += [
            f"{width} : {line}"
            for line in layout_problems(page)
            if not any(line.endswith(f"« {label.strip()} »") for label in icons)
        ]
        problems += [f"{width} : axe {line}" for line in axe_violations(page)]

    api = f"{live_server.url}/api/v1/instruction/applications"
    answer = httpx.get(api, headers={"Authorization": f"Bearer {clear}"})
    assert answer.status_code == 200, answer.text

    page.reload()
    expect(page.get_by_label("Votre nouveau jeton")).to_have_count(0)
    expect(page.get_by_text("Dernière utilisation le")).to_be_visible()
    revoke = page.get_by_role("button", name="Révoquer ce jeton")
    expect(revoke).to_have_accessible_description(re.compile("Logiciel d'instruction de la Région"))
    revoke.click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text(
        "est révoqué"
    )
    expect(page.get_by_text("Révoqué", exact=True)).to_be_visible()
    problems += problems_seen(page)
    for width, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        screenshot(page, tmp_path / f"token-revoked-{width}.png")
    refused = httpx.get(api, headers={"Authorization": f"Bearer {clear}"})
    assert refused.status_code == 401
    assert refused.json()["error"].startswith("Ce jeton a été révoqué le ")
    assert not problems, "\n".join(problems)
