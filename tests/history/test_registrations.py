"""What each app opts in: users' rights but never their password, organisations and their
members, and writes that change nothing leave nothing."""

import pytest

from aidess.aids.importers import tag_needs
from aidess.aids.models import Aid, set_sectors
from aidess.history.models import AuditEntry
from aidess.organizations.models import OrganizationMembership
from aidess.territories.models import Region
from tests.factories import AidFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def entries_of(instance):
    return AuditEntry.objects.get_for_object(instance).order_by("id")


def test_a_user_s_rights_are_recorded_never_the_password_or_the_last_login():
    user = UserFactory(email="camille@example.org")
    user.set_password("un autre mot de passe très long")
    user.save()
    user.is_staff = True
    user.save()

    created, promoted = entries_of(user)
    assert "password" not in created.changes and "last_login" not in created.changes
    assert promoted.changes == {"is_staff": ["False", "True"]}


def test_organisations_their_territory_and_members_are_recorded():
    organization = OrganizationFactory(name="DLA du Nord")
    organization.regions.add(Region.objects.get(code="32"))
    membership = OrganizationMembership.objects.create(
        user=UserFactory(), organization=organization
    )
    membership.is_active = False
    membership.save()

    regions = entries_of(organization).get(changes__has_key="regions")
    assert regions.changes["regions"]["objects"] == ["Hauts-de-France"]
    assert entries_of(membership).last().changes == {"is_active": ["True", "False"]}


def test_unchanged_sectors_and_needs_write_nothing_changed_ones_do():
    aid = AidFactory(sectors=["culture"])
    before = AuditEntry.objects.latest("id").id

    set_sectors(aid, ["culture"])
    tag_needs(Aid.objects.filter(source="aides_territoires"))
    assert AuditEntry.objects.latest("id").id == before

    set_sectors(aid, ["culture", "sport"])
    new = AuditEntry.objects.filter(id__gt=before).get()
    assert (new.content_type.model, new.changes["sector"]) == ("aidsector", ["None", "sport"])
