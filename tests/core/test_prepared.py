"""`core.prepared`: a queryset compiled once with `Param`s runs again with other values."""

import pytest
from django.db.models import CharField, Count, Window

from aidess.core.prepared import Param, PreparedQuery
from aidess.organizations.enums import ScopeLevel
from aidess.organizations.models import Organization
from tests.aids.helpers import provider_organization

pytestmark = pytest.mark.django_db


def by_name():
    return Organization.objects.filter(name=Param("name", CharField()))


def test_one_statement_runs_with_each_value_and_holds_none_of_them():
    provider_organization("Fondation Alpha")
    provider_organization("Fonds Bêta")
    statement = PreparedQuery(by_name())

    assert [org.name for org in statement.instances({"name": "Fondation Alpha"})] == [
        "Fondation Alpha"
    ]
    assert [org.name for org in statement.instances({"name": "Fonds Bêta"})] == ["Fonds Bêta"]
    assert statement.instances({"name": "Fondation inconnue"}) == []
    assert statement.names == {"name"} and "Alpha" not in statement.sql


def test_rows_become_model_instances_with_their_annotations():
    provider_organization("Fondation Alpha", scope_level=ScopeLevel.REGIONAL)
    provider_organization("Fondation Gamma", scope_level=ScopeLevel.REGIONAL)
    provider_organization("Fonds Bêta")
    queryset = (
        Organization.objects.filter(name__in=[Param("one", CharField()), Param("two", CharField())])
        .only("name")
        .annotate(total=Window(Count("*")))
        .order_by("name")
    )

    rows = PreparedQuery(queryset).instances({"one": "Fondation Gamma", "two": "Fondation Alpha"})

    assert [(org.name, org.total) for org in rows] == [
        ("Fondation Alpha", 2),
        ("Fondation Gamma", 2),
    ]
    assert isinstance(rows[0], Organization)
    assert rows[0].scope_level == ScopeLevel.REGIONAL  # deferred, loaded when read


def test_scalar_reads_one_value_or_none_without_rows():
    provider_organization("Fondation Alpha")
    statement = PreparedQuery(by_name().annotate(total=Window(Count("*"))).values("total")[:1])

    assert statement.scalar({"name": "Fondation Alpha"}) == 1
    assert statement.scalar({"name": "Fondation inconnue"}) is None


def test_a_missing_value_is_refused_before_reaching_the_database():
    statement = PreparedQuery(by_name())

    with pytest.raises(KeyError, match="name"):
        statement.instances({"nom": "Fondation Alpha"})
