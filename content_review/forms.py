"""The page form of reviewed pages: the review rules, and review state written to the page."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

NEXT_BEFORE_LAST = "The next review can’t be due before the page was last reviewed."
OWNER_WITHOUT_ACCESS = "{owner} can’t edit this page, so can’t own it. Choose someone who can."
OWNER_INACTIVE = "{owner}’s account is deactivated. Choose someone who can still sign in."


class ReviewPageForm(WagtailAdminPageForm):
    reviewed_whole_page = forms.BooleanField(
        required=False,
        label="I have reviewed the whole page",
        help_text="Tick this when you publish, and publishing counts as this page’s review.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if "review_interval_months" in self.fields and not page.review_interval_months:
            self.fields["review_interval_months"].initial = page.default_review_interval_months
        if page.pk is None and self.parent_page is not None:
            from content_review.models import inherited_owner_and_team

            # Show the owner and team a new page will inherit (nearest ancestor's).
            probe = type(page)(path=self.parent_page.path + "0001")
            owner_id, team_id = inherited_owner_and_team(probe)
            for name, value in (("content_owner", owner_id), ("owning_team", team_id)):
                if name in self.fields and value and not self.initial.get(name):
                    self.initial[name] = value

    def clean(self):
        cleaned_data = super().clean()
        last = cleaned_data.get("last_reviewed", self.instance.last_reviewed)
        next_due = cleaned_data.get("next_review_due", self.instance.next_review_due)
        if last and next_due and next_due < last:
            self.add_error(
                "next_review_due" if "next_review_due" in self.fields else None, NEXT_BEFORE_LAST
            )
        owner = cleaned_data.get("content_owner")
        if owner is not None and "content_owner" in self.changed_data:
            error = self._owner_error(owner)
            if error:
                self.add_error("content_owner", error)
        return cleaned_data

    def _owner_error(self, owner):
        name = owner.get_full_name() or owner.get_username()
        if not owner.is_active:
            return OWNER_INACTIVE.format(owner=name)
        if self.instance.pk:
            can = self.instance.permissions_for_user(owner).can_edit()
        else:
            can = self.parent_page.permissions_for_user(owner).can_add_subpage()
        return None if can else OWNER_WITHOUT_ACCESS.format(owner=name)

    def save(self, commit=True):
        page = super().save(commit=commit)
        changed = [name for name in self.changed_data if name in REVIEW_FORM_FIELDS]
        if page.pk and changed:
            # Page-wide state: straight onto the page, whatever happens to this revision.
            from content_review.review import save_review_state

            save_review_state(page, **{name: getattr(page, name) for name in changed})
        return page


REVIEW_FORM_FIELDS = {
    "content_owner",
    "owning_team",
    "review_interval_months",
    "last_reviewed",
    "next_review_due",
}
