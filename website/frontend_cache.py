"""Purge public pages from the caching proxy (deploy/nginx/) when what they show changes.

Wagtail's frontend cache (wagtail.contrib.frontend_cache: its HTTP purge backend and its background purge task)
does the purging; this module says what to purge and when. It is active when FRONTEND_CACHE_PURGE_URLS is set
(settings.WAGTAILFRONTENDCACHE), so tests and `make run` need no proxy.

- publish and unpublish: the page, and the live pages above it (the library and home pages list their children);
- a changed slug: also the page's old address;
- move: the old addresses of the page and everything below it, then the new ones, and both parents;
- delete: the page and the pages above it;
- the site alert banner (website.models.SiteBanner) saved: every live page, since every page shows it. A banner's
  own start and end times show on cached pages up to PUBLIC_PAGE_CACHE_SECONDS late.
Query-string variants (a library listing's ?page=2) are not purged: they expire after PUBLIC_PAGE_CACHE_SECONDS.
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_delete
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, pre_page_move

# Addresses a page had before a move, kept between Wagtail's pre_page_move and post_page_move signals.
_addresses_before_move = {}


def is_enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _page_and_ancestors(batch, page):
    batch.add_page(page)
    batch.add_pages(page.get_ancestors().live().specific(defer=True))


def _purge_page(instance, **kwargs):
    if not is_enabled():
        return
    batch = PurgeBatch()
    _page_and_ancestors(batch, instance)
    batch.purge()


def _purge_old_slug(instance, instance_before, **kwargs):
    if not is_enabled() or not instance.live:
        return
    PurgeBatch([url for url in [instance_before.get_full_url()] if url]).purge()


def _remember_addresses_before_move(instance, **kwargs):
    if not is_enabled() or not instance.live:
        return
    batch = PurgeBatch()
    _page_and_ancestors(batch, instance)
    batch.add_pages(instance.get_descendants().live().specific(defer=True))
    _addresses_before_move[instance.pk] = batch.urls


def _purge_after_move(instance, **kwargs):
    old_addresses = _addresses_before_move.pop(instance.pk, None)
    if not is_enabled() or old_addresses is None:
        return
    batch = PurgeBatch(old_addresses)
    _page_and_ancestors(batch, instance)
    batch.add_pages(instance.get_descendants().live().specific(defer=True))
    batch.purge()


def _purge_deleted(sender, instance, **kwargs):
    # Sent for Page and for each specific page model of the same row: purge once, from the base model.
    if sender is not Page or not is_enabled() or not instance.live:
        return
    _purge_page(instance)


def _purge_every_page(**kwargs):
    if not is_enabled():
        return
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().specific(defer=True))
    batch.purge()


def connect():
    from .models import SiteBanner

    page_published.connect(_purge_page, dispatch_uid="website.frontend_cache.published")
    page_unpublished.connect(_purge_page, dispatch_uid="website.frontend_cache.unpublished")
    page_slug_changed.connect(_purge_old_slug, dispatch_uid="website.frontend_cache.slug_changed")
    pre_page_move.connect(_remember_addresses_before_move, dispatch_uid="website.frontend_cache.pre_move")
    post_page_move.connect(_purge_after_move, dispatch_uid="website.frontend_cache.post_move")
    pre_delete.connect(_purge_deleted, sender=Page, dispatch_uid="website.frontend_cache.deleted")
    post_save.connect(_purge_every_page, sender=SiteBanner, dispatch_uid="website.frontend_cache.banner")
