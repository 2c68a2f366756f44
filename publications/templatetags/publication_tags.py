"""Publications shown on pages this app does not own (one tag line in their templates)."""

from django import template

from publications.models import PublicationPage

register = template.Library()


@register.inclusion_tag("publications/includes/publication_list.html", takes_context=True)
def programme_publications(context, programme, heading_level=2):
    """Publications tagged with the programme's tags or its sub-programmes' (the rule posts
    and resources follow), and those filed under the programme itself."""
    tagged = PublicationPage.objects.for_listing().for_programme(programme)
    filed_here = PublicationPage.objects.for_listing().descendant_of(programme)
    return {
        "publications": list(tagged | filed_here),
        "heading": f"Publications about {programme.title}",
        "heading_id": "programme-publications",
        "heading_level": heading_level,
    }


@register.inclusion_tag("publications/includes/publication_list.html", takes_context=True)
def resource_index_publications(context, index):
    """The publications filed under Resources, following its type and programme filters."""
    from resources.models import ResourceFilterForm

    selected = ResourceFilterForm(context["request"].GET).selected()
    publications = PublicationPage.objects.for_listing().child_of(index)
    if selected is None or selected.get("type", "publication") != "publication":
        publications = publications.none()
    elif "programme" in selected:
        publications = publications.about_programme(selected["programme"])
    return {
        "publications": list(publications),
        "heading": "Publications to read online",
        "heading_id": "online-publications",
        "heading_level": 2,
    }
