"""The cash-flow grid: create a plan, type amounts, add/rename/remove lines, recompute, what-if."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from aidess.cashflow.models import DEFAULT_LINES, CashflowPlan
from tests.cashflow.helpers import example_plan, plan_lines
from tests.factories import StructureFactory, UserFactory
from tests.html import Page, squash

pytestmark = pytest.mark.django_db

NEED_3000_50 = "Besoin de financement immédiat : 3\u202f000,50\xa0€"  # espace fine, insécable


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


def create(client, structure, month, year, months):
    return client.post(
        reverse("cashflow:create", args=[structure.pk]),
        {"start_month": month, "start_year": year, "months": months},
    )


def set_amounts(data, key, *amounts):
    for month, amount in enumerate(amounts):
        data[f"amount-{key}-{month}"] = [amount]


# Creating a plan


def test_member_creates_a_plan_from_a_start_month_and_a_duration(client, signed_in, structure):
    page = Page(client.get(reverse("cashflow:list", args=[structure.pk])).content.decode())
    form = page.form_with("months")
    assert [value for value, _ in form.field("months")["options"]] == [str(n) for n in range(3, 13)]
    assert [value for value, _ in form.field("start_month")["options"]] == [
        str(n) for n in range(1, 13)
    ]
    today = datetime.date.today()
    assert form.value("start_month") == str(today.month)
    assert form.value("start_year") == str(today.year)
    assert form.field("start_year")["type"] == "text", "no <input type=month>, unknown to Safari"
    assert "Novembre" in page.all_text

    response = create(client, structure, "11", "2026", "3")
    plan = CashflowPlan.objects.get(structure=structure)
    assert response.url == detail_url(plan)
    assert (plan.start, plan.months) == (datetime.date(2026, 11, 1), 3)
    assert [(line.kind, line.label) for line in plan.lines.all()] == [
        (kind, label) for kind, _, label in DEFAULT_LINES
    ]
    assert all(line.amounts == ["0.00"] * 3 for line in plan.lines.all())

    page = Page(client.get(response.url).content.decode())
    headings = page.text("cashflow-grid").split(" Encaissements")[0]
    assert headings == "Plan de trésorerie Ligne novembre 2026 décembre 2026 janvier 2027 Retirer"
    form = page.form_with(form_id="cashflow-form")
    sales = key_of(form.data(), "Ventes et prestations")
    assert [form.value(f"amount-{sales}-{m}") for m in range(3)] == ["0", "0", "0"]
    assert form.value("opening_balance") == "0"
    assert "Ventes et prestations, novembre 2026" in page.html, "each cell is named by its month"
    assert page.text("financing-need") == "Besoin de financement immédiat : 0\xa0€"
    assert (
        plan.get_absolute_url()
        in client.get(reverse("cashflow:list", args=[structure.pk])).content.decode()
    )


def test_a_twelve_month_plan_has_twelve_columns(client, signed_in, structure):
    create(client, structure, "1", "2026", "12")
    plan = CashflowPlan.objects.get()
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    key = key_of(data, "Loyer")
    assert [f"amount-{key}-{m}" in data for m in range(13)] == [True] * 12 + [False]


@pytest.mark.parametrize(
    ("month", "year", "months", "field", "message"),
    [
        ("13", "2026", "3", "start_month", "Choisissez le premier mois du plan dans la liste."),
        (
            "janvier",
            "2026",
            "3",
            "start_month",
            "Choisissez le premier mois du plan dans la liste.",
        ),
        ("1", "", "3", "start_year", "Indiquez l'année du premier mois."),
        ("1", "26-27", "3", "start_year", "Indiquez l'année en chiffres, par exemple 2027."),
        ("1", "1999", "3", "start_year", "Indiquez une année de 2000 à 2100."),
        ("1", "2026", "13", "months", "Choisissez une durée de 3 à 12 mois."),
        ("1", "2026", "2", "months", "Choisissez une durée de 3 à 12 mois."),
        ("1", "2026", "trois", "months", "Choisissez une durée de 3 à 12 mois."),
    ],
)
def test_bad_start_or_duration_creates_nothing_and_says_why_next_to_the_field(
    client, signed_in, structure, month, year, months, field, message
):
    response = create(client, structure, month, year, months)
    assert response.status_code == 400
    page = Page(response.content.decode())
    assert page.text(f"id_{field}-desc-error") == message
    assert page.form_with("start_month").value("start_year") == year, "what was typed is kept"
    assert not CashflowPlan.objects.exists()


def test_the_creation_address_opened_in_the_browser_shows_the_form(client, signed_in, structure):
    """A bookmarked or reloaded /tresorerie/nouveau/ was a bare 405."""
    response = client.get(reverse("cashflow:create", args=[structure.pk]))
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert "Nouveau plan de trésorerie" in page.all_text
    form = page.form_with("start_month")
    assert form.attrs["action"] == reverse("cashflow:create", args=[structure.pk])
    assert not CashflowPlan.objects.exists()


def test_the_creation_form_is_not_found_by_who_cannot_change_the_structure(
    client, login, structure
):
    login(UserFactory())
    assert client.get(reverse("cashflow:create", args=[structure.pk])).status_code == 404


# The grid


def test_grid_saves_typed_amounts_renamed_lines_and_opening_balance(client, signed_in, structure):
    create(client, structure, "1", "2026", "3")
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
    assert "Solde le plus bas : -3\u202f000,50\xa0€ en mars 2026." in page
    form = Page(page).form_with(form_id="cashflow-form")
    assert form.value(f"amount-{sales}-1") == "4\u202f000", "French figures, read back as typed"
    assert form.value(f"amount-{salaries}-2") == "4\u202f500,50"
    assert form.value("opening_balance") == "1\u202f000"
    response = client.post(
        detail_url(plan), {**Page(page).form_with(form_id="cashflow-form").data(), "action": "save"}
    )
    assert response.status_code == 302, "the French figures shown are saved back unchanged"
    assert {label: amounts for _, label, amounts in plan_lines(plan)}["Salaires"] == [
        "5000.00", "3500.00", "4500.50",
    ]  # fmt: skip
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
    assert [data[f"amount-{new}-{m}"] for m in range(3)] == [["0"]] * 3
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
    assert "mai 2026" in grid(client, plan).text("cashflow-grid")


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
    assert "Total des encaissements 3\u202f000\xa0€ 4\u202f000\xa0€ 5\u202f000\xa0€" in page.text(
        "cashflow-results"
    )
    assert page.text("financing-need") == "Besoin de financement immédiat : 2\u202f000\xa0€"
    assert "Solde le plus bas : -2\u202f000\xa0€ en janvier 2026." in html
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
        ("5000", "Avec une aide de 5\u202f000\xa0€ reçue avant le premier mois : solde le plus bas 1\u202f999,50\xa0€, besoin restant 0\xa0€.", "5\u202f000"),
        ("2000", "Avec une aide de 2\u202f000\xa0€ reçue avant le premier mois : solde le plus bas -1\u202f000,50\xa0€, besoin restant 1\u202f000,50\xa0€.", "2\u202f000"),
        ("5 000", "Avec une aide de 5\u202f000\xa0€", "5\u202f000"),
        ("1000,50", "besoin restant 2\u202f000\xa0€", "1\u202f000,50"),
        ("1000.50", "besoin restant 2\u202f000\xa0€", "1\u202f000,50"),
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
    assert "besoin restant <strong>0\xa0€</strong>" in html


def test_aid_what_if_is_kept_when_the_plan_is_saved(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    data["aide"] = ["2 000"]

    response = client.post(detail_url(plan), {**data, "action": "save"})

    assert response.status_code == 302
    page = Page(client.get(response.url).content.decode())
    assert page.form_with("aide").value("aide") == "2\u202f000"
    assert "Avec une aide de 2\u202f000\xa0€" in page.text("cashflow-results")
    # Emptied then saved: the what-if is gone for good.
    data = page.form_with(form_id="cashflow-form").data()
    data["aide"] = [""]
    client.post(detail_url(plan), {**data, "action": "save"})
    page = grid(client, plan)
    assert page.form_with("aide").value("aide") == ""
    assert "Avec une aide de" not in page.text("cashflow-results")


@pytest.mark.parametrize("aid", ["", "abc", "-100", "0"])
def test_no_what_if_without_a_positive_aid(client, signed_in, plan, aid):
    assert "Avec une aide de" not in grid(client, plan, aide=aid).text("cashflow-results")


def chart_texts(html, css_class):
    """The <text> of the chart's SVG with class `css_class`, top to bottom and left to right."""
    svg = re.search(rf'<svg class="{css_class}".*?</svg>', html, re.DOTALL)[0]
    return [squash(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_chart_draws_negative_months_in_red_with_an_amount_axis(client, signed_in, plan):
    html = client.get(detail_url(plan)).content.decode()
    assert (
        "janvier 2026 : -1\u202f000\xa0€. février 2026 : -500\xa0€. mars 2026 : -3\u202f000,50\xa0€."
    ) in html
    assert html.count('fill="#ce0500"') == 3
    # Balances from -3 000,50 € to 0: round steps of 1 000 € from -4 000 € to 0 €.
    assert chart_texts(html, "aidess-chart__axis") == [
        f"{amount}\xa0€"
        for amount in ("-4\u202f000", "-3\u202f000", "-2\u202f000", "-1\u202f000", "0")
    ]
    assert chart_texts(html, "aidess-chart__plot") == ["janv.", "2026", "févr.", "mars"]


def test_removing_every_line_keeps_the_plan_usable(client, signed_in, plan):
    data = grid(client, plan).form_with(form_id="cashflow-form").data()
    for key in data["line"]:
        data[f"delete-{key}"] = ["1"]

    recomputed = client.post(
        detail_url(plan), {**data, "action": "recompute"}, headers={"HX-Request": "true"}
    )
    assert recomputed.status_code == 200
    assert Page(recomputed.content.decode()).text("financing-need") == (
        "Besoin de financement immédiat : 0\xa0€"
    )
    assert client.post(detail_url(plan), {**data, "action": "save"}).status_code == 302
    assert plan_lines(plan) == []

    page = grid(client, plan)
    assert "mars 2026" in page.text("cashflow-results"), "the months are still there, at 0"
    assert page.text("financing-need") == "Besoin de financement immédiat : 0\xa0€"
    data = page.form_with(form_id="cashflow-form").data()
    page = Page(client.post(detail_url(plan), {**data, "add": "receipt"}).content.decode())
    assert page.form_with(form_id="cashflow-form").value("label-new-1") == "Nouvelle ligne"
    for export in ("cashflow:xlsx", "cashflow:pdf"):
        assert client.get(reverse(export, args=[plan.structure_id, plan.pk])).status_code == 200
