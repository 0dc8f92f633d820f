"""The brand registry (rights holders' brands, trademarks, authorised sellers) and identification guides.

A `Brand` belongs to a rights holder (a `partners.Partner` of kind rights_holder). Its other names, trademarks
and authorised sellers are rows of their own, edited inline in the admin. Every name and address is stored
with its normalised key, made by the project's one normaliser for that kind (targeting.kinds: the seller rule
and the host rule of reference/), so a report is matched by equal keys, never by a hand-written comparison.

A `Guide` is the rights holder's "how to tell genuine from fake" for one brand. It is shown to officers only
while it is approved; any change to an approved guide sends it back to review (guides.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from partners.models import PartnerKind
from reference.hosts import AddressError
from reference.hosts import domain_key as typed_domain_key
from reference.hosts import store_key as typed_store_key
from reference.marketplaces import is_marketplace_host
from reports.storage import get_report_file_storage
from targeting.kinds import MAX_KEY_LENGTH, brand_key, seller_key


def _name_key(name, field):
    key = brand_key(name)
    if not key:
        raise ValidationError({field: _("Write the name with at least one letter or digit.")})
    return key


class Brand(ClusterableModel):
    owner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="brands",
        verbose_name=_("rights holder"),
        limit_choices_to={"kind": PartnerKind.RIGHTS_HOLDER},
    )
    name = models.CharField(_("brand name"), max_length=200)
    key = models.CharField(max_length=MAX_KEY_LENGTH, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("brand")
        verbose_name_plural = _("brands")
        constraints = [models.UniqueConstraint(fields=["key"], name="brands_brand_key_unique")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = brand_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        self.key = _name_key(self.name, "name")
        if self.owner_id and self.owner.kind != PartnerKind.RIGHTS_HOLDER:
            raise ValidationError({"owner": _("Choose a partner whose kind is rights holder.")})
        if Brand.objects.filter(key=self.key).exclude(pk=self.pk).exists():
            raise ValidationError({"name": _("A brand with this name is already in the registry.")})


class BrandName(models.Model):
    """Another name the brand goes by (a former name, a product line sold under its own name)."""

    brand = ParentalKey(Brand, on_delete=models.CASCADE, related_name="other_names")
    name = models.CharField(_("other name"), max_length=200)
    key = models.CharField(max_length=MAX_KEY_LENGTH, editable=False, db_index=True)

    class Meta:
        verbose_name = _("other name")
        constraints = [models.UniqueConstraint(fields=["brand", "key"], name="brands_name_unique")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = brand_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        self.key = _name_key(self.name, "name")


class Trademark(models.Model):
    brand = ParentalKey(Brand, on_delete=models.CASCADE, related_name="trademarks")
    mark = models.CharField(_("mark"), max_length=200, help_text=_("The word or a description of the logo."))
    registration_number = models.CharField(
        _("registration number"), max_length=40, help_text=_("The USPTO registration number.")
    )
    recordation_number = models.CharField(
        _("CBP recordation number"), max_length=40, blank=True, help_text=_("Like TMK 21-00123, once recorded.")
    )

    class Meta:
        verbose_name = _("trademark")

    def __str__(self):
        return f"{self.mark} ({self.registration_number})"


class SellerKind(models.TextChoices):
    SELLER = "seller", _("Seller name")
    DOMAIN = "domain", _("Web domain")
    STORE = "store", _("Store address on a marketplace")


class AuthorisedSeller(models.Model):
    """A seller, web domain or marketplace store the rights holder says sells genuine goods of the brand."""

    brand = ParentalKey(Brand, on_delete=models.CASCADE, related_name="authorised_sellers")
    kind = models.CharField(_("kind"), max_length=10, choices=SellerKind.choices, default=SellerKind.SELLER)
    value = models.CharField(
        _("name or address"),
        max_length=500,
        help_text=_("A seller's name, a domain like brand.example, or a store like marketplace.example/shops/name."),
    )
    key = models.CharField(max_length=MAX_KEY_LENGTH, editable=False, db_index=True)

    class Meta:
        verbose_name = _("authorised seller")
        constraints = [models.UniqueConstraint(fields=["brand", "kind", "key"], name="brands_seller_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.key = authorised_key(self.kind, self.value)
        super().save(*args, **kwargs)

    def clean(self):
        self.key = authorised_key(self.kind, self.value)


def authorised_key(kind, value):
    """The key of an authorised seller, domain or store; raises ValidationError with what to write instead."""
    if kind == SellerKind.SELLER:
        key = seller_key(value)
        if not key:
            raise ValidationError({"value": _("Write the seller's name with at least one letter or digit.")})
        return key
    try:
        if kind == SellerKind.DOMAIN:
            key = typed_domain_key(value)
            if is_marketplace_host(key):
                raise ValidationError(
                    {
                        "value": _(
                            "%(domain)s is a marketplace where many sellers trade: add the seller's store address"
                            " instead (kind: store address), like %(domain)s/shops/name."
                        )
                        % {"domain": key}
                    }
                )
            return key
        return typed_store_key(value)[:MAX_KEY_LENGTH]
    except AddressError as error:
        message = str(error)
        raise ValidationError({"value": f"{message[:1].upper()}{message[1:]}."}) from None


class GuideStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("Waiting for CBP review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class Guide(models.Model):
    """A product-identification guide: what genuine goods of the brand look like, for officers."""

    brand = models.OneToOneField(Brand, on_delete=models.CASCADE, related_name="guide", verbose_name=_("brand"))
    genuine_points = models.TextField(
        _("how to tell genuine from fake"),
        max_length=5000,
        blank=True,
        help_text=_("One point per line, like: The logo's R has a straight leg on genuine goods."),
    )
    packaging_features = models.TextField(
        _("packaging features"),
        max_length=5000,
        blank=True,
        help_text=_("One feature per line, like: Hologram sticker on the box's left side."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GuideStatus.choices, default=GuideStatus.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("identification guide")
        verbose_name_plural = _("identification guides")
        ordering = ["submitted_at", "pk"]
        permissions = [("review_guide", _("Can approve or reject identification guides"))]

    def __str__(self):
        return str(_("Identification guide for %(brand)s") % {"brand": self.brand})

    @property
    def point_list(self):
        return [line.strip() for line in self.genuine_points.splitlines() if line.strip()]

    @property
    def feature_list(self):
        return [line.strip() for line in self.packaging_features.splitlines() if line.strip()]


class GuidePhoto(models.Model):
    """A photo of the genuine product or its packaging, cleaned like a report's photo and kept in the same
    private storage (never a public address): officers and the rights holder's own users fetch it through views
    that check who they are."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(storage=get_report_file_storage, upload_to="brands/%Y/%m/", max_length=200)
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it, like: The genuine box's hologram sticker."),
    )
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("guide photo")

    def __str__(self):
        return self.alt_text
