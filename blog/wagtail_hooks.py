from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet

from blog.admin_listings import post_listing_viewset, resource_listing_viewset
from blog.document_privacy import refuse_private_document
from blog.models import Author


@hooks.register("register_admin_viewset")
def register_listings():
    return [post_listing_viewset, resource_listing_viewset]


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    return refuse_private_document(document, request)


class AuthorChooserCreateView(SnippetCreateView):
    """An author made from the chooser: a draft, sent for sign-off like any other author
    change, unless the person may publish authors."""

    def save_form(self, form):
        author = form.save(commit=False)
        can_publish = self.request.user.has_perm("blog.publish_author")
        author.live = can_publish
        author.save()
        revision = author.save_revision(user=self.request.user, log_action=True)
        if can_publish:
            revision.publish(user=self.request.user)
        return author


class AuthorChooserViewSet(SnippetChooserViewSet):
    form_fields = ["name", "role", "kind"]  # the chooser's "Create" tab
    create_view_class = AuthorChooserCreateView


class AuthorViewSet(SnippetViewSet):
    """Bylines: drafts, revisions, preview, locking and sign-off (the model's mixins), and
    Wagtail's usage view ("Used N times": the posts that carry each author)."""

    model = Author
    icon = "user"
    menu_label = "Authors"
    list_display = ["name", "role", "kind", UpdatedAtColumn()]
    chooser_viewset_class = AuthorChooserViewSet


register_snippet(AuthorViewSet)
