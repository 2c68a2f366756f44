"""HTML publications: long reports, standards and toolkits as accessible web pages.

Owns PublicationPage (a cover with metadata, a contents list, an alternative-format
download and a print view of the whole publication) and its PublicationChapterPage
children, the heading block whose anchors are stored and kept when the heading text
changes, the `--publication` mode of `import_article`, and the demo publication.

May import hlp_site.core (blocks, seo, visibility, importer), programmes and blog (the tag
rule: `TaggedPageQuerySet.tagged` with `ProgrammePage.tag_ids`). Nothing else imports this
app except the one-line hooks the README lists (settings, api.py, templates, commands).
"""
