"""The admin's messages about a post say "post", as the comms team do, not Wagtail's "page"."""

import re

from django.contrib import messages
from django.utils.safestring import SafeData, mark_safe

# Wagtail's confirmations start "Page 'Title' created.", "Page 'Title' updated." etc.,
# the quote HTML-escaped in those with buttons.
PAGE_MESSAGE = re.compile(r"^Page ('|&#x27;|&#39;)")


def say_post_in_messages(request):
    """Reword the request's queued "Page '…' …" confirmations as "Post '…' …".

    Reading the messages consumes them (Django's documented behaviour), so each is added
    again, reworded or not, in the order it came.
    """
    queued = list(messages.get_messages(request))
    for message in queued:
        text = PAGE_MESSAGE.sub(r"Post \1", str(message.message), count=1)
        if isinstance(message.message, SafeData):
            text = mark_safe(text)  # Wagtail's buttons are already-escaped HTML
        messages.add_message(request, message.level, text, extra_tags=message.extra_tags)
