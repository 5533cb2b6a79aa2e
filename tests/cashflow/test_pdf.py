"""The printable PDF for a funder: its text, read back with pypdf."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.cashflow.helpers import example_plan
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


def pdf_text(client, plan):
    response = client.get(reverse("cashflow:pdf", args=[plan.structure_id, plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="plan-tresorerie-{plan.pk}.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1, "one A4 page"
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_shows_the_structure_months_lines_and_need(client, login):
    user = UserFactory()
    plan = example_plan(StructureFactory(member=user, name="La Ressourcerie du Nord"))
    login(user)

    text = pdf_text(client, plan)

    assert "Plan 2026 — La Ressourcerie du Nord" in text
    for label in (
        "2026-01",
        "2026-02",
        "2026-03",
        "+ Ventes",
        "- Salaires",
        "Solde de fin de mois",
    ):
        assert label in text
    assert "Solde de trésorerie en début de période : 1 000,00 €" in text
    assert "4 500,50 €" in text
    assert "-3 000,50 €" in text
    assert "Besoin de financement immédiat : 3 000,50 €" in text
    assert "(solde le plus bas : -3 000,50 € en 2026-03)" in text


def test_pdf_of_a_plan_that_stays_positive_says_no_need(client, login):
    user = UserFactory()
    plan = example_plan(StructureFactory(member=user))
    plan.opening_balance = 5000
    plan.save()
    login(user)
    assert "Besoin de financement immédiat : 0,00 €" in pdf_text(client, plan)


@pytest.mark.parametrize(
    "name", ["Culture & Loisirs <Roubaix>", "Les <b>Amis</b> du quartier", "A<B"]
)
def test_pdf_prints_names_with_markup_characters_as_typed(client, login, name):
    user = UserFactory()
    plan = example_plan(StructureFactory(member=user, name=name))
    login(user)
    assert name in pdf_text(client, plan)
