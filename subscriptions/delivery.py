"""Handing messages over: GOV.UK Notify when NOTIFY_API_KEY is set, else Django's email
backend (SMTP in production, console in development)."""

import contextlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection


class DeliveryError(Exception):
    """Not handed over. `permanent`: trying again will not help (a refused address)."""

    def __init__(self, message, permanent=False):
        super().__init__(message)
        self.permanent = permanent


class MailDelivery:
    """Django's email backend: plain text with an HTML alternative and the RFC 8058
    unsubscribe headers."""

    name = "email backend"
    claim_size = 1

    def __init__(self):
        self.connection = None

    def open(self):
        self.connection = get_connection(fail_silently=False)

    def close(self):
        if self.connection is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None

    def send(self, address, content, reference):
        if self.connection is None:
            self.open()
        headers = {"X-Entity-Ref-ID": reference}
        if content.unsubscribe_url:
            headers["List-Unsubscribe"] = f"<{content.unsubscribe_url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        email = EmailMultiAlternatives(
            subject=content.subject,
            body=content.text,
            from_email=getattr(settings, "SUBSCRIPTIONS_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL),
            to=[address],
            headers=headers,
            connection=self.connection,
        )
        email.attach_alternative(content.html, "text/html")
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryError(f"address refused: {error}", permanent=True) from error
        except smtplib.SMTPResponseException as error:
            self.close()
            raise DeliveryError(
                f"SMTP {error.smtp_code}: {error.smtp_error!r}", permanent=error.smtp_code >= 500
            ) from error
        except (OSError, smtplib.SMTPException) as error:
            self.close()  # reconnect for the next message
            raise DeliveryError(f"SMTP: {error!r}") from error

    def was_sent(self, reference):
        """Whether a message handed over before a crash arrived: unknowable here."""
        return None


class NotifyDelivery:
    """GOV.UK Notify: one email template whose subject and body are personalisation
    (((subject)) and ((body))); Notify adds its own HTML and the unsubscribe headers
    from `one_click_unsubscribe_url`."""

    name = "GOV.UK Notify"
    claim_size = 50

    def __init__(self):
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY,
            base_url=getattr(
                settings, "NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"
            ),
            timeout=getattr(settings, "NOTIFY_TIMEOUT", 15),
        )
        self.template_id = settings.NOTIFY_TEMPLATE_ID

    def open(self):
        pass

    def close(self):
        pass

    def send(self, address, content, reference):
        from notifications_python_client.errors import HTTPError

        body = content.text
        try:
            self.client.send_email_notification(
                email_address=address,
                template_id=self.template_id,
                personalisation={"subject": content.subject, "body": body},
                reference=reference,
                one_click_unsubscribe_url=content.unsubscribe_url or None,
            )
        except HTTPError as error:
            # 400 (bad address, trial mode) and 403 (bad key) will not get better; 429
            # (rate limit) and 5xx (Notify or the network) may.
            permanent = error.status_code in (400, 403)
            raise DeliveryError(
                f"Notify {error.status_code}: {error.message}", permanent
            ) from error

    def was_sent(self, reference):
        """True if Notify has a notification with this reference; None if it cannot say."""
        from notifications_python_client.errors import HTTPError

        try:
            found = self.client.get_all_notifications(reference=reference)
        except HTTPError:
            return None
        return bool(found.get("notifications"))


def get_delivery():
    if getattr(settings, "NOTIFY_API_KEY", ""):
        return NotifyDelivery()
    return MailDelivery()
