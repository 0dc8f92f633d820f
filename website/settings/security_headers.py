"""The security headers every answer carries: Content-Security-Policy (django-csp), Permissions-Policy
(django-permissions-policy), Cross-Origin-Opener-Policy (Django's SecurityMiddleware) and
Cross-Origin-Resource-Policy (website.security_headers).

To allow a new source, add it to the one directive that needs it (for example a video host to `frame-src`),
never to `default-src`, and say why in a comment. CSP_REPORT_ONLY=true sends the same policy as
Content-Security-Policy-Report-Only, so browsers report what it would block without blocking it.
"""

import os

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .environment import env_bool

# Players that article videos (wagtail.embeds' EmbedBlock) may load in an iframe. Nothing else may be framed.
VIDEO_FRAME_SOURCES = ["https://www.youtube.com", "https://www.youtube-nocookie.com"]

_CSP_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Scripts only from our own static files, or inline with this answer's nonce.
        "script-src": [SELF, NONCE],
        # Wagtail's admin (and Swagger UI) set style attributes from their scripts: inline styles are allowed,
        # inline scripts are not. Styles cannot run code.
        "style-src": [SELF, UNSAFE_INLINE],
        # data: for images inlined in CSS (USWDS, Swagger UI); blob: for the admin's preview of an image upload.
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        # 'self' for Wagtail's live preview panel; the video players for articles' embedded videos.
        "frame-src": [SELF, *VIDEO_FRAME_SOURCES],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if os.environ.get("CSP_REPORT_URI"):
    _CSP_POLICY["DIRECTIVES"]["report-uri"] = [os.environ["CSP_REPORT_URI"]]

# CSP_REPORT_ONLY=true: report violations (browser console, CSP_REPORT_URI) without blocking anything.
# (Settings named CSP_* are django-csp 3's format, which its system check refuses: hence the plain names.)
_report_only = env_bool("CSP_REPORT_ONLY", False)
CONTENT_SECURITY_POLICY = None if _report_only else _CSP_POLICY
CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP_POLICY if _report_only else None

# Browser features no page of the site uses are switched off everywhere, for the page and anything it frames.
# The report form's photo step needs none of them: <input type="file" accept="image/*" capture> hands over to
# the phone's own camera app, which is not the `camera` feature (that is getUserMedia, which we never call).
# Passkeys (publickey-credentials-*) and fullscreen keep their defaults (this site only, delegable to a video).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

# Django's SecurityMiddleware sends Cross-Origin-Opener-Policy (its default, said here so nobody drops it).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# website.security_headers.SecurityHeadersMiddleware sends Cross-Origin-Resource-Policy.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# Staff avatars are never fetched from Gravatar (it would leak a hash of their email, and img-src allows only us).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
