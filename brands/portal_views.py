"""The rights holders' part of the partner portal: their brands, and the identification guide of each.

Every page is for rights-holder organisations only (others get 404) and reads only the member's own
organisation's brands (another organisation's brand, guide or photo: 404). Viewers read; responders and
administrators edit a guide, add and remove photos, and submit it for CBP review.
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from partners.models import PartnerKind
from portal.access import PortalMixin
from portal.models import Role

from . import guides
from .models import Brand, Guide, GuidePhoto, GuideStatus
from .staff_views import serve_photo


class RightsHolderMixin(PortalMixin):
    allowed_kinds = (PartnerKind.RIGHTS_HOLDER,)

    def own_brands(self):
        return Brand.objects.filter(owner=self.organisation)

    def get_brand(self):
        return get_object_or_404(self.own_brands(), pk=self.kwargs["pk"])

    def get_photo(self):
        return get_object_or_404(
            GuidePhoto.objects.filter(guide__brand__owner=self.organisation).select_related("guide__brand"),
            pk=self.kwargs["pk"],
        )


class EditorMixin(RightsHolderMixin):
    minimum_role = Role.RESPONDER


def can_edit(membership):
    return membership.has_role(Role.RESPONDER)


class BrandsView(RightsHolderMixin, TemplateView):
    template_name = "brands/portal/brands.html"

    def get_context_data(self, **kwargs):
        brands = self.own_brands().select_related("guide").prefetch_related("authorised_sellers")
        return super().get_context_data(brands=brands, **kwargs)


class BrandView(RightsHolderMixin, TemplateView):
    template_name = "brands/portal/brand.html"

    def get_context_data(self, **kwargs):
        brand = self.get_brand()
        return super().get_context_data(
            brand=brand,
            guide=Guide.objects.filter(brand=brand).prefetch_related("photos").first(),
            can_edit=can_edit(self.membership),
            **kwargs,
        )


class GuideForm(forms.Form):
    genuine_points = forms.CharField(
        label=gettext_lazy("How to tell genuine from fake"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("One point per line, like: The logo's R has a straight leg on genuine goods."),
    )
    packaging_features = forms.CharField(
        label=gettext_lazy("Packaging features"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One feature per line, like: Hologram sticker on the box's left side."),
    )
    photo = forms.FileField(
        label=gettext_lazy("Add a photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/heic"}),
        help_text=gettext_lazy(
            "A photo of the genuine product or its packaging: JPEG, PNG, WebP or HEIC, up to 10 MB."
        ),
    )
    alt_text = forms.CharField(
        label=gettext_lazy("Alt text for the photo"),
        max_length=250,
        required=False,
        help_text=gettext_lazy(
            "Needed with a photo: what it shows, for people who cannot see it, like: The genuine box's hologram"
            " sticker."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        upload, alt_text = cleaned.get("photo"), (cleaned.get("alt_text") or "").strip()
        cleaned["clean_photo"] = None
        if upload:
            try:
                cleaned["clean_photo"] = guides.check_photo(upload, alt_text)
            except guides.GuideError as error:
                self.add_error("alt_text" if not alt_text else "photo", error.message)
        elif alt_text:
            self.add_error("photo", _("Choose the photo this alt text describes, or leave the alt text empty."))
        return cleaned


class GuideEditView(EditorMixin, TemplateView):
    template_name = "brands/portal/guide_edit.html"

    def get_context_data(self, **kwargs):
        brand = kwargs.pop("brand", None) or self.get_brand()
        guide = Guide.objects.filter(brand=brand).first()
        if "form" not in kwargs:
            initial = {}
            if guide:
                initial = {"genuine_points": guide.genuine_points, "packaging_features": guide.packaging_features}
            kwargs["form"] = GuideForm(initial=initial)
        return super().get_context_data(brand=brand, guide=guide, **kwargs)

    def post(self, request, pk):
        brand = self.get_brand()
        form = GuideForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(brand=brand, form=form), status=400)
        data = form.cleaned_data
        submitting = "submit" in request.POST
        if submitting and not data["genuine_points"].strip():
            form.add_error(
                "genuine_points",
                _("Write at least one point on how to tell genuine from fake before you submit the guide."),
            )
            return self.render_to_response(self.get_context_data(brand=brand, form=form), status=400)
        try:
            with transaction.atomic():
                guide = Guide.objects.filter(brand=brand).first() or Guide(brand=brand)
                guides.save_text(
                    guide,
                    genuine_points=data["genuine_points"].strip(),
                    packaging_features=data["packaging_features"].strip(),
                    user=request.user,
                )
                if data["clean_photo"]:
                    guides.add_photo(guide, data["clean_photo"], data["alt_text"], user=request.user)
                if submitting and guide.status in (GuideStatus.DRAFT, GuideStatus.REJECTED):
                    guides.submit(guide, user=request.user)
        except guides.GuideError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(brand=brand, form=form), status=400)
        guide.refresh_from_db()
        messages.success(request, status_message(guide))
        return redirect("portal:brands_portal:brand", pk=brand.pk)


def status_message(guide):
    if guide.status == GuideStatus.IN_REVIEW:
        return _("Guide saved. CBP will review it; officers see it once it is approved.")
    return _("Guide saved as a draft. Submit it for review when it is ready; officers only see approved guides.")


class SubmitView(EditorMixin, View):
    def post(self, request, pk):
        brand = self.get_brand()
        guide = Guide.objects.filter(brand=brand).first()
        if guide is None:
            messages.error(request, _("Write the guide first, then submit it for review."))
        else:
            try:
                guides.submit(guide, user=request.user)
            except guides.GuideError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Guide submitted. CBP will review it."))
        return redirect("portal:brands_portal:brand", pk=brand.pk)


class PhotoView(RightsHolderMixin, View):
    def get(self, request, pk):
        return serve_photo(self.get_photo())


class RemovePhotoView(EditorMixin, View):
    def post(self, request, pk):
        photo = self.get_photo()
        brand = photo.guide.brand
        guides.remove_photo(photo, user=request.user)
        messages.success(request, _("Photo removed."))
        return redirect("portal:brands_portal:brand", pk=brand.pk)
