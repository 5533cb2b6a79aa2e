"""The cash-flow grid: create a plan, type amounts, add/rename/remove lines, recompute, what-if."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from aidess.cashflow.models import DEFAULT_LINES, CashflowPlan
from tests.cashflow.helpers import example_plan, plan_lines
from tests.factories import StructureFactory, UserFactory
from tests.html import Page

pytestmark = pytest.mark.django_db

NEED_3000_50 = "Besoin de financement immédiat : 3\xa0000,50 €"


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def structure(member):
    return StructureFactory(member=member, name="La Ressourcerie du Nord")


@pytest.fixture
def signed_in(client, login, member):
    return login(member)


@pytest.fixture
def plan(structure):
    return example_plan(structure)


def detail_url(plan):
    return reverse("cashflow:detail", args=[plan.structure_id, plan.pk])


def grid(client, plan, **query):
    response = client.get(detail_url(plan), query)
    assert response.status_code == 200
    return Page(response.content.decode())


def key_of(form_data, label):
    """The key of the line whose label field holds `label`."""
    (key,) = [
        name.removeprefix("label-")
        for name, values in form_data.items()
        if name.startswith("label-") and values == [label]
    ]
    return key


def set_amounts(data, key, *amounts):
    for month, amount in enumerate(amounts):
        data[f"amount-{key}-{month}"] = [amount]


# Creating a plan


def test_member_creates_a_plan_from_a_start_month_and_a_duration(client, signed_in, structure):
    page = Page(client.get(reverse("cashflow:list", args=[structure.pk])).content.decode())
    form = page.form_with("months")
    assert [value for value, _ in form.field("months")["options"]] == [str(n) for n in range(3, 13)]

    response = client.post(
        reverse("cashflow:create", args=[structure.pk]), {"start": "2026-11", "months": "3"}
    )
    plan = CashflowPlan.objects.get(structure=structure)
    assert response.url == detail_url(plan)
    assert (plan.start, plan.months) == (datetime.date(2026, 11, 1), 3)
    assert [(line.kind, line.label) for line in plan.lines.all()] == [
        (kind, label) for kind, _, label in DEFAULT_LINES
    ]
    assert all(line.amounts == ["0.00"] * 3 for line in plan.lines.all())

    html = client.get(response.url).content.decode()
    for label in ("2026-11", "2026-12", "2027-01", "Ventes et prestations", "Salaires"):
        assert label in html
    assert "Besoin de financement immédiat : 0,00 €" in html
    assert (
        plan.get_absolute_url()
        in client.get(reverse("cashflow:list", args=[structure.pk])).content.decode()
    )


def test_a_twelve_month_plan_has_twelve_columns(client, signed_in, structure):
    client.post(
        reverse("cashflow:create", args=[structure.pk]), {"start": "2026-01", "months": "12"}
    )
    plan = CashflowPlan.objects.get()
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    key = key_of(data, "Loyer")
    assert [f"amount-{key}-{m}" in data for m in range(13)] == [True] * 12 + [False]


@pytest.mark.parametrize(
    "data", [{"start": "2026-13", "months": "3"}, {"start": "janvier", "months": "3"}, {"start": "2026-01", "months": "13"}, {"start": "2026-01", "months": "2"}, {"start": "2026-01", "months": "trois"}]
)  # fmt: skip
def test_bad_start_or_duration_creates_nothing_and_says_why(client, signed_in, structure, data):
    response = client.post(reverse("cashflow:create", args=[structure.pk]), data, follow=True)
    assert "Choisissez un mois de départ et une durée de 3 à 12 mois." in response.content.decode()
    assert not CashflowPlan.objects.exists()


# The grid


def test_grid_saves_typed_amounts_renamed_lines_and_opening_balance(client, signed_in, structure):
    client.post(
        reverse("cashflow:create", args=[structure.pk]), {"start": "2026-01", "months": "3"}
    )
    plan = CashflowPlan.objects.get()
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    sales, salaries = key_of(data, "Ventes et prestations"), key_of(data, "Salaires")
    set_amounts(data, sales, "3000", "4 000", "2000,00")
    set_amounts(data, salaries, "5000", "3500", "4500.5")
    data[f"label-{sales}"] = ["Ventes en boutique"]
    data["opening_balance"] = ["1000"]

    response = client.post(detail_url(plan), {**data, "action": "save"})
    assert response.status_code == 302

    plan.refresh_from_db()
    assert plan.opening_balance == Decimal("1000.00")
    lines = {line.label: line.amounts for line in plan.lines.all()}
    assert lines["Ventes en boutique"] == ["3000.00", "4000.00", "2000.00"]
    assert lines["Salaires"] == ["5000.00", "3500.00", "4500.50"]
    assert "Ventes et prestations" not in lines
    assert str(plan.result().financing_need) == "3000.50"

    page = client.get(detail_url(plan)).content.decode()
    assert "Plan enregistré." in page
    assert NEED_3000_50 in page
    assert "Solde le plus bas : -3\xa0000,50 € en 2026-03." in page
    form = Page(page).form_with(form_id="cashflow-form")
    assert form.value(f"amount-{sales}-1") == "4000.00"
    assert form.value(f"label-{sales}") == "Ventes en boutique"


def test_adding_a_line_then_saving_it(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    response = client.post(detail_url(plan), {**data, "add": "expense"})
    assert response.status_code == 200
    assert plan.lines.count() == 2, "adding does not save"

    page = Page(response.content.decode())
    data = page.form_with(form_id="cashflow-form").data()
    new = key_of(data, "Nouvelle ligne")
    assert data[f"kind-{new}"] == ["expense"]
    assert [data[f"amount-{new}-{m}"] for m in range(3)] == [["0.00"]] * 3
    data[f"label-{new}"] = ["Loyer"]
    set_amounts(data, new, "500", "500", "500")
    assert client.post(detail_url(plan), {**data, "action": "save"}).status_code == 302

    assert plan_lines(plan) == [
        ("receipt", "Ventes", ["3000.00", "4000.00", "2000.00"]),
        ("expense", "Salaires", ["5000.00", "3500.00", "4500.50"]),
        ("expense", "Loyer", ["500.00", "500.00", "500.00"]),
    ]
    assert str(plan.result().financing_need) == "4500.50"


def test_adding_a_receipt_puts_it_among_the_receipts(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    page = Page(client.post(detail_url(plan), {**data, "add": "receipt"}).content.decode())
    data = page.form_with(form_id="cashflow-form").data()
    data[f"label-{key_of(data, 'Nouvelle ligne')}"] = ["Dons"]
    client.post(detail_url(plan), {**data, "action": "save"})
    assert [(kind, label) for kind, label, _ in plan_lines(plan)] == [
        ("receipt", "Ventes"),
        ("receipt", "Dons"),
        ("expense", "Salaires"),
    ]


def test_deleting_a_line(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    data[f"delete-{key_of(data, 'Ventes')}"] = ["1"]
    assert client.post(detail_url(plan), {**data, "action": "save"}).status_code == 302
    assert plan_lines(plan) == [("expense", "Salaires", ["5000.00", "3500.00", "4500.50"])]
    assert str(plan.result().financing_need) == "12000.50"


def test_lines_added_after_removing_one_stay_distinct(client, signed_in, plan):
    """Tick "Retirer" on a line, then add two lines before saving: both new lines are kept."""
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    data[f"delete-{key_of(data, 'Ventes')}"] = ["1"]
    data = Page(client.post(detail_url(plan), {**data, "add": "expense"}).content.decode())
    data = data.form_with(form_id="cashflow-form").data()
    data = Page(client.post(detail_url(plan), {**data, "add": "expense"}).content.decode())
    data = data.form_with(form_id="cashflow-form").data()

    new_keys = [key for key in data["line"] if data[f"label-{key}"] == ["Nouvelle ligne"]]
    assert len(new_keys) == 2
    assert len(set(data["line"])) == len(data["line"]), "every line has its own fields"
    data[f"label-{new_keys[0]}"], data[f"label-{new_keys[1]}"] = ["Loyer"], ["Assurance"]
    set_amounts(data, new_keys[0], "800", "800", "800")
    set_amounts(data, new_keys[1], "50", "0", "0")
    client.post(detail_url(plan), {**data, "action": "save"})

    assert plan_lines(plan) == [
        ("expense", "Salaires", ["5000.00", "3500.00", "4500.50"]),
        ("expense", "Loyer", ["800.00", "800.00", "800.00"]),
        ("expense", "Assurance", ["50.00", "0.00", "0.00"]),
    ]


def test_changing_the_duration_keeps_amounts_and_adds_empty_months(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    data["months"] = ["5"]
    client.post(detail_url(plan), {**data, "action": "save"})
    plan.refresh_from_db()
    assert plan.months == 5
    assert plan_lines(plan)[0] == (
        "receipt",
        "Ventes",
        ["3000.00", "4000.00", "2000.00", "0.00", "0.00"],
    )
    assert "2026-05" in client.get(detail_url(plan)).content.decode()


def test_htmx_recompute_returns_only_the_results_and_saves_nothing(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    set_amounts(data, key_of(data, "Ventes"), "3000", "4000", "5000")
    data["opening_balance"] = ["0"]

    response = client.post(
        detail_url(plan), {**data, "action": "recompute"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="cashflow-results"')
    assert "<form" not in html and "<html" not in html and "<h1" not in html
    page = Page(html)
    assert "Total des encaissements 3\xa0000,00 € 4\xa0000,00 € 5\xa0000,00 €" in page.text(
        "cashflow-results"
    )
    assert page.text("financing-need") == "Besoin de financement immédiat : 2\xa0000,00 €"
    assert "Solde le plus bas : -2\xa0000,00 € en 2026-01." in html
    assert plan_lines(plan)[0] == ("receipt", "Ventes", ["3000.00", "4000.00", "2000.00"])
    plan.refresh_from_db()
    assert plan.opening_balance == Decimal("1000.00")


def test_bad_cells_are_flagged_next_to_the_cell_and_nothing_is_saved(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    sales = key_of(data, "Ventes")
    set_amounts(data, sales, "9999", "abc", "12.345")

    response = client.post(detail_url(plan), {**data, "action": "save"})

    assert response.status_code == 200
    page = Page(response.content.decode())
    form = page.form_with(form_id="cashflow-form")
    for month, typed, message in (
        (1, "abc", "« abc » n'est pas un montant."),
        (2, "12.345", "« 12.345 » a plus de 2 décimales."),
    ):
        cell = form.field(f"amount-{sales}-{month}")
        assert cell["value"] == typed, "what was typed is kept"
        assert cell["describedby"] == f"amount-{sales}-{month}-error"
        assert page.text(f"amount-{sales}-{month}-error") == message
    assert form.value(f"amount-{sales}-0") == "9999"
    assert "Le plan n'est pas enregistré : corrigez les cellules signalées." in page.all_text
    assert plan_lines(plan)[0] == ("receipt", "Ventes", ["3000.00", "4000.00", "2000.00"])


def test_negative_cell_and_empty_label_are_refused(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    salaries = key_of(data, "Salaires")
    set_amounts(data, salaries, "-5000")
    data[f"label-{salaries}"] = ["  "]
    data["opening_balance"] = ["-250"]  # a bank overdraft is fine

    page = Page(client.post(detail_url(plan), {**data, "action": "save"}).content.decode())

    assert page.text(f"amount-{salaries}-0-error") == (
        "Montant négatif : saisissez-le en positif, la ligne donne le sens."
    )
    listed = page.text("cashflow-results").split("Résultats par mois")[0].strip()
    assert listed == (
        "Cellules à corriger (les totaux les comptent pour 0) : "
        "Montant négatif : saisissez-le en positif, la ligne donne le sens. "
        "Donnez un libellé à la ligne."
    ), "a negative opening balance (an overdraft) is accepted"
    assert plan_lines(plan)[1] == ("expense", "Salaires", ["5000.00", "3500.00", "4500.50"])


def test_bad_opening_balance_is_flagged(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    data["opening_balance"] = ["mille"]
    page = Page(client.post(detail_url(plan), {**data, "action": "save"}).content.decode())
    assert "« mille » n'est pas un montant." in page.all_text
    assert page.form_with(form_id="cashflow-form").value("opening_balance") == "mille"
    plan.refresh_from_db()
    assert plan.opening_balance == Decimal("1000.00")


@pytest.mark.parametrize(
    ("aid", "shown", "kept"),
    [
        ("5000", "Avec une aide de 5\xa0000,00 € reçue avant le premier mois : solde le plus bas 1\xa0999,50 €, besoin restant 0,00 €.", "5000,00"),
        ("2000", "Avec une aide de 2\xa0000,00 € reçue avant le premier mois : solde le plus bas -1\xa0000,50 €, besoin restant 1\xa0000,50 €.", "2000,00"),
        ("5 000", "Avec une aide de 5\xa0000,00 €", "5000,00"),
        ("1000,50", "besoin restant 2\xa0000,00 €", "1000,50"),
        ("1000.50", "besoin restant 2\xa0000,00 €", "1000,50"),
    ],
)  # fmt: skip
def test_aid_what_if_shows_the_remaining_need(client, signed_in, plan, aid, shown, kept):
    page = grid(client, plan, aide=aid)
    assert shown in page.text("cashflow-results")
    assert page.text("financing-need") == NEED_3000_50, "the plan's own need is still shown"
    assert page.form_with("aide").value("aide") == kept
    again = grid(client, plan, aide=kept)
    assert shown in again.text("cashflow-results"), "the amount shown reads back the same"


def test_aid_what_if_on_the_htmx_recompute(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    data["aide"] = ["5000"]
    html = client.post(
        detail_url(plan), {**data, "action": "recompute"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "besoin restant <strong>0,00 €</strong>" in html


@pytest.mark.parametrize("aid", ["", "abc", "-100", "0"])
def test_no_what_if_without_a_positive_aid(client, signed_in, plan, aid):
    assert "Avec une aide de" not in grid(client, plan, aide=aid).text("cashflow-results")


def test_chart_draws_negative_months_in_red(client, signed_in, plan):
    html = client.get(detail_url(plan)).content.decode()
    assert "2026-01 : -1\xa0000,00 €. 2026-02 : -500,00 €. 2026-03 : -3\xa0000,50 €." in html
    assert html.count('fill="#ce0500"') == 3


def test_removing_every_line_keeps_the_plan_usable(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    for key in data["line"]:
        data[f"delete-{key}"] = ["1"]

    recomputed = client.post(
        detail_url(plan), {**data, "action": "recompute"}, headers={"HX-Request": "true"}
    )
    assert recomputed.status_code == 200
    assert Page(recomputed.content.decode()).text("financing-need") == (
        "Besoin de financement immédiat : 0,00 €"
    )
    assert client.post(detail_url(plan), {**data, "action": "save"}).status_code == 302
    assert plan_lines(plan) == []

    page = grid(client, plan)
    assert "2026-03" in page.text("cashflow-results"), "the months are still there, at 0"
    assert page.text("financing-need") == "Besoin de financement immédiat : 0,00 €"
    data = page.form_with(form_id="cashflow-form").data()
    page = Page(client.post(detail_url(plan), {**data, "add": "receipt"}).content.decode())
    assert page.form_with(form_id="cashflow-form").value("label-new-1") == "Nouvelle ligne"
    for export in ("cashflow:xlsx", "cashflow:pdf"):
        assert client.get(reverse(export, args=[plan.structure_id, plan.pk])).status_code == 200
