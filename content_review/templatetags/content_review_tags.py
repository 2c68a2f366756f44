from django import template

register = template.Library()


@register.inclusion_tag("content_review/past_programmes.html")
def past_programmes(index_page):
    """Archived programmes below the programme index (not those inside an archived one)."""
    from content_review.models import past_programmes as query

    return {"programmes": list(query(index_page))}
