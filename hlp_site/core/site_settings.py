"""Site-wide settings the comms team edits in the admin (Settings > Site settings)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from hlp_site.core.blocks import LinkBlock, link_text_problem


class SocialPlatform(models.TextChoices):
    BLUESKY = "bluesky", "Bluesky"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X (Twitter)"
    YOUTUBE = "youtube", "YouTube"


class SocialLinkValue(blocks.StructValue):
    def label(self):
        """The platform's name, which is the link's text."""
        platform = self.get("platform")
        return SocialPlatform(platform).label if platform in SocialPlatform.values else platform


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(choices=SocialPlatform.choices)
    url = blocks.URLBlock(label="URL")

    class Meta:
        icon = "link"
        value_class = SocialLinkValue


class FooterLinkBlock(LinkBlock):
    text = blocks.CharBlock(max_length=80, help_text="Say where the link goes.")
    url = blocks.URLBlock(required=False, label="URL", help_text="Only for other websites.")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True, max_length=400)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    footer_links = StreamField(
        [("link", FooterLinkBlock())],
        blank=True,
        help_text="Shown in the footer after the pages marked 'show in footer'.",
    )
    newsletter_url = models.URLField(
        "Newsletter sign-up link", blank=True, help_text="Where readers sign up to the newsletter."
    )
    newsletter_text = models.CharField(
        "Newsletter link text", max_length=80, default="Sign up to our newsletter"
    )
    alert_enabled = models.BooleanField(
        "Show the alert",
        default=True,
        help_text="Turn off to hide the alert at once and keep its words for next time.",
    )
    alert_title = models.CharField(
        max_length=80, blank=True, help_text='For example: "Service disruption".'
    )
    alert_message = models.TextField(blank=True, max_length=500)
    alert_link = StreamField(
        [("link", LinkBlock())],
        blank=True,
        max_num=1,
        help_text="Optional: where readers find out more, such as a page about the disruption.",
    )
    alert_starts_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to show the alert straight away."
    )
    alert_ends_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to show it until you remove the message."
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading="Contact details",
        ),
        FieldPanel("social_links"),
        FieldPanel("footer_links"),
        MultiFieldPanel(
            [FieldPanel("newsletter_url"), FieldPanel("newsletter_text")], heading="Newsletter"
        ),
        MultiFieldPanel(
            [
                FieldPanel("alert_enabled"),
                FieldPanel("alert_title"),
                FieldPanel("alert_message"),
                FieldPanel("alert_link"),
                FieldPanel("alert_starts_at"),
                FieldPanel("alert_ends_at"),
            ],
            heading="Site-wide alert banner",
        ),
    ]

    class Meta:
        verbose_name = "Site settings"

    def clean(self):
        super().clean()
        errors = {}
        if self.alert_title and not self.alert_message:
            errors["alert_message"] = "Write the alert's message, or clear its title."
        if (
            self.alert_starts_at
            and self.alert_ends_at
            and self.alert_ends_at <= self.alert_starts_at
        ):
            errors["alert_ends_at"] = "The alert must end after it starts."
        if self.newsletter_url and (problem := link_text_problem(self.newsletter_text)):
            errors["newsletter_text"] = problem
        if errors:
            raise ValidationError(errors)

    def alert_is_showing(self, now=None):
        if not (self.alert_enabled and self.alert_message):
            return False
        now = now or timezone.now()
        started = self.alert_starts_at is None or self.alert_starts_at <= now
        ended = self.alert_ends_at is not None and self.alert_ends_at <= now
        return started and not ended
