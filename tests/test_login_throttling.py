"""Login throttling (django-axes, config/settings.py; the lock-out page: archive/admin/lockout.py).

Too many failed logins to one account from one address lock that account out for that address
only. The admin's login then answers 429 with a page that says so and when to try again; the lock
lifts after the cool-off, or when a Curator deletes the access attempt in the admin.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.db.models import F
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # every factory user's
ADDRESS = "203.0.113.7"
OTHER_ADDRESS = "198.51.100.23"


def log_in(client: Client, username: str, password: str, address: str = ADDRESS, **meta):
    """Submit the admin's login form from `address`."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        **meta,
    )


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def is_locked_out(response) -> bool:
    return response.status_code == 429 and "Login locked after" in response.content.decode()


def fail(username: str, times: int, address: str = ADDRESS, **meta) -> list:
    """Wrong passwords, each from a fresh browser; the responses."""
    return [log_in(Client(), username, "wrong password", address, **meta) for _ in range(times)]


def age_attempts(minutes: int) -> None:
    """Time passes: every recorded failure is `minutes` older."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


@pytest.fixture
def keeper(roles):
    """A second Curator, who clears lock-outs."""
    return factories.UserFactory(username="keeper", groups=[roles["Curator"]])


def test_twenty_wrong_passwords_lock_the_account_until_a_curator_clears_it(curator, keeper):
    responses = fail("curator", 20)

    # The limit is 5: four failures show the login form's error, the fifth locks.
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert "Please enter the correct username and password" in responses[0].content.decode()
    assert all(is_locked_out(r) for r in responses[4:])

    client = Client()
    refused = log_in(client, "curator", PASSWORD)
    assert is_locked_out(refused)
    assert not logged_in(client)
    page = refused.content.decode()
    assert "Login locked after 5 failed logins to the account “curator” from your address." in page
    assert "You can try again in 15 minutes, after" in page
    assert "Each try before then starts the wait again." in page
    assert "A curator can lift the lock sooner" in page
    assert refused["Retry-After"] == "900"
    # The admin's look: its header, the login page's style, a way back.
    assert "Vitrine — curators" in page
    assert "admin/css/login.css" in page
    assert f'href="{reverse("admin:login")}"' in page

    # Another Curator finds the lock-out in the admin and deletes it.
    admin = Client()
    admin.force_login(keeper)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "curator" in listing.content.decode()
    assert ADDRESS in listing.content.decode()
    assert "Locked Out" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="curator")
    delete_url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin.get(delete_url).status_code == 200
    assert admin.post(delete_url, {"post": "yes"}).status_code == 302
    assert not AccessAttempt.objects.exists()

    client = Client()
    response = log_in(client, "curator", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert logged_in(client)


def test_the_lock_lifts_after_the_cool_off(curator):
    fail("curator", 5)
    assert is_locked_out(log_in(Client(), "curator", PASSWORD))

    # 14 minutes on: still locked, and that try starts the 15 minutes again.
    age_attempts(14)
    assert is_locked_out(log_in(Client(), "curator", PASSWORD))
    age_attempts(2)
    assert is_locked_out(log_in(Client(), "curator", PASSWORD))

    age_attempts(16)
    client = Client()
    assert log_in(client, "curator", PASSWORD).status_code == 302
    assert logged_in(client)


def test_a_success_before_the_limit_forgets_the_failures(curator):
    fail("curator", 4)
    assert log_in(Client(), "curator", PASSWORD).status_code == 302

    assert not AccessAttempt.objects.exists()
    fail("curator", 4)
    assert log_in(Client(), "curator", PASSWORD).status_code == 302


def test_the_lock_holds_one_account_at_one_address(curator, editor):
    fail("curator", 20)
    assert is_locked_out(log_in(Client(), "curator", PASSWORD))

    # The same account from another address logs in...
    elsewhere = Client()
    assert log_in(elsewhere, "curator", PASSWORD, address=OTHER_ADDRESS).status_code == 302
    assert logged_in(elsewhere)
    # ...and so does another account from the locked-out address.
    colleague = Client()
    assert log_in(colleague, "editor", PASSWORD).status_code == 302
    assert logged_in(colleague)
    # The lock-out itself still holds.
    assert is_locked_out(log_in(Client(), "curator", PASSWORD))


def test_the_failure_limit_and_cool_off_come_from_the_settings(settings, curator):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)

    responses = fail("curator", 3)

    assert [r.status_code for r in responses] == [200, 200, 429]
    page = responses[-1].content.decode()
    assert "Login locked after 3 failed logins" in page
    assert "You can try again in 30 minutes" in page
    assert responses[-1]["Retry-After"] == "1800"


def test_without_a_cool_off_the_lock_stays_until_cleared(settings, curator):
    settings.AXES_COOLOFF_TIME = None
    fail("curator", 5)
    age_attempts(60 * 24 * 365)

    refused = log_in(Client(), "curator", PASSWORD)

    assert is_locked_out(refused)
    assert "The lock stays until it is cleared." in refused.content.decode()
    assert "Retry-After" not in refused


def test_curators_see_and_clear_lock_outs_editors_do_not(curator_client, editor):
    fail("curator", 5)
    changelist = reverse("admin:axes_accessattempt_changelist")

    assert "Access attempts" in curator_client.get(reverse("admin:index")).content.decode()
    listing = curator_client.get(changelist)
    assert listing.status_code == 200
    assert "Delete selected access attempts" in listing.content.decode()
    assert curator_client.get(changelist + "?locked_out=yes").status_code == 200
    # The log of every login (who, from where) stays with superusers.
    assert curator_client.get(reverse("admin:axes_accesslog_changelist")).status_code == 403

    editor_client = Client()
    editor_client.force_login(editor)
    assert "Access attempts" not in editor_client.get(reverse("admin:index")).content.decode()
    assert editor_client.get(changelist).status_code == 403
    attempt = AccessAttempt.objects.get()
    delete_url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended(settings, curator):
    """BEHIND_PROXY=1: every request comes from the proxy; X-Forwarded-For's last entry, which
    the proxy appended, tells clients apart, and entries a client adds itself change nothing."""
    settings.AXES_CLIENT_IP_CALLABLE = "archive.admin.lockout.forwarded_client_address"
    proxy = "10.0.0.2"
    for forged in range(5):
        log_in(
            Client(),
            "curator",
            "wrong password",
            address=proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{forged}, {ADDRESS}",
        )

    locked = log_in(Client(), "curator", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=ADDRESS)
    assert is_locked_out(locked)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ADDRESS}

    other = Client()
    response = log_in(
        other,
        "curator",
        PASSWORD,
        address=proxy,
        HTTP_X_FORWARDED_FOR=f"{ADDRESS}, {OTHER_ADDRESS}",
    )
    assert response.status_code == 302
    assert AccessLog.objects.filter(username="curator", ip_address=OTHER_ADDRESS).exists()


def test_force_login_is_not_throttled(client, curator):
    """Tests (and the admin's own sessions) that log in with force_login are untouched."""
    fail("curator", 20, address="127.0.0.1")

    client.force_login(curator)

    assert client.get(reverse("admin:index")).status_code == 200
