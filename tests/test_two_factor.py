"""Optional two-step sign-in: turning it on, being asked for the code, turning it off."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-passphrase-2026"


def code(device, steps_ahead=0):
    """The code an authenticator app would show (now, or in a later 30-second step)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wait_out_throttle():
    """django-otp refuses every code for a second after a wrong one (doubling each time)."""
    time.sleep(1.1)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("two-step", "t@example.com", PASSWORD)


def sign_in(client):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "two-step", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_without_two_step_the_admin_opens_after_the_password(client, editor):
    sign_in(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_turning_on_then_signing_in_asks_for_the_code(client, editor):
    sign_in(client)
    setup = client.get(reverse("hlp_two_factor_setup"))
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()  # the QR code to scan
    device = TOTPDevice.objects.get(user=editor, confirmed=False)

    wrong = client.post(reverse("hlp_two_factor_setup"), {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    wait_out_throttle()

    client.post(reverse("hlp_two_factor_setup"), {"code": code(device)})
    device.refresh_from_db()
    assert device.confirmed

    client.post(reverse("wagtailadmin_logout"))
    sign_in(client)
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("hlp_two_factor_verify"))

    bad = client.post(reverse("hlp_two_factor_verify"), {"code": "123456"})
    assert "That code is not right" in bad.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # still locked
    wait_out_throttle()

    good = client.post(
        reverse("hlp_two_factor_verify"),
        {"code": code(device, steps_ahead=1), "next": reverse("wagtailadmin_explore_root")},
    )
    assert good.status_code == 302
    assert good["Location"] == reverse("wagtailadmin_explore_root")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_next_cannot_send_the_user_off_site(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    sign_in(client)
    response = client.post(
        reverse("hlp_two_factor_verify"),
        {"code": code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("wagtailadmin_home")


def test_turning_off_needs_a_current_code(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    sign_in(client)
    client.post(reverse("hlp_two_factor_verify"), {"code": code(device)})
    client.post(reverse("hlp_two_factor_setup"), {"code": "000000"})
    assert TOTPDevice.objects.filter(user=editor).exists()
    wait_out_throttle()
    client.post(reverse("hlp_two_factor_setup"), {"code": code(device, steps_ahead=1)})
    assert not TOTPDevice.objects.filter(user=editor).exists()
