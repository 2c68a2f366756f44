"""Template helpers for sign-off: go-live times in UK time and absolute admin links."""

from django import template

from hlp_site.publishing import sign_off

register = template.Library()


@register.filter
def uk_time(moment):
    return sign_off.uk_time(moment) if moment else ""


@register.filter
def scheduled_go_live(page):
    return sign_off.scheduled_go_live(page)


@register.filter
def admin_edit_url(page):
    return sign_off.admin_edit_url(page)


@register.filter
def changes_requested(page):
    return sign_off.changes_requested(page) if page and page.pk else None


@register.filter
def page_noun(page):
    return sign_off.page_noun(page)
