"""Documents are kept outside the public folders and served only to the file's readers."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from aidess.applications.models import Document
from tests.applications.helpers import a_pdf, send
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client, login):
    member = UserFactory()
    structure = StructureFactory(member=member)
    pdf = a_pdf("Statuts")
    send(login(member), structure, "statuts.pdf", pdf)
    client.logout()
    document = Document.objects.get()
    return document, member, pdf


def document_url(document):
    return reverse("applications:document", args=[document.file.structure_id, document.pk])


def test_a_member_downloads_the_document_as_an_attachment(client, login, document):
    document, member, pdf = document

    response = login(member).get(document_url(document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="statuts.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_an_administrator_reads_it(client, login, document):
    document, _, pdf = document

    response = login(UserFactory(admin=True)).get(document_url(document))

    assert b"".join(response.streaming_content) == pdf


def test_someone_else_gets_a_404_even_with_its_own_structure(client, login, document):
    document, _, _ = document
    stranger = UserFactory()
    other = StructureFactory(member=stranger)
    login(stranger)

    assert client.get(document_url(document)).status_code == 404
    # Nor through its own structure's address with the document's number.
    url = reverse("applications:document", args=[other.pk, document.pk])
    assert client.get(url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, document):
    document, _, _ = document

    response = client.get(document_url(document))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_file_is_stored_outside_static_and_media_and_no_url_serves_it(client, login, document):
    document, member, _ = document
    stored = Path(document.content.path).resolve()

    assert stored.is_relative_to(Path(settings.PRIVATE_FILES_ROOT).resolve())
    for public in (settings.STATIC_ROOT, settings.MEDIA_ROOT, *settings.STATICFILES_DIRS):
        assert not stored.is_relative_to(Path(public).resolve())
    with pytest.raises(ValueError):
        document.content.url  # noqa: B018  (no template can link to the file itself)
    login(member)
    for prefix in ("/static/", "/media/", "/var/private/", "/private/"):
        assert client.get(prefix + document.content.name).status_code == 404


def test_a_removed_document_leaves_the_disk_once_committed(
    client, login, document, django_capture_on_commit_callbacks
):
    document, member, _ = document
    path = Path(document.content.path)
    url = reverse("applications:document_delete", args=[document.file.structure_id, document.pk])
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = login(member).post(url)

    assert response.status_code == 302
    assert not Document.objects.exists()
    assert not path.exists()
    assert client.get(document_url(document)).status_code == 404
