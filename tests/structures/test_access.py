"""Who may see and change a structure's profile: members, partners of its territory, admins."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.structures.models import StructureMembership
from aidess.structures.permissions import can_change_structure as can_change
from aidess.structures.permissions import can_view_structure as can_view
from aidess.structures.permissions import structures_visible_to
from aidess.territories.models import Commune
from tests.factories import StructureFactory, UserFactory, partner

pytestmark = pytest.mark.django_db


def detail_url(structure):
    return reverse("structures:detail", args=[structure.pk])


def edit_url(structure):
    return reverse("structures:update", args=[structure.pk])


def structure_in(commune_code, name):
    return StructureFactory(commune=Commune.objects.get(code=commune_code), name=name)


@pytest.fixture
def lille():
    return structure_in("59350", "Les Ateliers de Lille")


@pytest.fixture
def aubusson():
    return structure_in("23008", "Tapisserie solidaire d'Aubusson")


@pytest.fixture
def paris():
    return structure_in("75113", "Théâtre du 13e")


def advisor_of(*departments):
    return partner(OrganizationKind.SUPPORT, ScopeLevel.DEPARTMENTAL, departments=departments)


def regional(kind, *regions):
    return partner(kind, ScopeLevel.REGIONAL, regions=regions)


# Structure members


def test_member_sees_and_edits_own_structure(client, login):
    user = UserFactory()
    structure = StructureFactory(member=user, name="Les Lucioles")
    login(user)

    detail = client.get(detail_url(structure))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Les Lucioles" in html
    assert "Lille" in html
    assert "Hauts-de-France" in html
    assert edit_url(structure) in html, "the member is offered to edit the profile"
    assert client.get(edit_url(structure)).status_code == 200


def test_member_gets_404_on_another_structure_without_learning_its_name(client, login, aubusson):
    user = UserFactory()
    StructureFactory(member=user, name="Les Lucioles")
    login(user)

    for url in (detail_url(aubusson), edit_url(aubusson)):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Tapisserie" not in response.content.decode()


def test_member_cannot_save_another_structures_profile(client, login, aubusson):
    login(UserFactory())

    response = client.post(edit_url(aubusson), {"action": "save", "name": "Piratée"})

    assert response.status_code == 404
    aubusson.refresh_from_db()
    assert aubusson.name == "Tapisserie solidaire d'Aubusson"


def test_inactive_membership_gives_no_access(client, login):
    user = UserFactory()
    structure = StructureFactory(member=user)
    StructureMembership.objects.filter(user=user).update(is_active=False)
    login(user)

    assert client.get(detail_url(structure)).status_code == 404
    assert not can_view(user, structure)


def test_member_of_two_structures_sees_both_in_list_and_dashboard(client, login, aubusson):
    user = UserFactory()
    StructureFactory(member=user, name="Les Lucioles")
    StructureFactory(member=user, name="Le Jardin creusois")
    login(user)

    listing = client.get(reverse("structures:list")).content.decode()
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    for html in (listing, dashboard):
        assert "Les Lucioles" in html
        assert "Le Jardin creusois" in html
        assert "Tapisserie" not in html
    assert "2 structures visibles" in listing


def test_anonymous_visitor_is_sent_to_login(client, lille):
    login_url = reverse("accounts:login")
    urls = [reverse("structures:list"), reverse("structures:create")]
    for url in [*urls, detail_url(lille), edit_url(lille)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(f"{login_url}?next=")


# Partners: advisors, watch agents, aid providers


def test_departmental_advisor_sees_structures_of_his_department_only(
    client, login, lille, aubusson
):
    login(advisor_of("59"))

    detail = client.get(detail_url(lille))
    assert detail.status_code == 200
    assert "Les Ateliers de Lille" in detail.content.decode()
    assert edit_url(lille) not in detail.content.decode(), "no edit button for a reader"

    elsewhere = client.get(detail_url(aubusson))
    assert elsewhere.status_code == 404
    assert "Tapisserie" not in elsewhere.content.decode()


def test_advisor_cannot_edit_a_structure_he_sees(client, login, lille):
    login(advisor_of("59"))

    assert client.get(edit_url(lille)).status_code == 403
    response = client.post(edit_url(lille), {"action": "save", "name": "Modifiée"})
    assert response.status_code == 403
    lille.refresh_from_db()
    assert lille.name == "Les Ateliers de Lille"


def test_advisor_list_shows_only_his_territory(client, login, lille, aubusson, paris):
    login(advisor_of("59", "23"))

    html = client.get(reverse("structures:list")).content.decode()

    assert "Les Ateliers de Lille" in html
    assert "Tapisserie solidaire" in html
    assert "Théâtre du 13e" not in html
    assert "2 structures visibles" in html


def test_advisor_dashboard_lists_no_structure_of_his_own(client, login, lille):
    login(advisor_of("59"))

    html = client.get(reverse("core:dashboard")).content.decode()

    assert "Les Ateliers de Lille" not in html
    # His home is his work, not a list of structures he is told he does not have.
    assert "Mes structures" not in html
    assert "aucune structure" not in html


@pytest.mark.parametrize("kind", [OrganizationKind.SUPPORT, OrganizationKind.WATCH_CELL])
def test_regional_partner_sees_his_region_only(client, login, kind, lille, paris):
    login(regional(kind, "32"))

    assert client.get(detail_url(lille)).status_code == 200
    assert client.get(detail_url(paris)).status_code == 404
    assert client.get(edit_url(lille)).status_code == 403
    html = client.get(reverse("structures:list")).content.decode()
    assert "Les Ateliers de Lille" in html
    assert "Théâtre du 13e" not in html


def test_national_watch_cell_sees_every_structure(client, login, lille, aubusson, paris):
    login(partner(OrganizationKind.WATCH_CELL, ScopeLevel.NATIONAL))

    for structure in (lille, aubusson, paris):
        assert client.get(detail_url(structure)).status_code == 200
    assert client.get(edit_url(paris)).status_code == 403
    assert "3 structures visibles" in client.get(reverse("structures:list")).content.decode()


def test_aid_provider_does_not_see_structure_pages(client, login, lille):
    login(partner(OrganizationKind.PROVIDER, ScopeLevel.NATIONAL))

    assert client.get(detail_url(lille)).status_code == 404
    assert client.get(edit_url(lille)).status_code == 404
    html = client.get(reverse("structures:list")).content.decode()
    assert "Les Ateliers de Lille" not in html
    assert "Aucune structure." in html


def test_platform_admin_sees_and_edits_every_structure(client, login, aubusson, paris):
    login(UserFactory(admin=True))

    assert client.get(detail_url(aubusson)).status_code == 200
    page = client.get(edit_url(paris))
    assert page.status_code == 200
    assert "Théâtre du 13e" in page.content.decode()
    response = client.post(
        edit_url(paris),
        {"action": "save", "name": "Théâtre rénové", "commune": "75113", "version": 1},
    )
    assert response.status_code == 302
    paris.refresh_from_db()
    assert paris.name == "Théâtre rénové"
    assert not paris.memberships.exists(), "an admin editing does not become a member"


def test_member_who_is_also_advisor_keeps_editing_own_structure(client, login, lille, aubusson):
    user = advisor_of("59")
    StructureMembership.objects.create(user=user, structure=aubusson, is_admin=True)
    login(user)

    assert client.get(edit_url(aubusson)).status_code == 200
    assert client.get(edit_url(lille)).status_code == 403


# The rules themselves, as the other capabilities use them


def test_visible_to_by_role(lille, aubusson, paris):
    member = UserFactory()
    StructureMembership.objects.create(user=member, structure=paris)
    everyone = {lille, aubusson, paris}
    expectations = [
        (member, {paris}),
        (advisor_of("59"), {lille}),
        (advisor_of("23", "75"), {aubusson, paris}),
        (regional(OrganizationKind.SUPPORT, "32"), {lille}),
        (regional(OrganizationKind.WATCH_CELL, "32", "11"), {lille, paris}),
        (partner(OrganizationKind.WATCH_CELL, ScopeLevel.NATIONAL), everyone),
        (partner(OrganizationKind.PROVIDER, ScopeLevel.NATIONAL), set()),
        (partner(OrganizationKind.PROVIDER, ScopeLevel.DEPARTMENTAL, departments=["59"]), set()),
        (UserFactory(admin=True), everyone),
        (UserFactory(), set()),
    ]
    for user, visible in expectations:
        assert set(structures_visible_to(user)) == visible, user


def test_visible_to_lists_a_structure_once(lille):
    """A member who is also advisor of the department must not see the structure twice."""
    user = advisor_of("59")
    StructureMembership.objects.create(user=user, structure=lille)
    StructureMembership.objects.create(user=UserFactory(), structure=lille)

    assert list(structures_visible_to(user)) == [lille]


def test_can_view_and_can_change_by_role(lille, aubusson):
    member = UserFactory()
    StructureMembership.objects.create(user=member, structure=lille)
    advisor = advisor_of("59")
    watch_agent = regional(OrganizationKind.WATCH_CELL, "32")
    provider = partner(OrganizationKind.PROVIDER, ScopeLevel.NATIONAL)
    admin = UserFactory(admin=True)

    assert (can_view(member, lille), can_change(member, lille)) == (True, True)
    assert (can_view(member, aubusson), can_change(member, aubusson)) == (False, False)
    assert (can_view(advisor, lille), can_change(advisor, lille)) == (True, False)
    assert can_view(advisor, aubusson) is False
    assert (can_view(watch_agent, lille), can_change(watch_agent, lille)) == (True, False)
    assert can_view(watch_agent, aubusson) is False
    assert (can_view(provider, lille), can_change(provider, lille)) == (False, False)
    assert (can_view(admin, aubusson), can_change(admin, aubusson)) == (True, True)
    assert (can_view(AnonymousUser(), lille), can_change(AnonymousUser(), lille)) == (False, False)


def test_moving_a_structure_moves_who_sees_it(lille):
    advisor = advisor_of("59")
    assert can_view(advisor, lille)

    lille.commune = Commune.objects.get(code="23008")
    lille.save()

    assert lille.department_id == "23"
    assert lille.region_id == "75"
    assert not can_view(advisor, lille)


# Which territory each kind of partner organisation may cover


def test_support_organisation_may_be_national():
    """The Médiateur des entreprises and Guid'Asso answer the whole country (seed 001)."""
    organization = Organization(
        name="Médiateur des entreprises",
        kind=OrganizationKind.SUPPORT,
        scope_level=ScopeLevel.NATIONAL,
    )

    organization.full_clean()


def test_watch_cell_cannot_be_departmental():
    organization = Organization(
        name="Cellule du Nord",
        kind=OrganizationKind.WATCH_CELL,
        scope_level=ScopeLevel.DEPARTMENTAL,
    )

    with pytest.raises(ValidationError) as error:
        organization.full_clean()

    assert error.value.message_dict["scope_level"] == [
        "Ce type d'organisation a un périmètre parmi : national, régions."
    ]


@pytest.mark.parametrize(
    ("kind", "scope_level"),
    [
        (OrganizationKind.SUPPORT, ScopeLevel.DEPARTMENTAL),
        (OrganizationKind.SUPPORT, ScopeLevel.REGIONAL),
        (OrganizationKind.WATCH_CELL, ScopeLevel.NATIONAL),
        (OrganizationKind.PROVIDER, ScopeLevel.NATIONAL),
        (OrganizationKind.PROVIDER, ScopeLevel.DEPARTMENTAL),
    ],
)
def test_allowed_organisation_scopes(kind, scope_level):
    Organization(name="Partenaire", kind=kind, scope_level=scope_level).full_clean()
