from wagtail import hooks

from resources.admin_listings import resource_listing_viewset
from resources.document_privacy import refuse_private_document


@hooks.register("register_admin_viewset")
def register_listings():
    return [resource_listing_viewset]


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    return refuse_private_document(document, request)
