"""The catalog's records write history entries: who, from where, which field before → after."""

import pytest
from django.urls import reverse

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid, AidNeed
from aidess.eligibility.models import AidCriteria
from aidess.history.models import AuditEntry
from aidess.organizations.models import Organization
from tests.factories import AidFactory, UserFactory

pytestmark = pytest.mark.django_db


def entries_of(instance):
    return AuditEntry.objects.get_for_object(instance).order_by("id")


def test_an_aid_changed_in_the_admin_records_actor_origin_and_diff(login):
    admin = UserFactory(is_staff=True, is_superuser=True)
    aid = AidFactory(name="Aide au démarrage")
    change_url = reverse("admin:aids_aid_change", args=[aid.pk])
    form = login(admin).get(change_url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    provider = Organization.objects.filter(kind="provider").first()
    data.update(
        name="Aide au démarrage renforcée",
        providers=[provider.pk],
        **{
            f"{prefix}-{key}": value
            for prefix in ("sectors", "needs")
            for key, value in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()
        },
    )
    response = login(admin).post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    change = entries_of(aid).filter(action=AuditEntry.Action.UPDATE, changes__has_key="name").get()
    assert change.changes["name"] == ["Aide au démarrage", "Aide au démarrage renforcée"]
    assert change.actor == admin
    assert change.origin == "admin"
    assert change.origin_detail == f"POST {change_url}"
    providers = entries_of(aid).filter(changes__has_key="providers").get()
    assert providers.changes["providers"]["objects"] == [provider.name]


def test_criteria_and_needs_are_in_the_history():
    aid = AidFactory()
    criteria = AidCriteria.objects.create(aid=aid, ess_required=True)
    AidNeed.objects.create(aid=aid, need="funding")
    criteria.ess_required = False
    criteria.save()

    assert entries_of(criteria).last().changes["ess_required"] == ["True", "False"]
    assert AuditEntry.objects.filter(content_type__model="aidneed", object_repr__isnull=False)


def test_the_catalog_version_moves_with_each_change():
    """The last entry of the catalog's content types changes when an aid changes."""
    aid = AidFactory()
    before = AuditEntry.objects.latest("id").id
    Aid.objects.filter(pk=aid.pk).first().save()  # no change: no entry
    assert AuditEntry.objects.latest("id").id == before
    aid.status = AidStatus.ARCHIVED
    aid.save()
    assert AuditEntry.objects.latest("id").id > before
