"""The fixed lists a report draws on: reasons, statuses (staff and public), priorities, sources, how people paid
and how they found the seller."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    PRICE_TOO_LOW = "price_too_low", _("The price was much lower than usual")
    POOR_QUALITY = "poor_quality", _("The quality is poor, or it does not work as it should")
    PACKAGING = "packaging", _("The packaging looks wrong or is missing")
    MISSPELLED_BRAND = "misspelled_brand", _("The brand name or logo is misspelled or looks different")
    NO_SAFETY_MARKS = "no_safety_marks", _("Safety marks (like UL or FCC) are missing or look fake")
    SELLER_UNREACHABLE = "seller_unreachable", _("The seller cannot be reached or disappeared")
    CUSTOMS_NOTICE = "customs_notice", _("I received a notice from customs about it")
    OTHER = "other", _("Something else")


class Status(models.TextChoices):
    """Where staff are with a report. Reporters see the coarser PublicStatus."""

    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    NEEDS_INFO = "needs_info", _("Needs information")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


class ClosedReason(models.TextChoices):
    ACTIONED = "actioned", _("Action taken")
    NO_ACTION = "no_action", _("No action possible")
    DUPLICATE = "duplicate", _("Duplicate")
    SPAM = "spam", _("Spam")
    BLANK = "blank", _("Blank or unusable")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


# The queue's order: urgent first. Stored on each report as `priority_rank` (a generated column), so the
# default order is an index scan.
PRIORITY_ORDER = [Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW]


class PublicStatus(models.TextChoices):
    """What the reporter is told (report-api.md: received, under_review, needs_information, referred, closed)."""

    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    NEEDS_INFORMATION = "needs_information", _("Needs your information")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


PUBLIC_STATUS_EXPLANATIONS = {
    PublicStatus.RECEIVED: _("We have your report. Our staff will look at it soon."),
    PublicStatus.UNDER_REVIEW: _("Our staff are looking at your report."),
    PublicStatus.NEEDS_INFORMATION: _(
        "Our staff have a question about your report. Read it below and answer it; your report waits for you."
    ),
    PublicStatus.REFERRED: _("We passed your report to the team or agency that can act on it."),
    PublicStatus.CLOSED: _("We have finished working on your report. Thank you for telling us."),
}


PUBLIC_STATUS = {
    Status.NEW: PublicStatus.RECEIVED,
    Status.IN_REVIEW: PublicStatus.UNDER_REVIEW,
    Status.NEEDS_INFO: PublicStatus.NEEDS_INFORMATION,
    Status.REFERRED: PublicStatus.REFERRED,
    Status.CLOSED: PublicStatus.CLOSED,
}


class Source(models.TextChoices):
    WEB = "web", _("Web form")
    API = "api", _("API")
    PARTNER = "partner", _("Partner (bulk)")
    # Assisted reports: keyed in by CBP staff for someone who called, wrote or used a TTY (triage/assisted.py).
    PHONE = "phone", _("Phone call (keyed in by staff)")
    MAIL = "mail", _("Letter (keyed in by staff)")
    TTY = "tty", _("TTY or relay call (keyed in by staff)")


ASSISTED_SOURCES = (Source.PHONE, Source.MAIL, Source.TTY)


class PaymentMethod(models.TextChoices):
    """How the reporter paid (shared/report-api.md: `payment_method`)."""

    CARD = "card", _("Credit or debit card")
    PAYPAL_OR_WALLET = "paypal_or_wallet", _("PayPal or another online wallet (Apple Pay, Google Pay, Venmo)")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer or wire (Zelle included)")
    GIFT_CARD = "gift_card", _("Gift card")
    CRYPTO = "crypto", _("Cryptocurrency")
    CASH_ON_DELIVERY = "cash_on_delivery", _("Cash on delivery")
    OTHER = "other", _("Another way")


class FoundSellerVia(models.TextChoices):
    """How the reporter found the seller (shared/report-api.md: `found_seller_via`)."""

    MARKETPLACE_SEARCH = "marketplace_search", _("Searching on a marketplace or shopping app")
    SOCIAL_MEDIA_AD = "social_media_ad", _("An ad on social media")
    SOCIAL_MEDIA_POST = "social_media_post", _("A post or video on social media")
    SEARCH_ENGINE = "search_engine", _("A search engine, like Google or Bing")
    EMAIL_OR_TEXT = "email_or_text", _("An email or text message")
    OTHER = "other", _("Another way")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
