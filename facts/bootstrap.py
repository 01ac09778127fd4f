"""First-run data: reference fixtures and the curated seed set, loaded only into an empty
database so that running setup again never overwrites what curators have done since."""

from django.core.management import call_command

from facts.models import Actor, Article, Country

INITIAL_FIXTURES = [
    ("countries", Country),
    ("actors", Actor),
    ("seed_curated", Article),
]


def initial_data_load() -> list[str]:
    """Load each fixture whose table is still empty; say what was done."""
    from facts.roles import sync_role_groups

    sync_role_groups()  # the curated set's reviewer belongs to the lead group
    report = []
    for fixture, model in INITIAL_FIXTURES:
        if model.objects.exists():
            report.append(f"{fixture}: already loaded, left as it is")
            continue
        call_command("loaddata", fixture, verbosity=0)
        report.append(f"{fixture}: loaded")
    return report
