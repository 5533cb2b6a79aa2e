import pytest
from aidess.aids.models import Aid
from aidess.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_explore():
    for o in Organization.objects.filter(kind="provider").prefetch_related("regions", "departments").order_by("name"):
        print(o.name, "|", o.scope_level, [r.code for r in o.regions.all()], [d.code for d in o.departments.all()])
    print(Aid.objects.count(), Aid.objects.filter(status="published").count(), Aid.objects.filter(source="seed").values_list("slug", "status"))
