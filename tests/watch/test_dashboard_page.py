"""The dashboard page: a watch agent's figures, the map and its table; each figure links to the
list behind it; the national agent opens one region; nobody else gets it."""

import re

import pytest
from django.urls import reverse

from tests.watch.test_dashboards import agent, by_key, cells  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
URL = reverse("watch:dashboard")


def test_a_regional_agent_sees_its_departments_on_the_map_with_links_to_the_list(
    client,
    login,
    cells,  # noqa: F811
):
    aquitaine, _, _ = cells
    login(agent(aquitaine))

    page = client.get(URL).content.decode()

    assert "Signalements ouverts par département" in page
    assert '<a href="/veille/?departement=23"' in page  # the Creuse on the map and its table
    assert 'href="/veille/?cause=state_funding_cut"' in page
    assert 'href="/veille/?etat=resolved"' in page
    assert "50\u202f000\xa0€" in page  # amounts at stake of the open alerts
    assert "?region=" not in page  # no region to open from a regional cell


def test_the_national_agent_opens_a_region(client, login, cells):  # noqa: F811
    _, hauts, national = cells
    login(agent(national))

    page = client.get(URL).content.decode()
    assert "Signalements ouverts par région" in page
    assert '<a href="/veille/?region=32"' in page
    assert re.search(r'href="\?region=32"[^>]*>Hauts-de-France', page)

    region = client.get(URL, {"region": "32"}).content.decode()
    assert "Tableau de bord de la veille — Hauts-de-France" in region
    assert '<a href="/veille/?departement=59"' in region
    assert 'href="/veille/?cause=activity_loss&amp;region=32"' in region


def test_a_region_outside_the_zone_and_other_people_get_a_404(client, login, cells):  # noqa: F811
    aquitaine, _, _ = cells
    login(agent(aquitaine))
    assert client.get(URL, {"region": "32"}).status_code == 404
    assert client.get(URL, {"region": "zz"}).status_code == 404

    from tests.factories import UserFactory

    login(UserFactory())
    assert client.get(URL).status_code == 404
