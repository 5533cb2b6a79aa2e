"""Ten days after its request closed, the structure is asked once whether it was helped: one
click gives a score from 1 to 5, then a page, without an account, takes a comment."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from aidess.history.models import AuditEntry
from aidess.orientation.models import HelpRequest
from aidess.orientation.relaunch import ask_satisfaction
from tests.html import Page
from tests.orientation.relaunch_factories import (
    CONTACT,
    at,
    close,
    committed,
    help_request,
    network,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_request():
    request = help_request([network().dla], confirmed_at=at(2026, 11, 2))
    return close(request, at(2026, 11, 20, 16))


def page_of(token, score=None):
    path = f"/accompagnement/satisfaction/{token}/"
    return f"{path}{score}/" if score is not None else path


def history_of(request):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(HelpRequest),
        object_id=request.pk,
        action=AuditEntry.Action.UPDATE,
    )


def test_the_contact_is_asked_ten_days_after_closing_and_only_once(closed_request):
    assert committed(ask_satisfaction, date(2026, 11, 29)) == {}
    sent = committed(ask_satisfaction, date(2026, 11, 30))

    assert set(sent) == {CONTACT}
    message = sent[CONTACT][0]
    assert message.subject == "AidESS — Avez-vous été aidé ? Votre avis en un clic"
    token = closed_request.satisfaction_token
    for score in range(1, 6):
        assert f"{score}/5 : http://127.0.0.1:8000{page_of(token, score)}" in message.body
    closed_request.refresh_from_db()
    assert closed_request.satisfaction_asked_at is not None
    assert committed(ask_satisfaction, date(2026, 11, 30)) == {}
    assert committed(ask_satisfaction, date(2026, 12, 1)) == {}


def test_open_requests_and_those_closed_long_ago_are_not_asked(closed_request):
    dla = closed_request.recipients.get().organization
    help_request([dla], confirmed_at=at(2026, 11, 2))  # still waiting

    assert committed(ask_satisfaction, date(2027, 3, 1)) == {}  # three months on: too late
    assert not HelpRequest.objects.filter(satisfaction_asked_at__isnull=False).exists()
    assert set(committed(ask_satisfaction, date(2026, 12, 20))) == {CONTACT}  # within the month


def test_one_click_records_the_score_and_following_it_again_changes_nothing(client, closed_request):
    token = closed_request.satisfaction_token
    response = client.get(page_of(token, 4))
    assert response.status_code == 302 and response["Location"] == page_of(token)
    closed_request.refresh_from_db()
    assert closed_request.satisfaction_score == 4
    recorded = history_of(closed_request).count()

    assert client.get(page_of(token, 4)).status_code == 302
    assert history_of(closed_request).count() == recorded

    page = Page(client.get(page_of(token)).content.decode())
    assert "Merci : votre note de 4 / 5 est enregistrée." in page.all_text
    form = page.own_form()
    assert form.value("score") == ["4"]


def test_the_page_takes_a_comment_and_whether_they_were_helped(client, closed_request):
    token = closed_request.satisfaction_token
    client.get(page_of(token, 2))
    comment = "Un premier rendez-vous utile, mais pas de suite depuis."

    response = client.post(page_of(token), {"score": "3", "helped": "non", "comment": comment})

    assert response.status_code == 302
    closed_request.refresh_from_db()
    assert (closed_request.satisfaction_score, closed_request.helped) == (3, False)
    assert closed_request.satisfaction_comment == comment
    page = Page(client.get(response["Location"]).content.decode())
    assert "Merci : votre réponse est enregistrée." in page.all_text
    assert page.own_form().value("helped") == ["non"]


@pytest.mark.parametrize("score", ["0", "6", "cinq", "-1"])
def test_a_score_out_of_1_to_5_is_refused_in_french(client, closed_request, score):
    response = client.get(page_of(closed_request.satisfaction_token, score))

    assert response.status_code == 400
    assert "La note doit être un nombre entier de 1 à 5" in Page(response.content.decode()).all_text
    closed_request.refresh_from_db()
    assert closed_request.satisfaction_score is None


def test_a_form_with_a_bad_score_or_an_overlong_comment_is_refused(client, closed_request):
    token = closed_request.satisfaction_token

    response = client.post(page_of(token), {"score": "9", "comment": "Bien."})
    assert response.status_code == 400
    assert "La note doit être un nombre entier de 1 à 5" in Page(response.content.decode()).all_text

    response = client.post(page_of(token), {"score": "5", "comment": "x" * 2001})
    assert response.status_code == 400
    assert (
        "Le commentaire fait plus de 2 000 caractères" in Page(response.content.decode()).all_text
    )
    closed_request.refresh_from_db()
    assert closed_request.satisfaction_score is None


def test_an_unknown_link_is_not_found_and_an_open_request_cannot_be_rated(client):
    assert client.get(page_of("inconnu", 3)).status_code == 404
    assert client.get(page_of("inconnu")).status_code == 404

    open_request = help_request([network().dla], confirmed_at=at(2026, 11, 2))
    response = client.get(page_of(open_request.satisfaction_token, 5))
    assert response.status_code == 409
    assert "Cette demande n'est pas encore clôturée" in Page(response.content.decode()).all_text
    open_request.refresh_from_db()
    assert open_request.satisfaction_score is None
