"""Documents are recognised by their content, not their name or declared type, and bounded in size."""

import io

import pytest
from django.core.exceptions import ValidationError

from aidess.applications import uploads
from aidess.applications.models import Document
from aidess.applications.uploads import DOCX, JPEG, ODT, PDF, PNG, XLSX, check_upload, detect
from tests.aids.helpers import field_error
from tests.applications import helpers
from tests.applications.helpers import HTML, a_pdf, send
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

NOT_ACCEPTED = (
    "Ce fichier n'est pas un document accepté : envoyez un fichier PDF, PNG, JPEG, ODT, DOCX ou "
    "XLSX (son contenu est vérifié, pas seulement son nom)."
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (a_pdf(), PDF),
        (helpers.PNG, PNG),
        (helpers.JPEG, JPEG),
        (helpers.ODT, ODT),
        (helpers.DOCX, DOCX),
        (helpers.XLSX, XLSX),
        (helpers.ODS, None),  # a spreadsheet in OpenDocument: not among the accepted kinds
        (helpers.PLAIN_ZIP, None),
        (HTML, None),
        (b"PK\x03\x04 not really a zip", None),
        (b"", None),
    ],
)
def test_detect_reads_the_content(content, expected):
    file = io.BytesIO(content)

    assert detect(file) == expected
    assert file.tell() == 0


@pytest.fixture
def member(login):
    user = UserFactory()
    structure = StructureFactory(member=user)
    return login(user), structure, user


def test_a_pdf_named_png_is_kept_as_a_pdf(member):
    client, structure, user = member

    pdf = a_pdf("RIB")

    response = send(client, structure, "rib.png", pdf, kind="rib", content_type="image/png")

    assert response.status_code == 302
    document = Document.objects.get(file__structure=structure)
    assert document.content_type == "application/pdf"
    assert document.content.name.endswith(".pdf")
    assert document.original_name == "rib.png"
    assert document.uploaded_by == user
    assert document.content.read() == pdf


def test_an_html_page_named_pdf_is_refused_in_french(member):
    client, structure, _ = member

    response = send(client, structure, "statuts.pdf", HTML, content_type="application/pdf")

    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_content") == NOT_ACCEPTED
    assert not Document.objects.exists()
    page = response.content.decode()
    assert 'value="statuts" selected' in page  # the chosen kind is kept


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("rapport.docx", helpers.DOCX, DOCX),
        ("budget.xlsx", helpers.XLSX, XLSX),
        ("r.odt", helpers.ODT, ODT),
    ],
)
def test_office_documents_are_recognised_through_the_form(member, name, content, expected):
    client, structure, _ = member

    send(client, structure, name, content, kind="rapport")

    assert Document.objects.get().content_type == expected.content_type


def test_an_image_named_pdf_is_kept_as_what_it_is(member):
    client, structure, _ = member

    send(client, structure, "scan.pdf", helpers.JPEG, kind="rib")

    assert Document.objects.get().content_type == "image/jpeg"


def test_a_file_over_the_limit_is_refused_next_to_the_field(member):
    client, structure, _ = member
    too_big = a_pdf() + b"0" * uploads.MAX_DOCUMENT_BYTES

    response = send(client, structure, "comptes.pdf", too_big, kind="comptes")

    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_content") == (
        "Le fichier dépasse 5 Mo : réduisez-le (PDF compressé, image moins définie)."
    )
    assert not Document.objects.exists()


def test_a_body_over_the_request_limit_is_refused_before_reading(member, settings):
    client, structure, _ = member
    huge = a_pdf() + b"0" * settings.MAX_UPLOAD_BYTES

    response = send(client, structure, "comptes.pdf", huge, kind="comptes")

    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.content.decode()
    assert not Document.objects.exists()


def test_an_empty_file_is_refused(member):
    client, structure, _ = member

    response = send(client, structure, "vide.pdf", b"")

    assert field_error(response.content.decode(), "id_content") == "Le fichier est vide."


def refuse_everything(file):
    return "Le fichier contient un virus connu (EICAR-Test-File)."


def test_the_scanner_hook_can_refuse_a_file(settings):
    settings.DOCUMENT_SCANNER = "tests.applications.test_uploads.refuse_everything"
    file = helpers.upload("statuts.pdf", a_pdf())

    with pytest.raises(ValidationError) as refused:
        check_upload(file)

    assert refused.value.messages == ["Le fichier contient un virus connu (EICAR-Test-File)."]


def test_without_a_scanner_a_valid_file_passes():
    assert check_upload(helpers.upload("statuts.pdf", a_pdf())) == PDF
