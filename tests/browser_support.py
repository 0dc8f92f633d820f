"""Browser-test fixtures (a pytest plugin loaded by tests/conftest.py). Real Chromium (Debian's /usr/bin/chromium) driven by Playwright, with axe-core for accessibility.

Playwright's own browser download is never used. When Chromium is missing the
browser tests are skipped locally and fail under CI=true.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API keeps an event loop in the test thread; Django's ORM calls there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _unavailable(message):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def pytest_collection_modifyitems(items):
    """Browser tests run last: once Playwright starts, its event loop stays in the test thread until the session
    ends, and Django's test client cannot call an async view (/readyz) from a thread with a running loop."""
    items.sort(key=lambda item: "chromium" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        _unavailable(f"Chromium not found at {CHROMIUM}; install Debian's chromium package.")
    if not AXE.exists():
        _unavailable(f"{AXE} is missing; run `make install` (npm ci).")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # The snapshot serialized_rollback restores after each transactional test lives on the
    # connection object. Playwright's event loop gives this thread a fresh connection object,
    # so hand the snapshot on, or every later transactional test would start from an empty database.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    # bypass_csp: axe-core is injected with add_script_tag, which the site's Content-Security-Policy forbids.
    # The policy itself is proved with `csp_page`, which never bypasses it.
    context = chromium.new_context(viewport=DESKTOP, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.documentURI}`
    + (event.sample ? ` (${event.sample})` : ""));
});
"""


@pytest.fixture
def csp_page(chromium):
    """A page under the site's real Content-Security-Policy (no bypass). Every violation, from a
    `securitypolicyviolation` event or a console message, is collected in `page.csp_violations`; uncaught
    script errors in `page.script_errors`."""
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.csp_violations = []
    page.script_errors = []
    context.expose_binding("__cspViolation", lambda source, text: page.csp_violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(f"console: {message.text}")
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    yield page
    context.close()


def sign_in_without_the_form(page, client, user, base_url):
    """Sign `user` in to the browser with Django's test client (force_login) and its session cookie."""
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )


@pytest.fixture
def demo_site(site_tree, live_server):
    """The demo content, served by a live server. Tests using it mark django_db(transaction=True, ...)."""
    import io

    from django.core.management import call_command

    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url


def axe_violations(page, exclude=()):
    """Run axe-core on the page; returns a readable list of WCAG 2.1 A/AA violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "options => axe.run({exclude: options.exclude}, {runOnly: options.tags})",
        {"tags": WCAG_TAGS, "exclude": [[selector] for selector in exclude]},
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


def app_code(device):
    """The code an authenticator app shows now for this django-otp TOTP device, or the next one when this
    one was already used (a code is accepted once, so two sign-ins in the same 30 seconds need the next)."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t is not None and device.last_t >= now.t():
        now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + 1)
    return f"{now.token():06d}"


def wrong_code(device):
    """Six digits this TOTP device does not accept now: not its code, nor one of the steps its tolerance allows,
    nor the step after those (the step may change during the test). A fixed code would be accepted by chance
    about three times in a million, and the test would then fail."""
    from django_otp.oath import totp

    device.refresh_from_db()
    accepted = {
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps):06d}"
        for steps in range(-device.tolerance - 1, device.tolerance + 2)
    }
    return next(code for code in ("918273", "000000", "246802", "111111") if code not in accepted)


def sign_in(page, base_url, username, password):
    """Sign in to the admin as a person does: the password, then a code from their authenticator app.

    The user's confirmed TOTP device is created when they have none, as if they had set it up before.
    """
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Phone", confirmed=True
    )
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/second-factor/verify/**")
    page.get_by_label("Code from your authenticator app").fill(app_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(base_url + "/admin/")
