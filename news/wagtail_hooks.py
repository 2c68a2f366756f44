from wagtail import hooks

from news.admin_listings import post_listing_viewset


@hooks.register("register_admin_viewset")
def register_listings():
    return [post_listing_viewset]
