"""`import_article --publication`: a long document as a draft publication with chapters.

The document is HTML whose level 1 heading is the title and whose level 2 headings start
the chapters, or a Word file (.docx), turned into the same HTML by mammoth (Word's
"Heading 1" and "Heading 2" styles). Inside a chapter the lower headings move up one level
(the chapter title is the page's level 1 heading), and paragraphs, lists, quotes and links
become blocks as in a post (hlp_site/publishing/importer.py does that part). What cannot be
mapped (tables, images, content before the first chapter...) is reported, not dropped
silently.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Page, Site

from hlp_site.publishing.importer import (
    ArticleHTMLParser,
    ImportProblem,
    LinkFinder,
    attribute_quotes,
    decode,
    is_html,
    join_quotes,
    parse_date,
    plain,
    rich_text,
)
from hlp_site.publishing.stream_data import bullets, heading, paragraph, quote
from publications.blocks import with_anchors

TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
IMAGE = re.compile(r"<img\b", re.IGNORECASE)
# A chapter's headings, one level up: the chapter title is its page's level 1 heading.
CHAPTER_LEVELS = {"h3": 2, "h4": 3}
LEVEL_NAMES = {2: "h2", 3: "h3", 4: "h4"}
INTRODUCTION = "Introduction"


@dataclass
class ChapterImport:
    title: str
    body: list = field(default_factory=list)
    line: int = 0


@dataclass
class PublicationImport:
    title: str = ""
    date: datetime.date | None = None
    summary: str = ""
    chapters: list = field(default_factory=list)
    linked_pages: list = field(default_factory=list)
    unmapped: list = field(default_factory=list)


class PublicationHTMLParser(ArticleHTMLParser):
    """As for posts, except that a short paragraph stays a paragraph: only real heading
    tags are headings here, since a level 2 heading starts a chapter."""

    def handle_endtag(self, tag):
        count = len(self.elements)
        super().handle_endtag(tag)
        if tag == "p" and len(self.elements) > count and self.elements[-1].kind == "heading":
            self.elements[-1].kind = "paragraph"


def publication_elements(content):
    parser = PublicationHTMLParser()
    parser.feed(content)
    parser.close()
    return parser.elements


def docx_to_html(data):
    """The HTML of a Word file, with mammoth's warnings as messages for the editor."""
    import mammoth

    try:
        converted = mammoth.convert_to_html(io.BytesIO(data))
    except Exception as error:  # mammoth raises zipfile/KeyError/... on a broken file
        raise ImportProblem(f"the file cannot be read as a Word document ({error})") from error
    messages = [f"Word: {message.message}" for message in converted.messages]
    return converted.value, messages


def build_publication(content, finder):
    """A PublicationImport from the document's HTML; raises ImportProblem if unusable."""
    if not is_html(content):
        raise ImportProblem(
            "a publication must be HTML (a level 1 heading, then a level 2 heading for each "
            "chapter) or a Word .docx file"
        )
    result = PublicationImport()
    tables = len(TABLE.findall(content))
    if tables:
        result.unmapped.append(
            f"{tables} table{'s' if tables != 1 else ''} not imported: add "
            f"{'them' if tables != 1 else 'it'} by hand (the text is left out)."
        )
        content = TABLE.sub("", content)
    images = len(IMAGE.findall(content))
    if images:
        result.unmapped.append(
            f"{images} image{'s' if images != 1 else ''} not imported: upload "
            f"{'them' if images != 1 else 'it'} and add {'them' if images != 1 else 'it'} "
            "with alt text."
        )
    elements = join_quotes(publication_elements(content))
    attribute_quotes(elements)

    before_chapters = []
    chapter = None
    previous_level = 1
    for element in elements:
        if element.kind == "title" and not result.title:
            result.title = plain(element.text)
            continue
        if element.kind == "heading" and element.level == "h2":
            chapter = ChapterImport(plain(element.text), line=element.line)
            result.chapters.append(chapter)
            previous_level = 1
            continue
        if chapter is None:
            if element.kind == "date" or (
                result.date is None and element.kind == "paragraph" and parse_date(element.text)
            ):
                result.date = parse_date(element.text)
                if result.date is None:
                    result.unmapped.append(
                        f"Line {element.line}: date “{element.text}” not understood."
                    )
                continue
            if not result.summary and element.kind == "paragraph":
                result.summary = plain(element.text)
                continue
            if element.kind in {"breadcrumb", "navigation", "gap"}:
                result.unmapped.append(f"Line {element.line}: “{element.text}” dropped.")
                continue
            before_chapters.append(element)
            continue
        previous_level = add_block(chapter, element, previous_level, finder, result)

    if not result.title:
        raise ImportProblem("no title found (the document should start with a level 1 heading)")
    if not result.chapters:
        raise ImportProblem("no chapters found (each chapter starts with a level 2 heading)")
    if before_chapters:
        introduction = ChapterImport(INTRODUCTION, line=before_chapters[0].line)
        level = 1
        for element in before_chapters:
            level = add_block(introduction, element, level, finder, result)
        result.chapters.insert(0, introduction)
        result.unmapped.append(
            "Text before the first chapter heading became a chapter called "
            f"“{INTRODUCTION}”: rename or merge it."
        )
    if result.date is None:
        result.unmapped.append("No date found: the publication is dated today; check it.")
        result.date = datetime.date.today()
    for each in result.chapters:
        if not each.body:
            result.unmapped.append(f"Chapter “{each.title}” has no text yet.")
        each.body = with_anchors(each.body)
    return result


def add_block(chapter, element, previous_level, finder, result):
    """Append the element to the chapter's body; returns the heading level now in force."""
    if element.kind == "heading":
        wanted = CHAPTER_LEVELS.get(element.level, 3)
        level = min(wanted, previous_level + 1)
        if level != wanted:
            result.unmapped.append(
                f"Line {element.line}: heading “{plain(element.text)}” skipped a level; "
                f"made it level {level}."
            )
        chapter.body.append(heading(plain(element.text), LEVEL_NAMES[level]))
        return level
    if element.kind == "paragraph":
        chapter.body.append(paragraph(rich_text(element.text, finder, result)))
    elif element.kind == "bullets":
        chapter.body.append(bullets(*(rich_text(item, finder, result) for item in element.items)))
    elif element.kind == "quote":
        chapter.body.append(quote(plain(element.text), element.attribution, element.role))
    elif element.kind in {"title", "date"}:
        result.unmapped.append(
            f"Line {element.line}: “{plain(element.text)}” inside chapter “{chapter.title}” "
            "was left out."
        )
    else:
        result.unmapped.append(f"Line {element.line}: “{element.text}” dropped.")
    return previous_level


def find_parent(parent_path):
    from programmes.models import ProgrammePage
    from resources.models import ResourceIndexPage

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise CommandError("There is no site yet: create one (or load the demo content).")
    url_path = (site.root_page.url_path + parent_path.strip("/") + "/").replace("//", "/")
    parent = Page.objects.filter(url_path=url_path).first()
    if parent is None:
        raise CommandError(f"No page at {parent_path}: give the path of Resources or a programme.")
    parent = parent.specific
    if not isinstance(parent, ResourceIndexPage | ProgrammePage):
        raise CommandError(
            f"{parent_path} is a {parent._meta.verbose_name}; publications go under Resources "
            "or a programme page (for example --parent /resources/)."
        )
    return parent, site


def import_publication(command, path, parent_path):
    """Create the draft publication and its chapters; report to `command.stdout`."""
    from programmes.models import ProgrammePage
    from publications.models import PublicationChapterPage, PublicationPage

    data = path.read_bytes()
    warnings = []
    try:
        if path.suffix.lower() == ".docx":
            content, warnings = docx_to_html(data)
        else:
            content = decode(data)
    except ImportProblem as problem:
        raise CommandError(f"{path}: {problem}. Nothing was imported.") from problem
    parent, site = find_parent(parent_path)
    finder = LinkFinder(
        ProgrammePage.objects.live().only("pk", "title", "depth", "path"),
        Page.objects.child_of(site.root_page).live().only("pk", "title", "depth", "path"),
    )
    try:
        result = build_publication(content, finder)
    except ImportProblem as problem:
        raise CommandError(f"{path}: {problem}. Nothing was imported.") from problem
    result.unmapped[:0] = warnings

    slug = slugify(result.title)[:255]
    if Page.objects.child_of(parent).filter(slug=slug).exists():
        raise CommandError(
            f"{parent.url_path}{slug}/ already exists; rename or move it first. "
            "Nothing was imported."
        )
    # The same checks an editor's save goes through (headings, link text, ...).
    stream_block = PublicationChapterPage._meta.get_field("body").stream_block
    for chapter in result.chapters:
        try:
            stream_block.clean(stream_block.to_python(chapter.body))
        except Exception as error:
            raise CommandError(
                f"{path}: chapter “{chapter.title}” is not valid: {error}. Nothing was imported."
            ) from error

    tags = command.suggested_tags(result.linked_pages)
    publication = PublicationPage(
        title=result.title,
        slug=slug,
        date=result.date,
        summary=result.summary[:500],
        live=False,
    )
    publication.tags.set(tags)
    chapter_slugs = set()
    with transaction.atomic():
        parent.add_child(instance=publication)
        publication.save_revision(log_action=True)
        for chapter in result.chapters:
            chapter_slug = slugify(chapter.title)[:200] or "chapter"
            if chapter_slug == "print":
                chapter_slug = "print-chapter"
            base, n = chapter_slug, 2
            while chapter_slug in chapter_slugs:
                chapter_slug, n = f"{base}-{n}", n + 1
            chapter_slugs.add(chapter_slug)
            page = PublicationChapterPage(
                title=chapter.title, slug=chapter_slug, body=chapter.body, live=False
            )
            publication.add_child(instance=page)
            page.save_revision(log_action=True)
    report(command, publication, result, tags)


def report(command, publication, result, tags):
    write = command.stdout.write
    write(
        command.style.SUCCESS(
            f"Created draft publication “{publication.title}” at {publication.url_path}"
        )
    )
    write(f"  edit it at {reverse('wagtailadmin_pages:edit', args=[publication.pk])}")
    write(f"  date: {result.date:%d %B %Y}; summary: {len(result.summary)} characters")
    write(f"  chapters: {len(result.chapters)}")
    for number, chapter in enumerate(result.chapters, start=1):
        counts = {}
        for block in chapter.body:
            counts[block["type"]] = counts.get(block["type"], 0) + 1
        blocks = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "empty"
        write(f"    {number}. {chapter.title} ({blocks})")
    write(f"  links to: {', '.join(p.title for p in result.linked_pages) or 'none'}")
    write(f"  suggested tags (applied): {', '.join(tags) or 'none'}")
    if not result.summary:
        result.unmapped.append("No summary paragraph before the first chapter: write one.")
    if result.unmapped:
        write(command.style.WARNING("Could not map (check these in the editor):"))
        for message in result.unmapped:
            write(f"  - {message}")
    else:
        write("Everything was mapped.")
