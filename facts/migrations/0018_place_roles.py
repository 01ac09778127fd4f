"""Give the roles their permissions on places (facts.roles.FACT_MODELS now lists them)."""

from importlib import import_module

from django.db import migrations

roles = import_module("facts.migrations.0005_roles")


class Migration(migrations.Migration):
    dependencies = [("facts", "0017_places")]

    operations = [migrations.RunPython(roles.create_roles, migrations.RunPython.noop)]
