"""Publish a new revision of a post every few seconds, as a comms team does during a
campaign (for `make loadtest` and `make bench`); prints a line per publish.

    python manage.py republish_for_bench --every 4
"""

import time

from django.core.management.base import BaseCommand

from news.models import ArticlePage

REVIEW_SLUG = "partners-working-together-to-improve-health-and-care-in-2018"


class Command(BaseCommand):
    help = "Republish a post every --every seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=4.0)
        parser.add_argument("--count", type=int, default=0, help="Stop after this many.")

    def handle(self, *args, every, count, **options):
        published = 0
        while not count or published < count:
            time.sleep(every)
            post = ArticlePage.objects.get(slug=REVIEW_SLUG)
            post.save_revision().publish()
            published += 1
            self.stdout.write(str(published))
            self.stdout.flush()
