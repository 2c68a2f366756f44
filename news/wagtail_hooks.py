from django.utils import timezone
from wagtail import hooks

from news.admin_listings import post_listing_viewset, resource_listing_viewset
from news.admin_words import say_post_in_messages
from news.document_privacy import refuse_private_document
from news.models import ArticlePage


@hooks.register("register_admin_viewset")
def register_listings():
    return [post_listing_viewset, resource_listing_viewset]


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    return refuse_private_document(document, request)


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
