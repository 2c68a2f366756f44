"""Moving the resource models from the news app (label "blog") to `resources` keeps every
row: a database built at the migrations before the move, holding a resource library with a
tagged, illustrated resource that has a revision and a download, is migrated forward; the
same pages, revision, tag, image and document links come back through today's models. Then
back again, to the tables and labels before the move.

The database is its own (SQLite in a temporary folder, or a PostgreSQL sibling of
DATABASE_URL), built in a child process so the suite's shared database is not touched.
"""

import json
import os
import subprocess
import sys

import pytest

from tests.browser.conftest import PROJECT_DIR, ServerDatabase

MOVE = ("resources", "0001_move_resources_from_blog")


def pre_move_targets(graph):
    """Per app, the latest migrations that do not need the move: the database as it was."""
    after = set(graph.backwards_plan(MOVE))  # the move and all that need it
    before = {node for node in graph.nodes if node not in after}
    return sorted(
        node
        for node in before
        if not any(
            child.key in before and child.key[0] == node[0]
            for child in graph.node_map[node].children
        )
    )


def build_old_site(apps):
    """A resource library as the pre-move models saw it, row by row (historical models have
    no Wagtail tree methods)."""
    from django.utils import timezone

    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    Locale = apps.get_model("wagtailcore", "Locale")
    Collection = apps.get_model("wagtailcore", "Collection")
    Image = apps.get_model("wagtailimages", "Image")
    Document = apps.get_model("wagtaildocs", "Document")
    Tag = apps.get_model("taggit", "Tag")
    ResourceIndexPage = apps.get_model("blog", "ResourceIndexPage")
    ResourcePage = apps.get_model("blog", "ResourcePage")
    ResourcePageTag = apps.get_model("blog", "ResourcePageTag")
    ResourceDocument = apps.get_model("blog", "ResourceDocument")

    def content_type(app_label, model):
        return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]

    page_type = content_type("wagtailcore", "page")
    index_type = content_type("blog", "resourceindexpage")
    resource_type = content_type("blog", "resourcepage")
    content_type("blog", "resourcepagetag")
    content_type("blog", "resourcedocument")
    locale = Locale.objects.first()
    collection = Collection.objects.first()
    root = Page.objects.get(depth=1)
    common = {"locale": locale, "live": True, "first_published_at": timezone.now()}
    index = ResourceIndexPage.objects.create(
        title="Resources",
        draft_title="Resources",
        slug="resources",
        path=root.path + "0009",
        depth=2,
        url_path="/resources/",
        content_type=index_type,
        intro="Case studies and guidance.",
        **common,
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    image = Image.objects.create(
        title="Share card",
        file="original_images/share.png",
        width=1200,
        height=630,
        collection=collection,
    )
    document = Document.objects.create(
        title="Toolkit", file="documents/toolkit.pdf", collection=collection
    )
    resource = ResourcePage.objects.create(
        title="Asthma toolkit",
        draft_title="Asthma toolkit",
        slug="asthma-toolkit",
        path=index.path + "0001",
        depth=3,
        url_path="/resources/asthma-toolkit/",
        content_type=resource_type,
        resource_type="toolkit",
        date="2019-05-01",
        summary="What schools can do.",
        body=[],
        share_image=image,
        **common,
    )
    index.numchild = 1
    index.save(update_fields=["numchild"])
    tag = Tag.objects.create(name="Asthma", slug="asthma")
    tagged = ResourcePageTag.objects.create(content_object=resource, tag=tag)
    download = ResourceDocument.objects.create(page=resource, document=document, sort_order=0)
    revision = Revision.objects.create(
        content_type=resource_type,
        base_content_type=page_type,
        object_id=str(resource.pk),
        object_str=resource.title,
        created_at=timezone.now(),
        content={
            "pk": resource.pk,
            "title": "Asthma toolkit (edited)",
            "slug": resource.slug,
            "content_type": resource_type.pk,
            "path": resource.path,
            "depth": resource.depth,
            "live": True,
            "locale": locale.pk,
            "resource_type": "toolkit",
            "date": "2019-05-01",
            "summary": "What schools can do.",
            "body": "[]",
            "share_image": image.pk,
            "tagged_items": [{"pk": tagged.pk, "tag": tag.pk, "content_object": resource.pk}],
            "documents": [
                {"pk": download.pk, "page": resource.pk, "document": document.pk, "sort_order": 0}
            ],
        },
    )
    ResourcePage.objects.filter(pk=resource.pk).update(
        latest_revision=revision, live_revision=revision
    )
    return {
        "index": index.pk,
        "resource": resource.pk,
        "revision": revision.pk,
        "tag": tag.pk,
        "image": image.pk,
        "document": document.pk,
        "content_types": [index_type.pk, resource_type.pk],
        "pages": Page.objects.count(),
    }


def report_after_move(old):
    """What today's models find of the old rows."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Page, Revision

    from resources.models import ResourcePage

    resource = Page.objects.get(pk=old["resource"]).specific
    revision = Revision.objects.get(pk=old["revision"])
    as_revised = revision.as_object()
    tables = set(connection.introspection.table_names())
    return {
        "pages": Page.objects.count(),
        "index_class": type(Page.objects.get(pk=old["index"]).specific).__name__,
        "resource_class": type(resource).__name__,
        "resource_app": type(resource)._meta.app_label,
        "title": resource.title,
        "tags": [tag.name for tag in resource.tags.all()],
        "tag_ids": [tag.pk for tag in resource.tags.all()],
        "share_image": resource.share_image_id,
        "downloads": [link.document_id for link in resource.documents.all()],
        "latest_revision": resource.latest_revision_id,
        "revision_object": [type(as_revised).__name__, as_revised.title],
        "revision_tags": [tag.name for tag in as_revised.tags.all()],
        "revision_share_image": as_revised.share_image_id,
        "revision_downloads": [link.document_id for link in as_revised.documents.all()],
        "content_types": [
            ContentType.objects.get_for_id(pk).app_label for pk in old["content_types"]
        ],
        "found_by_listing": list(ResourcePage.objects.live().values_list("pk", flat=True)),
        "old_tables": sorted(t for t in tables if t.startswith("blog_resource")),
        "new_tables": sorted(t for t in tables if t.startswith("resources_")),
    }


def run():
    import django

    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before = pre_move_targets(executor.loader.graph)
    executor.migrate(before)
    old = build_old_site(executor.loader.project_state(before).apps)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    after = report_after_move(old)

    executor = MigrationExecutor(connection)
    executor.migrate([*before, (MOVE[0], None)])  # None: unapply the app's migrations
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ct.app_label FROM wagtailcore_page p"
            " JOIN django_content_type ct ON ct.id = p.content_type_id WHERE p.id = %s",
            [old["resource"]],
        )
        label_back = cursor.fetchone()[0]
    tables_back = sorted(t for t in connection.introspection.table_names() if "resource" in t)
    print(json.dumps({"old": old, "after": after, "back": [label_back, tables_back]}))


@pytest.fixture
def database(tmp_path):
    database = ServerDatabase(tmp_path)
    if database.postgres:
        database.name = database.name.replace("_browser", "_migrations")
        database.url = database.url.replace("_browser", "_migrations")
    else:
        database.url = f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
    database.create()
    yield database
    database.drop()


def test_moving_resources_keeps_every_page_revision_tag_and_link(database):
    env = {**os.environ, "DATABASE_URL": database.url}
    env["DJANGO_SETTINGS_MODULE"] = "hlp_site.settings.test"
    result = subprocess.run(
        [sys.executable, "-c", "from tests.test_migrations_keep_data import run; run()"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    old, after = report["old"], report["after"]

    assert after["pages"] == old["pages"]
    assert after["index_class"] == "ResourceIndexPage"
    assert (after["resource_class"], after["resource_app"]) == ("ResourcePage", "resources")
    assert after["title"] == "Asthma toolkit"
    assert (after["tags"], after["tag_ids"]) == (["Asthma"], [old["tag"]])
    assert after["share_image"] == old["image"]
    assert after["downloads"] == [old["document"]]
    assert after["latest_revision"] == old["revision"]
    assert after["revision_object"] == ["ResourcePage", "Asthma toolkit (edited)"]
    assert after["revision_tags"] == ["Asthma"]
    assert after["revision_share_image"] == old["image"]
    assert after["revision_downloads"] == [old["document"]]
    # The same content type rows, relabelled: nothing that points at them had to change.
    assert after["content_types"] == ["resources", "resources"]
    assert after["found_by_listing"] == [old["resource"]]
    assert after["old_tables"] == []
    assert after["new_tables"] == [
        "resources_resourcedocument",
        "resources_resourceindexpage",
        "resources_resourcepage",
        "resources_resourcepagetag",
    ]
    # And back: the move can be undone.
    assert report["back"] == [
        "blog",
        [
            "blog_resourcedocument",
            "blog_resourceindexpage",
            "blog_resourcepage",
            "blog_resourcepagetag",
        ],
    ]
