"""A structure whose self-diagnosis is critical reports its situation to its regional cell,
with its explicit consent; without a regional cell it is told so."""

import pytest
from django.utils import timezone

from aidess.watch.enums import AlertCause, AlertSource
from aidess.watch.models import Alert
from tests.factories import DiagnosisFactory, StructureFactory, UserFactory
from tests.html import Page
from tests.watch.intake_helpers import regional_membership, structure_in_bordeaux

pytestmark = pytest.mark.django_db
CRITICAL = {"months_covered": "0.5", "funding_cut": True, "funding_cut_funder": "La Région"}
LINK = "Signaler ma situation à la cellule régionale"


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def bordeaux(member):
    structure = structure_in_bordeaux()
    structure.memberships.create(user=member, is_admin=True)
    return structure


def diagnosis_of(structure, answers=CRITICAL):
    return DiagnosisFactory(
        structure=structure, answers=answers, step=6, completed_at=timezone.now()
    )


def urls(structure, diagnosis):
    base = f"/structures/{structure.pk}/autodiagnostic/{diagnosis.pk}/"
    return base, f"/veille/ma-structure/{structure.pk}/autodiagnostics/{diagnosis.pk}/signaler/"


def test_a_critical_structure_reports_itself_with_its_consent(member, bordeaux, login):
    cell = regional_membership().organization
    diagnosis = diagnosis_of(bordeaux)
    result, report = urls(bordeaux, diagnosis)
    client = login(member)

    assert LINK in client.get(result).content.decode()
    page = Page(client.get(report).content.decode())
    form = page.own_form()
    assert form.values()["cause"] == AlertCause.STATE_FUNDING_CUT  # from its situations
    assert "J'accepte que AidESS transmette à la cellule régionale" in page.all_text

    refused = client.post(report, {"cause": "state_funding_cut", "message": "Aidez-nous"})
    assert refused.status_code == 400
    assert "Cochez cette case pour transmettre votre signalement." in refused.content.decode()
    assert not Alert.objects.exists()

    sent = client.post(
        report, {"cause": "state_funding_cut", "message": "Aidez-nous", "consent": "on"}
    )
    assert sent.status_code == 302
    alert = Alert.objects.get()
    assert (alert.source, alert.cell, alert.cause) == (
        AlertSource.STRUCTURE,
        cell,
        AlertCause.STATE_FUNDING_CUT,
    )
    assert alert.is_confidential is False
    assert alert.created_by == member
    assert "Situation critique" in alert.description
    assert alert.description.endswith("Message de la structure : Aidez-nous")
    done = Page(client.get(report).content.decode())
    assert done.text("self-report-sent").startswith(
        f"Votre situation a été signalée le {timezone.localdate():%-d}"
    )
    client.post(report, {"cause": "other", "consent": "on"})
    assert Alert.objects.count() == 1  # once is enough while it is open


def test_it_may_ask_for_confidentiality(member, bordeaux, login):
    regional_membership()
    _, report = urls(bordeaux, diagnosis_of(bordeaux))

    login(member).post(report, {"cause": "other", "confidential": "on", "consent": "on"})

    assert Alert.objects.get().is_confidential is True


def test_without_a_regional_cell_the_structure_is_told_and_nothing_is_sent(member, login):
    lille = StructureFactory(member=member)  # Hauts-de-France: no cell in this test
    _, report = urls(lille, diagnosis_of(lille))
    client = login(member)

    page = Page(client.get(report).content.decode())
    client.post(report, {"cause": "other", "consent": "on"})

    assert page.text("no-cell").startswith("Aucune cellule régionale de veille dans votre région")
    assert not Alert.objects.exists()


def test_only_a_critical_completed_diagnosis_of_one_s_own_structure_offers_it(
    member, bordeaux, login
):
    regional_membership()
    high = diagnosis_of(bordeaux, {"months_covered": "2"})
    result, report = urls(bordeaux, high)
    client = login(member)

    assert LINK not in client.get(result).content.decode()
    assert client.get(report).status_code == 404
    _, critical = urls(bordeaux, diagnosis_of(bordeaux))
    login(UserFactory())
    assert client.get(critical).status_code == 404
    assert client.post(critical, {"cause": "other", "consent": "on"}).status_code == 404
    assert not Alert.objects.exists()
