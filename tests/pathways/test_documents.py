"""Documents of a pathway's steps: typed by content, size-limited, stored privately, downloaded
only by the pathway's readers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aidess.applications.uploads import MAX_DOCUMENT_BYTES
from aidess.pathways.enums import Step
from aidess.pathways.models import PathwayDocument
from tests.factories import OrganizationMembershipFactory, StructureFactory, UserFactory
from tests.pathways.helpers import started, taken_request

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def pathway():
    advisor = OrganizationMembershipFactory(organization__name="DLA de la Creuse").user
    structure = StructureFactory(name="Compagnie des Lucioles", member=UserFactory())
    organization = advisor.organization_memberships.get().organization
    return started(taken_request(structure, organization, advisor), advisor)


def upload(client, pathway, name, content, step=Step.WELCOME):
    client.force_login(pathway.advisor)
    return client.post(
        reverse("pathways:document_upload", args=[pathway.pk]),
        {
            "document-step": step,
            "document-title": "Compte rendu d'accueil",
            "document-content": SimpleUploadedFile(name, content, "application/pdf"),
        },
    )


def test_a_pdf_is_kept_for_its_step_and_downloaded_by_readers(client, pathway):
    assert upload(client, pathway, "accueil.pdf", PDF).status_code == 302
    document = PathwayDocument.objects.get()
    assert (document.step, document.content_type, document.size) == (
        Step.WELCOME,
        "application/pdf",
        len(PDF),
    )
    page = client.get(reverse("pathways:detail", args=[pathway.pk])).content.decode()
    assert "Compte rendu d&#x27;accueil" in page and "accueil.pdf" in page
    url = reverse("pathways:document_download", args=[pathway.pk, document.pk])
    member = pathway.structure.memberships.get().user
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_an_html_page_renamed_pdf_is_refused(client, pathway):
    response = upload(client, pathway, "statuts.pdf", b"<html><script>alert(1)</script></html>")
    assert response.status_code == 400
    assert "n&#x27;est pas un document accepté" in response.content.decode()
    assert not PathwayDocument.objects.exists()


def test_a_file_too_large_is_refused(client, pathway):
    response = upload(client, pathway, "gros.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES)
    assert response.status_code == 400
    assert "Le fichier dépasse 5 Mo" in response.content.decode()
    assert not PathwayDocument.objects.exists()


def test_the_structure_reads_documents_but_does_not_upload(client, pathway):
    client.force_login(pathway.structure.memberships.get().user)
    response = client.post(
        reverse("pathways:document_upload", args=[pathway.pk]),
        {
            "document-step": Step.WELCOME,
            "document-title": "x",
            "document-content": SimpleUploadedFile("a.pdf", PDF),
        },
    )
    assert response.status_code == 403 and not PathwayDocument.objects.exists()
