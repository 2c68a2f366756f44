"""The “Add tags” and “Remove tags” bulk actions for the pages selected in a page listing (Posts,
Resources, the explorer): each page gets a new revision with the tags changed, published if
the page was live with no other unpublished changes (so a pending draft stays a draft)."""

from django import forms
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from hlp_site.publishing.tag_fields import VocabularyTagField


class BulkTagForm(forms.Form):
    tags = VocabularyTagField(label="Tags", help_text="Type to find a tag; press Enter to add it.")


def has_tags(page):
    fields = page.specific_class._meta.get_fields()
    return any(isinstance(field, ClusterTaggableManager) for field in fields)


class BulkTagAction(PageBulkAction):
    form_class = BulkTagForm
    template_name = "publishing/admin/confirm_bulk_tags.html"
    action_priority = 50

    def check_perm(self, page):
        return has_tags(page) and page.permissions_for_user(self.request.user).can_edit()

    def get_execution_context(self):
        return {**super().get_execution_context(), "names": self.cleaned_form.cleaned_data["tags"]}

    @classmethod
    def execute_action(cls, objects, user=None, names=(), **kwargs):
        changed = 0
        for page in objects:
            latest = page.specific.get_latest_revision_as_object()
            before = {tag.name.lower() for tag in latest.tags.all()}
            cls.change_tags(latest, names)
            if {tag.name.lower() for tag in latest.tags.all()} == before:
                continue
            publish = page.live and not page.has_unpublished_changes
            publish = publish and page.permissions_for_user(user).can_publish()
            # Only the tags differ from a revision that was already valid.
            revision = latest.save_revision(user=user, clean=False)
            if publish:
                revision.publish(user=user)
            changed += 1
        return changed, 0


class AddTagsBulkAction(BulkTagAction):
    display_name = "Add tags"
    action_type = "add_tags"
    aria_label = "Add tags to the selected pages"

    @staticmethod
    def change_tags(page, names):
        page.tags.add(*names)

    def get_success_message(self, num_parent_objects, num_child_objects):
        names = ", ".join(f"“{name}”" for name in self.cleaned_form.cleaned_data["tags"])
        return (
            f"Added {names} to {num_parent_objects} page{'s' if num_parent_objects != 1 else ''}."
        )


class RemoveTagsBulkAction(BulkTagAction):
    display_name = "Remove tags"
    action_type = "remove_tags"
    aria_label = "Remove tags from the selected pages"

    @staticmethod
    def change_tags(page, names):
        wanted = {name.lower() for name in names}
        # modelcluster's remove() takes names, matched exactly.
        page.tags.remove(*[tag.name for tag in page.tags.all() if tag.name.lower() in wanted])

    def get_success_message(self, num_parent_objects, num_child_objects):
        names = ", ".join(f"“{name}”" for name in self.cleaned_form.cleaned_data["tags"])
        return (
            f"Removed {names} from {num_parent_objects} "
            f"page{'s' if num_parent_objects != 1 else ''}."
        )
