"""Grow the demo site into a large one for `make bench`, fast.

    python manage.py build_bench_site [--articles 10000]

On top of the demo content (`load_demo_content`, run first): programmes and
sub-programmes up to 40, partners up to 200, 300 tags, and articles across the three
kinds up to the given number, most with a hero image. Pages are inserted in bulk: each
new page is a flat child of a known parent, so its treebeard path is the parent's path
plus the next step, and its rows (wagtailcore_page, then the page type's own table) are
written with one INSERT per batch. Then the search index is brought up to date.

Only for a benchmark database: nothing here makes revisions or log entries.
"""

import datetime
import io
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image as PILImage
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from news.models import ArticleIndexPage, ArticlePage, ArticlePageTag
from programmes.models import (
    OrganisationType,
    PartnerIndexPage,
    PartnerOrganisationPage,
    ProgrammeIndexPage,
    ProgrammePage,
    ProgrammePageTag,
    ProgrammePartnership,
)

TAGS = 300
PROGRAMMES = 40
PARTNERS = 200
IMAGES = 60
BATCH = 1000
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
WORDS = [
    "health",
    "care",
    "London",
    "partners",
    "prevention",
    "mental",
    "wellbeing",
    "children",
    "young",
    "people",
    "primary",
    "urgent",
    "emergency",
    "digital",
    "cancer",
    "diabetes",
    "homeless",
    "communities",
    "boroughs",
    "services",
    "patients",
    "families",
    "NHS",
    "councils",
    "charities",
    "programme",
    "support",
    "access",
]


def step(number):
    """A treebeard path step (base 36, four characters), as Wagtail's Page uses."""
    out = ""
    while number:
        number, digit = divmod(number, 36)
        out = ALPHABET[digit] + out
    return out.rjust(Page.steplen, "0")


def sentence(rng, words=12):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def insert_local_rows(model, objs):
    """INSERT the rows of `model`'s own table (not its parents') for these objects."""
    fields = model._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "
            f"({columns}) VALUES ({placeholders})",
            rows,
        )


def bulk_children(parent, model, specs):
    """Create pages of `model` as the last children of `parent`, in bulk.

    `specs` are dicts of the page's fields (title and slug included). Returns the pages.
    """
    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    last = parent.get_last_child()
    next_number = int(last.path[-Page.steplen :], 36) + 1 if last else 1
    created = []
    for start in range(0, len(specs), BATCH):
        chunk = specs[start : start + BATCH]
        pages = []
        for offset, spec in enumerate(chunk):
            page = model(
                **spec,
                content_type=content_type,
                path=parent.path + step(next_number + start + offset),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{spec['slug']}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                live_revision=None,
                draft_title=spec["title"],
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
            )
            pages.append(page)
        base_rows = Page.objects.bulk_create([Page(**page_fields(page)) for page in pages])
        for page, row in zip(pages, base_rows, strict=True):
            page.pk = page.page_ptr_id = page.id = row.pk
        insert_local_rows(model, pages)
        created.extend(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(specs))
    return created


def page_fields(page):
    return {
        field.attname: getattr(page, field.attname)
        for field in Page._meta.concrete_fields
        if field.attname != "id"
    }


def bench_images(count):
    """Hero images for the posts (solid colours; the benchmark measures pages, not art)."""
    Image = get_image_model()
    existing = list(Image.objects.filter(title__startswith="Bench image "))
    rng = random.Random(6)
    for number in range(len(existing), count):
        buffer = io.BytesIO()
        colour = tuple(rng.randrange(256) for _ in range(3))
        PILImage.new("RGB", (1200, 675), colour).save(buffer, "JPEG", quality=70)
        existing.append(
            Image.objects.create(
                title=f"Bench image {number}",
                file=ImageFile(buffer, name=f"bench-{number}.jpg"),
            )
        )
    return existing


class Command(BaseCommand):
    help = "Grow the demo site into a large benchmark site (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)

    def handle(self, *args, articles, **options):
        rng = random.Random(2018)
        with transaction.atomic():
            tags = self.tags(rng)
            self.programmes(rng, tags)
            partners = self.partners(rng)
            self.link_partners(rng, partners)
            new_posts = self.articles(rng, articles, tags)
        if new_posts:
            self.stdout.write(f"Indexing {len(new_posts)} new posts for search...")
            backend = get_search_backend()
            for start in range(0, len(new_posts), BATCH):
                ids = [post.pk for post in new_posts[start : start + BATCH]]
                backend.add_bulk(ArticlePage, list(ArticlePage.objects.filter(pk__in=ids)))
        if connection.vendor == "postgresql":
            # Fresh planner statistics: until autovacuum gets to the bulk-loaded tables,
            # PostgreSQL plans for the demo's few hundred pages and renders the news index
            # with a nested loop over every page per post (measured: 15 s, 60 ms after).
            # VACUUM too, as autovacuum would: it merges the search index's GIN pending
            # lists (every bulk-indexed entry waits there, read in full by each search:
            # 11 ms for the title index alone at 10,000 posts, 0.4 ms merged). VACUUM
            # cannot run in a transaction (a test's): ANALYZE alone there.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(
            f"Bench site: {ArticlePage.objects.count()} articles, {Tag.objects.count()} tags, "
            f"{ProgrammePage.objects.count()} programmes, "
            f"{PartnerOrganisationPage.objects.count()} partners."
        )

    def tags(self, rng):
        existing = {tag.slug for tag in Tag.objects.all()}
        missing = [
            Tag(name=f"topic {number}", slug=f"topic-{number}")
            for number in range(TAGS)
            if f"topic-{number}" not in existing
        ][: max(0, TAGS - len(existing))]
        Tag.objects.bulk_create(missing)
        return list(Tag.objects.order_by("pk"))

    def programmes(self, rng, tags):
        index = ProgrammeIndexPage.objects.get()
        tops = list(ProgrammePage.objects.child_of(index))
        number = ProgrammePage.objects.count()
        while number < PROGRAMMES:
            parent = rng.choice(tops) if number % 2 else index
            page = parent.add_child(
                instance=ProgrammePage(
                    title=f"Programme {number}",
                    slug=f"bench-programme-{number}",
                    summary=sentence(rng),
                )
            )
            for tag in rng.sample(tags, 3):
                ProgrammePageTag.objects.create(content_object=page, tag=tag)
            if parent is index:
                tops.append(page)
            number += 1

    def partners(self, rng):
        index = PartnerIndexPage.objects.get()
        count = PartnerOrganisationPage.objects.count()
        specs = [
            {
                "title": f"Partner organisation {number}",
                "slug": f"bench-partner-{number}",
                "organisation_type": rng.choice(OrganisationType.values),
                "website": f"https://partner-{number}.example.org/",
                "description": f"<p>{sentence(rng, 30)}</p>",
                "logo_id": None,
            }
            for number in range(count, PARTNERS)
        ]
        bulk_children(index, PartnerOrganisationPage, specs)
        return list(PartnerOrganisationPage.objects.all())

    def link_partners(self, rng, partners):
        if ProgrammePartnership.objects.filter(partner__slug__startswith="bench-").exists():
            return
        links = []
        for programme in ProgrammePage.objects.all():
            taken = set(
                ProgrammePartnership.objects.filter(programme=programme).values_list(
                    "partner_id", flat=True
                )
            )
            for order, partner in enumerate(rng.sample(partners, 8)):
                if partner.pk not in taken:
                    links.append(
                        ProgrammePartnership(programme=programme, partner=partner, sort_order=order)
                    )
                    taken.add(partner.pk)
        ProgrammePartnership.objects.bulk_create(links)

    def articles(self, rng, total, tags):
        missing = total - ArticlePage.objects.count()
        if missing <= 0:
            return []
        images = bench_images(IMAGES)
        indexes = list(ArticleIndexPage.objects.order_by("path"))
        start = datetime.date(2012, 1, 1)
        created = []
        for index_number, index in enumerate(indexes):
            share = missing // len(indexes) + (1 if index_number < missing % len(indexes) else 0)
            first = ArticlePage.objects.child_of(index).count()
            specs = []
            for number in range(first, first + share):
                title = sentence(rng, 7)[:-1]
                paragraphs = [
                    {
                        "type": "paragraph",
                        "value": f"<p>{sentence(rng, 60)}</p>",
                        "id": str(uuid.uuid4()),
                    }
                    for _ in range(6)
                ]
                specs.append(
                    {
                        "title": title,
                        "slug": f"bench-{index.kind}-{number}",
                        "date": start + datetime.timedelta(days=rng.randrange(5000)),
                        "intro": sentence(rng, 25),
                        "hero_image_id": rng.choice(images).pk if rng.random() < 0.9 else None,
                        "body": paragraphs,
                    }
                )
            created.extend(bulk_children(index, ArticlePage, specs))
        tag_rows = [
            ArticlePageTag(content_object_id=post.pk, tag_id=tag.pk)
            for post in created
            for tag in rng.sample(tags, 3)
        ]
        ArticlePageTag.objects.bulk_create(tag_rows, batch_size=BATCH)
        return created
