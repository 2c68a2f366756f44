from django.urls import re_path
from wagtail import hooks

from programmes import partner_chooser


@hooks.register("register_admin_urls")
def partner_chooser_urls():
    start = rf"^programme-partners/choose/{partner_chooser.LINKED_PATH}/"
    view = partner_chooser.choose_partner
    return [
        re_path(rf"{start}$", view, name="programmes_choose_partner"),
        # Wagtail's chooser script appends the parent page's id when it knows it.
        re_path(rf"{start}(?P<parent_page_id>\d{{1,9}})/$", view),
    ]


@hooks.register("construct_page_chooser_queryset")
def hide_linked_partners(pages, request):
    return partner_chooser.without_excluded_partners(pages, request)
