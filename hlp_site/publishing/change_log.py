"""What the audit log records beyond Wagtail's own actions, each with old and new values:
a page's slug changing, tags renamed or merged, site settings changed.

The actions are registered with Wagtail's log action registry (wagtail_hooks.py), so they
show, described, in the page history, Reports > Site history and the snippet histories."""

from django.apps import apps
from django.db.models.signals import pre_save
from wagtail.log_actions import LogFormatter, log
from wagtail.signals import page_slug_changed

SLUG_CHANGED = "hlp.slug_changed"
TAG_RENAMED = "hlp.tag_renamed"
TAGS_MERGED = "hlp.tags_merged"
SITE_SETTINGS_CHANGED = "hlp.site_settings_changed"


class SlugChanged(LogFormatter):
    label = "Change slug"

    def format_message(self, log_entry):
        data = log_entry.data
        return f"Changed the slug from “{data['old']['slug']}” to “{data['new']['slug']}”"


class TagRenamed(LogFormatter):
    label = "Rename tag"

    def format_message(self, log_entry):
        data = log_entry.data
        return f"Renamed the tag “{data['old']['name']}” to “{data['new']['name']}”"


class TagsMerged(LogFormatter):
    label = "Merge tags"

    def format_message(self, log_entry):
        names = ", ".join(f"“{source['name']}”" for source in log_entry.data["sources"])
        return f"Merged {names} into “{log_entry.data['target']['name']}”"


class SiteSettingsChanged(LogFormatter):
    label = "Change site settings"

    def format_message(self, log_entry):
        return "Changed site settings: " + ", ".join(log_entry.data["changes"])


def register_actions(actions):
    for action, formatter in [
        (SLUG_CHANGED, SlugChanged),
        (TAG_RENAMED, TagRenamed),
        (TAGS_MERGED, TagsMerged),
        (SITE_SETTINGS_CHANGED, SiteSettingsChanged),
    ]:
        actions.register_action(action)(formatter)


def log_slug_change(sender, instance, instance_before, **kwargs):
    log(
        instance,
        SLUG_CHANGED,
        data={
            "old": {"slug": instance_before.slug, "url_path": instance_before.url_path},
            "new": {"slug": instance.slug, "url_path": instance.url_path},
        },
    )


def describe_tag(tag):
    return {"id": tag.pk, "name": tag.name, "slug": tag.slug}


def log_tag_rename(tag, old):
    log(tag, TAG_RENAMED, data={"old": old, "new": describe_tag(tag)})


def log_tag_merge(sources, target, result):
    log(
        target,
        TAGS_MERGED,
        data={
            "sources": [describe_tag(tag) for tag in sources],
            "target": describe_tag(target),
            **result,
        },
    )


def log_site_settings_change(sender, instance, raw=False, **kwargs):
    """Compared with the saved row just before saving, so every way of saving is logged."""
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).first()
    if before is None:
        return
    changes = {}
    for field in sender._meta.concrete_fields:
        if field.primary_key:
            continue
        old, new = field.value_to_string(before), field.value_to_string(instance)
        if old != new:
            changes[field.name] = {"old": old, "new": new}
    if changes:
        log(instance, SITE_SETTINGS_CHANGED, data={"changes": changes})


def connect():
    page_slug_changed.connect(log_slug_change, dispatch_uid="hlp-log-slug-change")
    pre_save.connect(
        log_site_settings_change,
        sender=apps.get_model("core", "SiteSettings"),
        dispatch_uid="hlp-log-site-settings",
    )
