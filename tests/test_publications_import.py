"""`import_article --publication`: HTML and Word documents as draft publications."""

import io

import docx
import pytest
from django.core.management import CommandError, call_command

from publications.models import PublicationChapterPage, PublicationPage

pytestmark = pytest.mark.django_db

HTML = """<!doctype html>
<html><body>
<nav>Home &gt; Resources</nav>
<h1>Homeless health needs assessment: a guide</h1>
<p><time datetime="2018-06-04">4 June 2018</time></p>
<p>How to assess the health needs of people who are homeless in your borough.</p>
<p>This guide was written with London’s boroughs.</p>
<h2>Why assess needs</h2>
<p>People who are homeless die on average thirty years earlier than the general population.</p>
<h3>Who this guide is for</h3>
<p>Commissioners, public health teams and the Prevention section of our website.</p>
<h2>Planning the assessment</h2>
<ul><li>Agree the scope.</li><li>Find the data.</li></ul>
<h4>A skipped level</h4>
<p>Short line</p>
<table><tr><td><p>Borough</p></td><td><p>Count</p></td></tr></table>
<h2>Planning the assessment</h2>
<blockquote><p>“Ask people what they need.”</p><cite>— A peer researcher</cite></blockquote>
<img src="chart.png" alt="">
<h2>Print</h2>
</body></html>
"""


def run(path, *extra):
    out = io.StringIO()
    call_command("import_article", str(path), "--publication", *extra, stdout=out)
    return out.getvalue()


def imported(title):
    publication = PublicationPage.objects.get(title=title)
    return publication, list(PublicationChapterPage.objects.child_of(publication).order_by("path"))


def test_html_with_h2_chapters_becomes_a_draft_publication(tmp_path, demo_page):
    source = tmp_path / "guide.html"
    source.write_text(HTML, encoding="utf-8")
    report = run(source, "--parent", "/resources/")

    publication, chapters = imported("Homeless health needs assessment: a guide")
    assert not publication.live and all(not c.live for c in chapters)
    assert publication.get_parent().url_path == "/home/resources/"
    assert str(publication.date) == "2018-06-04"
    assert publication.summary.startswith("How to assess the health needs")
    assert [c.title for c in chapters] == [
        "Introduction",  # the text before the first chapter
        "Why assess needs",
        "Planning the assessment",
        "Planning the assessment",
        "Print",
    ]
    assert [c.slug for c in chapters][2:] == [
        "planning-the-assessment",
        "planning-the-assessment-2",
        "print-chapter",  # "print" is the whole-publication view's address
    ]
    why = chapters[1]
    assert [
        (b.block_type, b.value.get("level") if b.block_type == "heading" else None)
        for b in why.body
    ] == [
        ("paragraph", None),
        ("heading", "h2"),  # h3 in the document: one level up inside the chapter
        ("paragraph", None),
    ]
    assert why.body[1].value["anchor"] == "who-this-guide-is-for"
    assert 'linktype="page"' in why.body[2].value.source  # "the Prevention section" linked
    planning = chapters[2].body
    assert planning[1].block_type == "heading" and planning[1].value["level"] == "h2"
    assert planning[2].block_type == "paragraph" and "Short line" in planning[2].value.source
    assert chapters[3].body[0].block_type == "quote"
    assert "the Prevention section" not in report  # linked, not reported as unresolved
    assert (
        "suggested tags (applied): " in report and "Prevention" in report.split("suggested tags")[1]
    )
    for expected in (
        "1 table not imported",
        "1 image not imported",
        "became a chapter called “Introduction”",
        "heading “A skipped level” skipped a level",
        "Chapter “Print” has no text yet.",
    ):
        assert expected in report, expected
    assert "Borough" not in str([c.body.raw_data for c in chapters])


def make_docx(path):
    document = docx.Document()
    document.add_heading("Mental health in schools toolkit", level=1)
    document.add_paragraph("A toolkit for schools, governors and commissioners.")
    document.add_heading("Whole-school approach", level=2)
    document.add_paragraph("Every school can promote good mental health.")
    document.add_heading("Leadership", level=3)
    document.add_paragraph("A senior lead for mental health.", style="List Bullet")
    document.add_paragraph("Time for staff training.", style="List Bullet")
    document.add_heading("Working with families", level=2)
    document.add_paragraph("Involve parents and carers early.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Tier"
    document.save(path)


def test_docx_becomes_a_draft_publication(tmp_path, demo_page):
    source = tmp_path / "toolkit.docx"
    make_docx(source)
    report = run(source, "--parent", "/our-work/children-and-young-people/")

    publication, chapters = imported("Mental health in schools toolkit")
    assert publication.get_parent().url_path == "/home/our-work/children-and-young-people/"
    assert publication.summary == "A toolkit for schools, governors and commissioners."
    assert [c.title for c in chapters] == ["Whole-school approach", "Working with families"]
    body = chapters[0].body
    assert [b.block_type for b in body] == ["paragraph", "heading", "paragraph"]
    assert body[1].value["text"] == "Leadership" and body[1].value["anchor"] == "leadership"
    assert "<li>A senior lead for mental health.</li>" in body[2].value.source
    assert "1 table not imported" in report
    assert "No date found" in report


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"Just a line of text\n\nAnother one.", "must be HTML"),
        ("nochapters.html", b"<h1>Title</h1><p>Only a summary.</p>", "no chapters found"),
        ("notitle.html", b"<h2>Chapter</h2><p>Text.</p>", "no title found"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "cannot be read as a Word document"),
    ],
)
def test_unusable_documents_import_nothing(tmp_path, demo_page, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    before = PublicationPage.objects.count()
    with pytest.raises(CommandError, match=message):
        run(source, "--parent", "/resources/")
    assert PublicationPage.objects.count() == before


def test_parent_must_be_resources_or_a_programme(tmp_path, demo_page):
    source = tmp_path / "guide.html"
    source.write_text(HTML, encoding="utf-8")
    with pytest.raises(CommandError, match="publications go under Resources"):
        run(source, "--parent", "/news/")
