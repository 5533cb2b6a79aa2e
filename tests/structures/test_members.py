"""A structure's members page, its administrators' powers (never leaving it without one), a
support organisation vouching for a member, what an instructor reads (`describe_link`), per
demo role."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from aidess.applications.enums import DocumentKind
from aidess.applications.links import describe_link
from aidess.applications.models import ApplicationFile, Document
from aidess.demo.accounts import DEMO_PASSWORD
from aidess.organizations.models import Organization
from aidess.structures.enums import Confirmation
from aidess.structures.members import (
    MembershipRefused,
    deactivate,
    make_admin,
    remove_admin,
)
from aidess.structures.models import JoinRequest, StructureMembership
from aidess.structures.permissions import can_manage_members, can_view_members
from tests.demo_roles import ROLES, Demo
from tests.factories import StructureFactory, UserFactory
from tests.html import Page
from tests.structures.factories import JoinRequestFactory, person

pytestmark = pytest.mark.django_db


def text_of(response):
    return Page(response.content.decode()).all_text


def act(client, membership, action):
    url = reverse("structures:member_action", args=[membership.structure_id, membership.pk])
    return client.post(url, {"action": action}, follow=True)


@pytest.fixture
def marie():
    return person("Marie", "Dupont")


@pytest.fixture
def theatre(marie):
    return StructureFactory(name="Théâtre des Possibles", member=marie)


@pytest.fixture
def sacha(theatre):
    user = person("Sacha", "Bernard")
    StructureMembership.objects.create(structure=theatre, user=user)
    return user


def membership_of(user, structure):
    return StructureMembership.objects.get(user=user, structure=structure)


# The page, per role ----------------------------------------------------------------------------

# Paris: the demo structure, whose demo member administers it. 200 reads, 403 sees the
# structure but not its members, 404 does not see the structure, 302 signs in first.
MEMBERS_PAGE = {
    "member": 200,
    "advisor_dla_23": 404,
    "advisor_france_active_75": 404,
    "provider_75": 404,
    "watch_regional_75": 404,
    "watch_national": 403,
    "admin": 200,
    "anonymous": 302,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_opens_the_members_page(client, login, role):
    demo = Demo()
    if role != "anonymous":
        login(demo[role])
    response = client.get(reverse("structures:members", args=[demo.paris.pk]))
    assert response.status_code == MEMBERS_PAGE[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_structures_administrators_manage_members(role):
    demo = Demo()
    user = demo[role]
    assert can_manage_members(user, demo.paris) == (role == "member")
    assert can_view_members(user, demo.paris) == (role in ("member", "admin"))


def test_the_platform_administrator_reads_without_buttons(client, login, theatre, sacha):
    login(UserFactory(admin=True))
    page = text_of(client.get(reverse("structures:members", args=[theatre.pk])))
    assert "Marie Dupont" in page and "Sacha Bernard" in page
    assert "Nommer administrateur" not in page and "Retirer de la structure" not in page
    response = act(client, membership_of(sacha, theatre), "make_admin")
    assert response.status_code == 403
    assert not membership_of(sacha, theatre).is_admin


def test_a_plain_member_reads_but_does_not_manage(client, login, theatre, sacha, marie):
    login(sacha)
    page = text_of(client.get(reverse("structures:members", args=[theatre.pk])))
    assert "Membres actifs (2)" in page
    assert "Retirer de la structure" not in page
    assert act(client, membership_of(marie, theatre), "deactivate").status_code == 403
    assert membership_of(marie, theatre).is_active


def test_the_page_says_how_each_member_was_confirmed(client, login, theatre, marie):
    newcomer = person("Léa", "Petit")
    StructureMembership.objects.create(
        structure=theatre,
        user=newcomer,
        confirmation=Confirmation.ADMIN_APPROVAL,
        confirmed_by=marie,
        confirmed_at="2026-11-12T10:00:00+01:00",
    )
    login(marie)
    page = text_of(client.get(reverse("structures:members", args=[theatre.pk])))
    assert "Premier membre de la structure : rattachement non confirmé par un tiers" in page
    assert (
        "Rattachement confirmé par Marie Dupont, qui administre la structure, le 12/11/2026" in page
    )


# Administrators --------------------------------------------------------------------------------


def test_an_administrator_names_another_administrator(client, login, theatre, marie, sacha):
    login(marie)
    response = act(client, membership_of(sacha, theatre), "make_admin")

    assert "Sacha Bernard administre désormais la structure." in text_of(response)
    assert membership_of(sacha, theatre).is_admin
    history = text_of(client.get(reverse("structures:history", args=[theatre.pk])))
    assert "Sacha Bernard administre désormais la structure" in history


def test_an_administrator_deactivates_a_member(client, login, theatre, marie, sacha):
    login(marie)
    response = act(client, membership_of(sacha, theatre), "deactivate")

    assert "Sacha Bernard ne fait plus partie de la structure." in text_of(response)
    membership = membership_of(sacha, theatre)
    assert not membership.is_active
    assert "Anciens membres (1)" in text_of(response)
    login(sacha)
    assert client.get(theatre.get_absolute_url()).status_code == 404
    login(marie)
    history = text_of(client.get(reverse("structures:history", args=[theatre.pk])))
    assert "Sacha Bernard ne fait plus partie de la structure" in history


def test_the_last_active_administrator_cannot_leave(client, login, theatre, marie, sacha):
    login(marie)
    for action in ("deactivate", "remove_admin"):
        response = act(client, membership_of(marie, theatre), action)
        assert (
            "Marie Dupont est la dernière personne à administrer la structure : nommez d'abord "
            "un autre administrateur." in text_of(response)
        )
        membership = membership_of(marie, theatre)
        assert membership.is_active and membership.is_admin


def test_with_two_administrators_one_may_step_down(client, login, theatre, marie, sacha):
    make_admin(membership_of(sacha, theatre))
    login(marie)

    response = act(client, membership_of(marie, theatre), "deactivate")

    assert response.redirect_chain[-1][0] == reverse("core:dashboard")
    assert "Marie Dupont ne fait plus partie de la structure." in text_of(response)
    assert not membership_of(marie, theatre).is_active
    with pytest.raises(MembershipRefused):
        deactivate(membership_of(sacha, theatre))  # now the last one


def test_rules_hold_outside_the_pages(theatre, marie, sacha):
    with pytest.raises(MembershipRefused):
        remove_admin(membership_of(marie, theatre))
    deactivate(membership_of(sacha, theatre))
    with pytest.raises(MembershipRefused, match="Seul un membre actif"):
        make_admin(membership_of(sacha, theatre))


def test_a_membership_of_another_structure_is_not_found(client, login, theatre, marie):
    other = StructureFactory(member=UserFactory())
    login(marie)
    url = reverse("structures:member_action", args=[theatre.pk, other.memberships.get().pk])
    assert client.post(url, {"action": "deactivate"}).status_code == 404


# A support organisation vouches ----------------------------------------------------------------


def test_the_dla_advisor_confirms_a_member_of_a_structure_of_its_territory(client, login):
    demo = Demo()
    founder = person("Jeanne", "Lefèvre")
    StructureMembership.objects.create(structure=demo.aubusson, user=founder, is_admin=True)
    login(demo["advisor_dla_23"])

    page = text_of(client.get(demo.aubusson.get_absolute_url()))
    assert "Je connais cette structure : je confirme que cette personne agit pour elle" in page
    membership = membership_of(founder, demo.aubusson)
    url = reverse("structures:confirm_member", args=[demo.aubusson.pk, membership.pk])
    response = client.post(url, follow=True)

    assert "au nom de DLA de la Creuse, que Jeanne Lefèvre agit pour la structure" in text_of(
        response
    )
    membership.refresh_from_db()
    assert membership.confirmation == Confirmation.SUPPORT_ORGANISATION
    assert membership.confirmed_by == demo["advisor_dla_23"]
    assert membership.confirming_organization == Organization.objects.get(name="DLA de la Creuse")
    assert describe_link(founder, demo.aubusson).startswith("Confirmé par DLA de la Creuse le ")
    login(founder)
    history = text_of(client.get(reverse("structures:history", args=[demo.aubusson.pk])))
    assert "Le rattachement de Jeanne Lefèvre est confirmé par DLA de la Creuse" in history


# (sees the button on Aubusson, status of a confirmation POST on Aubusson)
CONFIRMS = {
    "member": (False, 404),
    "advisor_dla_23": (True, 302),
    "advisor_france_active_75": (True, 302),
    "provider_75": (False, 404),
    "watch_regional_75": (False, 403),
    "watch_national": (False, 403),
    "admin": (False, 403),
    "anonymous": (False, 302),
}


@pytest.mark.parametrize("role", ROLES)
def test_who_confirms_as_a_support_organisation(client, login, role):
    demo = Demo()
    founder = person("Jeanne", "Lefèvre")
    StructureMembership.objects.create(structure=demo.aubusson, user=founder, is_admin=True)
    membership = membership_of(founder, demo.aubusson)
    if role != "anonymous":
        login(demo[role])
        detail = client.get(demo.aubusson.get_absolute_url())
        shown = "je confirme que cette personne agit pour elle" in text_of(detail)
        assert shown == CONFIRMS[role][0]
    url = reverse("structures:confirm_member", args=[demo.aubusson.pk, membership.pk])
    assert client.post(url).status_code == CONFIRMS[role][1]
    membership.refresh_from_db()
    confirmed = membership.confirmation == Confirmation.SUPPORT_ORGANISATION
    assert confirmed == (role.startswith("advisor"))


# What an instructor reads ----------------------------------------------------------------------


def test_describe_link_for_each_confirmation(theatre, marie):
    assert (
        describe_link(marie, theatre)
        == "Premier membre de la structure : rattachement non confirmé par un tiers"
    )
    newcomer = person("Léa", "Petit")
    StructureMembership.objects.create(
        structure=theatre,
        user=newcomer,
        confirmation=Confirmation.ADMIN_APPROVAL,
        confirmed_by=marie,
        confirmed_at="2026-11-12T10:00:00+01:00",
    )
    assert describe_link(newcomer, theatre) == (
        "Rattachement confirmé par Marie Dupont, qui administre la structure, le 12/11/2026"
    )
    assert describe_link(UserFactory(), theatre) == "Ne fait pas (ou plus) partie de la structure"


def officers_list(structure, **representative):
    file = ApplicationFile.objects.create(structure=structure, **representative)
    Document.objects.create(
        file=file,
        kind=DocumentKind.OFFICERS,
        content=ContentFile(b"%PDF-1.4", name="dirigeants.pdf"),
        original_name="dirigeants.pdf",
        content_type="application/pdf",
        size=8,
    )
    return file


@pytest.mark.parametrize(
    "representative",
    [
        {"representative_name": "DUPONT  Marie"},
        {"representative_name": "Quelqu'un d'autre", "representative_email": "MARIE@exemple.fr"},
    ],
)
def test_named_in_the_officers_list_of_the_file(representative):
    marie = person("Marie", "Dupont", email="marie@exemple.fr")
    theatre = StructureFactory(member=marie)
    officers_list(theatre, **representative)
    assert describe_link(marie, theatre) == "Nommé(e) dans la liste des dirigeants du dossier"


def test_the_file_naming_someone_else_or_without_the_list_confirms_nothing(theatre, marie):
    file = ApplicationFile.objects.create(structure=theatre, representative_name="Marie Dupont")
    assert describe_link(marie, theatre).startswith("Premier membre")  # no list of officers
    file.delete()
    officers_list(theatre, representative_name="Paul Durand")
    assert describe_link(marie, theatre).startswith("Premier membre")


def test_a_third_partys_confirmation_comes_before_the_file(theatre, marie):
    officers_list(theatre, representative_name="Marie Dupont")
    membership = membership_of(marie, theatre)
    membership.confirmation = Confirmation.SUPPORT_ORGANISATION
    membership.confirming_organization = Organization.objects.create(
        name="France Active Hauts-de-France", kind="support", scope_level="regional"
    )
    membership.confirmed_at = "2026-11-20T09:00:00+01:00"
    membership.save()
    assert (
        describe_link(marie, theatre) == "Confirmé par France Active Hauts-de-France le 20/11/2026"
    )


# Data rules ------------------------------------------------------------------------------------


def test_one_pending_request_per_person_and_structure(theatre):
    requester = UserFactory()
    JoinRequestFactory(structure=theatre, user=requester)
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequestFactory(structure=theatre, user=requester)
    assert JoinRequest.objects.count() == 1


# Demo data -------------------------------------------------------------------------------------


def test_the_demo_shows_a_pending_request_and_a_member_confirmed_by_the_dla(client):
    call_command("load_demo", "--structures", "0", verbosity=0)
    call_command("load_demo", "--structures", "0", verbosity=0)  # again: nothing doubles

    join = JoinRequest.objects.get()
    assert (join.user.email, join.structure.name, join.status) == (
        "benevole@demo.aidess.fr",
        "Théâtre Stéphane Gildas",
        "pending",
    )
    founder = StructureMembership.objects.get(user__email="structure@demo.aidess.fr")
    assert founder.is_admin and founder.confirmation == Confirmation.FOUNDER
    confirmed = StructureMembership.objects.get(user__email="ressourcerie@demo.aidess.fr")
    assert confirmed.structure.department_id == "23"
    assert describe_link(confirmed.user, confirmed.structure).startswith(
        "Confirmé par DLA de la Creuse le "
    )
    for email in (
        "structure@demo.aidess.fr",
        "benevole@demo.aidess.fr",
        "ressourcerie@demo.aidess.fr",
    ):
        response = client.post(
            reverse("accounts:login"), {"username": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        client.post(reverse("accounts:logout"))
