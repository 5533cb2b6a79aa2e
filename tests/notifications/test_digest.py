"""The instructors' daily digest: one e-mail listing the files with news since the previous one
(new applications, answered corrections, applicants' messages, files assigned to them), nothing
when nothing is new, never twice a day, and each instructor can turn it off in one click."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.enums import MessageAuthor
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import Application, Message
from aidess.history.context import Origin, recorded_as
from aidess.notifications.digest import send_digests
from aidess.notifications.models import NotificationPreference
from aidess.notifications.tasks import send_digests_daily
from aidess.organizations.enums import ScopeLevel
from tests.factories import ApplicationFactory, UserFactory, applicant, instructor
from tests.notifications.factories import application_with_people

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)


def digests():
    return {message.to[0]: message for message in mail.outbox}


def test_one_email_lists_each_file_with_its_news_then_nothing_until_something_new():
    application, chair, _, agent = application_with_people(
        status=S.CORRECTION, project_title="Tiers-lieu de Fives"
    )
    fresh = ApplicationFactory(aid=application.aid, project_title="Épicerie solidaire")
    quiet = ApplicationFactory(
        aid=application.aid,
        project_title="Dossier sans nouvelle",
        submitted_at=timezone.now() - datetime.timedelta(days=3),
    )
    Application.objects.filter(pk=application.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=5)
    )
    APPLICATION_LIFECYCLE.apply(application, "answer_correction", chair, "RIB joint.")
    Message.objects.create(
        application=application, author=chair, side=MessageAuthor.APPLICANT, body="Merci !"
    )
    Message.objects.create(
        application=application, author=chair, side=MessageAuthor.APPLICANT, body="Autre"
    )
    Message.objects.create(
        application=quiet, author=agent, side=MessageAuthor.INSTRUCTOR, body="Bien reçu"
    )
    head = UserFactory(first_name="Cheffe")
    with recorded_as(Origin.PAGE, actor=head):
        fresh.assigned_to = agent
        fresh.save()
    mail.outbox.clear()

    assert send_digests(TODAY) == 1
    message = digests()[agent.email]
    assert message.subject == "AidESS — 2 dossiers ont du nouveau"
    body = message.body
    assert "Tiers-lieu de Fives" in body and "Épicerie solidaire" in body
    assert "Dossier sans nouvelle" not in body  # an instructor's own message is no news
    assert "correction apportée par le demandeur ; 2 nouveaux messages" in body
    assert "nouvelle demande déposée ; dossier qui vous est confié" in body
    assert chair.email not in digests()

    mail.outbox.clear()
    assert send_digests(TODAY) == 0  # run again the same day: nothing twice
    assert send_digests(TODAY + datetime.timedelta(days=1)) == 0  # nothing new: no e-mail
    assert mail.outbox == []

    Message.objects.create(
        application=quiet, author=chair, side=MessageAuthor.APPLICANT, body="Une question"
    )
    assert send_digests(TODAY + datetime.timedelta(days=2)) == 1
    assert "Dossier sans nouvelle" in mail.outbox[0].body
    assert "Tiers-lieu de Fives" not in mail.outbox[0].body


def test_a_file_one_assigns_to_oneself_is_no_news():
    application = ApplicationFactory(submitted_at=timezone.now() - datetime.timedelta(days=4))
    agent = instructor(application)
    with recorded_as(Origin.PAGE, actor=agent):
        application.assigned_to = agent
        application.save()
    send_digests(TODAY)
    assert mail.outbox == []


def test_an_instructor_hears_only_of_files_within_its_territory():
    application = ApplicationFactory()  # Lille, Hauts-de-France
    far = instructor(application, scope=ScopeLevel.REGIONAL, regions=["84"])
    near = instructor(application, scope=ScopeLevel.DEPARTMENTAL, departments=["59"])
    send_digests(TODAY)
    assert set(digests()) == {near.email}
    assert far.email not in digests()


def test_the_daily_job_runs_for_today():
    application = ApplicationFactory()
    agent = instructor(application)
    send_digests_daily.call_local()
    assert list(digests()) == [agent.email]
    assert NotificationPreference.of(agent).last_digest_on == timezone.localdate()


def test_unsubscribe_in_one_click_from_the_email_without_signing_in(client):
    application = ApplicationFactory()
    agent = instructor(application)
    send_digests(TODAY)
    link = re.search(
        r"http://127\.0\.0\.1:8000(/notifications/desabonnement/\S+/)", mail.outbox[0].body
    )
    page = client.get(link.group(1))
    assert "Ne plus recevoir le récapitulatif" in page.content.decode()
    assert NotificationPreference.of(agent).daily_digest  # opening the link changes nothing

    done = client.post(link.group(1))
    assert "ne recevra plus le récapitulatif" in done.content.decode()
    assert not NotificationPreference.of(agent).daily_digest

    mail.outbox.clear()
    ApplicationFactory(aid=application.aid)
    assert send_digests(TODAY + datetime.timedelta(days=1)) == 0
    assert mail.outbox == []


def test_an_altered_unsubscribe_link_is_refused(client):
    application = ApplicationFactory()
    agent = instructor(application)
    send_digests(TODAY)
    link = re.search(r"(/notifications/desabonnement/\S+)/", mail.outbox[0].body).group(1)
    assert client.post(link[:-3] + "abc/").status_code == 404
    assert client.post("/notifications/desabonnement/1/").status_code == 404
    assert NotificationPreference.of(agent).daily_digest


def test_preferences_are_ones_own(client, login):
    application = ApplicationFactory()
    agent = instructor(application)
    other = instructor(application)
    login(agent)
    page = client.get("/notifications/preferences/")
    assert "Recevoir le récapitulatif quotidien de mes dossiers" in page.content.decode()
    answer = client.post("/notifications/preferences/", {}, follow=True)
    assert "vous ne recevrez plus le récapitulatif" in answer.content.decode()
    assert not NotificationPreference.of(agent).daily_digest
    assert NotificationPreference.of(other).daily_digest
    send_digests(TODAY)
    assert list(digests()) == [other.email]

    client.post("/notifications/preferences/", {"daily_digest": "on"})
    assert NotificationPreference.of(agent).daily_digest


def test_preferences_need_an_account(client):
    answer = client.get("/notifications/preferences/")
    assert answer.status_code == 302 and "/compte/connexion/" in answer["Location"]


def test_the_dashboard_leads_to_the_preferences(client, login):
    member = applicant(ApplicationFactory())
    login(member)
    page = client.get("/tableau-de-bord/").content.decode()
    assert 'href="/notifications/preferences/"' in page
    assert "/notifications/webhooks/" not in page
