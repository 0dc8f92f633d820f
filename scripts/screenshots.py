"""Save PNG screenshots of the key pages and every report step, in English and Spanish,
at phone and desktop widths, into screenshots/ (ignored by git); and the staff triage queue and a
report's page (staff-*.png). Run with `make screenshots`.

It adds the demo reports (`manage.py load_demo_reports`), starts the development server on a free
port against the demo database (SQLite by default), signs in as the development admin and drives
Debian's Chromium with Playwright.
"""

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parent.parent
OUT = BASE_DIR / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]
WIDTHS = {"phone": {"width": 375, "height": 800}, "desktop": {"width": 1280, "height": 900}}
# Staff pages at the laptop size the report page is designed for (the reporter's words without scrolling).
STAFF_WIDTHS = {"phone": {"width": 375, "height": 800}, "desktop": {"width": 1280, "height": 800}}
DEMO_ADMIN = ("admin", "demo-admin-password")
PAGES = {
    "en": [
        ("home", "/"),
        ("library", "/library/"),
        ("topic", "/library/topics/electronics-batteries/"),
        ("article", "/library/counterfeit-chargers-fire-risk/"),
        ("faq", "/library/reporting-faq/"),
        ("search", "/search/?q=chager+fire"),
        ("search-empty", "/search/?q=zzqx"),
        ("status", "/report/status/"),
        ("not-found", "/no-such-page/"),
    ],
    "es": [
        ("home", "/es/"),
        ("library", "/es/biblioteca/"),
        ("article", "/es/biblioteca/cargadores-falsos-riesgo-de-incendio/"),
        ("search", "/es/search/?q=medicamentos"),
        ("status", "/es/report/status/"),
    ],
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The development server did not answer at {url}")


def report_steps(page, base, prefix, shoot):
    """Walk the report form, photographing each step (and step 1 with its errors)."""
    page.goto(f"{base}{prefix}/report/")
    shoot("report-start")
    page.locator("main a.usa-button").first.click()
    page.locator("button[value=continue]").click()
    shoot("report-1-errors")
    page.select_option("#id_product_category", index=1)
    page.fill("#id_description", "A phone charger that got very hot and melted.")
    page.locator("button[value=continue]").click()
    shoot("report-2")
    page.fill("#id_marketplace", "BargainMart")
    page.locator("button[value=continue]").click()
    for name in ("report-3", "report-4", "report-5", "report-6"):
        shoot(name)
        if name == "report-6":
            page.locator("label[for='id_consent']").click()
        page.locator("button[value=continue]").click()
    shoot("report-7-review")


def save(page, name, full_page=False):
    """One PNG. The admin scrolls inside its <main>, so a whole admin page is shot by making the window as tall."""
    viewport = page.viewport_size
    if full_page:
        height = page.evaluate("Math.max(document.body.scrollHeight, document.querySelector('main').scrollHeight)")
        page.set_viewport_size({"width": viewport["width"], "height": height + 80})
    path = OUT / f"{name}.png"
    Image.open(io.BytesIO(page.screenshot())).save(path, optimize=True)
    page.set_viewport_size(viewport)
    print(f"  {path.relative_to(BASE_DIR)}")


def staff_pages(browser, base):
    """The triage queue and a report's page as an officer sees them: on arrival, whole, and after an action."""
    count = 0
    for width_name, viewport in STAFF_WIDTHS.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(base + "/admin/login/")
        page.fill("#id_username", DEMO_ADMIN[0])
        page.fill("#id_password", DEMO_ADMIN[1])
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(base + "/admin/")
        page.goto(base + "/admin/triage/")
        save(page, f"staff-{width_name}-queue")
        page.get_by_role("row").filter(has_text="65 W fast charger").get_by_role("link").first.click()
        page.wait_for_url("**/admin/triage/inspect/**")
        report_url = page.url
        save(page, f"staff-{width_name}-report")
        save(page, f"staff-{width_name}-report-whole", full_page=True)
        # After an action the page comes back at the panel, with the message there (the same each run).
        panel = page.get_by_role("complementary", name="Triage")
        panel.locator("select[name=status]").select_option("in_review")
        panel.get_by_role("button", name="Change status").click()
        page.wait_for_url(report_url + "#actions")
        page.locator("#actions .triage-feedback").wait_for()
        page.wait_for_timeout(600)  # the admin scrolls smoothly to the panel
        save(page, f"staff-{width_name}-report-after-action")
        count += 4
        context.close()
    return count


def main():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.dev", "ELASTICSEARCH_URL": ""}
    subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "load_demo_reports"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(base + "/")
        OUT.mkdir(exist_ok=True)
        count = 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for width_name, viewport in WIDTHS.items():
                for language, pages in PAGES.items():
                    context = browser.new_context(viewport=viewport)
                    page = context.new_page()

                    def shoot(name, language=language, width_name=width_name, page=page):
                        nonlocal count
                        path = OUT / f"{language}-{width_name}-{name}.png"
                        png = page.screenshot(full_page=True)
                        Image.open(io.BytesIO(png)).save(path, optimize=True)
                        count += 1
                        print(f"  {path.relative_to(BASE_DIR)}")

                    for name, path in pages:
                        page.goto(base + path)
                        shoot(name)
                    report_steps(page, base, "/es" if language == "es" else "", shoot)
                    context.close()
            count += staff_pages(browser, base)
            browser.close()
        print(f"Saved {count} screenshots in {OUT.relative_to(BASE_DIR)}/")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
