from wagtail import hooks

from news.admin_listings import post_listing_viewset, resource_listing_viewset
from news.document_privacy import refuse_private_document


@hooks.register("register_admin_viewset")
def register_listings():
    return [post_listing_viewset, resource_listing_viewset]


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    return refuse_private_document(document, request)
