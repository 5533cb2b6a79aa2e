"""The self-diagnosis questionnaire: five short steps, each saved; the result; the profile follows."""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse

from aidess.aids.models import Aid
from aidess.diagnosis.models import Diagnosis
from aidess.structures.models import StructureSituation
from tests.factories import StructureFactory, UserFactory
from tests.html import Page, squash

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
ANSWERS = {
    1: {"activity_status": "reduced", "activity_since": "2025-11-03"},
    2: {
        "resources_lost_eur": "12000",
        "funders_lost": ["region", "sales"],
        "funding_cut": "yes",
        "funding_cut_funder": "Région Hauts-de-France",
        "funding_cut_eur": "8000",
        "funding_cut_announced_on": "2026-01-10",
        "late_payments_eur": "",
        "late_payments_days": "",
        "dispute": "yes",
    },
    3: {"cash_in_hand_eur": "4000", "months_covered": "0.5"},
    4: {"partial_activity": "yes", "layoffs_considered": "no", "board_mobilised": "yes", "volunteers_lost": "no"},
    5: {"support_received": ["dla"], "support_notes": "Accompagnés par le DLA du Nord."},
}  # fmt: skip


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def structure(member):
    return StructureFactory(member=member, name="Les Jardins partagés")


@pytest.fixture
def signed_in(client, login, member):
    return login(member)


def start(client, structure):
    response = client.post(reverse("diagnosis:start", args=[structure.pk]))
    diagnosis = structure.diagnoses.first()
    assert response.url == step_url(diagnosis, 1)
    return diagnosis


def step_url(diagnosis, number):
    return reverse("diagnosis:step", args=[diagnosis.structure_id, diagnosis.pk, number])


def answer(client, diagnosis, number, data=None, action="next"):
    data = ANSWERS[number] if data is None else data
    return client.post(step_url(diagnosis, number), {**data, "action": action})


def answer_all(client, structure, answers=ANSWERS):
    diagnosis = start(client, structure)
    for number in range(1, 6):
        response = answer(client, diagnosis, number, answers[number])
        assert response.status_code == 302, (number, response.content.decode()[-3000:])
    diagnosis.refresh_from_db()
    return diagnosis, response


def step_form(client, diagnosis, number):
    response = client.get(step_url(diagnosis, number))
    assert response.status_code == 200
    return Page(response.content.decode()).form_with(form_id=None, field_name="action")


def verdict(client, structure, slug):
    """Where the aid stands on the structure's "Mes aides" page."""
    response = client.get(reverse("eligibility:structure_aids", args=[structure.pk]))
    name = Aid.objects.get(slug=slug).name
    text = Page(response.content.decode()).all_text
    for group in ("eligible", "to_confirm", "near_misses"):
        if slug in [result.aid.slug for result in response.context[group]]:
            assert name in text
            return group
    return "ineligible"


# Steps are saved one by one


def test_each_step_is_saved_and_prefilled_when_coming_back(client, signed_in, structure):
    diagnosis = start(client, structure)
    assert answer(client, diagnosis, 1).url == step_url(diagnosis, 2)
    assert answer(client, diagnosis, 2).url == step_url(diagnosis, 3)
    # The person leaves here, and comes back later.

    diagnosis.refresh_from_db()
    assert diagnosis.step == 2
    assert diagnosis.completed_at is None
    assert diagnosis.answers["resources_lost_eur"] == "12000"
    assert diagnosis.answers["funding_cut"] is True
    assert diagnosis.answers["funders_lost"] == ["region", "sales"]
    assert diagnosis.answers["activity_since"] == "2025-11-03"

    history = Page(client.get(reverse("diagnosis:history", args=[structure.pk])).content.decode())
    assert "En cours (étape 2 / 5)" in history.all_text
    assert f'href="{step_url(diagnosis, 3)}"' in history.html, (
        "a link to take it up where it stopped"
    )

    first = step_form(client, diagnosis, 1)
    assert first.value("activity_status") == ["reduced"]
    assert first.value("activity_since") == "2025-11-03"
    second = step_form(client, diagnosis, 2)
    assert second.value("resources_lost_eur") == "12000"
    assert second.value("funders_lost") == ["region", "sales"]
    assert second.value("funding_cut") == "yes"
    assert second.value("funding_cut_funder") == "Région Hauts-de-France"
    assert second.value("dispute") == "yes"
    assert second.value("funding_cut_announced_on") == "2026-01-10"
    third = step_form(client, diagnosis, 3)
    assert third.value("months_covered") == ""
    structure.refresh_from_db()
    assert structure.situations_declared_at is None, "nothing declared before the end"


def test_previous_step_button_saves_then_goes_back(client, signed_in, structure):
    diagnosis = start(client, structure)
    answer(client, diagnosis, 1)
    response = answer(client, diagnosis, 2, {"dispute": "yes"}, action="previous")
    assert response.url == step_url(diagnosis, 1)
    diagnosis.refresh_from_db()
    assert diagnosis.answers["dispute"] is True


def test_changing_an_answer_replaces_it(client, signed_in, structure):
    diagnosis = start(client, structure)
    answer(client, diagnosis, 1)
    answer(client, diagnosis, 1, {"activity_status": "stopped"})
    diagnosis.refresh_from_db()
    assert diagnosis.answers["activity_status"] == "stopped"
    assert diagnosis.answers["activity_since"] is None
    assert step_form(client, diagnosis, 1).value("activity_status") == ["stopped"]


# Bad input: French messages next to the fields, nothing lost


def field_error(page, form, name):
    (field,) = [f for f in form.fields if f["name"] == name]
    assert field["describedby"], f"{name} points to no message"
    return page.text(field["describedby"])


def test_negative_amounts_are_refused_next_to_the_field_and_nothing_is_lost(
    client, signed_in, structure
):
    diagnosis = start(client, structure)
    answer(client, diagnosis, 1)
    typed = {**ANSWERS[2], "resources_lost_eur": "-500", "late_payments_days": "-3"}

    response = answer(client, diagnosis, 2, typed)

    assert response.status_code == 200
    page = Page(response.content.decode())
    form = page.form_with(field_name="resources_lost_eur")
    assert (
        field_error(page, form, "resources_lost_eur")
        == "Assurez-vous que cette valeur est supérieure ou égale à 0."
    )
    assert (
        field_error(page, form, "late_payments_days")
        == "Assurez-vous que cette valeur est supérieure ou égale à 0."
    )
    assert form.value("resources_lost_eur") == "-500", "what was typed is shown again"
    assert form.value("funding_cut_funder") == "Région Hauts-de-France"
    assert form.value("funders_lost") == ["region", "sales"]
    diagnosis.refresh_from_db()
    assert diagnosis.step == 1
    assert diagnosis.answers == {"activity_status": "reduced", "activity_since": "2025-11-03"}


@pytest.mark.parametrize(
    ("months", "message"),
    [
        ("-1", "Assurez-vous que cette valeur est supérieure ou égale à 0."),
        ("abc", "Saisissez un nombre."),
        ("1.25", "Assurez-vous qu'il n'y a pas plus de 1 chiffre après la virgule."),
    ],
)
def test_months_covered_must_be_a_positive_number(client, signed_in, structure, months, message):
    diagnosis = start(client, structure)
    answer(client, diagnosis, 1)
    answer(client, diagnosis, 2)
    response = answer(client, diagnosis, 3, {"cash_in_hand_eur": "4000", "months_covered": months})

    page = Page(response.content.decode())
    form = page.form_with(field_name="months_covered")
    assert field_error(page, form, "months_covered") == message
    assert form.value("cash_in_hand_eur") == "4000"
    diagnosis.refresh_from_db()
    assert "months_covered" not in diagnosis.answers
    assert diagnosis.answers["resources_lost_eur"] == "12000"


def test_activity_status_is_required(client, signed_in, structure):
    diagnosis = start(client, structure)
    response = answer(client, diagnosis, 1, {"activity_since": "2025-11-03"})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in Page(response.content.decode()).all_text
    diagnosis.refresh_from_db()
    assert diagnosis.answers == {}


@pytest.mark.parametrize("number", [0, 6])
def test_there_are_five_steps(client, signed_in, structure, number):
    diagnosis = start(client, structure)
    assert client.get(step_url(diagnosis, number)).status_code == 404


@pytest.mark.parametrize(
    ("number", "heading", "next_step"),
    [
        (1, "Étape 1 sur 5 Votre activité", "Étape suivante\xa0: Vos ressources"),
        (
            4,
            "Étape 4 sur 5 Équipe, gouvernance et bénévoles",
            "Étape suivante\xa0: Accompagnement déjà reçu",
        ),
        (5, "Étape 5 sur 5 Accompagnement déjà reçu", None),
    ],
)
def test_the_stepper_says_where_the_person_is_and_what_comes_next(
    client, signed_in, structure, number, heading, next_step
):
    """DSFR's stepper, drawn by django-dsfr: the step's title is the page's heading."""
    html = client.get(step_url(start(client, structure), number)).content.decode()
    page = Page(html)
    assert html.count("<h1") == 1
    (stepper,) = re.findall(r'<div class="fr-stepper">.*?</div>\s*</div>', html, re.DOTALL)
    assert (
        squash(re.sub(r"<[^>]+>", " ", re.search(r"<h1.*?</h1>", stepper, re.DOTALL)[0])) == heading
    )
    assert f'data-fr-current-step="{number}"' in stepper and 'data-fr-steps="5"' in stepper
    if next_step:
        assert next_step in page.all_text
    else:
        assert "Étape suivante" not in page.all_text


# The result, and the profile it declares


def test_result_shows_level_reasons_needs_and_situations(client, signed_in, structure):
    diagnosis, response = answer_all(client, structure)
    assert response.url == reverse("diagnosis:result", args=[structure.pk, diagnosis.pk])

    page = Page(client.get(response.url).content.decode())
    text = page.all_text
    assert "Autodiagnostic terminé : vos aides sont mises à jour." in text
    assert "Situation critique" in text
    for reason in (
        "Votre activité est réduite.",
        "Vous avez perdu 12\u202f000 € de ressources.",
        "Région Hauts-de-France a annoncé une baisse de financement de 8\u202f000 €.",
        "Un différend vous oppose à un client ou à un financeur.",
        "Votre trésorerie couvre moins d'un mois de dépenses.",
        "Une partie de l'équipe est en activité partielle.",
    ):
        assert reason in text
    for need in (
        "Stratégie : revoir le modèle économique",
        "Financement : remplacer les ressources perdues",
        "Médiation : régler un différend ou un retard de paiement",
        "Trésorerie : passer les prochains mois",
        "Ressources humaines : préserver les emplois",
    ):
        assert need in text
    for situation in (
        "Activité réduite",
        "Baisse des ressources",
        "Baisse ou perte d'un financement public",
        "Différend avec un client ou un financeur",
        "Manque de trésorerie",
    ):
        assert situation in text
    assert reverse("eligibility:structure_aids", args=[structure.pk]) in page.html


def test_completing_declares_the_situations_on_the_profile(client, signed_in, structure):
    diagnosis, _ = answer_all(client, structure)

    diagnosis.refresh_from_db()
    structure.refresh_from_db()
    assert diagnosis.completed_at is not None
    assert structure.situations_declared_at == diagnosis.completed_at
    assert sorted(structure.situations.values_list("situation", flat=True)) == [
        "activity_reduced",
        "cash_shortfall",
        "dispute",
        "public_funding_cut",
        "revenue_loss",
    ]


def test_declaring_a_dispute_makes_the_mediator_eligible_at_once(client, signed_in, structure):
    assert verdict(client, structure, "mediateur-des-entreprises") == "to_confirm"

    answers = {**ANSWERS, 2: {**ANSWERS[2], "funding_cut": "no", "resources_lost_eur": ""}}
    answer_all(client, structure, answers)
    assert verdict(client, structure, "mediateur-des-entreprises") == "eligible"

    # The next diagnosis declares no dispute: the mediator is no longer for this structure.
    answers = {**ANSWERS, 2: {"dispute": "no"}, 3: {"months_covered": "8"}}
    answer_all(client, structure, answers)
    assert sorted(structure.situations.values_list("situation", flat=True)) == ["activity_reduced"]
    assert verdict(client, structure, "mediateur-des-entreprises") not in ("eligible", "to_confirm")


def test_declaring_nothing_is_a_declaration_too(client, signed_in, structure):
    nothing = {1: {"activity_status": "normal"}, 2: {}, 3: {}, 4: {}, 5: {}}
    diagnosis, response = answer_all(client, structure, nothing)
    structure.refresh_from_db()
    assert structure.situations_declared_at is not None
    assert not StructureSituation.objects.filter(structure=structure).exists()
    text = Page(client.get(response.url).content.decode()).all_text
    assert "Situation maîtrisée" in text
    assert "Aucune difficulté particulière n'est déclarée." in text
    assert "Aucun besoin particulier." in text


# History and the next diagnosis


def test_a_new_diagnosis_starts_from_the_previous_answers(client, signed_in, structure):
    previous, _ = answer_all(client, structure)
    history = client.get(reverse("diagnosis:history", args=[structure.pk])).content.decode()
    assert "Faire un nouvel autodiagnostic (prérempli)" in history

    current = start(client, structure)
    assert current.pk != previous.pk
    assert current.answers == previous.answers
    form = step_form(client, current, 2)
    assert form.value("funding_cut_funder") == "Région Hauts-de-France"
    assert form.value("funders_lost") == ["region", "sales"]
    assert step_form(client, current, 3).value("months_covered") == "0.5"

    answer(client, current, 3, {"cash_in_hand_eur": "30000", "months_covered": "6"})
    previous.refresh_from_db()
    assert previous.answers["months_covered"] == "0.5", "the earlier diagnosis is kept as it was"


def test_history_lists_dated_diagnoses_newest_first(client, signed_in, structure):
    older, _ = answer_all(client, structure)
    newer, _ = answer_all(client, structure, {**ANSWERS, 3: {"months_covered": "2"}})
    unfinished = start(client, structure)
    answer(client, unfinished, 1)
    for diagnosis, day in ((older, datetime.datetime(2026, 1, 15, 10, tzinfo=PARIS)), (newer, datetime.datetime(2026, 3, 3, 10, tzinfo=PARIS)), (unfinished, datetime.datetime(2026, 4, 1, 10, tzinfo=PARIS))):  # fmt: skip
        Diagnosis.objects.filter(pk=diagnosis.pk).update(created_at=day)

    page = Page(client.get(reverse("diagnosis:history", args=[structure.pk])).content.decode())

    text = page.all_text
    rows = text.split("Date État Niveau")[1]
    assert (
        rows.index("1 avril 2026 En cours (étape 1 / 5)")
        < rows.index("3 mars 2026 Terminé Situation difficile")
        < rows.index("15 janvier 2026 Terminé Situation critique")
    )
    assert reverse("diagnosis:result", args=[structure.pk, older.pk]) in page.html
    assert reverse("diagnosis:result", args=[structure.pk, newer.pk]) in page.html


def test_history_invites_to_a_first_diagnosis(client, signed_in, structure):
    text = Page(
        client.get(reverse("diagnosis:history", args=[structure.pk])).content.decode()
    ).all_text
    assert "Aucun autodiagnostic pour le moment." in text
    assert "Commencer l'autodiagnostic" in text


def test_a_date_in_year_9999_is_refused_next_to_the_field(client, signed_in, structure):
    diagnosis = start(client, structure)
    answer(client, diagnosis, 1)
    typed = {**ANSWERS[2], "funding_cut_announced_on": "9999-01-10"}

    response = answer(client, diagnosis, 2, typed)

    page = Page(response.content.decode())
    form = page.form_with(field_name="funding_cut_announced_on")
    assert (
        field_error(page, form, "funding_cut_announced_on")
        == "L'année doit être comprise entre 2000 et 2100."
    )
    assert form.value("funding_cut_announced_on") == "9999-01-10"
    diagnosis.refresh_from_db()
    assert "funding_cut_announced_on" not in diagnosis.answers
