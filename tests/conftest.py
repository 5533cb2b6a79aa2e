import pytest

from aidess.eligibility.catalog import forget_prepared
from tests.replay_server import ReplayServer, SilentServer
from tests.shared_data import SharedDataSnapshot, load_shared_data, open_seed_documents


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test sees the real territories, INSEE nomenclatures and catalog, loaded once."""
    with django_db_blocker.unblock():
        load_shared_data()


@pytest.fixture(autouse=True)
def fresh_prepared_catalog():
    """Each test rolls its writes back, history entries included: a catalog prepared by one test
    could carry the version another test reaches with other aids."""
    forget_prepared()
    yield
    forget_prepared()


@pytest.fixture(scope="session", autouse=True)
def private_files_root(tmp_path_factory):
    """Documents stored by tests (uploads, the demo's) go to a temporary folder, not var/private."""
    from django.conf import settings

    settings.PRIVATE_FILES_ROOT = tmp_path_factory.mktemp("private")
    return settings.PRIVATE_FILES_ROOT


@pytest.fixture(scope="session")
def shared_data_snapshot(django_db_setup, django_db_blocker):
    """The shared data as loaded, for the tests whose database is flushed (browser tests)."""
    with django_db_blocker.unblock():
        return SharedDataSnapshot()


@pytest.fixture(scope="session")
def seed_documents():
    """The documents of ../shared/seeds that the catalog quotes (see shared_data)."""
    return open_seed_documents()


@pytest.fixture
def login(client):
    """Sign `user` in on the test client (bypassing django-axes, which only guards passwords)."""

    def sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in


@pytest.fixture
def sirene_api(settings):
    """The app talks to a local server replaying real recorded responses."""
    with ReplayServer() as server:
        settings.RECHERCHE_ENTREPRISES_URL = server.url
        yield server


@pytest.fixture
def sirene_api_silent(settings):
    with SilentServer() as server:
        settings.RECHERCHE_ENTREPRISES_URL = server.url
        settings.RECHERCHE_ENTREPRISES_TIMEOUT = 0.5
        yield server


@pytest.fixture(params=[429, 500])
def sirene_api_failing(request, settings):
    with ReplayServer(mode=request.param) as server:
        settings.RECHERCHE_ENTREPRISES_URL = server.url
        yield server
