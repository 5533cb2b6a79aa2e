"""Without an account: a SIRET and an e-mail; the structure is found in Sirene (a local server
replaying real answers); nothing is sent before the e-mail's link is opened."""

import re

import pytest
from django.core import mail

from aidess.orientation.enums import RequestStatus
from aidess.orientation.models import HelpRequest
from aidess.structures.models import Structure
from tests.orientation.conftest import text_of

pytestmark = pytest.mark.django_db
URL = "/accompagnement/demande/"
CAP_DE_TOUT = "33836505900009"  # centre social of Pyrénées-Atlantiques (Nouvelle-Aquitaine)


def body(**values):
    return {
        "siret": CAP_DE_TOUT,
        "needs": ["advice"],
        "situation": "Notre principal financeur réduit sa subvention.",
        "contact_name": "Marc Etcheverry",
        "contact_email": "marc@capdetout.fr",
        "action": "send",
        **values,
    }


def test_the_request_goes_only_once_the_link_of_the_e_mail_is_opened(
    client, network, sirene_api, django_capture_on_commit_callbacks
):
    preview = client.post(URL, body(action="preview"))
    assert "CENTRE SOCIAL 'CAP DE TOUT'" in text_of(preview)
    assert "DLA régional Nouvelle-Aquitaine : intervient dans la région Nouvelle-Aquitaine" in (
        text_of(preview)
    )
    assert not HelpRequest.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, body())
    assert "Nous avons envoyé un lien à marc@capdetout.fr" in text_of(response)
    help_request = HelpRequest.objects.get()
    assert help_request.status == RequestStatus.UNCONFIRMED
    assert not help_request.recipients.exists()
    structure = Structure.objects.get(siret=CAP_DE_TOUT)
    assert (structure.commune.code, structure.region_id, structure.is_ess) == ("64373", "75", True)
    assert not structure.memberships.exists()
    (message,) = mail.outbox
    assert message.to == ["marc@capdetout.fr"]
    assert "CENTRE SOCIAL 'CAP DE TOUT'" in message.subject
    link = re.search(r"http://testserver(/accompagnement/confirmer/\S+/)", message.body).group(1)
    confirmed = client.get(link)
    assert "Votre demande est envoyée" in text_of(confirmed)
    assert "DLA régional Nouvelle-Aquitaine" in text_of(confirmed)
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.WAITING
    assert [r.organization.name for r in help_request.recipients.all()] == [
        "DLA régional Nouvelle-Aquitaine",
        "France Active Nouvelle-Aquitaine",  # its budget condition is to confirm: unknown
    ]
    client.get(link)  # opened twice: sent once
    assert help_request.recipients.count() == 2


def test_the_registered_structure_of_the_siret_is_used_and_duplicates_merged(
    client, network, sirene_api, django_capture_on_commit_callbacks
):
    for situation in ("Première demande.", "Deuxième demande."):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(URL, body(situation=situation))
        link = re.search(r"http://testserver(\S+confirmer\S+/)", mail.outbox[0].body).group(1)
        page = client.get(link)
    assert "avait déjà une demande en cours" in text_of(page)
    assert Structure.objects.filter(siret=CAP_DE_TOUT).count() == 1
    kept = HelpRequest.objects.get()
    assert kept.merged_count == 1 and "Deuxième demande." in kept.situation


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("1234", "Le SIRET compte 14 chiffres ; vous en avez saisi 4."),
        ("33836505900008", "Ce SIRET n'est pas valide (clé de contrôle incorrecte)"),
        ("13002526500005", "Ce SIRET est celui d'un organisme public"),
        ("83951732300003", "a cessé son activité"),
    ],
)
def test_bad_or_public_or_ceased_sirets_are_refused_in_french(
    client, network, sirene_api, siret, message
):
    response = client.post(URL, body(siret=siret))
    assert response.status_code == 200
    assert message in text_of(response)
    assert not HelpRequest.objects.exists()
    assert mail.outbox == []


def test_a_bad_e_mail_is_explained(client, network, sirene_api):
    response = client.post(URL, body(contact_email="marc@"))
    assert "Saisissez une adresse e-mail valide" in text_of(response)


def test_an_unknown_link_is_404(client):
    assert client.get("/accompagnement/confirmer/inconnu/").status_code == 404
