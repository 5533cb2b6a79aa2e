import pytest

from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_member_sees_own_structure_page(client, login):
    user = UserFactory()
    structure = StructureFactory(member=user, name="Les Lucioles")
    login(user)
    response = client.get(structure.get_absolute_url())
    assert response.status_code == 200
    assert "Les Lucioles" in response.content.decode()
    assert "Lille" in response.content.decode()
