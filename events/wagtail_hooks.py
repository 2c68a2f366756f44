from wagtail import hooks

from events.admin import cancel_button, event_listing_viewset


@hooks.register("register_admin_viewset")
def register_events_listing():
    return event_listing_viewset


@hooks.register("register_page_listing_more_buttons")
def cancel_event_listing_button(page, user, next_url=None):
    yield from cancel_button(page, user, priority=45)


@hooks.register("register_page_header_buttons")
def cancel_event_header_button(page, user, view_name, next_url=None):
    yield from cancel_button(page, user, priority=55)
