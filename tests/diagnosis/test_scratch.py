import pytest
from django.urls import reverse
from tests.factories import StructureFactory, UserFactory
from aidess.diagnosis.models import Diagnosis

pytestmark = pytest.mark.django_db


def test_dump(client, login):
    user = UserFactory()
    s = StructureFactory(member=user)
    login(user)
    r = client.post(reverse("diagnosis:start", args=[s.pk]))
    print(r.status_code, r.url)
    d = Diagnosis.objects.get()
    r = client.post(reverse("diagnosis:step", args=[s.pk, d.pk, 1]), {"activity_status": "reduced"})
    print(r.status_code, r.url)
    r = client.post(
        reverse("diagnosis:step", args=[s.pk, d.pk, 2]),
        {
            "resources_lost_eur": "-5",
            "funding_cut": "yes",
            "funding_cut_funder": "Région X",
            "funders_lost": ["region"],
        },
    )
    print(r.status_code)
    html = r.content.decode()
    i = html.find("<form")
    open("/tmp/step2.html", "w").write(html[i:])
    r = client.get(reverse("diagnosis:step", args=[s.pk, d.pk, 1]))
    html = r.content.decode()
    open("/tmp/step1.html", "w").write(html[html.find("<form") :])
    r = client.post(reverse("cashflow:create", args=[s.pk]), {"start": "2026-01", "months": "3"})
    print(r.status_code, r.url)
    r = client.get(r.url)
    open("/tmp/detail.html", "w").write(r.content.decode())
