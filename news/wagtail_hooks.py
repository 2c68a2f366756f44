from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet

from news.admin_listings import post_listing_viewset
from news.admin_words import say_post_in_messages
from news.models import ArticlePage, Author


@hooks.register("register_admin_viewset")
def register_listings():
    return [post_listing_viewset]


def is_post(page):
    return issubclass(page.specific_class or type(page), ArticlePage)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
@hooks.register("after_delete_page")
@hooks.register("after_move_page")
@hooks.register("after_unpublish_page")
def say_post_not_page(request, page):
    if is_post(page):
        say_post_in_messages(request)


@hooks.register("after_copy_page")
def copied_post_is_dated_today(request, page, new_page):
    """A copy is a new post: it starts with today's date, not the original's."""
    if not is_post(new_page):
        return
    say_post_in_messages(request)
    copy = new_page.specific.get_latest_revision_as_object()
    copy.date = timezone.localdate()
    revision = copy.save_revision(user=request.user, log_action=False)
    if new_page.live:  # copied with "Publish copied page"
        revision.publish(user=request.user, log_action=False)


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
