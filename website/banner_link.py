"""The links the site alert banner accepts: a link inside the site (`/library/`) or a web address."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

web_address = URLValidator(schemes=["http", "https"])


def validate_banner_link(value):
    """A site-relative path starting with a single `/`, or an http(s) address.

    `//host` and `/\\host` are rejected: browsers read both as a link to another site.
    """
    if value.startswith("/"):
        if "//" in value or "\\" in value or any(character.isspace() for character in value):
            raise ValidationError(
                _("A link inside this site starts with a single / and has no // or spaces, for example /library/."),
                code="invalid_site_link",
            )
        return
    try:
        web_address(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a link inside this site such as /library/, or a full address starting with https://."),
            code="invalid_link",
        ) from None
