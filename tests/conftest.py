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
    """Throttle and sign-in lockout counts from one test never reach the next."""
    from django.core.cache import cache

    cache.clear()
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
