"""Demo content of email updates: the privacy notice the subscribe form links to."""

import datetime

from hlp_site.publishing.stream_data import bullets, heading, page_link, paragraph

PRIVACY_NOTICE = {
    "path": "/privacy/email-updates/",
    "title": "Privacy notice: email updates",
    "intro": "How we use your email address when you subscribe to email updates.",
    "published": datetime.date(2026, 12, 1),
    "body": [
        heading("What we collect"),
        paragraph(
            "When you subscribe we keep your email address, what you follow (a programme, "
            "a tag or everything), how often you want emails, when you subscribed and "
            "confirmed, and which posts we have sent you. We use them only to send the "
            "updates you asked for."
        ),
        heading("How long we keep it"),
        bullets(
            "If you do not confirm your subscription within 7 days, we delete your address.",
            "When you unsubscribe from your last update, we delete your address.",
            "To stop abuse of the form, we keep a scrambled (hashed) form of the address and "
            "of your internet address for 1 day after each sign-up.",
            lead="We keep your address while you are subscribed:",
        ),
        heading("Who sends the emails"),
        paragraph(
            "Emails are sent through GOV.UK Notify, run by the Government Digital Service, "
            "which processes your address on our behalf and deletes its copy after 7 days."
        ),
        heading("Your rights"),
        paragraph(
            "Every email has a link to unsubscribe and a link to manage your subscriptions. "
            "You can ask us for a copy of the information we hold about you, or ask us to "
            "delete it: "
            + page_link("/contact-us/", "contact us")
            + ". Our "
            + page_link("/privacy/", "privacy policy")
            + " explains your other rights."
        ),
    ],
}


def load(command):
    """Create or update the notice through the demo loader's own page method (idempotent)."""
    from hlp_site.core.models import StandardPage
    from hlp_site.demo.management.commands.load_demo_content import at_nine

    spec = PRIVACY_NOTICE
    command.page(
        spec["path"],
        StandardPage,
        at_nine(spec["published"]),
        title=spec["title"],
        intro=spec["intro"],
        body=spec["body"],
        show_in_menus=False,
    )
