import pytest
from django.core.management import call_command


@pytest.fixture
def reference_data(db):
    """Countries and actors from the committed reference fixtures."""
    call_command("loaddata", "countries", "actors", verbosity=0)
