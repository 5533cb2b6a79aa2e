import pytest
from aidess.territories.models import Commune

pytestmark = pytest.mark.django_db

def test_x():
    print(Commune.objects.count(), Commune.objects.filter(kind="COM").count())
    print(Commune.objects.filter(code__in=["01033", "01015"]).values())
    assert 0
