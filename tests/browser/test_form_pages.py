"""The form pages as a person sees them at 1280 and 375 px: cash-flow plan, diagnosis, accounts,
structure form. Each test opens its page once, then measures it at both sizes: nothing wider than
the screen, every button's text visible, axe-core without violations, and the page's own defects."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from aidess.diagnosis.models import Diagnosis
from tests.browser.seen import VIEWPORTS, axe_violations, layout_problems
from tests.browser.sign_in import sign_in
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.browser

NAME = "Théâtre de la Marche"
THIN, NBSP = "\u202f", "\u00a0"  # French figures: « 12 500 € »
IGNORED_LAYOUT = {
    # base.html's header, not these pages: on a phone DSFR draws its menu button as the burger icon,
    # the word kept for screen readers (title="Menu"), as the design system intends.
    "texte de bouton coupé : « Menu »",
}


def seen_at_both_sizes(page, *checks):
    """What goes wrong on the page as it is, at each viewport: layout, axe-core, then `checks`."""
    problems = []
    for name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        found = [p for p in layout_problems(page) if p not in IGNORED_LAYOUT]
        found += axe_violations(page)
        for check in checks:
            found += check(page)
        problems += [f"{name} : {problem}" for problem in found]
    return problems


# Cash-flow plan

_PLAN_READABLE = """
() => {
  const problems = [];
  const shown = (el) => getComputedStyle(el).display !== 'none';
  const texts = [...document.querySelectorAll('.aidess-chart text')].filter(shown);
  if (!texts.length) problems.push('graphique sans texte');
  for (const text of texts) {
    const height = text.getBoundingClientRect().height;
    if (height < 12) problems.push(`texte du graphique illisible (${height.toFixed(1)} px) : ${text.textContent}`);
  }
  const months = texts.filter((t) => t.closest('.aidess-chart__plot')).map((t) => t.getBoundingClientRect());
  for (let i = 0; i < months.length; i++)
    for (let j = i + 1; j < months.length; j++) {
      const [a, b] = [months[i], months[j]];
      if (a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right)
        problems.push('noms de mois du graphique superposés');
    }
  for (const input of document.querySelectorAll('#cashflow-grid td:first-child input.fr-input'))
    if (input.scrollWidth > input.clientWidth + 1) problems.push(`libellé de ligne coupé : ${input.value}`);
  return problems;
}
"""


def chart_readable(page):
    return page.evaluate(_PLAN_READABLE)


def cell(page, line, month):
    return page.get_by_label(f"{line}, {month}", exact=True)


def test_cash_flow_plan_in_french_figures_with_a_readable_chart(page):
    user = UserFactory()
    structure = StructureFactory(member=user, name=NAME)
    sign_in(page, user)

    # The creation address opened directly (bookmark, reload) shows its form: it was a bare 405.
    page.goto(f"/structures/{structure.pk}/tresorerie/nouveau/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau plan de trésorerie")
    # A list of months and a year typed in figures: no <input type="month">, unknown to Safari.
    assert page.locator("input[type=month]").count() == 0
    page.get_by_label("Premier mois").select_option(label="Novembre")
    page.get_by_label("Année").fill("2026")
    page.get_by_label("Durée").select_option(label="6 mois")
    page.get_by_role("button", name="Créer un plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Plan de trésorerie")
    months = ["novembre 2026", "décembre 2026", "janvier 2027", "février 2027", "mars 2027", "avril 2027"]  # fmt: skip
    expect(page.locator("#cashflow-grid thead th")).to_have_text(["Ligne", *months, "Retirer"])
    expect(cell(page, "Salaires", "novembre 2026")).to_have_value("0")

    page.get_by_label("Trésorerie au début de novembre 2026 (€)").fill("12500")
    for month in months:
        cell(page, "Ventes et prestations", month).fill("3000")
        cell(page, "Salaires", month).fill("8000,50")
    page.get_by_label("Et avec une aide de… (€)").fill("20 000")
    expect(page.locator("#cashflow-form")).not_to_have_class(re.compile(r"\bhtmx-request\b"))
    page.get_by_role("button", name="Enregistrer le plan").click()
    expect(page.get_by_role("status").filter(has_text="Plan enregistré.")).to_be_visible()

    # Saved, the page shows French figures, and keeps the what-if amount typed before saving.
    expect(page.get_by_label("Et avec une aide de… (€)")).to_have_value(f"20{THIN}000")
    expect(page.get_by_label("Trésorerie au début de novembre 2026 (€)")).to_have_value(
        f"12{THIN}500"
    )
    expect(cell(page, "Salaires", "avril 2027")).to_have_value(f"8{THIN}000,50")
    results = page.locator("#cashflow-results")
    expect(page.locator("#financing-need")).to_have_text(
        f"Besoin de financement immédiat : 17{THIN}503{NBSP}€"
    )
    expect(results).to_contain_text(f"Solde le plus bas : -17{THIN}503{NBSP}€ en avril 2027.")
    expect(results).to_contain_text(
        f"Avec une aide de 20{THIN}000{NBSP}€ reçue avant le premier mois"
    )
    expect(results.locator("td[data-month]")).to_have_text(
        [f"{v}{NBSP}€" for v in (f"7{THIN}499,50", f"2{THIN}499", f"-2{THIN}501,50", f"-7{THIN}502", f"-12{THIN}502,50", f"-17{THIN}503")]
    )  # fmt: skip
    # The chart has its amount axis, in round steps covering every balance.
    expect(page.locator(".aidess-chart__axis text")).to_have_text(
        [f"{v}{NBSP}€" for v in (f"-20{THIN}000", f"-10{THIN}000", "0", f"10{THIN}000")]
    )
    expect(page.locator(".aidess-chart__plot rect")).to_have_count(6)

    assert seen_at_both_sizes(page, chart_readable) == []


# Diagnosis

RESOURCES_ANSWERS = {
    "activity_status": "reduced",
    "funding_cut": True,
    "funding_cut_funder": "La Région",
    "funding_cut_eur": "8000",
    "months_covered": "0.5",
    "volunteers_lost": True,
}


def test_diagnosis_step_and_result_pages(page):
    user = UserFactory()
    structure = StructureFactory(member=user, name=NAME)
    diagnosis = Diagnosis.objects.create(structure=structure, created_by=user, answers={})
    done = Diagnosis.objects.create(
        structure=structure,
        created_by=user,
        answers=RESOURCES_ANSWERS,
        step=5,
        completed_at=timezone.now() - datetime.timedelta(days=1),
    )
    sign_in(page, user)

    page.goto(f"/structures/{structure.pk}/autodiagnostic/{diagnosis.pk}/etape/2/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Étape 2 sur 5")  # django-dsfr's stepper
    expect(heading).to_contain_text("Vos ressources")
    expect(page.locator(".fr-stepper__steps")).to_have_attribute("data-fr-current-step", "2")
    expect(page.get_by_text("Étape suivante")).to_be_visible()
    assert seen_at_both_sizes(page) == []

    page.goto(f"/structures/{structure.pk}/autodiagnostic/{done.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Résultat de l'autodiagnostic")
    expect(page.locator(".fr-callout__title").first).to_have_text("Situation critique")
    assert seen_at_both_sizes(page) == []


# Accounts


def test_login_password_reset_and_sign_up_pages(page):
    page.goto("/compte/connexion/")
    expect(page.get_by_label("Adresse e-mail")).to_have_attribute("autocomplete", "username")
    expect(page.get_by_label("Mot de passe")).to_have_attribute("autocomplete", "current-password")
    assert seen_at_both_sizes(page) == []

    page.get_by_role("link", name="Mot de passe oublié ?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Réinitialiser votre mot de passe")
    expect(page.get_by_label("Adresse e-mail")).to_have_attribute("autocomplete", "email")
    assert seen_at_both_sizes(page) == []

    # Sign-up: a weak password is refused under the password, not under its confirmation.
    page.goto("/compte/inscription/")
    password = page.get_by_label(re.compile(r"^\s*Mot de passe"))
    confirmation = page.get_by_label(re.compile(r"Confirmation du mot de passe"))
    for field, token in (
        (page.get_by_label("Adresse e-mail"), "email"),
        (page.get_by_label("Prénom"), "given-name"),
        (page.get_by_label("Nom", exact=False).last, "family-name"),
        (password, "new-password"),
        (confirmation, "new-password"),
    ):
        expect(field).to_have_attribute("autocomplete", token)

    page.get_by_label("Adresse e-mail").fill("nouveau@exemple.fr")
    password.fill("Court-42")
    confirmation.fill("Court-42")
    page.get_by_role("button", name="Créer mon compte").click()

    error = page.get_by_text("Ce mot de passe est trop court.")
    expect(error).to_be_visible()
    # Under the password typed, above the confirmation, which was typed right.
    assert (
        password.bounding_box()["y"] < error.bounding_box()["y"] < confirmation.bounding_box()["y"]
    )
    expect(page.locator("#id_password2-desc-error")).to_have_count(0)
    expect(password).to_have_attribute("aria-invalid", "true")

    assert seen_at_both_sizes(page) == []


# Structure form


def test_structure_creation_form_with_the_commune_component(page):
    sign_in(page, UserFactory())
    page.goto("/structures/nouvelle/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter ma structure")

    page.get_by_label("Commune du siège").press_sequentially("aubus")
    expect(page.locator('#commune-options option[value="Aubusson (23008)"]')).to_have_count(1)

    assert seen_at_both_sizes(page) == []
