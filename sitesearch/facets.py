"""The search facet table (`SearchFacet`): each page's type, year, programmes and visibility,
kept up to date as pages change so that a search counts and filters its matches from one
indexed table.

A page has one row with `programme_id` 0 and one per programme it belongs to by the
programme page's rule (`ProgrammePage.tag_ids`: the tags of every programme page under the
programme, itself included; its sub-programme pages; the partners working on any of them),
for every programme page, public or not: search keeps only the public programmes when it
counts. `visible` is live and outside any private section; expiry is checked when searching.

The rows follow the changes in the same transaction (`connect()`, from the app's ready()):
- a page saved (created, published, unpublished, its date or parent changed): its rows;
- a post's or resource's tags, a partnership: that page's rows;
- a programme page's tags: the rows of the pages carrying those tags;
- a page moved: its subtree's rows (every page's, when programme pages moved);
- a page deleted: its rows and its programme's;
- a view restriction saved or deleted: the subtree's `visible`.
`rebuild()` starts the table over (the migration's backfill, `manage.py shell` if ever needed).
"""

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractYear, Length, Substr
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from sitesearch import types as result_types
from sitesearch.models import SearchFacet

COLUMNS = "page_id, programme_id, direct, content_type_id, parent_id, year, visible, expire_at"


def _visible():
    """Live and not in a private section (a view restriction on the page or an ancestor)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length(F("page__path")))
    )
    return Case(
        When(Q(live=True) & ~Exists(restricted), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _page_rows(pages):
    types = result_types.installed_types()
    parent = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    ).values("pk")[:1]
    return (
        pages.filter(depth__gt=1)
        .annotate(
            f_page=F("pk"),
            f_ct=F("content_type_id"),
            f_parent=Subquery(parent),
            f_year=ExtractYear(result_types.date_expression(types)),
            f_visible=_visible(),
            f_expire=F("expire_at"),
        )
        .values("f_page", "f_ct", "f_parent", "f_year", "f_visible", "f_expire")
        .order_by()
    )


def _programmes():
    """{programme page id: (path, its own tag ids)} for every programme page."""
    programme_type = result_types.by_slug().get("programme")
    if programme_type is None:
        return {}
    rows = (
        Page.objects.filter(content_type_id=programme_type.content_type_id)
        .annotate(tag=F("programmepage__tagged_items__tag_id"))
        .values_list("pk", "path", "tag")
    )
    programmes = {}
    for pk, path, tag in rows:
        programmes.setdefault(pk, (path, set()))
        if tag is not None:
            programmes[pk][1].add(tag)
    return programmes


def _values(rows):
    """A VALUES table of integer triples (columns column1..column3 on both databases)."""
    return (
        "(VALUES " + ", ".join(f"({int(a)}, {int(b)}, {int(c)})" for a, b, c in sorted(rows)) + ")"
    )


def _membership_sql(programmes):
    """SQL for (page_id, programme_id, direct) of the pages in CTE `m`."""
    from programmes.models import ProgrammePartnership

    qn = connection.ops.quote_name
    tag_rows, subtree_rows = {}, set()
    for pk, (path, own_tags) in programmes.items():
        for other, (other_path, tags) in programmes.items():
            if not other_path.startswith(path):
                continue
            subtree_rows.add((other, pk, int(other == pk)))
            for tag in tags:
                tag_rows[(tag, pk)] = tag_rows.get((tag, pk), 0) | int(tag in own_tags)
    parts = []
    # `+column IN (SELECT ...)`: the unary plus (a no-op on both databases) keeps SQLite
    # from probing the (tag, page) index once per tag for every page (1.5 s for 10,000
    # pages on the bench, 0.2 s) instead of reading each tag's pages and checking them.
    if tag_rows:
        tag_values = _values((tag, pk, direct) for (tag, pk), direct in tag_rows.items())
        for through in result_types.tagged_through_models():
            meta = through._meta
            page_column = qn(meta.get_field("content_object").column)
            tag_column = qn(meta.get_field("tag").column)
            parts.append(
                f"SELECT t.{page_column} AS page_id, c.column2 AS programme_id,"
                f" c.column3 AS direct FROM {qn(meta.db_table)} t"
                f" JOIN {tag_values} c ON c.column1 = t.{tag_column}"
                f" WHERE +t.{page_column} IN (SELECT f_page FROM m)"
            )
    if subtree_rows:
        subtree_values = _values(subtree_rows)
        parts.append(
            "SELECT s.column1 AS page_id, s.column2 AS programme_id, 0 AS direct"
            f" FROM {subtree_values} s WHERE s.column1 IN (SELECT f_page FROM m)"
        )
        meta = ProgrammePartnership._meta
        partner = qn(meta.get_field("partner").column)
        parts.append(
            f"SELECT pp.{partner} AS page_id, s.column2 AS programme_id, s.column3 AS direct"
            f" FROM {qn(meta.db_table)} pp JOIN {subtree_values} s"
            f" ON s.column1 = pp.{qn(meta.get_field('programme').column)}"
            f" WHERE +pp.{partner} IN (SELECT f_page FROM m)"
        )
    return " UNION ALL ".join(parts)


def refresh(pages):
    """Rebuild the rows of `pages` (a Page queryset) from the pages as they are now."""
    SearchFacet.objects.filter(page_id__in=pages.order_by().values("pk")).delete()
    m_sql, params = _page_rows(pages).query.sql_with_params()
    table = connection.ops.quote_name(SearchFacet._meta.db_table)
    sql = (
        f"WITH m AS ({m_sql}) INSERT INTO {table} ({COLUMNS})"
        " SELECT f_page, 0, FALSE, f_ct, f_parent, f_year, f_visible, f_expire FROM m"
    )
    membership = _membership_sql(_programmes())
    if membership:
        # A page may belong to a programme by several tags: one row, direct if any is.
        sql += (
            " UNION ALL SELECT m.f_page, u.programme_id, MAX(u.direct) = 1, m.f_ct,"
            f" m.f_parent, m.f_year, m.f_visible, m.f_expire FROM m JOIN ({membership}) u"
            " ON u.page_id = m.f_page GROUP BY m.f_page, u.programme_id, m.f_ct,"
            " m.f_parent, m.f_year, m.f_visible, m.f_expire"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def rebuild():
    SearchFacet.objects.all().delete()
    refresh(Page.objects.all())


def refresh_visibility(path):
    """`visible` again for the pages at and under `path` (a privacy change)."""
    pages = Page.objects.filter(path__startswith=path)
    SearchFacet.objects.filter(page_id__in=pages.values("pk")).update(
        visible=Subquery(
            Page.objects.filter(pk=OuterRef("page_id")).annotate(v=_visible()).values("v")[:1]
        )
    )


def _is_programme(page_or_model):
    programme_type = result_types.by_slug().get("programme")
    if programme_type is None:
        return False
    content_type_id = getattr(page_or_model, "content_type_id", None)
    return content_type_id == programme_type.content_type_id


# Signal handlers ---------------------------------------------------------------------


# Page fields a save may be limited to that change nothing here (saving a draft, locking).
NOT_FACETS = frozenset(
    [
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "title",
        "seo_title",
        "search_description",
        "slug",
        "url_path",
        "owner",
        "last_published_at",
        "go_live_at",
    ]
)


def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page) or instance.pk is None:
        return
    if update_fields is not None and set(update_fields) <= NOT_FACETS:
        return
    refresh(Page.objects.filter(pk=instance.pk))


def page_deleted(sender, instance, **kwargs):
    # Sent for the Page row itself (last in a delete's cascade, after its tags' rows).
    if sender is not Page:
        return
    SearchFacet.objects.filter(Q(page_id=instance.pk) | Q(programme_id=instance.pk)).delete()


def page_moved(sender, instance, **kwargs):
    subtree = Page.objects.filter(path__startswith=instance.path)
    programme_type = result_types.by_slug().get("programme")
    if programme_type and subtree.filter(content_type_id=programme_type.content_type_id).exists():
        # A programme's sub-programmes (and so its tags) changed: every page may move in or out.
        rebuild()
    else:
        refresh(subtree)


def tagged_item_changed(sender, instance, raw=False, created=True, **kwargs):
    """A post's or resource's tag added or removed: its page's rows. (A publish saves
    the tags it kept again: same page, same tag, nothing to do.)"""
    if raw or not created:
        return
    refresh(Page.objects.filter(pk=instance.content_object_id))


def programme_tag_changed(sender, instance, raw=False, created=True, **kwargs):
    """A programme page's tag added or removed: the rows of the pages carrying it."""
    if raw or not created:
        return
    tagged = Q(pk__in=[])
    for through in result_types.tagged_through_models():
        tagged |= Q(
            pk__in=through.objects.filter(tag_id=instance.tag_id).values("content_object_id")
        )
    refresh(Page.objects.filter(tagged))


def partnership_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh(Page.objects.filter(pk=instance.partner_id))


def restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path:
        refresh_visibility(path)


def connect():
    from django.apps import apps

    from programmes.models import ProgrammePageTag, ProgrammePartnership

    uid = "sitesearch.facets"
    for model in apps.get_models():
        if issubclass(model, Page):
            post_save.connect(
                page_saved, sender=model, dispatch_uid=f"{uid}.save.{model._meta.label}"
            )
    post_delete.connect(page_deleted, sender=Page, dispatch_uid=f"{uid}.delete")
    post_page_move.connect(page_moved, dispatch_uid=f"{uid}.move")
    for through in result_types.tagged_through_models():
        for signal in (post_save, post_delete):
            signal.connect(
                tagged_item_changed,
                sender=through,
                dispatch_uid=f"{uid}.tag.{through._meta.label}.{id(signal)}",
            )
    for signal in (post_save, post_delete):
        signal.connect(
            programme_tag_changed, sender=ProgrammePageTag, dispatch_uid=f"{uid}.ptag.{id(signal)}"
        )
        signal.connect(
            partnership_changed,
            sender=ProgrammePartnership,
            dispatch_uid=f"{uid}.partner.{id(signal)}",
        )
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}.restriction.{id(signal)}",
        )
