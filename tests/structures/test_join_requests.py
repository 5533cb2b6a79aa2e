"""A later person asks to join a registered structure; its administrators decide; the requester
is told; every step is logged and in the structure's history. A public body is refused."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from aidess.lifecycles.models import TransitionLog
from aidess.structures.enums import Confirmation, JoinStatus
from aidess.structures.models import JoinRequest, Structure, StructureMembership
from tests.factories import StructureFactory, UserFactory
from tests.html import Page
from tests.structures.factories import JoinRequestFactory, person

pytestmark = pytest.mark.django_db

SIRET = "80032984900023"
CREATE_URL = reverse("structures:create")
JOIN_URL = reverse("structures:join", args=[SIRET])


@pytest.fixture
def marie():
    return person("Marie", "Dupont", email="marie.dupont@exemple.fr")


@pytest.fixture
def theatre(marie):
    return StructureFactory(siret=SIRET, name="Théâtre Stéphane Gildas", member=marie)


@pytest.fixture
def sacha():
    return person("Sacha", "Bernard", email="sacha.bernard@exemple.fr")


def page_of(response):
    return Page(response.content.decode())


def text_of(response):
    return Page(response.content.decode()).all_text


def error_of(page, field):
    """The error text announced for `field` (the element its aria-describedby points to)."""
    error_id = f"id_{field}-desc-error"
    assert error_id in page.form_with("name").field(field)["describedby"].split()
    return page.text(error_id)


def created(client, **typed):
    data = {"action": "save", "version": "", "version_seen": "", "name": "Ma structure"}
    return client.post(CREATE_URL, {**data, **typed})


def decide(client, join, action, reason=""):
    url = reverse("structures:decide_request", args=[join.structure_id, join.pk])
    return client.post(url, {"action": action, f"refus-{join.pk}-reason": reason})


# Who may register a structure ------------------------------------------------------------------


def test_the_first_member_administers_the_structure(client, login, marie):
    login(marie)
    response = created(client, siret="40046135600133", name="Les Restos", legal_category="9220")

    assert response.status_code == 302
    membership = StructureMembership.objects.get(user=marie)
    assert membership.is_admin and membership.is_active
    assert membership.confirmation == Confirmation.FOUNDER
    history = client.get(reverse("structures:history", args=[membership.structure_id]))
    assert "Marie Dupont a inscrit la structure sur AidESS et l'administre" in text_of(history)


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"legal_category": "7220"}, "legal_category", "personne morale de droit public"),
        ({"legal_category": "7120"}, "legal_category", "ne peut pas être une structure de l'ESS"),
        ({"legal_category": "4140"}, "legal_category", "personne morale de droit public"),
        ({"legal_category": "1000"}, "legal_category", "n'est pas celle d'une personne morale"),
        ({"siret": "13002526500013"}, "siret", "celui d'un organisme public"),
    ],
)
def test_a_public_body_is_refused_next_to_the_field(client, login, marie, typed, field, message):
    login(marie)
    response = client.post(CREATE_URL, {"action": "save", "name": "DINUM", **typed})

    page = page_of(response)
    assert message in error_of(page, field)
    assert page.form_with("name").value("name") == "DINUM", "what was typed is kept"
    assert not Structure.objects.exists()


def test_looking_up_a_public_body_warns_at_once(client, login, marie, sirene_api):
    login(marie)
    response = client.post(CREATE_URL, {"action": "lookup", "siret": "13002526500013"})

    assert "personne morale de droit public" in page_of(response).text("siret-lookup-result")


def test_an_association_is_accepted(client, login, marie):
    login(marie)
    response = client.post(
        CREATE_URL,
        {"action": "save", "name": "Asso", "legal_category": "9220"},
    )
    assert response.status_code == 302


# Asking to join --------------------------------------------------------------------------------


def test_a_registered_siret_offers_to_join_with_the_public_name_only(client, login, theatre, sacha):
    login(sacha)
    page = page_of(client.post(CREATE_URL, {"action": "save", "name": "X", "siret": SIRET}))

    assert "déjà inscrite sur AidESS sous le nom « Théâtre Stéphane Gildas »" in error_of(
        page, "siret"
    )
    link = page.html.split('id="siret-registered"')[1]
    assert JOIN_URL in link

    join_page = client.get(JOIN_URL)
    assert join_page.status_code == 200
    assert "Rejoindre « Théâtre Stéphane Gildas »" in text_of(join_page)
    assert "Lille" not in text_of(join_page), "nothing but the name: not its commune"
    assert "marie.dupont" not in text_of(join_page), "nor who administers it"


def test_asking_to_join_tells_the_administrators_by_email(client, login, theatre, marie, sacha):
    plain_member = UserFactory(email="membre@exemple.fr")
    StructureMembership.objects.create(structure=theatre, user=plain_member)
    login(sacha)

    response = client.post(JOIN_URL, {"message": "Je suis le nouveau trésorier."})

    assert response.status_code == 302
    join = JoinRequest.objects.get()
    assert (join.user, join.structure, join.status) == (sacha, theatre, JoinStatus.PENDING)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["marie.dupont@exemple.fr"], "administrators only"
    assert "Sacha Bernard demande à rejoindre Théâtre Stéphane Gildas" in sent.subject
    assert "Je suis le nouveau trésorier." in sent.body
    assert f"/structures/{theatre.pk}/membres/" in sent.body
    assert "attend la réponse des administrateurs" in text_of(client.get(response.url))


def test_a_second_pending_request_is_refused_gently(client, login, theatre, sacha):
    login(sacha)
    client.post(JOIN_URL, {"message": "Première"})
    response = client.post(JOIN_URL, {"message": "Deuxième"}, follow=True)

    assert JoinRequest.objects.count() == 1
    assert "Vous avez déjà demandé à rejoindre cette structure" in text_of(response)
    assert len(mail.outbox) == 1


def test_the_database_keeps_one_pending_request(theatre, sacha):
    JoinRequestFactory(structure=theatre, user=sacha)

    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequestFactory(structure=theatre, user=sacha)
    JoinRequestFactory(structure=theatre, user=sacha, status=JoinStatus.REFUSED)  # past ones may


def test_a_member_is_not_asked_to_join_again(client, login, theatre, marie):
    login(marie)
    response = client.get(JOIN_URL, follow=True)
    assert "Vous faites déjà partie de cette structure." in text_of(response)
    assert not JoinRequest.objects.exists()


def test_an_unknown_siret_has_no_join_page(client, login, sacha):
    login(sacha)
    assert client.get(reverse("structures:join", args=["40046135600133"])).status_code == 404
    assert client.get(reverse("structures:join", args=["abc"])).status_code == 404


def test_an_anonymous_visitor_signs_in_first(client, theatre):
    response = client.get(JOIN_URL)
    assert response.status_code == 302 and "/connexion" in response.url or "login" in response.url


# Deciding --------------------------------------------------------------------------------------


def test_the_administrator_approves_and_the_newcomer_is_a_member(
    client, login, theatre, marie, sacha
):
    join = JoinRequestFactory(structure=theatre, user=sacha)
    login(marie)

    response = decide(client, join, "approve")

    assert response.status_code == 302
    join.refresh_from_db()
    assert (join.status, join.decided_by) == (JoinStatus.APPROVED, marie)
    membership = StructureMembership.objects.get(user=sacha, structure=theatre)
    assert membership.is_active and not membership.is_admin
    assert (membership.confirmation, membership.confirmed_by) == (
        Confirmation.ADMIN_APPROVAL,
        marie,
    )
    log = TransitionLog.objects.get(object_id=join.pk, transition="approve")
    assert (log.from_state, log.to_state, log.actor) == ("pending", "approved", marie)
    assert mail.outbox[-1].to == ["sacha.bernard@exemple.fr"]
    assert "Vous avez rejoint Théâtre Stéphane Gildas" in mail.outbox[-1].subject

    login(sacha)
    assert client.get(theatre.get_absolute_url()).status_code == 200
    assert "Théâtre Stéphane Gildas" in text_of(client.get(reverse("core:dashboard")))


def test_a_refusal_needs_a_reason_and_keeps_the_request(client, login, theatre, marie, sacha):
    join = JoinRequestFactory(structure=theatre, user=sacha)
    login(marie)

    response = decide(client, join, "refuse", reason="  ")

    assert response.status_code == 400
    assert "Motif du refus : ce champ est obligatoire." in text_of(response)
    join.refresh_from_db()
    assert join.status == JoinStatus.PENDING
    assert not mail.outbox


def test_a_refusal_is_emailed_with_its_reason(client, login, theatre, marie, sacha):
    join = JoinRequestFactory(structure=theatre, user=sacha)
    login(marie)

    decide(client, join, "refuse", reason="Nous ne vous connaissons pas.")

    join.refresh_from_db()
    assert (join.status, join.reason) == (JoinStatus.REFUSED, "Nous ne vous connaissons pas.")
    assert not StructureMembership.objects.filter(user=sacha).exists()
    assert "Motif : Nous ne vous connaissons pas." in mail.outbox[-1].body
    assert "est refusée" in mail.outbox[-1].subject


def test_a_decided_request_cannot_be_decided_again(client, login, theatre, marie, sacha):
    join = JoinRequestFactory(structure=theatre, user=sacha, status=JoinStatus.REFUSED)
    login(marie)

    response = decide(client, join, "approve", reason="")

    assert "impossible : l'état est « Refusée »" in text_of(client.get(response.url))
    assert not StructureMembership.objects.filter(user=sacha).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("plain_member", 403), ("outsider", 404), ("staff", 403), ("requester", 404)],
)
def test_only_administrators_decide(client, login, theatre, sacha, who, status):
    people = {
        "plain_member": lambda: (
            StructureMembership.objects.create(structure=theatre, user=UserFactory()).user
        ),
        "outsider": UserFactory,
        "staff": lambda: UserFactory(admin=True),
        "requester": lambda: sacha,
    }
    join = JoinRequestFactory(structure=theatre, user=sacha)
    login(people[who]())

    assert decide(client, join, "approve").status_code == status
    assert decide(client, join, "refuse", reason="Non").status_code == status
    join.refresh_from_db()
    assert join.status == JoinStatus.PENDING


def test_platform_administrators_decide_when_the_structure_has_no_administrator(
    client, login, sacha
):
    orphan = StructureFactory(siret=SIRET)  # loaded without members (demo generation, import)
    join = JoinRequestFactory(structure=orphan, user=sacha)
    login(UserFactory(admin=True))

    decide(client, join, "approve")

    assert StructureMembership.objects.filter(user=sacha, structure=orphan, is_active=True).exists()


def test_a_former_member_comes_back_through_a_request(client, login, theatre, marie, sacha):
    StructureMembership.objects.create(structure=theatre, user=sacha, is_active=False)
    join = JoinRequestFactory(structure=theatre, user=sacha)
    login(marie)

    decide(client, join, "approve")

    membership = StructureMembership.objects.get(user=sacha)
    assert membership.is_active and membership.confirmation == Confirmation.ADMIN_APPROVAL


# Cancelling ------------------------------------------------------------------------------------


def test_the_requester_cancels_from_the_dashboard(client, login, theatre, sacha):
    join = JoinRequestFactory(structure=theatre, user=sacha)
    login(sacha)
    dashboard = page_of(client.get(reverse("core:dashboard")))
    assert "Vous avez demandé le" in dashboard.all_text
    cancel_url = reverse("structures:cancel_request", args=[join.pk])
    assert cancel_url in dashboard.html

    response = client.post(cancel_url, follow=True)

    join.refresh_from_db()
    assert join.status == JoinStatus.CANCELLED
    assert "Votre demande est annulée." in text_of(response)
    assert TransitionLog.objects.filter(
        object_id=join.pk, transition="cancel", actor=sacha
    ).exists()


def test_nobody_else_cancels_a_request(client, login, theatre, marie, sacha):
    join = JoinRequestFactory(structure=theatre, user=sacha)
    login(marie)
    assert client.post(reverse("structures:cancel_request", args=[join.pk])).status_code == 404
    join.refresh_from_db()
    assert join.status == JoinStatus.PENDING


# What administrators see and the history -------------------------------------------------------


def test_administrators_see_pending_requests_on_dashboard_and_members_page(
    client, login, theatre, marie, sacha
):
    JoinRequestFactory(structure=theatre, user=sacha, message="Bonjour, c'est Sacha.")
    login(marie)

    dashboard = text_of(client.get(reverse("core:dashboard")))
    assert "Sacha Bernard demande à rejoindre" in dashboard
    members = page_of(client.get(reverse("structures:members", args=[theatre.pk])))
    assert "Demandes en attente (1)" in members.all_text
    assert "Bonjour, c'est Sacha." in members.all_text
    detail = text_of(client.get(theatre.get_absolute_url()))
    assert "1 demande en attente" in detail


def test_the_history_tells_the_request_and_its_outcome(client, login, theatre, marie, sacha):
    login(sacha)
    client.post(JOIN_URL, {"message": ""})
    login(marie)
    decide(client, JoinRequest.objects.get(), "approve")
    other = JoinRequestFactory(structure=theatre, user=person("Léa", "Petit"))
    decide(client, other, "refuse", reason="Inconnue au bureau")

    history = page_of(client.get(reverse("structures:history", args=[theatre.pk]))).all_text

    assert "Sacha Bernard demande à rejoindre la structure" in history
    assert "Demande de Sacha Bernard acceptée par Marie Dupont" in history
    assert "Sacha Bernard a rejoint la structure (approuvée par Marie Dupont)" in history
    assert "Demande de Léa Petit refusée par Marie Dupont : « Inconnue au bureau »" in history
