"""Production settings refuse unsafe configurations and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3y-" + "x9Qz!7wLmP2vR8sT4uY6aB1cD3eF5gH0jK" * 2


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "EMAIL_HOST",
            "EMAIL_DISABLED",
        }
    }
    environment.update(DJANGO_SETTINGS_MODULE="website.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = run_manage("check", SECRET_KEY=STRONG_KEY, DEBUG="true", EMAIL_HOST="smtp.example.gov")
    assert result.returncode != 0
    assert "DEBUG must be off in production" in result.stderr


def test_production_passes_the_deployment_checks_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="shop-safe.example.gov",
        EMAIL_HOST="smtp.example.gov",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


# Mail: production never falls back to printing messages (password-reset links, reporters' addresses) into the log.

SHOW_MAIL_BACKEND = "from django.conf import settings; print('BACKEND=' + settings.EMAIL_BACKEND)"


def test_production_refuses_to_start_without_a_mail_server():
    result = run_manage("check", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "Production needs a mail server: set EMAIL_HOST" in result.stderr
    assert "EMAIL_DISABLED=true" in result.stderr


def test_production_sends_mail_through_the_configured_server():
    result = run_manage("shell", "-c", SHOW_MAIL_BACKEND, SECRET_KEY=STRONG_KEY, EMAIL_HOST="smtp.example.gov")
    assert result.returncode == 0, result.stderr
    assert "BACKEND=django.core.mail.backends.smtp.EmailBackend" in result.stdout
    assert "EMAIL_DISABLED" not in result.stderr


def test_production_with_mail_disabled_drops_mail_and_says_so_once_at_startup():
    result = run_manage("shell", "-c", SHOW_MAIL_BACKEND, SECRET_KEY=STRONG_KEY, EMAIL_DISABLED="true")
    assert result.returncode == 0, result.stderr
    assert "BACKEND=django.core.mail.backends.dummy.EmailBackend" in result.stdout
    assert result.stderr.count("EMAIL_DISABLED is set: this site sends no email") == 1


def test_previous_secrets_come_from_the_environment_when_rotating():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)",
        SECRET_KEY=STRONG_KEY,
        EMAIL_HOST="smtp.shop-safe.example.gov",
        SECRET_KEY_FALLBACKS="first-old-secret, second-old-secret",
    )
    assert result.returncode == 0, result.stderr
    assert "['first-old-secret', 'second-old-secret']" in result.stdout
