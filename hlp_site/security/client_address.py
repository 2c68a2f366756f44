"""The visitor's address, for the sign-in lockout (django-axes) and sign-up throttling.

Directly on gunicorn it is REMOTE_ADDR. Behind N proxies (AXES_IPWARE_PROXY_COUNT; 1 with
deploy/nginx.conf) it is the Nth address from the right of X-Forwarded-For: the one our
own proxy appended. Addresses to its left were sent by the client and are not trusted.
"""

from django.conf import settings


def client_ip(request):
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
