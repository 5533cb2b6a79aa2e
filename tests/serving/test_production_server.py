"""What `python3 tasks.py run` serves: gunicorn with the production settings over plain HTTP on
127.0.0.1, not Django's development server (debug pages off, static files hashed and cached)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.serving.server import GunicornServer, fetch, manage, production_environment

ONE_YEAR = 365 * 24 * 3600


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("production")
    environment = production_environment(directory)
    manage(environment, "migrate", "--noinput")
    manage(environment, "collectstatic", "--noinput")
    with GunicornServer(environment) as running:
        yield running


def test_pages_are_served_without_debug(server):
    status, headers, body = fetch(f"{server.url}/")
    assert headers["Server"].startswith("gunicorn")  # not Django's runserver (WSGIServer)
    assert status == 200  # over plain HTTP: no redirection to an HTTPS that 127.0.0.1 lacks
    assert "AidESS" in body

    status, _, body = fetch(f"{server.url}/page-qui-n-existe-pas/")
    assert status == 404
    assert "Page introuvable" in body  # the site's French page...
    assert "URLconf" not in body  # ...not Django's debug page, which lists the URL patterns
    assert "DEBUG = True" not in body


def test_static_files_have_hashed_names_and_a_far_future_cache(server):
    _, _, body = fetch(f"{server.url}/")
    stylesheet = re.search(r'href="(/static/css/aidess\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "la feuille de style n'a pas de nom haché (collectstatic / manifeste)"

    status, headers, css = fetch(f"{server.url}{stylesheet.group(1)}")

    assert status == 200
    assert css.strip()
    max_age = re.search(r"max-age=(\d+)", headers["Cache-Control"])
    assert max_age and int(max_age.group(1)) >= ONE_YEAR
    assert "immutable" in headers["Cache-Control"]


def test_security_headers(server):
    _, headers, _ = fetch(f"{server.url}/")

    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.browser
def test_the_page_is_styled_and_its_scripts_run_in_a_browser(server):
    """The hashed static files must still be the ones the page asks for: the DSFR's stylesheets
    (rewritten by collectstatic) once carried integrity digests of the originals, and Chromium
    refused them, leaving the page unstyled."""
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(Path("/usr/bin/chromium")), args=["--headless", "--no-sandbox"]
        )
        try:
            page = browser.new_page(locale="fr-FR")
            page.on(
                "console",
                lambda message: problems.append(message.text) if message.type == "error" else None,
            )
            page.on("pageerror", lambda error: problems.append(error.stack))
            page.goto(f"{server.url}/")
            page.wait_for_load_state("networkidle")
            font = page.evaluate("getComputedStyle(document.body).fontFamily")
            started = page.evaluate("document.documentElement.hasAttribute('data-fr-js')")
        finally:
            browser.close()

    assert problems == []
    assert "Marianne" in font  # the DSFR's stylesheet applies
    assert started  # the DSFR's script ran
