"""Bodies larger than any page takes are refused from their declared length, before being read:
through the test client, and on a real HTTP server that is sent a few KB of an announced 500 MB."""

import socket
import threading

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.urls import reverse

from tests.aids.helpers import text_of
from tests.factories import StructureFactory, UserFactory

MB = 1024 * 1024
BOUNDARY = "----aidess-test-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def multipart_file(size):
    """A form with one file field of `size` bytes, as a browser sends it."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="plan.xlsx"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + b"P" * size + f"\r\n--{BOUNDARY}--\r\n".encode()


@pytest.mark.django_db
def test_an_upload_over_6_mb_gets_a_french_413_and_nothing_is_read(client, login, settings):
    member = UserFactory()
    structure = StructureFactory(member=member)
    login(member)

    response = client.post(
        reverse("cashflow:import", args=[structure.pk]),
        multipart_file(7 * MB),
        content_type=MULTIPART,
    )

    assert response.status_code == 413
    page = text_of(response.content.decode())
    assert "Envoi trop volumineux : 6 Mo au plus. Rien n'a été lu ni enregistré." in page


@pytest.mark.django_db
def test_an_upload_under_the_page_limit_but_over_the_form_limit_is_explained_by_the_field(
    client, login
):
    member = UserFactory()
    structure = StructureFactory(member=member)
    login(member)

    response = client.post(
        reverse("cashflow:import", args=[structure.pk]),
        multipart_file(3 * MB),
        content_type=MULTIPART,
    )

    assert response.status_code == 400
    assert "Le fichier dépasse 2 Mo." in text_of(response.content.decode())


def test_a_form_body_over_1_mb_gets_a_french_413(client):
    response = client.post(
        reverse("accounts:login"),
        "username=" + "a" * (2 * MB),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 413
    assert "Envoi trop volumineux : 1 Mo au plus." in text_of(response.content.decode())


def test_an_api_body_over_1_mb_gets_a_french_json_413(client):
    response = client.post("/api/v1/cashflow", b"[" * (2 * MB), content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {
        "error": "Envoi trop volumineux : 1 Mo au plus. Rien n'a été lu ni enregistré."
    }


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    """The project's WSGI application behind Django's threaded HTTP server on 127.0.0.1."""
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(WSGIHandler())
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_real_server_refuses_an_announced_500_mb_upload_after_a_few_kb(http_server):
    declared = 500 * MB
    head = (
        "POST /structures/1/tresorerie/importer/ HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        f"Content-Type: {MULTIPART}\r\n"
        f"Content-Length: {declared}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", http_server), timeout=10) as connection:
        connection.sendall(head + multipart_file(4 * 1024))  # of the 500 MB announced

        answer = b""
        while b"</html>" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk

    status, _, rest = answer.partition(b"\r\n")
    assert status == b"HTTP/1.1 413 Request Entity Too Large"
    assert "Envoi trop volumineux : 6 Mo au plus." in text_of(rest.decode())
