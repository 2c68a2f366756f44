"""The tag field on every tagged page's form: suggests existing tags for near-duplicates as
an editor types, and saves a near-duplicate as the existing tag rather than a new one."""

from django.http import JsonResponse
from django.urls import reverse
from wagtail.admin.forms.tags import TagField
from wagtail.admin.widgets import AdminTagWidget

from hlp_site.publishing import tags

AUTOCOMPLETE_URL_NAME = "hlp_tag_autocomplete"


class VocabularyTagWidget(AdminTagWidget):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-w-tag-url-value"] = reverse(AUTOCOMPLETE_URL_NAME)
        return context


class VocabularyTagField(TagField):
    widget = VocabularyTagWidget

    def clean(self, value):
        return tags.existing_names(super().clean(value))


def autocomplete(request):
    """Wagtail's tag autocomplete (same JSON: a list of names), near-duplicates included."""
    return JsonResponse(tags.suggestions(request.GET.get("term", "")), safe=False)
