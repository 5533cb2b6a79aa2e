"""Who reads a structure's finances (diagnosis/permissions.py), for every demo role, and the rule
of one active sharing consent per organisation."""

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from aidess.diagnosis.models import SharingConsent
from aidess.diagnosis.permissions import (
    can_change_finances,
    can_read_finances,
    finances_visible_to,
    structure_for_finances,
)
from aidess.organizations.models import Organization
from tests.demo_roles import ROLES, Demo

pytestmark = pytest.mark.django_db

# The demo structure (Paris) shares with DLA de la Creuse: consent opens what territory does not.
READS = {"member", "advisor_dla_23", "admin"}
CHANGES = {"member", "admin"}


def shared_with_dla(demo):
    dla = Organization.objects.get(name="DLA de la Creuse")
    return SharingConsent.grant(demo.paris, dla, demo["member"])


def history_status(client, demo):
    return client.get(reverse("diagnosis:history", args=[demo.paris.pk])).status_code


@pytest.mark.parametrize("role", ROLES)
def test_can_read_finances(role):
    demo = Demo()
    shared_with_dla(demo)
    user = demo[role]

    assert can_read_finances(user, demo.paris) == (role in READS)
    assert (demo.paris in finances_visible_to(user)) == (role in READS)
    # Nobody shared Aubusson's: seeing its profile (advisors, watch agents) is not enough.
    assert can_read_finances(user, demo.aubusson) == (role == "admin")
    if role in READS:
        assert structure_for_finances(user, demo.paris.pk) == demo.paris
    else:
        with pytest.raises(Http404):
            structure_for_finances(user, demo.paris.pk)


@pytest.mark.parametrize("role", ROLES)
def test_can_change_finances(role):
    demo = Demo()
    shared_with_dla(demo)
    assert can_change_finances(demo[role], demo.paris) == (role in CHANGES)


def test_a_revoked_consent_closes_the_finances(client, login):
    demo = Demo()
    consent = shared_with_dla(demo)
    login(demo["advisor_dla_23"])
    assert history_status(client, demo) == 200

    consent.revoked_at = timezone.now()
    consent.save()

    assert not can_read_finances(demo["advisor_dla_23"], demo.paris)
    assert history_status(client, demo) == 404


def test_a_deactivated_advisor_no_longer_reads_what_was_shared(client, login):
    demo = Demo()
    shared_with_dla(demo)
    login(demo.deactivate("advisor_dla_23"))

    assert not can_read_finances(demo["advisor_dla_23"], demo.paris)
    assert history_status(client, demo) == 404


def test_a_deactivated_member_no_longer_reads_its_finances():
    demo = Demo()
    assert not can_read_finances(demo.deactivate("member"), demo.paris)


def test_the_advisor_reads_but_cannot_start_a_diagnosis(client, login):
    demo = Demo()
    shared_with_dla(demo)
    login(demo["advisor_dla_23"])

    assert client.post(reverse("diagnosis:start", args=[demo.paris.pk])).status_code == 404


# One active consent per organisation and structure


def test_the_database_refuses_a_second_active_consent():
    demo = Demo()
    consent = shared_with_dla(demo)
    with pytest.raises(IntegrityError), transaction.atomic():
        SharingConsent.objects.create(structure=demo.paris, organization=consent.organization)


def test_a_revoked_consent_leaves_room_for_a_new_one():
    demo = Demo()
    consent = shared_with_dla(demo)
    consent.revoked_at = timezone.now()
    consent.save()

    again = shared_with_dla(demo)

    assert again.pk != consent.pk
    assert SharingConsent.objects.filter(structure=demo.paris).count() == 2


def test_granting_twice_keeps_one_consent():
    demo = Demo()
    assert shared_with_dla(demo) == shared_with_dla(demo)
    assert SharingConsent.objects.filter(structure=demo.paris, revoked_at=None).count() == 1


def test_validation_says_it_in_french():
    demo = Demo()
    consent = shared_with_dla(demo)
    duplicate = SharingConsent(structure=demo.paris, organization=consent.organization)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Ce partage avec cet organisme est déjà actif." in str(error.value)


# The sharing page reads its POST through a form


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"consent": "1"}, "Choisissez un organisme d'accompagnement dans la liste."),
        (
            {"organization": "abc", "consent": "1"},
            "Choisissez un organisme d'accompagnement dans la liste.",
        ),
        ({"organization": "DLA"}, "Cochez la case de consentement pour partager vos données."),
        ({}, "Choisissez un organisme d'accompagnement dans la liste."),
    ],
)
def test_sharing_refuses_bad_input_in_french(data, message, client, login):
    demo = Demo()
    login(demo["member"])
    if data.get("organization") == "DLA":
        data["organization"] = Organization.objects.get(name="DLA de la Creuse").pk
    response = client.post(reverse("diagnosis:sharing", args=[demo.paris.pk]), data)

    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not SharingConsent.objects.filter(structure=demo.paris).exists()


def test_sharing_with_a_provider_is_refused(client, login):
    demo = Demo()
    login(demo["member"])
    dreets = Organization.objects.get(name="DREETS Nouvelle-Aquitaine")
    response = client.post(
        reverse("diagnosis:sharing", args=[demo.paris.pk]),
        {"organization": dreets.pk, "consent": "1"},
    )
    assert "Choisissez un organisme d'accompagnement dans la liste." in unescape(
        response.content.decode()
    )
    assert not SharingConsent.objects.filter(structure=demo.paris).exists()
