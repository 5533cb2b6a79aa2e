"""A member reaches the structure's history from its page, edits the profile, and reads the
change in the history, at 1280 and 375 px, without layout problem or axe violation."""

import pytest
from playwright.sync_api import expect

from tests.browser.sign_in import sign_in
from tests.browser.test_pages_as_seen import problems_seen
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.browser


def test_a_member_reads_the_change_she_made_in_the_history(page):
    member = UserFactory(first_name="Awa", last_name="Diallo")
    structure = StructureFactory(member=member, name="Théâtre de la Creuse", volunteers=4)
    sign_in(page, member)

    page.goto(f"/structures/{structure.pk}/modifier/")
    page.get_by_label("Bénévoles").fill("9")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="Historique des modifications").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Historique des modifications")
    expect(page.get_by_text("Bénévoles : avant 4 → après 9")).to_be_visible()
    expect(page.get_by_text("par Awa Diallo").first).to_be_visible()
    problems = problems_seen(page)
    assert not problems, "\n".join(problems)
