"""The error answers every /api/v1/ endpoint shares, so clients handle them in one place.

- `{"error": "message"}` for a problem with the request as a whole (401, 403, 404, 405, 429...).
- `{"errors": {"field": ["message", ...]}}` for problems with what was sent (400), every one at once.
Messages are written for the person building the client: they say what to change.
"""

from ninja import Schema


class Error(Schema):
    error: str


class FieldErrors(Schema):
    errors: dict[str, list[str]]


class NotFound(Exception):
    """Raise with the message to show; answered as 404 {"error": message}."""


class BadParameters(Exception):
    """Raise with {field: [messages]}; answered as 400 {"errors": ...}."""

    def __init__(self, errors):
        self.errors = errors


def form_errors(form):
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def unknown_parameters(request, allowed):
    """400 errors for query parameters this endpoint does not take (a typo should not be silently ignored)."""
    known = f"Use: {', '.join(sorted(allowed))}." if allowed else "This address takes no parameters."
    return {name: [f"Unknown parameter. {known}"] for name in sorted(set(request.GET) - allowed)}


# For text parameters: no control characters (the same rule the forms apply).
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f\x7f]*$"


def reject_unknown_parameters(request, allowed):
    """Raise BadParameters when the query has parameters this endpoint does not take."""
    errors = unknown_parameters(request, allowed)
    if errors:
        raise BadParameters(errors)


BAD_REQUEST = {400: FieldErrors}
NOT_FOUND = {404: Error}
PARTNER_ERRORS = {401: Error, 403: Error, 429: Error}
