import pytest
from django.core.management import call_command


@pytest.fixture
def reference_data(db):
    """Countries and actors from the committed reference fixtures."""
    call_command("loaddata", "countries", "actors", verbosity=0)


@pytest.fixture
def reference_places(reference_data):
    """The reference data with the gazetteer of places (bulk-loaded: a second or two)."""
    from facts.bootstrap import load_places

    load_places()


@pytest.fixture(autouse=True)
def _fresh_counts():
    """Throttle and sign-in lockout counts from one test never reach the next, nor the
    countries one test's (rolled-back) data held."""
    from django.core.cache import cache

    from facts.country_names import forget_countries

    cache.clear()
    forget_countries()
    yield


@pytest.fixture
def curator():
    """A staff account in the curator role."""
    from tests.base import make_staff

    return make_staff("curator", "hawa")


@pytest.fixture
def lead():
    """A staff account in the lead role."""
    from tests.base import make_staff

    return make_staff("lead", "boss")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per browser-test module (tests/browsers.py)."""
    from tests.browsers import launched_chromium

    yield from launched_chromium()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """With a streaming standby (TEST_STREAMING_REPLICA_URL, tests/settings.py), its alias
    reads the test database through the standby itself: a test mirror would read the primary."""
    from django.conf import settings
    from django.db import connections

    if "streaming" in settings.DATABASES:
        standby = connections["streaming"]
        with django_db_blocker.unblock():
            standby.close()
        standby.settings_dict = {
            **connections["default"].settings_dict,
            "HOST": settings.DATABASES["streaming"]["HOST"],
            "PORT": settings.DATABASES["streaming"]["PORT"],
            "TEST": {**connections["default"].settings_dict["TEST"], "MIRROR": "default"},
        }
    yield
