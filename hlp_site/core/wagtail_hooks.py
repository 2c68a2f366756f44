"""Rich-text page and document links read from the batch in use (hlp_site/core/richtext.py)."""

from wagtail import hooks
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from hlp_site.core.richtext import objects_for_links


class BatchedPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, reading a batch's pages; one plain query otherwise."""

    @classmethod
    def get_many(cls, attrs_list):
        return objects_for_links(cls.get_model(), attrs_list)


class BatchedDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's document link handler, reading a batch's documents; one query otherwise."""

    @classmethod
    def get_many(cls, attrs_list):
        return objects_for_links(cls.get_model(), attrs_list)


# After Wagtail's own registrations (order 0), so ours replace its link handlers.
@hooks.register("register_rich_text_features", order=100)
def register_batched_links(features):
    features.register_link_type(BatchedPageLinkHandler)
    features.register_link_type(BatchedDocumentLinkHandler)
