"""Build the demo site (or bring it back to the shipped demo content).

    python manage.py load_demo_content

Safe to run again: pages are found by slug under their parent, authors by name, images
and documents by title, and each is updated in place. A page is published again only
when its content differs from the demo content, so a second run creates no pages,
revisions, images or documents. Everything happens in one transaction.

The content lives in YAML files in hlp_site/demo/content/ (read by its __init__.py); this
command builds the tree from them. The default Site gets the SITE_URL setting's host and
port (default http://127.0.0.1:8000, where `make run` serves), so feeds, canonical links,
the sitemap and robots.txt name an address that answers.
"""

import datetime
import json
from collections import Counter
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.dateparse import parse_duration
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.search import index
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from content_review.demo import load_demo_review
from events import demo_content as events_demo_content
from hlp_site.core.models import HomePage, HomePageFeaturedProgramme, StandardPage
from hlp_site.demo import content
from hlp_site.demo.content import images as drawing
from hlp_site.publishing.stream_data import (
    as_the_editor_saves_it,
    resolve_page_refs,
    without_block_key_values,
)
from news.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageAuthor,
    ArticleRelatedPartner,
    Author,
    NewsIndexPage,
)
from programmes.models import (
    PartnerIndexPage,
    PartnerOrganisationPage,
    ProgrammeIndexPage,
    ProgrammePage,
    ProgrammePartnership,
)
from publications import demo_content as publications_demo
from resources.models import ResourceDocument, ResourceIndexPage, ResourcePage
from subscriptions import demo as subscriptions_demo

SECTION_MODELS = {
    "programmes.ProgrammeIndexPage": ProgrammeIndexPage,
    "blog.NewsIndexPage": NewsIndexPage,
    "resources.ResourceIndexPage": ResourceIndexPage,
    "programmes.PartnerIndexPage": PartnerIndexPage,
}

# Child relations the loader sets: relation name -> (model, foreign key to the other side).
RELATIONS = {
    "authors": (ArticlePageAuthor, "author"),
    "related_partners": (ArticleRelatedPartner, "partner"),
    "documents": (ResourceDocument, "document"),
    "featured_programmes": (HomePageFeaturedProgramme, "programme"),
    # The programme page owns its links to partners.
    "partnerships": (ProgrammePartnership, "partner"),
}

WELCOME_PAGE_TEMPORARY_SLUG = "wagtail-welcome-page-being-replaced"


def at_nine(day):
    """A date as 09:00 London time, for first_published_at."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def without_block_ids(data):
    """StreamField raw data without the block ids Wagtail adds, for comparison."""
    if isinstance(data, dict):
        return {key: without_block_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list | tuple):
        return [without_block_ids(value) for value in data]
    return data


def same_stream(a, b):
    """Same StreamField content, whatever the block ids and rich text block keys."""
    a, b = (json.dumps(without_block_ids(x), sort_keys=True, default=str) for x in (a, b))
    return without_block_key_values(a) == without_block_key_values(b)


def site_address(url):
    """The Wagtail Site hostname and port for SITE_URL (scheme://host[:port], no path).

    A Site's root URL is https only on port 443 and http on any other, so those are the
    addresses it can hold.
    """
    parts = urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        port = None
    if not parts.hostname or port is None or parts.path.strip("/") or parts.query:
        raise CommandError(f"SITE_URL must be http(s)://host[:port], not {url!r}.")
    if (parts.scheme == "https") != (port == 443):
        raise CommandError(f"SITE_URL {url!r}: use https on port 443 and http on any other.")
    return parts.hostname, port


class Command(BaseCommand):
    help = "Create or update the demo site (pages, partners, posts, resources, images)."

    def handle(self, *args, **options):
        site_address(settings.SITE_URL)  # a bad SITE_URL stops us before anything is made
        self.verbosity = options["verbosity"]
        self.counts = Counter()
        self.pages = {}  # path under the home page ("/", "/our-work/", ...) -> page
        self.hero_images = {}  # key in site.yaml -> image
        self.logos = {}  # partner slug -> image
        self.authors = {}
        self.published = []  # pages to index once loaded
        self.created_media = []  # images and documents for the reference index
        with transaction.atomic():
            with self.indexing_deferred():
                self.load()
            # Index each changed page once, rather than on every one of its saves.
            for page in self.published:
                index.insert_or_update_object(page)
                ReferenceIndex.create_or_update_for_object(page)
            for media in self.created_media:
                ReferenceIndex.create_or_update_for_object(media)
        if self.verbosity:
            summary = ", ".join(f"{name}: {n}" for name, n in sorted(self.counts.items()))
            summary = summary or "already up to date, nothing changed"
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded ({summary})."))
            self.stdout.write(f"Pages in the tree: {Page.objects.count()}.")

    @contextmanager
    def indexing_deferred(self):
        """Pause search and reference indexing of pages (a new page is saved three times)."""
        paused = [
            model
            for model in index.get_indexed_models()
            if issubclass(model, Page) and post_save.disconnect(post_save_signal_handler, model)
        ]
        try:
            with disable_reference_index_auto_update():
                yield
        finally:
            for model in paused:
                post_save.connect(post_save_signal_handler, sender=model)

    def log(self, message):
        if self.verbosity >= 2:
            self.stdout.write(message)

    # The whole site, parents before children ---------------------------------------------

    def load(self):
        site = content.read("site")
        programmes = content.read("programmes")
        partners = content.read("partners")
        self.load_images(site["hero_images"], partners)
        self.load_authors(site["authors"])
        self.load_tags(content.read("tags"))
        home = self.load_home(site)
        self.load_sections(site)
        self.load_standard_pages(content.read("pages"))
        subscriptions_demo.load(self)  # the email updates privacy notice
        # Programmes exist before partners (which link to them) and are published after,
        # so each programme's revision holds the partnership rows the partners created.
        for spec in programmes:
            self.load_programme(spec, partners, publish=False)
        for spec in partners:
            self.load_partner(spec)
        for spec in programmes:
            self.load_programme(spec, partners, publish=True)
        for spec in content.read("posts"):
            self.load_article(spec)
        self.load_article(content.read("review_2018"))
        for spec in content.read("resources"):
            self.load_resource(spec)
        events_demo_content.load(self)
        publications_demo.load(self, at_nine)
        self.publish_home(home, site)
        load_demo_review()  # owners, teams, review dates (content_review/demo_content.json)

    # Media and snippets --------------------------------------------------------------------

    def load_images(self, hero_images, partners):
        for key, spec in hero_images.items():
            start, end = (drawing.COLOURS[name] for name in spec["colours"])
            self.hero_images[key] = self.image(
                spec["title"],
                spec["description"],
                lambda caption=spec["caption"], s=start, e=end: drawing.hero_jpeg(caption, s, e),
                "jpg",
            )
        for partner in partners:
            if "logo_colour" in partner:
                name, colour = partner["title"], drawing.COLOURS[partner["logo_colour"]]
                self.logos[partner["slug"]] = self.image(
                    f"Logo: {name}",
                    name,
                    lambda n=name, c=colour: drawing.logo_png(n, c),
                    "png",
                )

    def image(self, title, description, draw, extension):
        Image = get_image_model()
        image = Image.objects.filter(title=title).order_by("pk").first()
        if image is not None:
            if image.description != description:
                image.description = description
                image.save(update_fields=["description"])
            return image
        filename = f"demo-{slugify(title)[:80]}.{extension}"
        image = Image(title=title, description=description)
        image.file = ContentFile(draw(), name=filename)
        image._set_image_file_metadata()
        image.save()
        self.created_media.append(image)
        self.counts["images created"] += 1
        return image

    def document(self, spec):
        Document = get_document_model()
        document = Document.objects.filter(title=spec["title"]).order_by("pk").first()
        if document is None:
            document = Document(title=spec["title"])
            document.file = ContentFile(spec["text"].encode("utf-8"), name=spec["filename"])
            document._set_document_file_metadata()
            document.save()
            self.created_media.append(document)
            self.counts["documents created"] += 1
        return document

    def load_tags(self, names_by_slug):
        """Tags by slug, each given its readable name; the slug (its URL) never changes."""
        self.tags = {}
        for slug, name in names_by_slug.items():
            tag = Tag.objects.filter(slug=slug).first()
            if tag is None:
                tag = Tag.objects.create(name=name, slug=slug)
                self.counts["tags created"] += 1
            elif tag.name != name:
                tag.name = name
                tag.save(update_fields=["name"])
                self.counts["tags renamed"] += 1
            self.tags[slug] = tag

    def load_authors(self, authors):
        for name, role in authors.items():
            self.author(name, role)

    def author(self, name, role):
        author = Author.objects.filter(name=name).order_by("pk").first()
        if author is None:
            author = Author.objects.create(name=name, role=role)
            self.counts["authors created"] += 1
        elif author.role != role:
            author.role = role
            author.save(update_fields=["role"])
        self.authors[name] = author
        return author

    # Home page and site --------------------------------------------------------------------

    def load_home(self, site):
        root = Page.get_first_root_node()
        if root is None:
            raise CommandError("No root page: run `manage.py migrate` first.")
        home = HomePage.objects.order_by("path").first()
        welcome = None
        if home is None:
            existing = Page.objects.child_of(root).filter(slug="home").first()
            if existing is not None:
                if existing.specific_class is not Page:
                    raise CommandError(
                        f"A {existing.specific_class.__name__} already uses the slug 'home' "
                        "under the root; move or rename it first."
                    )
                if existing.numchild:
                    raise CommandError(
                        f"The page '{existing.title}' (slug 'home') has child pages; move or "
                        "delete them before loading the demo content."
                    )
                # Wagtail's "Welcome to your new Wagtail site!" page: replaced once the new
                # home page is the site root (the site's foreign key cascades on delete).
                Page.objects.filter(pk=existing.pk).update(slug=WELCOME_PAGE_TEMPORARY_SLUG)
                welcome = existing
            home = HomePage(slug="home", live=False)
            self.assign(home, self.home_fields(site["home"], featured=False))
            root.add_child(instance=home)
            self.counts["pages created"] += 1
        self.pages["/"] = home
        self.point_default_site(home, site["name"])
        if welcome is not None:
            Page.objects.get(pk=welcome.pk).delete()
            self.log("Deleted Wagtail's welcome page.")
        return home

    def home_fields(self, spec, featured=True):
        fields = {
            "title": spec["title"],
            "hero_heading": spec["hero_heading"],
            "hero_text": spec["hero_text"],
            "hero_image": self.hero_images[spec["hero_image"]],
            "intro": spec["intro"],
        }
        if featured:
            fields["featured_programmes"] = [self.pages[p] for p in spec["featured_programmes"]]
        return fields

    def publish_home(self, home, site):
        changed = self.assign(home, self.home_fields(site["home"]))
        self.publish(home, changed, at_nine(site["launched"]))

    def point_default_site(self, home, site_name):
        hostname, port = site_address(settings.SITE_URL)
        default = Site.objects.filter(is_default_site=True).first()
        if default is None:
            default = Site.objects.filter(hostname=hostname, port=port).first() or Site()
        wanted = {
            "hostname": hostname,
            "port": port,
            "root_page_id": home.pk,
            "is_default_site": True,
            "site_name": site_name,
        }
        if default.pk is None or any(getattr(default, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(default, key, value)
            default.save()
            self.log(f"Default site {default.hostname}:{default.port} now serves the home page.")

    # Pages -------------------------------------------------------------------------------

    def load_sections(self, site):
        launched = at_nine(site["launched"])
        for spec in site["sections"]:
            self.page(
                spec["path"],
                SECTION_MODELS[spec["type"]],
                launched,
                title=spec["title"],
                intro=spec["intro"],
                show_in_menus=True,
            )
        for spec in site["article_indexes"]:
            self.page(
                spec["path"],
                ArticleIndexPage,
                launched,
                title=spec["title"],
                kind=spec["kind"],
                intro=spec["intro"],
            )

    def load_standard_pages(self, pages):
        for spec in pages:
            self.page(
                spec["path"],
                StandardPage,
                at_nine(spec["published"]),
                title=spec["title"],
                intro=spec["intro"],
                body=content.stream(spec["body"]),
                show_in_menus=spec["show_in_menus"],
                show_in_footer=spec["show_in_footer"],
            )

    def load_programme(self, spec, partners, publish):
        fields = {
            "title": spec["title"],
            "summary": spec["summary"],
            "hero_image": self.hero_images[spec["hero_image"]],
            "tags": spec["tags"],
        }
        if publish:
            # The body may link to any programme, so it waits until they all exist.
            fields["body"] = content.stream(spec["body"])
            fields["partnerships"] = [
                self.pages[f"/partners/{partner['slug']}/"]
                for partner in partners
                if spec["path"] in partner["programmes"]
            ]
        self.page(spec["path"], ProgrammePage, at_nine(spec["published"]), publish, **fields)

    def load_partner(self, spec):
        self.page(
            f"/partners/{spec['slug']}/",
            PartnerOrganisationPage,
            at_nine(spec["published"]),
            title=spec["title"],
            organisation_type=spec["organisation_type"],
            website=spec["website"],
            description=content.rich_text(spec["description"]),
            logo=self.logos.get(spec["slug"]),
        )

    def load_article(self, spec):
        hero_image = spec.get("hero_image")
        self.page(
            spec["parent"] + spec["slug"] + "/",
            ArticlePage,
            at_nine(spec["date"]),
            title=spec["title"],
            date=spec["date"],
            intro=spec["intro"],
            hero_image=self.hero_images[hero_image] if hero_image else None,
            body=content.stream(spec["body"]),
            video_length=parse_duration(spec["video_length"]) if "video_length" in spec else None,
            tags=spec["tags"],
            authors=[self.authors[name] for name in spec["authors"]],
            related_partners=[self.pages[f"/partners/{s}/"] for s in spec["related_partners"]],
        )

    def load_resource(self, spec):
        self.page(
            f"/resources/{spec['slug']}/",
            ResourcePage,
            at_nine(spec["date"]),
            title=spec["title"],
            resource_type=spec["resource_type"],
            date=spec["date"],
            summary=spec["summary"],
            body=content.stream(spec["body"]),
            tags=spec["tags"],
            documents=[self.document(doc) for doc in spec.get("documents", [])],
        )

    # Finding, updating and publishing one page -------------------------------------------

    def page(self, path, model, first_published_at, publish=True, **fields):
        """The page at `path` (under home), created or updated, and published if it changed."""
        parent_path, slug = path.rstrip("/").rsplit("/", 1)
        parent = self.pages[parent_path + "/"]
        page = model.objects.child_of(parent).filter(slug=slug).first()
        created = page is None
        if created:
            other = Page.objects.child_of(parent).filter(slug=slug).first()
            if other is not None:
                raise CommandError(
                    f"{other.url_path} is a {other.specific_class.__name__}, "
                    f"not a {model.__name__}; move or rename it first."
                )
            page = model(slug=slug, live=False)
        changed = self.assign(page, fields)
        if created:
            parent.add_child(instance=page)
            self.counts["pages created"] += 1
            self.log(f"Created {path}")
        self.pages[path] = page
        if publish:
            self.publish(page, changed or created, first_published_at)
        return page

    def publish(self, page, changed, first_published_at):
        if not changed and page.live and page.live_revision_id and not page.has_unpublished_changes:
            return
        if page.first_published_at is None:
            page.first_published_at = first_published_at
        # A page saved for the first time (by add_child) has just been validated.
        # As the editor publishes: logged as an edit with its revision, so the history
        # offers it to compare with and revert to once an editor has changed the page.
        page.save_revision(clean=page.live_revision_id is not None, log_action=True).publish()
        self.published.append(page)
        self.log(f"Published {page.url_path}")
        self.counts["pages published"] += 1

    def assign(self, page, fields):
        """Set `fields` on `page`; True if any value differs from what it had."""
        changed = False
        for name, value in fields.items():
            if isinstance(value, str | list | dict):
                value = resolve_page_refs(value, self.page_id)
            if name in RELATIONS:
                changed |= self.assign_relation(page, name, value)
            else:
                field = page._meta.get_field(name)
                if isinstance(field, ClusterTaggableManager):
                    changed |= self.assign_tags(page, value)
                elif isinstance(field, StreamField):
                    # Stored as the page editor would save it, so a first edit changes
                    # only what the editor changed (see as_the_editor_saves_it).
                    value = as_the_editor_saves_it(field.stream_block, value)
                    current = list(getattr(page, name).raw_data) if page.pk else None
                    if current is None or not same_stream(current, value):
                        setattr(page, name, value)
                        changed = True
                elif field.is_relation:
                    if getattr(page, field.attname) != (value.pk if value else None):
                        setattr(page, name, value)
                        changed = True
                elif getattr(page, name) != value:
                    setattr(page, name, value)
                    changed = True
        return changed

    def assign_tags(self, page, slugs):
        # The content names tags by slug (tags.yaml gives each its name).
        current = sorted(tag.slug for tag in page.tags.all()) if page.pk else []
        if current == sorted(slugs):
            return False
        # In the order the editor's tag field saves them (taggit's parse_tags sorts names),
        # so an editor's first save does not show the tags as changed.
        page.tags.set(sorted((self.tags[slug] for slug in slugs), key=lambda tag: tag.name))
        return True

    def assign_relation(self, page, name, targets):
        """Point the page's child relation `name` at `targets`, reusing existing rows."""
        model, key = RELATIONS[name]
        rows = list(getattr(page, name).all()) if page.pk else []
        current = [getattr(row, f"{key}_id") for row in rows]
        wanted = [target.pk for target in targets]
        if current == wanted:
            return False
        existing = {getattr(row, f"{key}_id"): row for row in rows}
        new_rows = []
        for sort_order, target in enumerate(targets):
            row = existing.get(target.pk) or model(**{key: target})
            row.sort_order = sort_order
            new_rows.append(row)
        setattr(page, name, new_rows)
        return True

    def page_id(self, path):
        page = self.pages.get(path)
        if page is None:
            page = Page.objects.filter(url_path=self.pages["/"].url_path + path.lstrip("/")).first()
        if page is None:
            raise CommandError(f"Demo content links to {path}, which is not loaded yet.")
        return page.pk
