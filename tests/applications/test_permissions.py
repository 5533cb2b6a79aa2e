"""Who reads and changes a structure's application file (applications/permissions.py), for every
demo role: its members read and change it, administrators read it, everyone else gets a 404."""

import pytest
from django.urls import reverse

from aidess.applications.permissions import can_change_file, can_view_file
from aidess.demo.application_file import create_demo_application_file
from tests.demo_roles import ROLES, Demo

pytestmark = pytest.mark.django_db

READS = {"member", "admin"}
CHANGES = {"member"}
EDIT_PAGES = [
    ("applications:contacts", ()),
    ("applications:budget", ("previsionnel",)),
    ("applications:budget", ("realise",)),
    ("applications:agrements", ()),
    ("applications:upload", ()),
]


@pytest.fixture
def demo():
    demo = Demo()
    create_demo_application_file(demo.paris, demo["member"])
    return demo


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_file(role, demo, client, login):
    structure = demo.paris
    document = structure.application_file.documents.first()

    assert can_view_file(demo[role], structure) == (role in READS)
    if role != "anonymous":
        login(demo[role])
    expected = 200 if role in READS else 302 if role == "anonymous" else 404
    assert client.get(reverse("applications:detail", args=[structure.pk])).status_code == expected
    download = client.get(reverse("applications:document", args=[structure.pk, document.pk]))
    assert download.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_changing_the_file(role, demo, client, login):
    structure = demo.paris

    assert can_change_file(demo[role], structure) == (role in CHANGES)
    if role == "anonymous":
        return
    login(demo[role])
    expected = 200 if role in CHANGES else 403 if role in READS else 404
    for name, args in EDIT_PAGES:
        url = reverse(name, args=[structure.pk, *args])
        assert client.get(url).status_code == expected, url
        assert client.post(url, {}).status_code in ({200} if role in CHANGES else {expected})
    document = structure.application_file.documents.first()
    delete = reverse("applications:document_delete", args=[structure.pk, document.pk])
    assert client.post(delete).status_code == (302 if role in CHANGES else expected)


def test_an_advisor_sees_the_structure_but_neither_its_file_nor_a_link_to_it(demo, client, login):
    login(demo["advisor_france_active_75"])

    page = client.get(demo.aubusson.get_absolute_url()).content.decode()

    assert "Tapisserie solidaire" in page
    assert "Dossier de demande" not in page
    assert client.get(reverse("applications:detail", args=[demo.aubusson.pk])).status_code == 404


def test_a_member_who_left_loses_the_file(demo, client, login):
    member = demo.deactivate("member")
    login(member)

    assert client.get(reverse("applications:detail", args=[demo.paris.pk])).status_code == 404


@pytest.mark.parametrize("role", ["member", "admin"])
def test_the_structure_page_and_the_dashboard_link_to_the_file(role, demo, client, login):
    login(demo[role])
    url = reverse("applications:detail", args=[demo.paris.pk])

    assert f'href="{url}"' in client.get(demo.paris.get_absolute_url()).content.decode()
    if role == "member":
        assert f'href="{url}"' in client.get(reverse("core:dashboard")).content.decode()


def test_an_unknown_year_kind_is_a_404(demo, client, login):
    login(demo["member"])

    url = reverse("applications:budget", args=[demo.paris.pk, "2027"])

    assert client.get(url).status_code == 404
