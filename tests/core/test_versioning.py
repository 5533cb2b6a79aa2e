"""The conditional save (core/versioning.py): a writer holding an old version is refused and
loses nothing of the first writer's work, on SQLite and on PostgreSQL (DATABASE_URL)."""

import re
import threading
from decimal import Decimal

import pytest
from django import forms
from django.db import OperationalError, connection, transaction

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.cashflow.grid import grid_from_post, grid_of, plan_values, save_grid
from aidess.cashflow.models import CashflowPlan
from aidess.core.versioning import Conflict, StaleEdit, changes_since, form_values, snapshot
from aidess.structures.models import Structure
from tests.factories import (
    AidFactory,
    CashflowPlanFactory,
    DiagnosisFactory,
    OrganizationFactory,
    StructureFactory,
    UserFactory,
)
from tests.html import Page
from tests.shared_data import load_shared_data

pytestmark = pytest.mark.django_db


def posted(plan, **typed):
    """The plan's page as submitted: its grid, with `typed` cells over it."""
    data = {"line": [], "opening_balance": "1000", "months": str(plan.months)}
    for line in grid_of(plan).lines:
        data["line"].append(line.key)
        data[f"kind-{line.key}"] = [line.kind]
        data[f"label-{line.key}"] = [line.label]
        for month, raw in enumerate(line.raw):
            data[f"amount-{line.key}-{month}"] = [raw]
    for name, value in typed.items():
        data[name] = value if isinstance(value, list) else [value]
    return FormData(data)


class FormData(dict):
    """The little of a QueryDict the grid reads."""

    def get(self, key, default=None):
        values = super().get(key)
        return values[-1] if values else default

    def getlist(self, key):
        return super().get(key, [])


def test_second_writer_of_an_object_is_refused_and_the_first_write_kept():
    structure = StructureFactory(name="Théâtre")
    first, second = Structure.objects.get(pk=structure.pk), Structure.objects.get(pk=structure.pk)
    first.name = "Théâtre rénové"
    first.save()
    second.name = "Autre nom"
    with pytest.raises(StaleEdit) as refused:
        second.save()
    structure.refresh_from_db()
    assert structure.name == "Théâtre rénové"
    assert structure.version == 2
    assert refused.value.current.name == "Théâtre rénové"
    assert refused.value.current.version == 2


def test_each_save_bumps_the_version_and_records_who():
    editor = UserFactory(first_name="Léa", last_name="Martin")
    structure = StructureFactory()
    structure.updated_by = editor
    structure.save(update_fields=["name"])
    structure.save()
    structure.refresh_from_db()
    assert (structure.version, structure.updated_by) == (3, editor)


def test_second_save_of_a_plan_does_not_delete_the_line_the_first_added():
    """The measured defect: the second save erased the line added by the first."""
    plan = CashflowPlanFactory()
    first = CashflowPlan.objects.get(pk=plan.pk)
    second = CashflowPlan.objects.get(pk=plan.pk)
    save_grid(first, grid_from_post(first, posted(first, add="receipt")))
    assert plan.lines.filter(label="Nouvelle ligne").exists()

    typed = posted(second, **{f"amount-{second.lines.first().pk}-0": "9 999"})
    with pytest.raises(StaleEdit):
        save_grid(second, grid_from_post(second, typed))

    assert plan.lines.filter(label="Nouvelle ligne").exists(), "the first writer's line is kept"
    assert plan.lines.get(label="Ventes").amounts[0] == "3000.00", "nothing of the stale save"
    assert CashflowPlan.objects.get(pk=plan.pk).version == 2


def test_changes_since_lists_what_changed_meanwhile_with_its_stored_value():
    plan = CashflowPlanFactory()
    seen = snapshot(plan_values(plan))
    ventes = plan.lines.get(label="Ventes")
    ventes.amounts = ["3000.00", "4500.00", "2000.00"]
    ventes.save()
    plan.opening_balance = Decimal("250")
    plan.save()

    changes = changes_since(seen, plan_values(plan))

    assert changes == [
        ("Trésorerie de départ", "250\u00a0€"),
        ("Encaissement", "« Ventes » : 3\u202f000 / 4\u202f500 / 2\u202f000"),
    ]


def test_an_unreadable_snapshot_lists_every_stored_value_and_lines_removed_are_counted():
    values = {"name": ("Nom", "Théâtre rénové"), "sector": ("Secteur", "Culture")}
    assert changes_since("pas du JSON", values) == [
        ("Nom", "Théâtre rénové"),
        ("Secteur", "Culture"),
    ]
    seen = snapshot({**values, "line-7": ("Encaissement", "« Dons » : 10")})
    assert changes_since(seen, values) == [("Lignes retirées", "1")]


def test_conflict_says_who_and_when_in_french():
    editor = UserFactory(first_name="Léa", last_name="Martin")
    plan = CashflowPlanFactory()
    plan.updated_by = editor
    plan.save()
    message = Conflict(plan, []).message
    assert message.startswith("Ce plan a été modifié par Léa Martin le ")
    assert message.endswith("pendant que vous le modifiiez.")
    assert " à " in message and " h " in message


@pytest.fixture
def restore_shared_data(django_db_blocker):
    """A transactional test flushes the database, shared reference data included."""
    yield
    with django_db_blocker.unblock():
        load_shared_data()


@pytest.mark.django_db(transaction=True)
def test_two_writers_at_the_same_time_one_wins_the_other_is_refused(restore_shared_data):
    """Two requests saving the same version at once: the claim of the second waits for the
    first's transaction (PostgreSQL row lock) and then matches no row. SQLite's shared in-memory
    test database refuses the second write outright (table locked): refused as well."""
    plan = CashflowPlanFactory(structure=StructureFactory(commune=None))
    loaded, claimed = threading.Barrier(2), threading.Event()
    outcomes = {}

    def write(name, opening):
        try:
            copy = CashflowPlan.objects.get(pk=plan.pk)
            loaded.wait(5)  # both read version 1
            if name == "second":
                claimed.wait(5)
            with transaction.atomic():
                copy.opening_balance = Decimal(opening)
                copy.save()
                if name == "first":
                    claimed.set()
                    threading.Event().wait(0.5)  # still in the transaction: the row is held
            outcomes[name] = "saved"
        except StaleEdit:
            outcomes[name] = "refused"
        except OperationalError as error:
            assert connection.vendor == "sqlite" and "locked" in str(error)
            outcomes[name] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=write, args=("first", "111")),
        threading.Thread(target=write, args=("second", "222")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert outcomes == {"first": "saved", "second": "refused"}
    stored = CashflowPlan.objects.get(pk=plan.pk)
    assert (stored.opening_balance, stored.version) == (Decimal("111.00"), 2)


def test_form_values_show_a_stored_choice_the_form_no_longer_offers_by_its_label():
    """A funder's status field lacks "published": the stored status still reads « Publiée »."""

    class StatusForm(forms.ModelForm):
        class Meta:
            model = Aid
            fields = ["status", "amount_min_eur", "is_national"]

    form = StatusForm(
        instance=AidFactory(status=AidStatus.PUBLISHED, amount_min_eur=Decimal("12500"))
    )
    form.fields["status"].choices = [(AidStatus.DRAFT, AidStatus.DRAFT.label)]
    assert form_values(form) == {
        "status": ("Statut", "Publiée"),
        "amount_min_eur": ("Montant minimum (€)", "12\u202f500"),
        "is_national": ("Aide nationale", "Oui"),
    }


@pytest.mark.parametrize(
    ("path", "build"),
    [
        ("aids/aid", lambda: AidFactory(providers=[OrganizationFactory()])),
        ("structures/structure", lambda: StructureFactory()),
        ("cashflow/cashflowplan", lambda: CashflowPlanFactory(created_by=UserFactory())),
        (
            "diagnosis/diagnosis",
            lambda: DiagnosisFactory(created_by=UserFactory(), answers={"dispute": True}),
        ),
    ],
)
def test_admin_change_page_of_each_versioned_model_saves_and_moves_the_version(
    client, login, path, build
):
    obj = build()
    login(UserFactory(admin=True))
    url = f"/admin/{path}/{obj.pk}/change/"
    page = Page(client.get(url).content.decode())
    data = page.form_with(form_id=f"{path.split('/')[1]}_form").data()
    assert data["read_version"] == ["1"]
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(
        r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S
    )
    obj.refresh_from_db()
    assert (obj.version, obj.updated_by.is_staff) == (2, True)
