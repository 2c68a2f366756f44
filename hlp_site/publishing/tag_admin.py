"""Tags as a managed vocabulary in the admin: list with usage, rename, merge, delete unused."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView, SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from hlp_site.publishing import tags
from hlp_site.publishing.tag_fields import VocabularyTagField, VocabularyTagWidget

IN_USE_MESSAGE = (
    "“{name}” is still in use ({uses}). Merge it into another tag instead, so nothing loses it."
)


def describe_uses(tag):
    counts = [
        f"{getattr(tag, f'{name}_count', 0)} {label.lower()}"
        for name, _app, _model, label in tags.USAGE_COLUMNS
        if getattr(tag, f"{name}_count", 0)
    ]
    return ", ".join(counts) or "in a draft"


class TagPermissionPolicy(ModelPermissionPolicy):
    """Only unused tags can be deleted (also for bulk deletion)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and tags.is_in_use(instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class MergeTagsForm(forms.Form):
    # Type to search: only existing tags can be picked (near-duplicates resolve to them).
    sources = VocabularyTagField(
        label="Tags to merge",
        help_text="These tags are replaced everywhere by the tag below, then deleted.",
        # The widget offers only existing tags; clean_sources refuses any other name.
        widget=VocabularyTagWidget(free_tagging=False),
    )
    target = forms.ModelChoiceField(
        queryset=Tag.objects.order_by("name"),
        label="Merge into",
        widget=AdminSnippetChooser(Tag),
    )

    def clean_sources(self):
        names = self.cleaned_data["sources"]
        sources = list(Tag.objects.filter(name__in=names).order_by("name"))
        unknown = set(names) - {tag.name for tag in sources}
        if unknown or not sources:
            raise forms.ValidationError(
                "Choose existing tags to merge"
                + (
                    f" (no tag is called {', '.join(f'“{n}”' for n in sorted(unknown))})."
                    if unknown
                    else "."
                )
            )
        return sources

    def clean(self):
        cleaned_data = super().clean()
        sources, target = cleaned_data.get("sources"), cleaned_data.get("target")
        if sources and target and sources == [target]:
            raise forms.ValidationError("Choose at least one tag other than the one to keep.")
        return cleaned_data


class MergeTagsView(WagtailAdminTemplateMixin, FormView):
    form_class = MergeTagsForm
    template_name = "publishing/admin/merge_tags.html"
    page_title = "Merge tags"
    header_icon = "tag"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not (
            request.user.has_perm("taggit.change_tag")
            and request.user.has_perm("taggit.delete_tag")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        # Preselect from the listing: ?tag=<id>&tag=<id>
        ids = [value for value in self.request.GET.getlist("tag") if value.isdigit()]
        return {"sources": list(Tag.objects.filter(pk__in=ids).order_by("name"))}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse(self.index_url_name), "label": "Tags"},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        target = form.cleaned_data["target"]
        sources = [tag for tag in form.cleaned_data["sources"] if tag.pk != target.pk]
        names = ", ".join(f"“{tag.name}”" for tag in sources)
        if "confirm" not in self.request.POST:
            # First submission: show what will move and ask to confirm; nothing changes yet.
            counts = tags.tagged_counts([tag.pk for tag in sources])
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    preview=[
                        (label, counts[name]) for name, _app, _model, label in tags.USAGE_COLUMNS
                    ],
                    preview_revisions=counts["revisions"],
                    source_names=names,
                    target=target,
                )
            )
        counts = tags.merge_tags(sources, target)
        messages.success(
            self.request,
            f"Merged {names} into “{target.name}”: {tags.describe_counts(counts)} "
            f"now tagged “{target.name}”.",
        )
        return redirect(self.index_url_name)


class TagIndexView(IndexView):
    merge_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        in_drafts = tags.draft_tag_ids()
        for tag in context["object_list"]:
            tag.in_draft = tag.pk in in_drafts
        return context

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("taggit.delete_tag"):
            buttons.append(
                HeaderButton("Merge tags", url=reverse(self.merge_url_name), icon_name="resubmit")
            )
        return buttons


class TagDeleteView(DeleteView):
    def dispatch(self, request, *args, **kwargs):
        # Say why, rather than Wagtail's generic "no permission".
        tag = tags.with_usage(Tag.objects.filter(pk=self.object.pk)).get()
        if tags.is_in_use(tag):
            messages.error(request, IN_USE_MESSAGE.format(name=tag.name, uses=describe_uses(tag)))
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)

    def delete_action(self):
        tags.delete_unused_tag(self.object)


class TagEditView(EditView):
    def save_instance(self):
        # The form has already changed the instance: read the old name and slug back.
        old = Tag.objects.filter(pk=self.object.pk).values("name", "slug").get()
        tag = super().save_instance()
        if (tag.name, tag.slug) != (old["name"], old["slug"]):
            tags.tag_renamed(tag, {"id": tag.pk, **old})
        return tag


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = "Tags"
    menu_name = "tags"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = TagIndexView
    delete_view_class = TagDeleteView
    edit_view_class = TagEditView
    search_fields = ["name"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]
    list_per_page = 100

    @cached_property
    def list_display(self):
        return [
            TitleColumn("name", label="Tag", sort_key="name", url_name=self.get_url_name("edit")),
            Column("slug", label="Slug"),
            *(
                Column(f"{name}_count", label=label, sort_key=f"{name}_count")
                for name, _app, _model, label in tags.USAGE_COLUMNS
            ),
        ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(merge_url_name=self.get_url_name("merge"), **kwargs)

    def get_queryset(self, request):
        return tags.with_usage()

    def get_urlpatterns(self):
        merge = MergeTagsView.as_view(index_url_name=self.get_url_name("list"))
        return [*super().get_urlpatterns(), path("merge/", merge, name="merge")]
