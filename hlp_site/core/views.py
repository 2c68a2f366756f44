from django.shortcuts import render


def page_not_found(request, exception):
    """The 404 page, with the site's header and footer."""
    return render(request, "404.html", status=404)
