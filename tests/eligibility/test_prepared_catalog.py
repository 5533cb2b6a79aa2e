"""The catalog prepared once per process (eligibility/catalog.py): reused while nothing changes,
prepared again after any change of the catalog, so Mes aides shows the change on the next
request, and the same results as evaluating the aids afresh."""

import gc
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid, set_needs, set_sectors
from aidess.eligibility.catalog import evaluate_and_rank_catalog, prepared_catalog
from aidess.eligibility.engine import Profile
from aidess.eligibility.models import AidCriteria
from aidess.eligibility.service import candidate_aids, evaluate_and_rank
from aidess.territories.models import Commune
from tests.eligibility.test_pages import listed, my_aids_url
from tests.factories import AidCriteriaFactory, AidFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def theatre(member):
    """An ESS association of the culture sector in Aubusson (Creuse)."""
    return StructureFactory(
        member=member, commune=Commune.objects.get(code="23008"), employees_fte=Decimal("2")
    )


@pytest.fixture
def my_aids(client, login, member, theatre):
    """Mes aides of the theatre, as its member reads it: {"eligible": [pk…], …}."""
    login(member)

    def read():
        response = client.get(my_aids_url(theatre))
        assert response.status_code == 200
        return response

    return read


def eligible(response):
    return listed(response)["eligible"]


def test_mes_aides_does_not_load_the_catalog_again_while_it_has_not_changed(my_aids):
    my_aids()
    prepared = prepared_catalog()
    with CaptureQueriesContext(connection) as queries:
        my_aids()
    assert prepared_catalog() is prepared
    read_tables = " ".join(query["sql"] for query in queries)
    for table in ("aids_aidsector", "eligibility_aidcriteria", "aids_aid_departments"):
        assert table not in read_tables


def test_a_renamed_aid_shows_its_new_name_on_the_next_request(my_aids):
    aid = AidFactory(name="Fonds de soutien aux lieux")
    assert "Fonds de soutien aux lieux" in my_aids().content.decode()
    aid.name = "Fonds de soutien aux lieux culturels"
    aid.save()
    assert "Fonds de soutien aux lieux culturels" in my_aids().content.decode()


def test_changed_criteria_move_the_aid_out_of_the_eligible_aids(my_aids):
    criteria = AidCriteriaFactory(aid__name="Prêt coopératif")
    assert criteria.aid.pk in eligible(my_aids())
    criteria.legal_forms = ["cooperative"]
    criteria.save()
    assert criteria.aid.pk not in eligible(my_aids())
    AidCriteria.objects.get(pk=criteria.pk).delete()  # no criteria: open to all again
    assert criteria.aid.pk in eligible(my_aids())


def test_a_changed_territory_is_seen_on_the_next_request(my_aids):
    aid = AidFactory(is_national=False, departments=["23"])
    assert aid.pk in eligible(my_aids())
    aid.departments.set(["59"])
    assert aid.pk not in eligible(my_aids())
    aid.regions.add("75")  # Nouvelle-Aquitaine, the theatre's region
    assert aid.pk in eligible(my_aids())


def test_changed_sectors_and_needs_are_seen_on_the_next_request(my_aids):
    aid = AidFactory()
    assert aid.pk in eligible(my_aids())
    set_sectors(aid, ["sport"])  # what the aid form and the admin do
    assert aid.pk not in eligible(my_aids())
    set_sectors(aid, ["sport", "culture"])
    response = my_aids()
    assert aid.pk in eligible(response)
    assert "de la culture" in response.content.decode()
    set_needs(aid, ["cash"])
    needs = {
        need for pk, needs in prepared_catalog().needs.items() if pk == aid.pk for need in needs
    }
    assert needs == {"cash"}


def test_an_admin_bulk_action_and_a_deletion_are_seen_on_the_next_request(client, my_aids, member):
    archived, deleted = AidFactory(), AidFactory()
    assert {archived.pk, deleted.pk} <= set(eligible(my_aids()))
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        reverse("admin:aids_aid_changelist"),
        {"action": "archive", "_selected_action": [archived.pk]},
    )
    assert response.status_code == 302
    assert Aid.objects.get(pk=archived.pk).status == AidStatus.ARCHIVED
    deleted.delete()
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    page = eligible(my_aids())
    assert archived.pk not in page
    assert deleted.pk not in page


def test_closed_aids_are_shown_on_demand_from_the_same_prepared_catalog(my_aids, client, theatre):
    closed = AidFactory(status=AidStatus.CLOSED)
    past = AidFactory(closing_date=timezone.localdate() - timezone.timedelta(days=1))
    assert {closed.pk, past.pk}.isdisjoint(eligible(my_aids()))
    response = client.get(my_aids_url(theatre, fermees=1))
    assert {closed.pk, past.pk} <= set(eligible(response))


PROFILES = [
    Profile(),
    Profile(legal_form="association", ess=True, sector="culture", commune_code="23008",
            epci_code="200034700", department_code="23", region_code="75",
            employees_fte=Decimal(2)),
    Profile(legal_form="cooperative", department_code="59", region_code="32",
            situations=frozenset({"cash_shortfall"})),
]  # fmt: skip


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("include_closed", [False, True])
def test_the_prepared_catalog_gives_what_a_fresh_evaluation_gives(profile, include_closed):
    AidFactory(status=AidStatus.CLOSED, name="Aide close")
    AidFactory(closing_date=timezone.localdate() - timezone.timedelta(days=3), name="Aide passée")
    today, needs = timezone.localdate(), frozenset({"cash"})

    def rows(results):
        return [
            (r.aid.pk, r.evaluation, r.is_open, r.rank, r.relevance, r.generic) for r in results
        ]

    fresh = evaluate_and_rank(profile, candidate_aids(include_closed), today, include_closed, needs)
    prepared = evaluate_and_rank_catalog(profile, today, include_closed, needs)
    assert rows(prepared) == rows(fresh)


def test_the_prepared_catalog_is_kept_out_of_the_garbage_collector_until_replaced(my_aids):
    """Each full collection walked the whole prepared catalog (200 ms for 10 000 aids)."""
    my_aids()
    prepared = prepared_catalog()
    frozen = gc.get_freeze_count()
    assert frozen > len(prepared.aids)
    AidFactory()  # a new aid: a new catalog, the previous one given back to the collector
    my_aids()
    assert prepared_catalog() is not prepared
    assert gc.get_freeze_count() > 0
