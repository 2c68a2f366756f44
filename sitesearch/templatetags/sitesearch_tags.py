from django import template

from sitesearch.highlight import highlight

register = template.Library()


@register.simple_tag
def search_snippet(result, words):
    """The result's summary (or search description) with the query's words marked."""
    text = result.snippet_source or result.search_description
    return highlight(text, words)


@register.simple_tag
def title_highlighted(result, wanted):
    return highlight(result.title, wanted, words=200)
