"""Load the reference fixtures and the curated seed set into a database that lacks them."""

from django.core.management.base import BaseCommand

from facts.bootstrap import initial_data_load


class Command(BaseCommand):
    help = "Load countries, actors and the curated seed set where their tables are empty."

    def handle(self, *args, **options):
        for line in initial_data_load():
            self.stdout.write(line)
