"""A structure's members (and the administrators) read who changed its data: a colleague by
name, a support organisation by its name, the platform's administrators as such; others get a
404. Money reads as money, fields by their French labels, newest first, page by page."""

import pytest
from django.urls import reverse

from aidess.cashflow.grid import grid_of, save_grid
from aidess.diagnosis.models import Diagnosis, SharingConsent
from aidess.history.context import Origin, recorded_as
from aidess.history.models import AuditEntry
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.structures.history import PAGE_SIZE
from tests.cashflow.helpers import example_plan
from tests.factories import OrganizationFactory, StructureFactory, UserFactory, partner
from tests.html import Page

pytestmark = pytest.mark.django_db


def history_url(structure):
    return reverse("structures:history", args=[structure.pk])


def history_text(client, structure, **query):
    response = client.get(history_url(structure), query)
    assert response.status_code == 200
    return Page(response.content.decode()).all_text


@pytest.fixture
def colleague():
    return UserFactory(first_name="Awa", last_name="Diallo", email="awa@jardins.example")


@pytest.fixture
def structure(colleague):
    return StructureFactory(member=colleague, name="Les Jardins partagés")


def test_a_member_reads_what_a_colleague_changed_on_the_profile(client, login, colleague):
    structure = StructureFactory(member=colleague, name="Les Jardins partagés")
    reader = UserFactory()
    structure.memberships.create(user=reader)
    url = reverse("structures:update", args=[structure.pk])
    login(colleague).post(
        url,
        {
            "action": "save",
            "name": "Les Jardins partagés",
            "sector": "environment",
            "commune": "Lille",
            "annual_budget_eur": "48000",
            "is_ess": "on",
            "version": structure.version,
        },
    )

    text = history_text(login(reader), structure)

    assert "Modification Structure « Les Jardins partagés »" in text
    assert "par Awa Diallo — depuis : Page (POST " + url + ")" in text
    assert "Budget annuel (€) : avant — → après 48\u202f000\xa0€" in text
    assert "Secteur : avant Culture → après Environnement" in text


def test_a_support_organisation_and_an_administrator_are_named_without_their_e_mail(
    client, login, structure, colleague
):
    advisor = partner(OrganizationKind.SUPPORT, ScopeLevel.DEPARTMENTAL, departments=["59"])
    organization = advisor.organization_memberships.get().organization
    organization.name = "DLA du Nord"
    organization.save()
    admin = UserFactory(admin=True, email="root@aidess.example")
    # No page lets a partner change a structure yet: its change comes as a future page would.
    with recorded_as(Origin.PAGE, "POST /orientation/", actor=advisor):
        structure.volunteers = 12
        structure.save()
    with recorded_as(Origin.ADMIN, "POST /admin/structures/structure/", actor=admin):
        structure.is_esus = True
        structure.save()

    text = history_text(login(colleague), structure)

    assert "par DLA du Nord — depuis : Page (POST /orientation/)" in text
    assert "Bénévoles : avant — → après 12" in text
    assert "par Administrateur AidESS — depuis : Administration" in text
    assert "Agrément ESUS : avant non → après oui" in text
    assert advisor.email not in text and admin.email not in text
    assert text.index("Agrément ESUS") < text.index("Bénévoles"), "newest first"


def test_plans_consents_and_situations_are_in_the_structure_history(
    client, login, structure, colleague
):
    plan = example_plan(structure)
    grid = grid_of(plan)
    grid.lines[0].amounts[1] = grid.lines[0].amounts[1] + 1250
    with recorded_as(Origin.PAGE, "POST /plan/", actor=colleague):
        save_grid(plan, grid)
        SharingConsent.grant(
            structure, OrganizationFactory(name="France Active Nord", kind="support"), colleague
        )
        structure.situations.create(situation="cash_shortage")

    text = history_text(login(colleague), structure)

    assert "Modification Ligne de trésorerie « Ventes »" in text
    assert "Montants mensuels, mois 2 : avant 4\u202f000\xa0€ → après 5\u202f250\xa0€" in text
    assert "Création Consentement de partage" in text
    assert "Organisme d'accompagnement : France Active Nord · Accordé par : Awa Diallo" in text
    assert "Création Situation déclarée" in text
    assert text.count("par Awa Diallo") == 1, "one request: one who, when and from where"
    assert text.index("Modification Ligne de trésorerie") < text.index("Création Consentement")


def test_the_history_is_paginated(client, login, structure, colleague):
    for number in range(PAGE_SIZE + 3):
        structure.volunteers = number
        structure.save()

    first = history_text(login(colleague), structure)
    second = history_text(client, structure, page=2)

    # and the creations of the structure and of its membership
    assert f"{PAGE_SIZE + 5} modifications enregistrées" in first
    assert f"après {PAGE_SIZE + 2}" in first and "Création Structure" not in first
    assert "Création Structure" in second


@pytest.mark.parametrize("who", ["advisor_of_its_territory", "stranger", "former_member"])
def test_the_history_is_not_found_by_who_is_not_a_member(client, login, structure, who):
    if who == "advisor_of_its_territory":  # reads the profile, not who changed it
        user = partner(OrganizationKind.SUPPORT, ScopeLevel.DEPARTMENTAL, departments=["59"])
        assert login(user).get(structure.get_absolute_url()).status_code == 200
    elif who == "former_member":
        user = UserFactory()
        structure.memberships.create(user=user, is_active=False)
    else:
        user = UserFactory()

    assert login(user).get(history_url(structure)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, structure):
    response = client.get(history_url(structure))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_administrators_read_any_structure_history_and_members_find_the_link(
    client, login, structure, colleague
):
    assert login(UserFactory(admin=True)).get(history_url(structure)).status_code == 200
    detail = login(colleague).get(structure.get_absolute_url()).content.decode()
    assert f'href="{history_url(structure)}"' in detail


def test_the_admin_history_button_shows_the_structure_entries_in_french(client, login, structure):
    structure.volunteers = 7
    structure.save()
    url = reverse("admin:structures_structure_history", args=[structure.pk])

    page = Page(login(UserFactory(admin=True)).get(url).content.decode()).all_text

    assert "Bénévoles : — → 7" in page
    assert AuditEntry.objects.filter(structure_id=structure.pk).count() >= 2


def test_the_admin_lists_every_entry_with_its_origin_in_french(client, login, structure):
    admin = login(UserFactory(admin=True))
    with recorded_as(Origin.COMMAND, "load_catalog"):
        structure.volunteers = 3
        structure.save()
    url = reverse("admin:history_auditentry_changelist")

    listing = Page(admin.get(url, {"origin": "command"}).content.decode()).all_text
    entry = AuditEntry.objects.filter(origin="command").latest("id")
    detail = admin.get(reverse("admin:history_auditentry_change", args=[entry.pk]))

    assert "Commande (load_catalog)" in listing and "Modification" in listing
    assert "Bénévoles : — → 3" in Page(detail.content.decode()).all_text


def test_a_self_diagnosis_reads_as_its_questions_and_declares_situations(
    client, login, structure, colleague
):
    client = login(colleague)
    client.post(reverse("diagnosis:start", args=[structure.pk]))
    diagnosis = structure.diagnoses.get()
    steps = [
        {"activity_status": "stopped", "activity_since": "2026-10-05"},
        {"resources_lost_eur": "12000", "funders_lost": ["region"], "funding_cut": "no",
         "dispute": "no"},
        {"cash_in_hand_eur": "4000", "months_covered": "0.5"},
        {"partial_activity": "no", "layoffs_considered": "no", "board_mobilised": "yes",
         "volunteers_lost": "no"},
        {"support_received": ["dla"]},
    ]  # fmt: skip
    for number, data in enumerate(steps, start=1):
        url = reverse("diagnosis:step", args=[structure.pk, diagnosis.pk, number])
        version = Diagnosis.objects.get(pk=diagnosis.pk).version  # as the step's page carries it
        assert client.post(url, {**data, "action": "next", "version": version}).status_code == 302

    text = history_text(client, structure)

    assert "Où en est votre activité ? : avant — → après Arrêtée" in text
    assert "Ressources perdues sur l'année (€) : avant — → après 12\u202f000\xa0€" in text
    assert "Création Situation déclarée « Activité arrêtée »" in text


def test_a_page_of_history_reads_the_records_it_names_at_once(
    client, login, structure, colleague, django_assert_max_num_queries
):
    """Twenty sharing consents with twenty organisations: not one query per organisation."""
    for number in range(PAGE_SIZE):
        organization = OrganizationFactory(name=f"Accompagnement {number}", kind="support")
        SharingConsent.grant(structure, organization, colleague)
    client = login(colleague)

    with django_assert_max_num_queries(12):
        text = history_text(client, structure)

    assert "Organisme d'accompagnement : Accompagnement 19" in text
