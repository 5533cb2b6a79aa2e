"""From an aid page's "Vérifier mon éligibilité": the simulation answers for that aid first."""

import re

import pytest

from tests.aids.helpers import make_aid, text_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AUBUSSON = {"legal_form": "association", "commune": "Aubusson (23008)", "ess": "yes"}


def checked_box(html):
    found = re.search(r'<div class="fr-callout[^"]*" id="checked-aid">(.*?)</div>', html, re.S)
    return text_of(found[1]) if found else ""


def test_coming_from_an_aid_the_questions_come_first_and_remember_the_aid(client):
    html = client.get("/simulation/", {"aid": "dla"}).content.decode()
    text = text_of(html)
    assert "Vous vérifiez votre éligibilité à Dispositif local d'accompagnement (DLA)" in text
    assert "Résultats de la simulation" not in text
    assert 'type="hidden" name="aid" value="dla"' in html


def test_the_aids_verdict_comes_before_the_lists(client):
    response = client.get("/simulation/", {**AUBUSSON, "employees_fte": "2", "aid": "dla"})
    html = response.content.decode()
    box = checked_box(html)
    assert box.startswith("Dispositif local d'accompagnement (DLA) : votre structure est éligible")
    assert "Votre structure est employeuse." in box
    assert html.index('id="checked-aid"') < html.index("Aides auxquelles votre structure")


def test_a_verdict_to_confirm_and_one_refused(client):
    to_confirm = client.get("/simulation/", {**AUBUSSON, "aid": "dla"}).content.decode()
    assert "DLA) : éligibilité à confirmer" in checked_box(to_confirm)
    assert "indiquez vos salariés (ETP)" in checked_box(to_confirm)
    lille = {**AUBUSSON, "commune": "Lille (59350)", "employees_fte": "2"}
    refused = client.get("/simulation/", {**lille, "aid": "dreets-paca-aci"}).content.decode()
    assert ": votre structure n'est pas éligible" in checked_box(refused)


def test_a_closed_aid_is_judged_and_said_closed(client):
    box = checked_box(client.get("/simulation/", {**AUBUSSON, "aid": "dsess"}).content.decode())
    assert "Cette aide est clôturée." in box


def test_an_unknown_or_hidden_aid_is_said_so_and_the_simulation_still_runs(client):
    make_aid("Aide en brouillon", slug="aide-en-brouillon", status="draft")
    for slug in ["aide-qui-n-existe-pas", "aide-en-brouillon", "pas un identifiant !"]:
        response = client.get("/simulation/", {**AUBUSSON, "aid": slug})
        assert response.status_code == 200
        text = text_of(response.content.decode())
        assert "L'aide demandée est introuvable : la simulation porte sur toutes les aides." in text
        assert "Aides auxquelles votre structure est éligible" in text
        assert "Aide en brouillon" not in text


def test_the_results_heading_takes_the_focus(client):
    html = client.get("/simulation/", AUBUSSON).content.decode()
    heading = re.search(r"<h2 [^>]*>Résultats de la simulation</h2>", html)[0]
    assert 'tabindex="-1"' in heading and "autofocus" in heading
    assert "autofocus" not in client.get("/simulation/").content.decode()


def test_signed_in_the_simulation_for_an_aid_works_the_same(client, login):
    login(UserFactory())
    html = client.get("/simulation/", {**AUBUSSON, "employees_fte": "2", "aid": "dla"}).content
    assert "votre structure est éligible" in checked_box(html.decode())
