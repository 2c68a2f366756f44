"""When stored pages go stale.

Two rules:
- Any saved or deleted object that can show on a public page (pages, tags, images,
  documents, snippets, settings, sites, view restrictions), and any publish, unpublish or
  move, replaces the content version in the same transaction: every stored page is then
  out of date. One site-wide version is coarse, but a rule this simple cannot miss a
  listing, feed or menu that shows the changed object. Removals (an unpublish, a move,
  a page, image or document deleted, a view restriction or site saved or deleted)
  replace the removals version too, so nothing stored before them is served again
  (middleware.py).
- Things that change by the clock alone bound how long a page may be kept: the next
  scheduled expiry of a live page (listings leave it out from then on, before
  `publish_scheduled` unpublishes it), the site alert's start and end, and what the page
  apps name in settings.HLP_CLOCK_CHANGES (an event ending).
"""

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from hlp_site.caching.models import ContentVersion

# Apps whose every model can show on a public page...
CONTENT_APPS = {
    "core",
    "programmes",
    "blog",
    "resources",
    "events",
    "publications",
    "taggit",
    "wagtailimages",
    "wagtaildocs",
}
# ...except these, which change while pages render or hold nothing public.
IGNORED_MODELS = {("wagtailimages", "rendition"), ("wagtaildocs", "uploadeddocument")}
# Saves that record what a file is, not what pages show (Wagtail fills these in on an
# image's first rendering).
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}
NOTHING_SCHEDULED = "none"  # the cache cannot hold None (it reads as a miss)


def affects_public_pages(model):
    opts = model._meta
    if (opts.app_label, opts.model_name) in IGNORED_MODELS or model is ContentVersion:
        return False
    if issubclass(model, Page | Site | PageViewRestriction):
        return True
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return issubclass(model, BaseGenericSetting | BaseSiteSetting) or (
        opts.app_label in CONTENT_APPS
    )


@receiver(post_save)
def content_saved(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if is_installed_model(sender) and affects_public_pages(sender):
        # A restriction or a site saved can hide pages or move them to another address.
        ContentVersion.replace(removal=issubclass(sender, PageViewRestriction | Site))


@receiver(post_delete)
def content_deleted(sender, **kwargs):
    if is_installed_model(sender) and affects_public_pages(sender):
        ContentVersion.replace(removal=is_removal(sender))


def is_removal(model):
    """Deleting a page, a restriction, a site, an image or a document takes something off
    the public web (an image may be withdrawn for consent). Other deletes are edits: every
    publish replaces a page's tag and partner rows."""
    return issubclass(model, Page | PageViewRestriction | Site) or model._meta.app_label in {
        "wagtailimages",
        "wagtaildocs",
    }


def is_installed_model(model):
    """False for the historical models migrations save (the version's table may not exist
    yet, and a migrated database starts with a new version anyway)."""
    try:
        return apps.get_model(model._meta.label) is model
    except LookupError:
        return False


@receiver(page_published)
def page_published_changed(**kwargs):
    ContentVersion.replace()


@receiver(page_unpublished)
@receiver(post_page_move)
def page_removed(**kwargs):
    ContentVersion.replace(removal=True)


def cache_timeout(version, release):
    """How long a page rendered now may be kept: PAGE_CACHE_SECONDS, but never past the
    next moment a public page changes by the clock alone. Worked out before rendering:
    what the page shows is what was true when it started."""
    default = settings.HLP_PAGE_CACHE_SECONDS
    now = timezone.now()
    # Looked up once per content version, not on every miss.
    key = f"hlp:next-clock-change:{release}:{version}"
    change_at = cache.get(key)
    if change_at is None or (change_at != NOTHING_SCHEDULED and change_at <= now):
        change_at = next_clock_change(now) or NOTHING_SCHEDULED
        cache.set(key, change_at, timeout=default)
    if change_at == NOTHING_SCHEDULED:
        return default
    return max(1, min(default, int((change_at - now).total_seconds())))


def next_clock_change(now):
    from hlp_site.core.site_settings import SiteSettings

    moments = list(
        Page.objects.filter(live=True, expire_at__gt=now)
        .order_by("expire_at")
        .values_list("expire_at", flat=True)[:1]
    )
    alerts = SiteSettings.objects.filter(alert_enabled=True).exclude(alert_message="")
    for starts, ends in alerts.values_list("alert_starts_at", "alert_ends_at"):
        moments.extend(moment for moment in (starts, ends) if moment and moment > now)
    # The page apps' own moments (an event ending), named in settings: this app imports none.
    for next_change in map(import_string, settings.HLP_CLOCK_CHANGES):
        moment = next_change(now)
        if moment is not None:
            moments.append(moment)
    return min(moments, default=None)
