"""The tag vocabulary: near-duplicates, usage counts, merging and deleting, with revisions
kept in step.

A page's tags live twice: in the through table (taggit rows, for the live page) and in
the `tagged_items` of each revision's JSON (drafts, scheduled and older revisions). Merging
or deleting rewrites both, so publishing an old draft cannot bring a merged tag back or
point at a deleted one.
"""

import re

from django.apps import apps
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.text import slugify
from taggit.models import GenericTaggedItemBase, ItemBase, Tag, TaggedItemBase
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from hlp_site.publishing import change_log

# A tag's public addresses, under the news index (its `tag`, `tag_feed` and
# `tag_feed_atom` routes).
TAG_ROUTES = ("tags/{slug}/", "tags/{slug}/feed/", "tags/{slug}/feed/atom/")

# Through models by label, for the usage columns (app label, model name, column heading).
USAGE_COLUMNS = [
    ("posts", "blog", "articlepagetag", "Posts"),
    ("resources", "resources", "resourcepagetag", "Resources"),
    ("programmes", "programmes", "programmepagetag", "Programmes"),
    ("events", "events", "eventpagetag", "Events"),
    ("publications", "publications", "publicationpagetag", "Publications"),
    ("media", "taggit", "taggeditem", "Images and documents"),
]


def near_duplicate_key(name):
    """What near-duplicate names share: "Children & young people", "children and young
    people" and "children-and-young-people" all give "children-and-young-people"."""
    return slugify(re.sub(r"\s*&\s*", " and ", name))


def _names_by_key():
    # The whole vocabulary (a few hundred names) in one query: keys are computed in Python.
    names = {}
    for name, slug in Tag.objects.order_by("name").values_list("name", "slug"):
        names.setdefault(near_duplicate_key(name), name)
        names.setdefault(slug, name)
    return names


def existing_names(names):
    """`names` with each near-duplicate of an existing tag replaced by that tag's name (so
    saving reuses the tag rather than making another), without repeats."""
    by_key = _names_by_key()
    resolved = (by_key.get(near_duplicate_key(name), name) for name in names)
    return list(dict.fromkeys(resolved))


def suggestions(term, limit=10):
    """Existing tag names for what an editor has typed: names starting with it, or whose
    near-duplicate key does ("children & y" suggests "Children and young people")."""
    term = term.strip()
    key = near_duplicate_key(term)
    if not key:
        return []
    return [
        name
        for name in Tag.objects.order_by("name").values_list("name", flat=True)
        if name.lower().startswith(term.lower()) or near_duplicate_key(name).startswith(key)
    ][:limit]


def through_models():
    """Every concrete taggit through model (our pages', and taggit's generic one)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ItemBase) and not model._meta.abstract and model._meta.managed
    ]


def _identity_fields(through):
    if issubclass(through, GenericTaggedItemBase):
        return ["content_type_id", "object_id"]
    if issubclass(through, TaggedItemBase):
        return ["content_object_id"]
    raise TypeError(f"Unknown tag through model {through}")


def with_usage(queryset=None):
    """Tags annotated with how many of each kind of thing use them (and `total`)."""
    queryset = Tag.objects.all() if queryset is None else queryset
    annotations = {}
    for name, app_label, model_name, _label in USAGE_COLUMNS:
        through = apps.get_model(app_label, model_name)
        count = (
            through.objects.filter(tag=OuterRef("pk"))
            .order_by()
            .values("tag")
            .annotate(n=Count("pk"))
            .values("n")
        )
        annotations[f"{name}_count"] = Coalesce(
            Subquery(count, output_field=IntegerField()), Value(0)
        )
    queryset = queryset.annotate(**annotations)
    total = sum((annotations[f"{name}_count"] for name, *_ in USAGE_COLUMNS), Value(0))
    return queryset.annotate(total_count=total)


def tagged_page_content_types():
    from django.contrib.contenttypes.models import ContentType

    page_models = [
        through._meta.get_field("content_object").related_model
        for through in through_models()
        if not issubclass(through, GenericTaggedItemBase)
    ]
    return [
        ContentType.objects.get_for_model(model) for model in page_models if issubclass(model, Page)
    ]


def draft_tag_ids():
    """Tags named by pages' unpublished drafts (not yet in the through tables)."""
    revisions = Revision.objects.filter(
        content_type__in=tagged_page_content_types(),
        pk__in=Page.objects.filter(has_unpublished_changes=True).values("latest_revision_id"),
    ).only("content")
    return {
        item["tag"]
        for revision in revisions.iterator()
        for item in revision.content.get("tagged_items", [])
    }


def is_in_use(tag):
    # A tag from the admin listing carries its counts and draft flag (see tag_admin.py),
    # so the listing asks nothing more per row.
    if hasattr(tag, "total_count") and hasattr(tag, "in_draft"):
        return bool(tag.total_count or tag.in_draft)
    if tag.pk in draft_tag_ids():
        return True
    return any(through.objects.filter(tag=tag).exists() for through in through_models())


def tagged_counts(tag_ids):
    """How many things of each kind carry any of these tags (each thing once), by the
    names in USAGE_COLUMNS, plus `revisions`: page revisions naming any of them."""
    counts = {}
    for name, app_label, model_name, _label in USAGE_COLUMNS:
        through = apps.get_model(app_label, model_name)
        rows = through.objects.filter(tag__in=tag_ids).order_by()
        counts[name] = rows.values(*_identity_fields(through)).distinct().count()
    counts["revisions"] = sum(1 for _revision in _revisions_naming(set(tag_ids)))
    return counts


COUNT_NOUNS = {
    "posts": ("post", "posts"),
    "resources": ("resource", "resources"),
    "programmes": ("programme", "programmes"),
    "events": ("event", "events"),
    "publications": ("publication", "publications"),
    "media": ("image or document", "images and documents"),
    "revisions": ("saved page version", "saved page versions"),
}


def describe_counts(counts):
    """ "3 posts, 1 programme and 2 saved page versions" (kinds with none left out)."""
    parts = [
        f"{counts[name]} {COUNT_NOUNS[name][counts[name] != 1]}"
        for name in COUNT_NOUNS
        if counts.get(name)
    ]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "nothing"


def _revisions_naming(tag_ids):
    revisions = Revision.objects.filter(content_type__in=tagged_page_content_types())
    for revision in revisions.only("pk", "content").iterator():
        items = revision.content.get("tagged_items")
        if items and any(item.get("tag") in tag_ids for item in items):
            yield revision


def rewrite_revisions(replacements):
    """In every tagged page revision, swap tag ids by `replacements` ({old: new or None}).

    Returns how many revisions changed. A page tagged with both the old and new tag keeps
    one row.
    """
    changed = 0
    for revision in _revisions_naming(set(replacements)):
        items = revision.content["tagged_items"]
        seen = set()
        rewritten = []
        for item in items:
            tag_id = replacements.get(item.get("tag"), item.get("tag"))
            if tag_id is None or tag_id in seen:
                continue
            seen.add(tag_id)
            rewritten.append({**item, "tag": tag_id})
        revision.content["tagged_items"] = rewritten
        revision.save(update_fields=["content"])
        changed += 1
    return changed


@transaction.atomic
def merge_tags(sources, target):
    """Move everything tagged with any of `sources` to `target`, then delete `sources`.

    Returns tagged_counts() of the sources, taken just before: what now carries `target`.
    """
    sources = [tag for tag in sources if tag.pk != target.pk]
    counts = tagged_counts([tag.pk for tag in sources])
    for through in through_models():
        fields = _identity_fields(through)
        has_target = set(through.objects.filter(tag=target).values_list(*fields))
        duplicates = []
        for pk, *identity in through.objects.filter(tag__in=sources).values_list("pk", *fields):
            if tuple(identity) in has_target:
                duplicates.append(pk)
            else:
                has_target.add(tuple(identity))
        through.objects.filter(pk__in=duplicates).delete()
        through.objects.filter(tag__in=sources).update(tag=target)
    rewrite_revisions({tag.pk: target.pk for tag in sources})
    Tag.objects.filter(pk__in=[tag.pk for tag in sources]).delete()
    for tag in sources:
        redirect_tag_addresses(tag.slug, target.slug)
    change_log.log_tag_merge(sources, target, counts)
    return counts


@transaction.atomic
def tag_renamed(tag, old):
    """After a tag's name or slug changed (`old`: its name and slug before)."""
    if old["slug"] != tag.slug:
        redirect_tag_addresses(old["slug"], tag.slug)
    change_log.log_tag_rename(tag, old)


def redirect_tag_addresses(old_slug, new_slug):
    """Permanent redirects from a tag's old page and feeds to the new ones, made with
    Wagtail's redirects app (listed under Settings > Redirects, following the news index
    if it moves). Earlier redirects to the old addresses now point straight at the new
    ones, and none is left on an address that is live again (a slug renamed back), so
    there are no chains or loops."""
    news = apps.get_model("blog", "NewsIndexPage").objects.first()
    url_parts = news and news.get_url_parts()
    if not url_parts:
        return
    site_id, _root_url, news_path = url_parts
    for route in TAG_ROUTES:
        old_route = "/" + route.format(slug=old_slug)
        new_route = "/" + route.format(slug=new_slug)
        Redirect.objects.filter(redirect_page=news, redirect_page_route_path=old_route).update(
            redirect_page_route_path=new_route
        )
        new_path = Redirect.normalise_path(news_path.rstrip("/") + new_route)
        Redirect.objects.filter(Q(site_id=site_id) | Q(site=None), old_path=new_path).delete()
        Redirect.objects.update_or_create(
            old_path=Redirect.normalise_path(news_path.rstrip("/") + old_route),
            site_id=site_id,
            defaults={
                "redirect_page": news,
                "redirect_page_route_path": new_route,
                "is_permanent": True,
                "automatically_created": True,
            },
        )


@transaction.atomic
def delete_unused_tag(tag):
    """Delete a tag nothing uses; its id is also dropped from old revisions."""
    if is_in_use(tag):
        raise ValueError(f"The tag “{tag.name}” is in use; merge it into another tag instead.")
    rewrite_revisions({tag.pk: None})
    tag.delete()
