"""Save PNG screenshots of the key pages and every report step, in English and Spanish,
at phone and desktop widths, into screenshots/ (ignored by git). Run with `make screenshots`.

It starts the development server on a free port against the demo database (SQLite by default)
and drives Debian's Chromium with Playwright.
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


def main():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.dev", "ELASTICSEARCH_URL": ""}
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
            browser.close()
        print(f"Saved {count} screenshots in {OUT.relative_to(BASE_DIR)}/")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
