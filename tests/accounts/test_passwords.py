"""Password rules: 12 characters or more, Django's validators and zxcvbn, in Wagtail's own forms too."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.verified_client import VerifiedClient

pytestmark = pytest.mark.django_db

GUESSABLE = ["aaaaaaaaaaaa", "qwertyuiopas", "abcdefghijkl", "123456789012", "Password1234", "password1234"]
STRONG = "amber-tractor-lantern-91"


@pytest.mark.parametrize("password", GUESSABLE)
def test_guessable_passwords_of_twelve_characters_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_short_and_name_like_passwords_are_refused(officer):
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Xq7#vLp2!")
    with pytest.raises(ValidationError):
        validate_password("olivia@example.gov", user=officer)


def test_a_long_unguessable_password_passes():
    validate_password(STRONG)


def signed_in(user):
    client = VerifiedClient()
    client.force_login(user)
    return client


def new_user_form(password):
    return {
        "username": "newofficer",
        "email": "newofficer@example.gov",
        "first_name": "New",
        "last_name": "Officer",
        "password1": password,
        "password2": password,
    }


def test_wagtails_add_user_form_refuses_a_keyboard_walk(superuser):
    client = signed_in(superuser)
    response = client.post("/admin/users/new/", new_user_form("qwertyuiopas"))
    assert response.status_code == 200
    assert "Your password is too guessable" in response.content.decode()
    assert not get_user_model().objects.filter(username="newofficer").exists()

    response = client.post("/admin/users/new/", new_user_form(STRONG))
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="newofficer").exists()


def test_wagtails_change_password_form_refuses_a_repeated_letter(officer):
    client = signed_in(officer)
    form = {
        "name_email-first_name": "Olivia",
        "name_email-last_name": "Officer",
        "name_email-email": "olivia@example.gov",
        "locale-preferred_language": "en",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        "theme-keyboard_shortcuts": "on",
        "password-old_password": "a-long-test-password",
        "password-new_password1": "aaaaaaaaaaaa",
        "password-new_password2": "aaaaaaaaaaaa",
    }
    response = client.post("/admin/account/", form)
    assert response.status_code == 200
    assert "Your password is too guessable" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password("a-long-test-password")

    form["password-new_password1"] = form["password-new_password2"] = STRONG
    response = client.post("/admin/account/", form)
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(STRONG)
