"""Sign-ins in Wagtail's audit log, beside its own publish/unpublish/move/delete entries
(Reports > Site history in the admin)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from wagtail import hooks
from wagtail.log_actions import log


@hooks.register("register_log_actions")
def register_sign_in_actions(actions):
    actions.register_action("hlp.login", "Signed in", "Signed in")
    actions.register_action("hlp.logout", "Signed out", "Signed out")
    actions.register_action("hlp.login_failed", "Sign-in failed", "Sign-in failed")


def _address(request):
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    log(user, "hlp.login", user=user, data={"address": _address(request)})


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    if user is not None:
        log(user, "hlp.logout", user=user, data={"address": _address(request)})


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    username = credentials.get("username", "")
    user = get_user_model().objects.filter(username=username).first()
    if user is not None:  # unknown names are not logged: they would fill the log with noise
        log(user, "hlp.login_failed", data={"address": _address(request)})
