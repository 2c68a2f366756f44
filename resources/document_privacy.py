"""Documents attached only to resources visitors cannot see are private too.

Wagtail decides a document's privacy by its collection alone; a download attached to a
draft, restricted or expired resource would otherwise be public at /documents/<id>/.
"""

from django.http import Http404

from hlp_site.core.visibility import on_public_web
from resources.models import ResourceDocument, ResourcePage


def private_document_ids():
    """A subquery of documents used by hidden resources and by no public one."""
    public = on_public_web(ResourcePage.objects.all()).values("pk")
    on_public_pages = ResourceDocument.objects.filter(page__in=public).values("document_id")
    return (
        ResourceDocument.objects.exclude(page__in=public)
        .exclude(document_id__in=on_public_pages)
        .values("document_id")
    )


def refuse_private_document(document, request):
    """`before_serve_document` hook: editors may download; visitors get a 404."""
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None
    if private_document_ids().filter(document_id=document.pk).exists():
        raise Http404("No such document")
    return None
