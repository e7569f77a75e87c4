import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    from django.conf import settings
    from huey.contrib.djhuey import HUEY

    # Hashing is not what the suite measures; argon2 is asserted in its own test.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    settings.AXES_ENABLED = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    HUEY.immediate = True
    # Kept figures shared between processes would outlive each test's database; each test
    # process keeps its own (test_shared_answers.py uses the file cache on purpose).
    settings.CACHES = {
        **settings.CACHES,
        "figures": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


@pytest.fixture
def world(db):
    from danvan.core.testing import build_world

    return build_world()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (browser downloads are impossible here)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    """A Vietnamese browser tab on the live server; a screenshot is kept under var/screenshots."""
    from django.conf import settings

    context = browser.new_context(
        locale="vi-VN", base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    shots = settings.VAR_DIR / "screenshots"
    shots.mkdir(exist_ok=True)
    tab.screenshot(path=str(shots / f"{request.node.name}.png"), full_page=True)
    context.close()


def sign_in(page, username: str, password: str = "danvan-demo") -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
