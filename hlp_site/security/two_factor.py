"""Optional two-step sign-in for the admin (TOTP authenticator apps, through django-otp).

An editor turns it on from their account; from then on, after the password, the admin
asks for the six-digit code before anything else.
"""

import io
from urllib.parse import urlencode

import django_otp
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image
from wagtail import hooks

EXEMPT_URL_NAMES = ("wagtailadmin_login", "wagtailadmin_logout", "hlp_two_factor_verify")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Six-digit code from your authenticator app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and self.device is not None and self.device.verify_token(code)):
            raise forms.ValidationError("That code is not right. Check your app and try again.")
        return code


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def verify(request):
    device = confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(safe_next(request, reverse("wagtailadmin_home")))
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, device)
        return redirect(safe_next(request, reverse("wagtailadmin_home")))
    return render(
        request,
        "two_factor/verify.html",
        {"form": form, "next": safe_next(request, reverse("wagtailadmin_home"))},
    )


def setup(request):
    device = confirmed_device(request.user)
    if device is not None:
        form = CodeForm(request.POST or None, device=device)
        if request.method == "POST" and form.is_valid():
            TOTPDevice.objects.filter(user=request.user).delete()
            messages.success(request, "Two-step verification is off.")
            return redirect("hlp_two_factor_setup")
        return render(request, "two_factor/manage.html", {"form": form})

    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        django_otp.login(request, device)
        messages.success(request, "Two-step verification is on.")
        return redirect("hlp_two_factor_setup")
    qr_svg = io.BytesIO()
    write_qrcode_image(device.config_url, qr_svg)
    return render(
        request,
        "two_factor/setup.html",
        {
            "form": form,
            "qr_svg": qr_svg.getvalue().decode(),
            "secret": device.config_url.split("secret=")[1].split("&")[0],
        },
    )


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-step/verify/", verify, name="hlp_two_factor_verify"),
        path("two-step/", setup, name="hlp_two_factor_setup"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_link(request):
    return {
        "url": reverse("hlp_two_factor_setup"),
        "label": "Two-step verification",
        "help_text": "Ask for a code from an authenticator app as well as the password.",
    }


class AdminTwoFactorMiddleware:
    """Until the code is given, an admin user with two-step verification on sees only the
    code page (and can sign out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith(reverse("wagtailadmin_home"))
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and request.path_info not in {reverse(name) for name in EXEMPT_URL_NAMES}
            and confirmed_device(user) is not None
        ):
            verify_url = reverse("hlp_two_factor_verify")
            return redirect(f"{verify_url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
