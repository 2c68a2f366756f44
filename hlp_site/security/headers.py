"""Security headers on every response.

The public site runs under a strict Content-Security-Policy (no inline script, no inline
style). The Wagtail admin still writes small inline scripts to start its widgets, so
admin paths get a policy that allows inline script and style, and may frame themselves
(live preview). Responses marked frameable (the partner embed) may be framed anywhere.
"""

from csp.middleware import CSPMiddleware
from django.urls import reverse

PERMISSIONS_POLICY = (
    ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "usb",
        )
    )
    + ', fullscreen=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")'
    # A video player is loaded only when the visitor presses play, so it may start at once.
    + ', autoplay=("https://www.youtube-nocookie.com" "https://player.vimeo.com")'
)

ADMIN_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": ["'self'"],
}


def is_admin(request):
    # Wagtail renders a preview through a stand-in request for the page's own URL, shown
    # in the admin's preview panel: it must be frameable by the admin, like the admin.
    return request.path_info.startswith(reverse("wagtailadmin_home")) or getattr(
        request, "is_preview", False
    )


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if is_admin(request):
            parts.replace = {**ADMIN_POLICY, **(parts.replace or {})}
        elif getattr(response, "xframe_options_exempt", False):
            parts.replace = {"frame-ancestors": ["*"], **(parts.replace or {})}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if is_admin(request):
            # Django's XFrameOptionsMiddleware (which runs after this) keeps a value set here.
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response
