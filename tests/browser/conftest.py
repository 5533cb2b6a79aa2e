"""Headless Chromium (Debian's, Playwright cannot download its own here) against `live_server`.

Two things differ from the rest of the suite:

- Playwright's sync API keeps an asyncio loop running in this thread, so Django would refuse ORM
  calls from the test (SynchronousOnlyOperation): DJANGO_ALLOW_ASYNC_UNSAFE is set while the
  browser runs. Only the test thread and the live server thread touch the database, one at a time.
- `live_server` needs a transactional database that is flushed after each test, which also wipes
  the shared data (territories, nomenclatures, catalog) loaded once per session by tests/conftest.py.
  Each browser test restores it from a snapshot taken once (tests/shared_data.py) if a previous
  browser test wiped it, and each browser module restores it when it ends, so the tests that run
  afterwards still find it.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from aidess.territories.models import Commune
from tests.factories import PASSWORD, UserFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
# Known application bugs tolerated so the rest stays checked; remove an entry once it is fixed.
KNOWN_JS_ERRORS = []


@pytest.fixture(scope="module")
def allow_orm_beside_playwright():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module", autouse=True)
def restore_reference_data(allow_orm_beside_playwright, django_db_blocker, shared_data_snapshot):
    """After the module's last test flushed the database, put the reference data back."""
    yield
    with django_db_blocker.unblock():
        shared_data_snapshot.restore()


@pytest.fixture(autouse=True)
def reference_data(transactional_db, shared_data_snapshot):
    """The flush of the previous browser test of this module may have wiped it."""
    if not Commune.objects.exists():
        shared_data_snapshot.restore()


@pytest.fixture(scope="module")
def browser(allow_orm_beside_playwright):
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} est introuvable : installez les paquets Debian chromium et "
            "chromium-driver (python3 tasks.py test le fait quand il tourne en root)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh French-speaking browser context; fails the test on any HTTP error or JS error."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    problems = []
    page.on(
        "pageerror",
        lambda error: (
            None
            if any(known in error.stack for known in KNOWN_JS_ERRORS)
            else problems.append(f"JavaScript : {error.stack}")
        ),
    )
    page.on(
        "console",
        lambda message: (
            problems.append(f"console : {message.text} @ {page.url}")
            if message.type == "error"
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"HTTP {response.status} : {response.url}")
            if response.status >= 400
            else None
        ),
    )
    # A navigation cancels the requests still in flight (net::ERR_ABORTED): that is no failure.
    page.on(
        "requestfailed",
        lambda request: (
            None
            if request.failure == "net::ERR_ABORTED"
            else problems.append(f"échec ({request.failure}) : {request.url}")
        ),
    )
    yield page
    context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def login_in_browser(page):
    """Signs a new account in through the login form, as a person would; returns the user."""

    def sign_in():
        user = UserFactory()
        page.goto("/compte/connexion/")
        page.get_by_label("Adresse e-mail").fill(user.email)
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_label("Mot de passe").press("Enter")
        expect(page).not_to_have_url(re.compile("/compte/connexion/"))
        return user

    return sign_in
