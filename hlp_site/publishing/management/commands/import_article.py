"""Import an existing article (plain text or HTML) as a draft post.

    python manage.py import_article FILE --parent /news/blog/ [--kind blog|news|video]
    python manage.py import_article FILE.html|FILE.docx --publication --parent /resources/

See hlp_site/publishing/importer.py for what is recognised. The post is saved as a draft for an
editor to check and submit; nothing is published. Any problem stops the import with
nothing created.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Page, Site

from hlp_site.publishing.importer import ImportProblem, LinkFinder, build, decode
from news.models import ArticleIndexPage, ArticleKind, ArticlePage, NewsIndexPage
from programmes.models import ProgrammePage


class Command(BaseCommand):
    help = "Import a plain-text or HTML article as a draft post, and report what did not map."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the article: a UTF-8 text or HTML file")
        parser.add_argument(
            "--parent",
            required=True,
            help="where the post goes, as a site path: /news/blog/ (or /news/ with --kind)",
        )
        parser.add_argument("--kind", choices=ArticleKind.values, help="news, blog or video")
        parser.add_argument(
            "--publication",
            action="store_true",
            help="import a long HTML or .docx document as a draft publication with chapters "
            "(--parent /resources/ or a programme)",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        if options["publication"]:
            from publications.importer import import_publication

            return import_publication(self, path, options["parent"])
        try:
            content = decode(path.read_bytes())
        except ImportProblem as problem:
            raise CommandError(f"{path}: {problem}. Nothing was imported.") from problem
        parent = self.find_parent(options["parent"], options["kind"])
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        root = site.root_page if site else Page.objects.get(depth=2)
        finder = LinkFinder(
            ProgrammePage.objects.live().only("pk", "title", "depth", "path"),
            Page.objects.child_of(root).live().only("pk", "title", "depth", "path"),
        )
        try:
            result = build(content, finder)
        except ImportProblem as problem:
            raise CommandError(f"{path}: {problem}. Nothing was imported.") from problem

        slug = slugify(result.title)[:255]
        if Page.objects.child_of(parent).filter(slug=slug).exists():
            raise CommandError(
                f"{parent.url_path}{slug}/ already exists; rename or move it first. "
                "Nothing was imported."
            )
        tags = self.suggested_tags(result.linked_pages)
        page = ArticlePage(
            title=result.title,
            slug=slug,
            date=result.date,
            intro=result.intro,
            body=result.body,
            live=False,
        )
        # The same checks an editor's save goes through (headings, link text, ...).
        stream_block = ArticlePage._meta.get_field("body").stream_block
        try:
            stream_block.clean(stream_block.to_python(result.body))
        except Exception as error:
            raise CommandError(f"{path}: the imported body is not valid: {error}") from error
        page.tags.set(tags)  # saved with the page, as the admin's "create" does
        with transaction.atomic():
            parent.add_child(instance=page)
            page.save_revision(log_action=True)
        self.report(page, result, tags)
        return None

    def find_parent(self, parent_path, kind):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("There is no site yet: create one (or load the demo content).")
        url_path = site.root_page.url_path + parent_path.strip("/") + "/"
        url_path = url_path.replace("//", "/")
        parent = Page.objects.filter(url_path=url_path).first()
        if parent is None:
            raise CommandError(f"No page at {parent_path}: give the path of News, Blog or Videos.")
        parent = parent.specific
        if isinstance(parent, NewsIndexPage):
            if not kind:
                raise CommandError(f"{parent_path} holds Blog, News and Videos: add --kind.")
            parent = ArticleIndexPage.objects.child_of(parent).filter(kind=kind).first()
            if parent is None:
                raise CommandError(f"There is no {kind} section under {parent_path}.")
        if not isinstance(parent, ArticleIndexPage):
            raise CommandError(
                f"{parent_path} is a {parent._meta.verbose_name}; posts go under News, Blog "
                "or Videos (for example --parent /news/blog/)."
            )
        if kind and parent.kind != kind:
            raise CommandError(f"{parent_path} holds {parent.kind} posts, not {kind}.")
        return parent

    def suggested_tags(self, linked_pages):
        """The tags of the programmes the article links to, in link order."""
        programme_ids = [page.pk for page in linked_pages]
        names = []
        programmes = ProgrammePage.objects.filter(pk__in=programme_ids).prefetch_related("tags")
        by_id = {programme.pk: programme for programme in programmes}
        for pk in programme_ids:
            for tag in by_id[pk].tags.all() if pk in by_id else []:
                if tag.name not in names:
                    names.append(tag.name)
        return names

    def report(self, page, result, tags):
        counts = {}
        for block in result.body:
            counts[block["type"]] = counts.get(block["type"], 0) + 1
        write = self.stdout.write
        write(self.style.SUCCESS(f"Created draft “{page.title}” at {page.url_path}"))
        write(f"  edit it at {reverse('wagtailadmin_pages:edit', args=[page.pk])}")
        write(f"  date: {result.date:%d %B %Y}; intro: {len(result.intro)} characters")
        write("  blocks: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
        write(f"  links to: {', '.join(p.title for p in result.linked_pages) or 'none'}")
        write(f"  suggested tags (applied): {', '.join(tags) or 'none'}")
        if result.unmapped:
            write(self.style.WARNING("Could not map (check these in the editor):"))
            for message in result.unmapped:
                write(f"  - {message}")
        else:
            write("Everything was mapped.")
