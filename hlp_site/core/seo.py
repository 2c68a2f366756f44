"""What every page tells search engines and link previews, and the permanent link editors share.

`SeoMixin` goes first in every page model's bases. Editors set the search-engine title and
description (Wagtail's own `seo_title` and `search_description`) and a share image on the
promote tab; each falls back to what the page already has (see `share_image_source` and
`summary_text`), then to the site's default picture.
"""

import html

from django.db import models
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.models import Page

SHARE_IMAGE_SPEC = "fill-1200x630"
# Logos are wordmarks: cropping them to 1.91:1 would cut the name off.
LOGO_SHARE_IMAGE_SPEC = "max-1200x630"
DEFAULT_SHARE_IMAGE = "img/share-default.png"  # a static file, 1200 by 630
DEFAULT_SHARE_IMAGE_SIZE = (1200, 630)
DESCRIPTION_LENGTH = 200


class PermalinkPanel(Panel):
    """Shows editors the page's permanent link (/p/<id>/), the address to give partners."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/permalink_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["permalink"] = None
            if page is not None and page.pk:
                path = reverse("permalink", args=[page.pk])
                url_parts = page.get_url_parts(request=self.request)
                root_url = url_parts[1] if url_parts else ""
                context["permalink"] = f"{root_url or ''}{path}"
            return context


class SeoMixin(models.Model):
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "The picture shown when this page is shared on social media or in messaging "
            "apps; cropped to 1200 by 630. Leave empty to use the page's main image."
        ),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("share_image"), PermalinkPanel()], heading="For sharing and partners"
        ),
    ]

    class Meta:
        abstract = True

    def share_image_source(self):
        """(image, rendition spec) for link previews, or (None, None) for the site default."""
        if self.share_image_id:
            return self.share_image, SHARE_IMAGE_SPEC
        if getattr(self, "hero_image_id", None):
            return self.hero_image, SHARE_IMAGE_SPEC
        if getattr(self, "logo_id", None):
            return self.logo, LOGO_SHARE_IMAGE_SPEC
        return None, None

    def summary_text(self):
        """A plain-text description: the editor's, else the page's own summary or intro."""
        for field in ("search_description", "intro", "summary", "hero_text", "description"):
            value = html.unescape(strip_tags(getattr(self, field, "") or "")).strip()
            if value:
                return Truncator(" ".join(value.split())).chars(DESCRIPTION_LENGTH)
        return ""
