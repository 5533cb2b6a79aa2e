"""The instructor's application page: the file as submitted, documents served privately, the
transitions, messages with attachments both ways, private notes never shown to the applicant."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.enums import MessageAuthor
from aidess.applications.models import AidQuestion, ApplicationTerms, Message, SubmittedDocument
from tests.factories import CashflowPlanFactory, applicant, instructor
from tests.instruction.factories import SNAPSHOT, inbox, label

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def page_of(application):
    return f"/instruction/demandes/{application.pk}/"


def test_the_page_shows_the_file_as_submitted_with_answers_and_finances(login):
    world = inbox()
    application = world.applications["instructing"]
    terms = ApplicationTerms.objects.create(aid=world.aid, requires_cashflow_plan=True)
    question = AidQuestion.objects.create(terms=terms, label="Combien de bénéficiaires ?")
    application.answers = {str(question.pk): "120 personnes par an"}
    application.file_snapshot = SNAPSHOT
    application.applicant_link = "Administratrice de la structure depuis sa création."
    application.cashflow_plan = CashflowPlanFactory(structure=application.structure)
    application.save()
    document = SubmittedDocument(
        application=application,
        kind="rib",
        kind_label="RIB",
        original_name="rib-banque.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    document.content.save("rib.pdf", ContentFile(PDF), save=True)

    response = login(world.agent).get(page_of(application))
    page = response.content.decode()
    for text in (
        "Recyclerie de Lille",
        "12345678900011",
        "3 mai 2012",
        "Alice Martin",
        "Présidente",
        "Bénévoles",
        "Budget prévisionnel",
        "42\u202f000\xa0€",
        "Entreprise solidaire d&#x27;utilité sociale (ESUS)",
        "Combien de bénéficiaires ?",
        "120 personnes par an",
        "Administratrice de la structure depuis sa création.",
        "Besoin de financement immédiat",
        "rib-banque.pdf",
        "Décision et versements",
    ):
        assert text in page, text

    download = login(world.agent).get(f"{page_of(application)}documents/{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Cache-Control"] == "private, no-store"
    member = applicant(application)
    assert login(member).get(f"{page_of(application)}documents/{document.pk}/").status_code == 404


def test_correction_request_is_a_logged_transition_and_a_message(login):
    world = inbox()
    application = world.applications["instructing"]
    client = login(world.agent)
    empty = client.post(
        f"{page_of(application)}action/request_correction/", {"request_correction-reason": ""}
    )
    assert "Motif de la demande de correction : ce champ est obligatoire." in empty.content.decode()

    response = client.post(
        f"{page_of(application)}action/request_correction/",
        {"request_correction-reason": "Merci de joindre la liste des dirigeants signée."},
        follow=True,
    )
    assert "La demande de correction est envoyée au demandeur." in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.CORRECTION
    (message,) = application.messages.all()
    assert message.is_correction_request and message.side == MessageAuthor.INSTRUCTOR
    assert message.body == "Merci de joindre la liste des dirigeants signée."
    assert "Demande de correction" in response.content.decode()
    # A transition not offered from here is refused in French, and accepting is not a button.
    late = client.post(f"{page_of(application)}action/instruct/", {}, follow=True)
    assert "Action « Passer en instruction » impossible" in late.content.decode()
    assert client.post(f"{page_of(application)}action/accept/", {}).status_code == 404


def test_refuse_then_reopen_from_the_page(login):
    world = inbox()
    application = world.applications["instructing"]
    client = login(world.agent)
    client.post(f"{page_of(application)}action/refuse/", {"refuse-reason": "Hors critères."})
    application.refresh_from_db()
    assert application.status == S.REFUSED and application.decided_by == world.agent
    page = client.get(page_of(application)).content.decode()
    assert "Rouvrir le dossier" in page and "« Hors critères. »" in page
    client.post(f"{page_of(application)}action/reopen/", {"reopen-reason": "Pièce reçue."})
    application.refresh_from_db()
    assert application.status == S.INSTRUCTION


def test_messages_with_an_attachment_checked_by_content(login):
    world = inbox()
    application = world.applications["instructing"]
    client = login(world.agent)
    fake = SimpleUploadedFile("statuts.pdf", b"<html>pas un pdf</html>", "application/pdf")
    refused = client.post(
        f"{page_of(application)}messages/", {"body": "Voici le modèle", "attachment": fake}
    )
    page = refused.content.decode()
    assert "Ce fichier n&#x27;est pas un document accepté" in page
    assert "Voici le modèle" in page  # what was typed is kept
    assert not application.messages.exists()

    real = SimpleUploadedFile("modele.pdf", PDF, "application/octet-stream")
    client.post(f"{page_of(application)}messages/", {"body": "Voici le modèle", "attachment": real})
    (message,) = application.messages.all()
    assert message.attachment_type == "application/pdf" and message.attachment_name == "modele.pdf"
    download = client.get(f"{page_of(application)}messages/{message.pk}/piece-jointe/")
    assert b"".join(download.streaming_content) == PDF

    # The applicant's messages are shown too, with their attachment.
    member = applicant(application)
    answer = Message(
        application=application,
        author=member,
        side=MessageAuthor.APPLICANT,
        body="Merci, voici le RIB",
        attachment_name="rib.pdf",
        attachment_type="application/pdf",
    )
    answer.attachment.save("rib.pdf", ContentFile(PDF), save=True)
    page = client.get(page_of(application)).content.decode()
    assert "Merci, voici le RIB" in page and f"messages/{answer.pk}/piece-jointe/" in page


def test_private_notes_are_never_shown_to_the_applicant(login):
    world = inbox()
    application = world.applications["instructing"]
    client = login(world.agent)
    client.post(f"{page_of(application)}notes/", {"body": "Trésorerie fragile, à surveiller."})
    assert "Trésorerie fragile" in client.get(page_of(application)).content.decode()
    # A colleague of the provider reads it; the applicant reaches no page that shows it.
    assert "Trésorerie fragile" in login(world.colleague).get(page_of(application)).content.decode()
    member = applicant(application)
    member_client = login(member)
    for url in (
        page_of(application),
        f"/structures/{application.structure_id}/dossier/",
        f"/structures/demandes/{application.pk}/",  # the applicant's page of the application
        "/tableau-de-bord/",
    ):
        response = member_client.get(url)
        assert "Trésorerie fragile" not in response.content.decode(), url
    assert member_client.get(page_of(application)).status_code == 404
    assert member_client.post(f"{page_of(application)}notes/", {"body": "x"}).status_code == 404


def test_follow_and_labels_from_the_page(login):
    world = inbox()
    application = world.applications["new_lille"]
    client = login(world.agent)
    client.post(f"{page_of(application)}suivre/", {"follow": "1"})
    assert application.followers.filter(pk=world.agent.pk).exists()
    assert "Ne plus suivre" in client.get(page_of(application)).content.decode()
    client.post(f"{page_of(application)}suivre/", {"follow": "0"})
    assert not application.followers.exists()

    existing = label(world.provider, "Visite prévue")
    client.post(
        f"{page_of(application)}etiquettes/",
        {"labels": [existing.pk], "new_label": "  Prioritaire "},
    )
    assert sorted(application.labels.values_list("name", flat=True)) == [
        "Prioritaire",
        "Visite prévue",
    ]
    # Another provider's label is not offered and not accepted.
    foreign = label(instructor(application).organization_memberships.get().organization, "Autre")
    response = client.post(f"{page_of(application)}etiquettes/", {"labels": [foreign.pk]})
    assert "Choisissez des étiquettes de la liste." in response.content.decode()
    assert application.labels.count() == 2
