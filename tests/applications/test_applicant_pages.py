"""The applicant's pages: from the aid page or « Mes aides » to a submitted application, then
its page (state, timeline, messages, correction, withdrawal), as a member reads them."""

import re

import pytest
from django.urls import reverse

from aidess.applications.enums import ApplicationStatus, MessageAuthor
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import Application, Message, Note
from aidess.applications.submission import submit
from tests.applications.apply_helpers import applying_aid, member_with_structure, ready_draft
from tests.applications.helpers import HTML, a_pdf, upload
from tests.factories import AidFactory, StructureFactory, UserFactory, instructor
from tests.html import Page

pytestmark = pytest.mark.django_db


def read(response):
    return Page(response.content.decode()).all_text


def stamp_of(html):
    return re.search(r'name="version" value="(\d+)"', html)[1]


# Entry points ------------------------------------------------------------------------------


def test_the_aid_page_offers_a_member_to_apply_and_an_anonymous_visitor_to_sign_in(client, login):
    aid = applying_aid()
    anonymous = read(client.get(aid.get_absolute_url()))
    assert "Connectez-vous pour déposer une demande" in anonymous
    user, structure = member_with_structure()
    page = read(login(user).get(aid.get_absolute_url()))
    assert "Déposer une demande" in page and "Connectez-vous" not in page


def test_no_button_for_an_aid_not_taking_applications_here(login):
    user, structure = member_with_structure()
    aid = AidFactory(apply_in_aidess=False, application_url="https://exemple.fr/demande")
    page = login(user).get(aid.get_absolute_url()).content.decode()
    assert "Déposer une demande" not in page
    assert "https://exemple.fr/demande" in page  # the external link stays


def test_a_member_of_several_structures_chooses_which_one_applies(login):
    user, first = member_with_structure(name="Les Ateliers")
    second = StructureFactory(member=user, name="La Ressourcerie")
    aid = applying_aid()
    client = login(user)
    page = Page(client.get(aid.get_absolute_url()).content.decode())
    form = page.form_with("structure")
    assert form is not None
    response = client.post(reverse("applications:start", args=[aid.slug]), {"structure": second.pk})
    draft = Application.objects.get(aid=aid)
    assert draft.structure == second and draft.status == ApplicationStatus.DRAFT
    assert response.url == reverse("applications:edit", args=[draft.pk])
    # Again: the same draft is resumed.
    client.post(reverse("applications:start", args=[aid.slug]), {"structure": second.pk})
    assert Application.objects.filter(aid=aid).count() == 1
    assert first.applications.count() == 0


def test_a_stranger_cannot_start_for_a_structure_not_theirs(login):
    user, structure = member_with_structure()
    other, _ = member_with_structure()
    aid = applying_aid()
    login(other).post(reverse("applications:start", args=[aid.slug]), {"structure": structure.pk})
    assert not structure.applications.exists()


def test_mes_aides_lists_the_aids_to_apply_for_here(login):
    user, structure = member_with_structure()
    applying_aid()
    AidFactory(name="Aide ailleurs", apply_in_aidess=False)
    page = login(user).get(reverse("eligibility:structure_aids", args=[structure.pk]))
    listed = Page(page.content.decode()).text("apply-list")
    assert "Fonds de relance ESS" in listed and "Déposer une demande" in listed
    assert "Aide ailleurs" not in listed


# The draft ---------------------------------------------------------------------------------


@pytest.fixture
def draft():
    user, structure, application = ready_draft(project_title="")
    return user, application


def edit_url(application):
    return reverse("applications:edit", args=[application.pk])


def project_data(html, **changes):
    data = {
        "version": stamp_of(html),
        "project_title": "Ateliers d'été",
        "project_objectives": "Deux emplois gardés.",
        "amount_requested_eur": "12 500",
        "project_budget_eur": "30 000",
    }
    return data | changes


def test_without_javascript_the_draft_saves_with_its_button(draft, login):
    user, application = draft
    client = login(user)
    html = client.get(edit_url(application)).content.decode()
    assert "Enregistrer le brouillon" in html
    response = client.post(edit_url(application), project_data(html, action="save"), follow=True)
    assert re.search(r"Brouillon enregistré à \d\d h \d\d", read(response))
    application.refresh_from_db()
    assert application.project_title == "Ateliers d'été"
    assert str(application.amount_requested_eur) == "12500.00"


def test_the_button_racing_the_autosave_of_the_field_just_left_is_no_conflict(draft, login):
    """Leaving the last field autosaves it while « Enregistrer le brouillon » sends the same
    page: both carry the version read, the second one finds its own values already stored."""
    user, application = draft
    client = login(user)
    html = client.get(edit_url(application)).content.decode()
    client.post(edit_url(application), project_data(html), headers={"HX-Request": "true"})
    response = client.post(edit_url(application), project_data(html, action="save"))
    assert response.status_code == 302
    # Someone else's change meanwhile is still a conflict, shown with what they stored.
    application.refresh_from_db()
    Application.objects.filter(pk=application.pk).update(version=application.version + 1)
    application.refresh_from_db()
    html = client.get(edit_url(application)).content.decode()
    other = Application.objects.get(pk=application.pk)
    other.project_title, other.updated_by = "Titre changé par un autre membre", UserFactory()
    other.save()
    response = client.post(edit_url(application), project_data(html, action="save"))
    assert response.status_code == 409
    assert "Titre changé par un autre membre" in read(response)


def test_htmx_autosave_answers_the_status_line_and_the_new_version(draft, login):
    user, application = draft
    client = login(user)
    html = client.get(edit_url(application)).content.decode()
    response = client.post(
        edit_url(application), project_data(html), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert re.search(r"Brouillon enregistré à \d\d h \d\d", fragment)
    assert 'hx-swap-oob="true"' in fragment
    application.refresh_from_db()
    assert stamp_of(fragment) == str(application.version)
    # The next autosave carries the new version and is saved too.
    second = client.post(
        edit_url(application),
        project_data(fragment, project_title="Ateliers d'automne"),
        headers={"HX-Request": "true"},
    )
    assert "Brouillon enregistré" in second.content.decode()
    application.refresh_from_db()
    assert application.project_title == "Ateliers d'automne"


def test_a_stale_autosave_is_refused_with_who_saved(draft, login):
    user, application = draft
    client = login(user)
    html = client.get(edit_url(application)).content.decode()
    client.post(edit_url(application), project_data(html), headers={"HX-Request": "true"})
    stale = client.post(
        edit_url(application),
        project_data(html, project_title="Écrasé ?"),
        headers={"HX-Request": "true"},
    )
    assert "Brouillon non enregistré" in stale.content.decode()
    application.refresh_from_db()
    assert application.project_title == "Ateliers d'été"


def test_a_bad_amount_is_said_in_french_and_nothing_typed_is_lost(draft, login):
    user, application = draft
    client = login(user)
    html = client.get(edit_url(application)).content.decode()
    response = client.post(
        edit_url(application), project_data(html, amount_requested_eur="douze mille", action="save")
    )
    assert response.status_code == 400
    text = read(response)
    assert "Saisissez un montant en euros, par exemple 12 500." in text
    assert 'value="douze mille"' in response.content.decode()
    assert 'value="Ateliers d&#x27;été"' in response.content.decode()


def test_the_summary_lists_what_is_missing_with_links_and_refuses_to_submit(draft, login):
    user, application = draft
    client = login(user)
    summary = reverse("applications:summary", args=[application.pk])
    page = client.get(summary)
    assert "Indiquez l'intitulé du projet." in read(page)
    assert f'href="{edit_url(application)}#id_project_title"' in page.content.decode()
    refused = client.post(summary)
    assert refused.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_from_the_summary_to_a_submitted_application(draft, login):
    user, application = draft
    application.project_title = "Ateliers d'été"
    application.save()
    client = login(user)
    summary = reverse("applications:summary", args=[application.pk])
    assert "La demande est complète" in read(client.get(summary))
    response = client.post(summary, follow=True)
    application.refresh_from_db()
    text = read(response)
    assert application.status == ApplicationStatus.SUBMITTED
    assert f"Votre demande est déposée sous le numéro {application.reference}" in text
    assert "Accusé de réception (PDF)" in text
    assert "Déposée" in Page(response.content.decode()).text("application-state")
    # Mes demandes shows it with its state; the dashboard links to it.
    listing = read(client.get(reverse("applications:list", args=[application.structure_id])))
    assert application.reference in listing and "Déposée" in listing
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("applications:list", args=[application.structure_id]) in dashboard
    # The draft form is closed now.
    assert client.get(edit_url(application)).url == application.get_absolute_url()


# The application's page ---------------------------------------------------------------------


@pytest.fixture
def submitted():
    user, structure, application = ready_draft()
    submit(application, user)
    application.refresh_from_db()
    return user, application


def test_the_page_shows_messages_not_private_notes(submitted, login):
    user, application = submitted
    person = instructor(application)
    Message.objects.create(
        application=application, author=person, side=MessageAuthor.INSTRUCTOR, body="Bien reçu."
    )
    Note.objects.create(application=application, author=person, body="Structure fragile.")
    text = read(login(user).get(application.get_absolute_url()))
    assert "Bien reçu." in text
    assert "Structure fragile." not in text


def test_a_message_with_an_attachment_checked_by_content(submitted, login):
    user, application = submitted
    client = login(user)
    url = reverse("applications:message", args=[application.pk])
    refused = client.post(url, {"body": "Voici", "attachment": upload("devis.pdf", HTML)})
    assert refused.status_code == 400
    assert "n'est pas un document accepté" in read(refused)
    assert "Voici</textarea>" in refused.content.decode()
    client.post(url, {"body": "Voici le devis.", "attachment": upload("devis.pdf", a_pdf())})
    message = application.messages.get()
    assert message.attachment_name == "devis.pdf" and message.side == MessageAuthor.APPLICANT
    page = client.get(application.get_absolute_url()).content.decode()
    link = reverse("applications:message_attachment", args=[application.pk, message.pk])
    assert link in page
    download = client.get(link)
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert login(UserFactory()).get(link).status_code == 404


def test_answering_a_correction_request(submitted, login):
    user, application = submitted
    person = instructor(application)
    APPLICATION_LIFECYCLE.apply(application, "request_correction", person, "Le RIB est illisible.")
    client = login(user)
    page = read(client.get(application.get_absolute_url()))
    assert "Le RIB est illisible." in page and "Envoyer ma réponse" in page
    url = reverse("applications:answer", args=[application.pk])
    assert client.post(url, {"answer": ""}).status_code == 400
    client.post(url, {"answer": "Voici un RIB lisible.", "attachment": upload("rib.pdf", a_pdf())})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INSTRUCTION
    assert APPLICATION_LIFECYCLE.history(application)[-1].comment == "Voici un RIB lisible."
    assert application.messages.get().attachment_name == "rib.pdf"
    timeline = Page(client.get(application.get_absolute_url()).content.decode()).text("timeline")
    assert "Correction demandée" in timeline and "Voici un RIB lisible." in timeline


def test_withdrawing_asks_for_confirmation(submitted, login):
    user, application = submitted
    client = login(user)
    url = reverse("applications:withdraw", args=[application.pk])
    assert "Oui, retirer ma demande" in read(client.get(url))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    client.post(url)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


# Who --------------------------------------------------------------------------------------


def test_strangers_and_instructors_get_404_administrators_read(submitted, login):
    user, application = submitted
    urls = [
        application.get_absolute_url(),
        reverse("applications:list", args=[application.structure_id]),
        reverse("applications:withdraw", args=[application.pk]),
    ]
    stranger = login(UserFactory())
    assert all(stranger.get(url).status_code == 404 for url in urls)
    person = instructor(application)
    assert login(person).get(application.get_absolute_url()).status_code == 404
    admin = login(UserFactory(admin=True))
    assert admin.get(application.get_absolute_url()).status_code == 200
    assert "seuls les membres de la structure agissent" in read(
        admin.get(application.get_absolute_url())
    )
    message = reverse("applications:message", args=[application.pk])
    assert admin.post(message, {"body": "Bonjour"}).status_code == 403
    assert not application.messages.exists()


def test_a_draft_is_nobody_elses(draft, login):
    user, application = draft
    for other in (UserFactory(), UserFactory(admin=True)):
        assert login(other).get(edit_url(application)).status_code == 404


def test_a_bad_amount_autosaved_says_why_and_saves_nothing(draft, login):
    user, application = draft
    client = login(user)
    html = client.get(edit_url(application)).content.decode()
    response = client.post(
        edit_url(application),
        project_data(html, amount_requested_eur="12,5,0"),
        headers={"HX-Request": "true"},
    )
    text = read(response)
    assert "Brouillon non enregistré" in text
    assert "Montant demandé (€) : Saisissez un montant en euros, par exemple 12 500." in text
    application.refresh_from_db()
    assert application.project_title == ""


def test_mes_aides_offers_nothing_to_apply_to_a_reader_who_is_not_a_member(login):
    user, structure = member_with_structure()
    applying_aid()
    admin = login(UserFactory(admin=True))
    page = admin.get(reverse("eligibility:structure_aids", args=[structure.pk]))
    assert page.status_code == 200
    assert 'id="apply-list"' not in page.content.decode()
