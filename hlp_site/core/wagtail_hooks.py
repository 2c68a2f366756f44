"""Rich-text page links read from the render batch (hlp_site/core/richtext.py)."""

from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler

from hlp_site.core.richtext import batch_pages, fetch_link_pages


class BatchedPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, reading the batch's pages; one plain query otherwise."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        int_ids = {int(id_) for id_ in ids if id_ and str(id_).isdigit()}
        pages = batch_pages()
        if pages is None or not int_ids <= pages.keys():
            pages = fetch_link_pages(int_ids)
        return [pages.get(int(id_)) if id_ and str(id_).isdigit() else None for id_ in ids]


# After Wagtail's own registration (order 0), so ours replaces its page link handler.
@hooks.register("register_rich_text_features", order=100)
def register_batched_page_links(features):
    features.register_link_type(BatchedPageLinkHandler)
