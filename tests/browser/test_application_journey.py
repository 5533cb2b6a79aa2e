"""Issue 13 end to end, two people in two browsers: a structure's member applies from « Mes
aides » with its file and its cash plan; the aid's instructor finds it in the inbox and asks for a
correction; the member answers; the instructor accepts with an amount and the aid's envelope
moves; the member downloads the decision letter, read back; the open-data file publishes the
subsidy and validates against the SCDL schema."""

import io
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.models import Application, ApplicationTerms
from aidess.organizations.enums import Role, ScopeLevel
from tests.applications.apply_helpers import complete_file, member_with_structure
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.sign_in import sign_in
from tests.factories import AidFactory, CashflowPlanFactory, OrganizationMembershipFactory
from tests.opendata.factories import siret
from tests.opendata.test_scdl import csv_field_size_limit_kept, rows_of, schema_errors

pytestmark = pytest.mark.browser
__all__ = ["csv_field_size_limit_kept"]  # the fixture, used by this module's test too

AID_NAME = "Fonds de rebond des tiers-lieux"
CORRECTION = "Le budget prévisionnel ne mentionne pas la subvention de la commune."
ANSWER = "La commune nous verse 4 000 € : c'est la ligne 74 du budget."


def flat(pdf_bytes):
    text = PdfReader(io.BytesIO(pdf_bytes)).pages[0].extract_text()
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


@pytest.fixture
def second_page(browser, live_server):
    """The instructor's own browser (its own session)."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_apply_correct_accept_and_publish(page, second_page, tmp_path, csv_field_size_limit_kept):
    member, structure = member_with_structure(name="Les Ateliers du Canal", siret=siret())
    complete_file(structure, member)
    CashflowPlanFactory(structure=structure)
    membership = OrganizationMembershipFactory(role=Role.PROVIDER, scope=ScopeLevel.NATIONAL)
    provider = membership.organization
    provider.siret = siret("2")
    provider.save()
    aid = AidFactory(name=AID_NAME, apply_in_aidess=True, providers=[provider])
    ApplicationTerms.objects.create(
        aid=aid, requires_cashflow_plan=True, envelope_eur=Decimal("50000")
    )

    # The member applies from « Mes aides ».
    sign_in(page, member)
    page.goto(f"/structures/{structure.pk}/mes-aides/")
    page.locator("#apply-list").get_by_role(
        "button", name=f"Déposer une demande pour {AID_NAME}"
    ).click()
    for label, value in (
        ("Intitulé du projet", "Ouvrir l'atelier vélo le samedi"),
        ("Objectifs du projet", "Garder l'emploi de l'animateur et ouvrir un jour de plus."),
        ("Montant demandé (€)", "9 000"),
        ("Budget total du projet (€)", "21 000"),
    ):
        # Each field autosaves when left; wait for it: the live server shares one SQLite
        # connection between its threads, so two requests at once would share a transaction.
        with page.expect_response(lambda r: r.request.method == "POST" and "/projet/" in r.url):
            page.get_by_label(label).fill(value)
            page.get_by_label(label).press("Tab")
    page.get_by_role("button", name="Vérifier et déposer").click()
    expect(page.get_by_text("La demande est complète")).to_be_visible()
    expect(page.locator("#financing-need")).to_be_visible()  # the cash plan's need, attached
    page.get_by_role("button", name="Déposer la demande").click()
    expect(page.locator("#application-state")).to_contain_text("Déposée")
    application = Application.objects.get(aid=aid)
    assert application.cashflow_plan is not None and application.file_snapshot

    # The instructor finds it from its home and asks for a correction.
    instructor = second_page
    sign_in(instructor, membership.user)
    instructor.goto("/tableau-de-bord/")
    instructor.get_by_role("link", name="Ouvrir la boîte de réception").click()
    instructor.get_by_role("link", name=re.compile(application.reference)).first.click()
    expect(instructor.get_by_role("heading", level=1)).to_contain_text(application.reference)
    # The decision panel keeps its own height (a DSFR card took the whole column's, 5 000 px,
    # running over the footer).
    panel, footer = (instructor.locator(s).bounding_box() for s in ("#decision-panel", "footer"))
    assert panel["height"] < 600 and panel["y"] + panel["height"] < footer["y"]
    instructor.get_by_role("button", name="Demander une correction").click()
    instructor.get_by_label("Motif de la demande de correction").fill(CORRECTION)
    instructor.get_by_role("button", name="Confirmer : demander une correction").click()
    expect(instructor.get_by_text("La demande de correction est envoyée")).to_be_visible()

    # The member reads it and answers.
    page.reload()
    expect(page.locator("#correction")).to_contain_text(CORRECTION)
    page.get_by_label("Votre réponse").fill(ANSWER)
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.locator("#application-state")).to_contain_text("En instruction")

    # The instructor reads the answer, then accepts with an amount: the envelope moves.
    instructor.reload()
    expect(instructor.get_by_text(ANSWER).first).to_be_visible()
    instructor.get_by_role("link", name="Décider").click()
    gauge = instructor.locator("meter.aidess-envelope__gauge")
    expect(gauge).to_have_attribute("value", re.compile(r"^0(\.0+)?$"))
    instructor.get_by_label("Montant accordé (€)").fill("8 000")
    instructor.get_by_label("Conditions").fill("Bilan de l'atelier sous un an")
    instructor.get_by_role("button", name="Accepter la demande").click()
    expect(instructor.get_by_role("status").filter(has_text="Demande acceptée")).to_be_visible()
    expect(gauge).to_have_attribute("value", re.compile(r"^8000(\.0+)?$"))
    application.refresh_from_db()
    assert application.status == S.ACCEPTED and application.amount_granted_eur == 8000

    # The member downloads the decision letter and reads it.
    page.reload()
    expect(page.locator("#application-state")).to_contain_text("Acceptée")
    with page.expect_download() as download:
        page.get_by_role("link", name="Lettre de décision (PDF)").click()
    letter = flat(download.value.path().read_bytes())
    assert application.reference in letter and AID_NAME in letter
    assert "8 000" in letter and "Bilan de l'atelier sous un an" in letter

    # The subsidy is published as SCDL open data, valid against the schema.
    answer = page.request.get("/api/v1/open-data/scdl-subventions.csv")
    assert answer.status == 200
    text = answer.text()
    assert schema_errors(text, tmp_path) == []
    (row,) = [row for row in rows_of(text) if row["referenceDecision"] == application.reference]
    assert row["dispositifAide"] == AID_NAME
    assert row["idBeneficiaire"] == structure.siret and row["idAttribuant"] == provider.siret
    assert Decimal(row["montant"]) == Decimal("8000")
