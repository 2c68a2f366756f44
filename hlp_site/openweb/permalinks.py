"""Short permanent addresses (/p/<page id>/) that always lead to a page's current URL."""

from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_safe
from wagtail.models import Page

from hlp_site.core.visibility import on_public_web


@require_safe
def permalink(request, page_id):
    # A temporary (302) redirect: the target changes whenever the page is moved or renamed,
    # so browsers and crawlers must not remember it in place of the permanent address.
    page = on_public_web(Page.objects.filter(pk=page_id)).first()
    url = page.get_url(request=request) if page is not None else None
    if not url:
        raise Http404("No public page has this permanent link.")
    return redirect(url)
