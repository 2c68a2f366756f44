"""Signed links: confirm (7 days, single use), manage and unsubscribe (no expiry; they
stop working when the subscription or the address is gone, or the address's key changes).
"""

import datetime

from django.core import signing

CONFIRM_MAX_AGE = datetime.timedelta(days=7)
CONFIRM_SALT = "subscriptions.confirm"
MANAGE_SALT = "subscriptions.manage"
UNSUBSCRIBE_SALT = "subscriptions.unsubscribe"


class Expired(Exception):
    pass


class Invalid(Exception):
    pass


def confirm_token(subscription):
    return signing.dumps([subscription.pk, subscription.confirm_nonce], salt=CONFIRM_SALT)


def read_confirm_token(token):
    """(subscription id, nonce); Expired or Invalid."""
    try:
        value = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise Expired from error
    except signing.BadSignature as error:
        raise Invalid from error
    return _pair(value)


def manage_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.key], salt=MANAGE_SALT)


def unsubscribe_token(subscription, key):
    """`key`: the subscriber's (passed in, so a batch needs no query per subscription)."""
    return signing.dumps([subscription.pk, key], salt=UNSUBSCRIBE_SALT)


def read_token(token, salt):
    """(id, key) from a manage or unsubscribe token; Invalid if tampered with."""
    try:
        return _pair(signing.loads(token, salt=salt))
    except signing.BadSignature as error:
        raise Invalid from error


def _pair(value):
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        raise Invalid
    return value[0], value[1]
