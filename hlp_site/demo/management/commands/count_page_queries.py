"""Print, as JSON, the SQL queries each URL runs on a warm request (for `make bench`).

    python manage.py count_page_queries / /news/ ...

Run it with the page cache off (PAGE_CACHE=false): it counts what the page itself costs.
A URL that does not answer 200 maps to null.
"""

import json

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Count the SQL queries of a warm GET of each URL, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+")

    def handle(self, *args, urls, **options):
        client = Client()
        counts = {}
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            counts[url] = len(captured) if response.status_code == 200 else None
        self.stdout.write(json.dumps(counts))
