import pytest
from tests.accounts import test_login as t

pytestmark = pytest.mark.django_db

def test_without_callable(client, settings):
    settings.AXES_USERNAME_CALLABLE = None
    t.test_lockout_cannot_be_dodged_by_changing_the_case_of_the_email(client)
