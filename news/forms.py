"""Admin forms with the editorial rules that belong to a whole post, not one field."""

from wagtail.admin.forms import WagtailAdminPageForm

INTRO_REQUIRED = "A post needs an intro: one paragraph that listings and search results show."
TAG_REQUIRED = (
    "A post needs at least one tag: tag the programmes it is about, so it appears on their pages."
)


class ArticlePageForm(WagtailAdminPageForm):
    """Intro and tags are checked when a post is published or submitted; drafts may lack them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "intro" in self.fields:
            self.fields["intro"].error_messages["required"] = INTRO_REQUIRED

    def clean(self):
        cleaned_data = super().clean()
        checking = not self.is_deferred_validation and "tags" in self.fields
        if checking and not cleaned_data.get("tags") and "tags" not in self.errors:
            self.add_error("tags", TAG_REQUIRED)
        return cleaned_data
