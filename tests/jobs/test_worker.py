"""E-mails leave through the queue and the worker of `python3 tasks.py run` sends them, with the
queue in a SQLite file (the default) and on Redis (REDIS_URL): the same code on both."""

import re

import pytest
from django.urls import reverse
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage

from aidess.core.tasks import send_email
from tests.factories import UserFactory
from tests.jobs.conftest import load_tasks_py, sent_messages

pytestmark = pytest.mark.django_db

run_command = load_tasks_py()


def test_an_email_queued_is_sent_by_the_worker_of_the_run_command(queue, outbox):
    send_email("Votre demande", "Bonjour Camille,\nÀ bientôt.", ["camille@exemple.fr"])
    assert list(outbox.iterdir()) == [], "queued, not sent by the page"
    assert queue.queue_size() == 1

    with run_command.worker() as worker:
        [message] = sent_messages(outbox)

    assert worker.returncode is not None, "the worker stops with the server"
    assert message["To"] == "camille@exemple.fr"
    assert message["Subject"] == "Votre demande"
    assert message.get_content().strip() == "Bonjour Camille,\nÀ bientôt."
    assert queue.queue_size() == 0


def test_password_reset_email_comes_from_the_worker_with_a_working_link(client, queue, outbox):
    UserFactory(email="camille@exemple.fr")
    response = client.post(reverse("accounts:password_reset"), {"email": "camille@exemple.fr"})
    assert response.url == reverse("accounts:password_reset_done")

    with run_command.worker():
        [message] = sent_messages(outbox)

    assert message["To"] == "camille@exemple.fr"
    link = re.search(r"http://testserver(/compte/mot-de-passe/nouveau/\S+/)", message.get_content())
    assert link, message.get_content()
    form_page = client.get(link[1], follow=True)
    assert 'name="new_password1"' in form_page.content.decode()


def test_an_unreachable_queue_shows_the_same_page_not_an_error(client, monkeypatch):
    """An error page only for existing accounts would tell who has one."""
    monkeypatch.setattr(HUEY, "_immediate", False)
    monkeypatch.setattr(HUEY, "storage", RedisStorage("aidess", url="redis://127.0.0.1:9/5"))
    UserFactory(email="camille@exemple.fr")

    response = client.post(reverse("accounts:password_reset"), {"email": "camille@exemple.fr"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
