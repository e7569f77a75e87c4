"""Headers, cookies, sessions, passwords and CSRF, as the site really serves them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.core.testing import PERSONAS


def test_every_response_carries_the_security_headers(world):
    response = world.client("mttq").get("/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_login_page_is_protected_too(client):
    response = client.get(reverse("login"))
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"


PRODUCTION_PROBE = r"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
# Static files are not what this probes (a deployment runs collectstatic, which compresses
# every asset for minutes); serve them unhashed here.
from django.test.utils import override_settings
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
client = Client(HTTP_HOST="danvan.example.vn")
plain = client.get("/healthz")
tls = client.get("/accounts/login/", secure=True, headers={"X-Forwarded-Proto": "https"})
cookie = tls.cookies.get("csrftoken")
print(json.dumps({
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "debug": settings.DEBUG,
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "tls_status": tls.status_code,
    "tls_hsts": tls.get("Strict-Transport-Security", ""),
    "csrf_cookie_secure": bool(cookie and cookie["secure"]),
}))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_ALLOW_ASYNC"))
    }
    env.update(
        {
            "DANVAN_ENV": "production",
            "DANVAN_SECRET_KEY": "p" * 30 + "Qw7-" * 6,
            "DANVAN_ALLOWED_HOSTS": "danvan.example.vn",
            "DANVAN_VAR_DIR": str(tmp_path_factory.mktemp("prod")),
            "DJANGO_SETTINGS_MODULE": "danvan.settings",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_and_http_only(production):
    assert production["debug"] is False
    assert production["session_secure"] is True
    assert production["csrf_secure"] is True
    assert production["session_httponly"] is True
    assert production["csrf_cookie_secure"] is True


def test_production_redirects_plain_http_to_https(production):
    assert production["plain_status"] == 301
    assert production["plain_location"].startswith("https://danvan.example.vn/")


def test_production_sends_hsts_behind_tls(production):
    assert production["tls_status"] == 200
    assert production["hsts"] >= 31536000
    assert "max-age=31536000" in production["tls_hsts"]
    assert "includeSubDomains" in production["tls_hsts"]


def test_an_expired_session_is_signed_out(world):
    client = world.client("mttq")
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sessions_last_a_working_day_not_forever(settings, world, client):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    client.post(reverse("login"), {"username": "mttq", "password": "danvan-demo"})
    session = Session.objects.get()
    assert session.expire_date - timezone.now() <= timedelta(seconds=settings.SESSION_COOKIE_AGE)


@pytest.mark.parametrize(
    "password",
    ["12345678901", "password123", "danvan", "matkhau", "mttq-danvan", "Phạm Thị Hồng"],
)
def test_weak_passwords_are_refused(world, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=world.users["mttq"])


def test_a_strong_password_is_accepted(world):
    validate_password("Dân vận khéo 2022!", user=world.users["mttq"])


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def test_login_is_throttled_per_user_and_address_and_says_so_in_vietnamese(
    world, client, throttled
):
    for attempt in range(1, 6):
        response = client.post(reverse("login"), {"username": "hoinongdan", "password": "sai"})
        assert response.status_code == (429 if attempt == 5 else 200)
    locked = client.post(reverse("login"), {"username": "hoinongdan", "password": "danvan-demo"})
    assert locked.status_code == 429
    assert "15 phút" in locked.content.decode()
    # Another officer from the same address is not locked out by it.
    other = Client()
    response = other.post(reverse("login"), {"username": "mttq", "password": "danvan-demo"})
    assert response.status_code == 302


def _csrf_refused(response) -> bool:
    return response.status_code == 403 and b"CSRF" in response.content


def test_login_without_a_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "mttq", "password": "danvan-demo"})
    assert _csrf_refused(response)


def test_login_with_the_token_works(world):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("login"),
        {"username": "mttq", "password": "danvan-demo", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def _page_rows():
    from danvan.core.tests.test_access_matrix import ROWS

    seen, rows = set(), []
    for row in ROWS:
        if row.url_name not in seen:
            seen.add(row.url_name)
            rows.append(row)
    return rows


@pytest.mark.parametrize("row", _page_rows(), ids=lambda r: r.url_name)
def test_every_page_refuses_a_post_without_a_csrf_token(world, row):
    """Each row gets its own world: the rows' argument builders create objects with fixed keys."""
    url = reverse(row.url_name, kwargs=row.kwargs(world) if row.kwargs else {})
    if url.startswith("/api/"):
        pytest.skip("the API checks CSRF itself (test_api_access.py)")
    accepted = []
    for persona in ("quantri", "thuongtruc", "mttq"):
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.users[persona])
        response = client.post(url, {"name": "x"})
        if not _csrf_refused(response):
            accepted.append(f"{persona}: {response.status_code}")
    assert not accepted, f"POST {url} without CSRF token not refused: {accepted}"


def test_no_view_is_exempt_from_csrf():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "tests" not in p.parts and "csrf_exempt" in p.read_text(encoding="utf-8")
    ]
    assert not offenders, f"csrf_exempt used in {offenders}"


def test_every_persona_can_sign_in(world):
    for persona in PERSONAS:
        client = Client(enforce_csrf_checks=True)
        client.get(reverse("login"))
        response = client.post(
            reverse("login"),
            {
                "username": persona,
                "password": "danvan-demo",
                "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            },
        )
        assert response.status_code == 302, persona
