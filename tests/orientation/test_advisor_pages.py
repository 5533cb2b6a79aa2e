"""The advisor's home and a request's card, as the advisor reads and uses them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aidess.diagnosis.models import SharingConsent
from aidess.orientation.enums import RecipientStatus as R
from aidess.orientation.enums import Relaunch
from aidess.orientation.models import Recipient
from tests.factories import CashflowPlanFactory, DiagnosisFactory, StructureFactory
from tests.orientation.handling_factories import days_ago, help_request, network, send, text_of

pytestmark = pytest.mark.django_db
HOME = reverse("orientation:advisor_home")


def card_url(recipient):
    return reverse("orientation:advisor_card", args=[recipient.pk])


def action_url(recipient, name):
    return reverse("orientation:advisor_transition", args=[recipient.pk, name])


def test_the_home_counts_each_tab_and_lists_its_rows(login):
    world = network()
    send(help_request(world.structure, sent=days_ago(1)), world.dla)
    send(help_request(world.structure, sent=days_ago(40), relaunch=Relaunch.WATCH_CELL), world.dla)
    send(help_request(world.structure, needs=["cash"]), world.dla, status=R.TAKING_CARE)
    send(help_request(world.structure), world.dla, status=R.HELP_PROPOSED)
    send(help_request(world.structure), world.dla, status=R.NOT_FOR_ME)
    send(help_request(world.structure), world.correze)  # another organisation's
    unconfirmed = help_request(StructureFactory(name="Pas encore confirmée"))
    unconfirmed.confirmed_at = None
    unconfirmed.save()
    send(unconfirmed, world.dla)

    client = login(world.advisor)
    page = text_of(client.get(HOME))
    assert "À prendre\u00a01" in page and "En cours\u00a01" in page
    assert "Clôturées\u00a02" in page and "Expirées\u00a01" in page
    assert "Compagnie des Lucioles" in page and "Aubusson" in page
    assert "Pas encore confirmée" not in page

    expired = text_of(client.get(HOME, {"tab": "expirees"}))
    assert "Expirée : cellule de veille" in expired and "1 demande" in expired
    taking = text_of(client.get(HOME, {"tab": "en_cours"}))
    assert "Trésorerie" in taking and "Prise en charge" in taking


def test_search_by_name_or_siret_and_department(login):
    world = network()
    send(help_request(world.structure), world.dla)
    other = StructureFactory(name="Recyclerie du Limousin", siret="98765432100019")
    send(help_request(other), world.dla)  # seat in Lille (59)
    client = login(world.advisor)

    by_name = text_of(client.get(HOME, {"q": "lucioles"}))
    assert "Compagnie des Lucioles" in by_name and "Recyclerie" not in by_name
    by_siret = text_of(client.get(HOME, {"q": "987 654 321 00019"}))
    assert "Recyclerie du Limousin" in by_siret and "Lucioles" not in by_siret
    by_department = text_of(client.get(HOME, {"departement": "23"}))
    assert "Lucioles" in by_department and "Recyclerie" not in by_department
    wrong = client.get(HOME, {"departement": "2A9"})
    assert wrong.status_code == 200
    assert "Choisissez un département de la liste." in text_of(wrong)
    assert "Recyclerie" in text_of(wrong)  # the invalid filter is left out


def test_the_home_pages_twenty_rows(login):
    world = network()
    for day in range(23):
        send(help_request(world.structure, sent=days_ago(day)), world.dla)
    client = login(world.advisor)
    assert text_of(client.get(HOME)).count("Compagnie des Lucioles") == 20
    assert text_of(client.get(HOME, {"page": 2})).count("Compagnie des Lucioles") == 3


def test_the_card_shows_the_structure_the_request_aids_and_the_other_recipients(login):
    world = network()
    request = help_request(world.structure, needs=["advice", "cash"], contact_name="Léa Fontaine")
    dla, _france_active = send(request, world.dla, world.france_active)
    page = text_of(login(world.advisor).get(card_url(dla)))
    for seen in (
        "Compagnie des Lucioles",
        "12345678900017",
        "Culture",
        "Aubusson (23)",
        "120\u202f000\u00a0€",
        "Accompagnement, conseil, Trésorerie",
        "Nous perdons une subvention",
        "Léa Fontaine",
        "France Active Nouvelle-Aquitaine : En attente de prise en charge",
        "Prendre en charge",
        "Pas pour nous",
        "ne partage pas son autodiagnostic",
    ):
        assert seen in page, seen
    assert "Aides auxquelles elle est éligible" in page
    assert "Rempli" in page  # each criterion with its reason


def test_finances_show_only_when_the_structure_shares_them(login):
    world = network()
    DiagnosisFactory(structure=world.structure, completed=True)
    CashflowPlanFactory(structure=world.structure, title="Plan de relance")
    dla = send(help_request(world.structure, share_finances=True), world.dla)
    client = login(world.advisor)
    assert "Plan de relance" not in text_of(client.get(card_url(dla)))

    consent = SharingConsent.objects.create(structure=world.structure, organization=world.dla)
    page = text_of(client.get(card_url(dla)))
    assert "Plan de relance" in page and "Lire l'autodiagnostic" in page
    assert "besoin de financement" in page

    consent.revoked_at = consent.granted_at
    consent.save()
    assert "Plan de relance" not in text_of(client.get(card_url(dla)))


def test_take_then_close_with_help_from_the_card(login):
    world = network()
    dla = send(help_request(world.structure), world.dla)
    client = login(world.advisor)
    response = client.post(action_url(dla, "take"), follow=True)
    page = text_of(response)
    assert "Vous avez pris en charge la demande" in page
    assert "suivie par Dominique Lavergne" in page and "Clôturer : aide proposée" in page

    missing = client.post(action_url(dla, "propose_help"), {"propose_help-comment": ""})
    assert missing.status_code == 400
    assert "Aide proposée : ce champ est obligatoire." in text_of(missing)

    done = client.post(
        action_url(dla, "propose_help"),
        {"propose_help-comment": "Diagnostic partagé en janvier."},
        follow=True,
    )
    page = text_of(done)
    assert "La demande est clôturée : aide proposée." in page
    assert "Diagnostic partagé en janvier." in page  # the history
    assert "La demande est clôturée pour votre organisation." in page


def test_a_stale_button_is_a_message_not_an_error(login):
    world = network()
    dla = send(help_request(world.structure), world.dla)
    login(world.colleague).post(action_url(dla, "take"))
    response = login(world.advisor).post(action_url(dla, "take"), follow=True)
    assert response.status_code == 200
    assert "impossible : l'état est « Prise en charge »" in text_of(response)
    assert response.redirect_chain[-1][0] == card_url(dla)


def test_unknown_action_is_a_404(login):
    world = network()
    dla = send(help_request(world.structure), world.dla)
    client = login(world.advisor)
    assert client.post(action_url(dla, "decline")).status_code == 404  # through its own form
    assert client.post(action_url(dla, "publier")).status_code == 404


def test_not_for_us_needs_a_reason_and_may_redirect(login):
    world = network()
    request = help_request(world.structure)
    dla = send(request, world.dla)
    url = reverse("orientation:advisor_decline", args=[dla.pk])
    client = login(world.advisor)

    page = text_of(client.get(card_url(dla)))
    assert "France Active Nouvelle-Aquitaine" in page and "DLA de la Corrèze" not in page

    missing = client.post(url, {"decline-reason": "", "decline-redirect_to": ""})
    assert missing.status_code == 400
    assert "Motif : ce champ est obligatoire." in text_of(missing)
    outside = client.post(
        url, {"decline-reason": "Pas nous.", "decline-redirect_to": world.correze.pk}
    )
    assert outside.status_code == 400
    assert "Choisissez une organisation de la liste." in text_of(outside)

    done = client.post(
        url,
        {"decline-reason": "Un besoin de prêt.", "decline-redirect_to": world.france_active.pk},
        follow=True,
    )
    assert "Elle est réorientée vers France Active Nouvelle-Aquitaine." in text_of(done)
    new = Recipient.objects.get(request=request, organization=world.france_active)
    card = text_of(login(world.france_active_advisor).get(card_url(new)))
    assert "Réorientée par DLA de la Creuse (Dominique Lavergne) : Un besoin de prêt." in card


def test_the_home_reads_as_many_rows_in_the_same_few_queries(login):
    world = network()
    client = login(world.advisor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(HOME).status_code == 200
        return len(captured)

    send(help_request(world.structure), world.dla)
    few = queries()
    for day in range(15):
        send(help_request(StructureFactory(), sent=days_ago(day)), world.dla)
    assert queries() == few
