"""Filling the file through its pages: French messages next to the fields, nothing typed lost,
the budget grid, the balance warning and the checklist as the member reads them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from aidess.applications.chart import ACCOUNTS
from aidess.applications.models import ApplicationFile, BudgetLine, default_validity
from aidess.core.formats import MONTHS
from tests.aids.helpers import field_error
from tests.applications.helpers import a_pdf, detail_url, send
from tests.factories import StructureFactory, UserFactory
from tests.html import Page

pytestmark = pytest.mark.django_db


def french_date(day):
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def read(html):
    """The page's text as a person reads it, no-break spaces of French amounts kept."""
    return Page(html).all_text


@pytest.fixture
def member(login):
    user = UserFactory()
    structure = StructureFactory(member=user, volunteers=7, employees_fte=Decimal("1.5"))
    return login(user), structure


def contacts_url(structure):
    return reverse("applications:contacts", args=[structure.pk])


def budget_url(structure, kind="previsionnel"):
    return reverse("applications:budget", args=[structure.pk, kind])


def test_human_means_start_from_the_profile(member):
    client, structure = member

    form = Page(client.get(contacts_url(structure)).content.decode()).own_form()

    assert form.value("volunteers") == "7"
    assert form.value("employees_fte") == "1,50"


def test_contacts_bad_input_gets_french_messages_and_keeps_what_was_typed(member):
    client, structure = member
    typed = {
        "representative_name": "Claire Durand",
        "representative_email": "claire@",
        "representative_phone": "appelez-moi",
        "members_count": "-3",
        "employees_fte": "deux",
    }

    response = client.post(contacts_url(structure), typed)

    html = response.content.decode()
    assert response.status_code == 200
    assert field_error(html, "id_representative_email") == "Saisissez une adresse e-mail valide."
    assert field_error(html, "id_representative_phone") == (
        "Saisissez un numéro de téléphone en chiffres, par exemple 01 23 45 67 89."
    )
    assert field_error(html, "id_members_count") == "Le nombre est positif."
    assert field_error(html, "id_employees_fte") == "Saisissez un nombre, par exemple 2,5."
    form = Page(html).own_form()
    for name, value in typed.items():
        assert form.value(name) == value
    assert not ApplicationFile.objects.filter(representative_name="Claire Durand").exists()


def test_contacts_saved_show_on_the_file(member):
    client, structure = member

    response = client.post(
        contacts_url(structure),
        {
            "representative_name": "Claire Durand",
            "representative_role": "Présidente",
            "representative_email": "claire@exemple.fr",
            "representative_phone": "+33 6 12 34 56 78",
            "employees_fte": "2,5",
        },
    )

    assert response.status_code == 302
    saved = ApplicationFile.objects.get(structure=structure)
    assert saved.employees_fte == Decimal("2.5")
    page = read(client.get(detail_url(structure)).content.decode())
    assert "Claire Durand, Présidente" in page


def grid(client, structure, kind="previsionnel"):
    return Page(client.get(budget_url(structure, kind)).content.decode()).own_form()


def test_an_empty_budget_offers_every_cerfa_account_and_saves_only_filled_lines(member):
    client, structure = member
    form = grid(client, structure)
    accounts = [form.value(f"form-{n}-account") for n in range(len(ACCOUNTS))]
    assert accounts == list(ACCOUNTS)
    data = form.values()
    rows = {account: n for n, account in enumerate(accounts)}
    data[f"form-{rows['64']}-amount"] = "30 000"
    data[f"form-{rows['74']}-amount"] = "25 000,50"
    data[f"form-{rows['74']}-label"] = "Ville de Lille"

    response = client.post(budget_url(structure), data)

    assert response.status_code == 302
    lines = BudgetLine.objects.order_by("account")
    assert [(line.account, line.section, line.label, line.amount) for line in lines] == [
        ("64", "charges", "", Decimal("30000")),
        ("74", "produits", "Ville de Lille", Decimal("25000.50")),
    ]
    assert {line.year_kind for line in lines} == {"previsionnel"}
    page = read(client.get(detail_url(structure)).content.decode())
    assert "Le budget prévisionnel n'est pas équilibré : 30\u202f000\u00a0€ de charges" in page
    assert "dont subvention : Ville de Lille" in page
    assert "pour 25\u202f000,50\u00a0€ de produits" in page


def test_a_balanced_forecast_has_no_warning_and_the_actual_year_never_has_one(member):
    client, structure = member
    file = ApplicationFile.objects.create(structure=structure)
    for kind in ("previsionnel", "realise"):
        BudgetLine.objects.create(file=file, year_kind=kind, account="60", amount=100)
    BudgetLine.objects.create(file=file, year_kind="previsionnel", account="70", amount=100)

    page = read(client.get(detail_url(structure)).content.decode())

    assert "n'est pas équilibré" not in page
    assert "Total des charges" in page


def test_bad_budget_lines_are_refused_in_french_and_kept(member):
    client, structure = member
    data = grid(client, structure).values()
    data["form-0-amount"] = "douze"  # 60 Achats
    data["form-11-amount"] = "500"  # 74 with no funder
    data["form-12-amount"] = "-5"  # 75

    response = client.post(budget_url(structure), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez un montant en euros, par exemple 1 200,50." in html
    assert "Indiquez le financeur de cette subvention (compte 74)." in html
    assert "Le montant ne peut pas être négatif." in html
    form = Page(html).own_form()
    assert [form.value(f"form-{n}-amount") for n in (0, 11, 12)] == ["douze", "500", "-5"]
    assert not BudgetLine.objects.exists()


def test_lines_are_changed_and_removed_from_the_grid(member):
    client, structure = member
    file = ApplicationFile.objects.create(structure=structure)
    kept = BudgetLine.objects.create(file=file, year_kind="realise", account="60", amount=10)
    removed = BudgetLine.objects.create(file=file, year_kind="realise", account="61", amount=20)
    form = grid(client, structure, "realise")
    data = form.values()
    assert form.value("form-0-amount") == "10.00"
    data["form-0-amount"] = "15"
    data["form-1-DELETE"] = "on"
    data["form-2-account"] = "70"
    data["form-2-amount"] = "40"

    client.post(budget_url(structure, "realise"), data)

    assert {(line.pk, line.account, line.amount) for line in BudgetLine.objects.all()} == {
        (kept.pk, "60", Decimal(15)),
        (BudgetLine.objects.get(account="70").pk, "70", Decimal(40)),
    }
    assert not BudgetLine.objects.filter(pk=removed.pk).exists()


def test_agrements_added_and_bad_dates_refused(member):
    client, structure = member
    url = reverse("applications:agrements", args=[structure.pk])
    data = Page(client.get(url).content.decode()).own_form().values()
    data.update(
        {"form-0-kind": "jep", "form-0-number": "59-JEP-01", "form-0-granted_on": "1700-01-01"}
    )

    refused = client.post(url, data)

    assert "L'année doit être comprise entre 1800 et 2100." in read(refused.content.decode())
    assert Page(refused.content.decode()).own_form().value("form-0-number") == "59-JEP-01"
    data["form-0-granted_on"] = "2019-06-14"
    assert client.post(url, data).status_code == 302
    page = read(client.get(detail_url(structure)).content.decode())
    assert "Jeunesse et éducation populaire, n° 59-JEP-01, obtenu le 14 juin 2019" in page


def test_the_checklist_shows_missing_expired_and_valid(member):
    client, structure = member
    send(client, structure, "statuts.pdf", a_pdf())
    send(client, structure, "comptes.pdf", a_pdf(), kind="comptes", valid_until="2020-01-31")
    send(client, structure, "rib.pdf", a_pdf(), kind="rib")
    send(client, structure, "rapport.pdf", a_pdf(), kind="rapport")
    report_until = default_validity("rapport", datetime.date.today())  # 18 months

    page = read(client.get(detail_url(structure)).content.decode())

    assert "Statuts : Valide" in page
    assert "RIB : Valide" in page
    assert "Derniers comptes approuvés : Expiré le 31 janvier 2020" in page
    assert "Liste des dirigeants : Manquant" in page
    assert f"Rapport d'activité : Valide jusqu'au {french_date(report_until)}" in page


def test_a_date_out_of_bounds_is_refused_for_a_document(member):
    client, structure = member

    response = send(client, structure, "rib.pdf", a_pdf(), kind="rib", valid_until="9999-12-31")

    assert field_error(response.content.decode(), "id_valid_until") == (
        "L'année doit être comprise entre 2000 et 2100."
    )


def test_the_parts_of_the_file_show_as_filled_or_missing(member):
    client, structure = member
    file = ApplicationFile.objects.create(structure=structure, representative_name="Claire")
    BudgetLine.objects.create(file=file, year_kind="previsionnel", account="60", amount=1)

    page = read(client.get(detail_url(structure)).content.decode())

    assert "Représentant légal : Manquant" in page  # no e-mail yet
    assert "Budget réalisé N-1 : Manquant" in page
    assert "Budget prévisionnel : Renseigné" in page


def test_a_line_of_another_file_cannot_be_changed_through_the_grid(member):
    client, structure = member
    other = ApplicationFile.objects.create(structure=StructureFactory())
    theirs = BudgetLine.objects.create(file=other, year_kind="previsionnel", account="60", amount=5)
    data = grid(client, structure).values()
    data.update({"form-0-id": str(theirs.pk), "form-0-amount": "999", "form-0-DELETE": "on"})
    data["form-INITIAL_FORMS"] = "1"

    client.post(budget_url(structure), data)

    theirs.refresh_from_db()
    assert (theirs.file, theirs.amount) == (other, Decimal(5))
