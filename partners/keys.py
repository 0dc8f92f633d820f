"""Partner API keys: made here, shown once, kept only as a SHA-256 hash.

A key looks like `cbp_Ab3dEf9h_<43 random characters>`. The part before the second underscore is its
prefix: not secret, it is stored as is and shown in the admin and the call log so a partner and staff can
talk about a key without either of them reading it out. The random part carries 256 bits, so a plain
SHA-256 (no salt, no slow hash) is enough to make the stored hash useless to someone who steals it.
"""

import hashlib
import secrets
import string

from django.utils import timezone

from .models import ApiKey

PREFIX_ALPHABET = string.ascii_letters + string.digits


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def prefix_of(key):
    """The key's public prefix ("cbp_Ab3dEf9h"), or "" when the text is not shaped like one of our keys."""
    parts = key.split("_")
    if len(parts) >= 3 and parts[0] == "cbp" and len(parts[1]) == 8 and parts[1].isalnum():
        return f"cbp_{parts[1]}"
    return ""


def create_key(*, partner, name, scopes, created_by=None, expires_at=None):
    """(ApiKey, the key in full). Give the key to the partner now: it cannot be shown again."""
    while True:
        prefix = "cbp_" + "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(8))
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    key = f"{prefix}_{secrets.token_urlsafe(32)}"
    api_key = ApiKey.objects.create(
        partner=partner,
        name=name,
        prefix=prefix,
        key_hash=hash_key(key),
        scopes=sorted(set(scopes)),
        created_by=created_by,
        expires_at=expires_at,
    )
    return api_key, key


def find_usable(key):
    """The ApiKey for this key text when it is known, not revoked, not expired and its partner is active."""
    if not key or len(key) > 200:
        return None
    return ApiKey.objects.usable().select_related("partner").filter(key_hash=hash_key(key)).first()


def revoke(api_key, *, user):
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.revoked_by = user
        api_key.save(update_fields=["revoked_at", "revoked_by"])
    return api_key
