"""The indexing outbox (changes waiting to reach Elasticsearch), index states, synonyms and query statistics."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """An object whose entry in one index must be refreshed or removed (the outbox).

    Written in the same transaction as the change (search/outbox.py), so nothing is lost when Elasticsearch is
    down; deleted only once Elasticsearch has acknowledged the change (search/draining.py). Whether the object
    is indexed or removed is decided when the row is drained, from what the database holds then.
    """

    index = models.CharField(max_length=50, default="library")  # a name in search/registry.py
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Applied to the current index while a rebuild was under way: kept so the rebuild applies it to the new
    # index too before swapping the alias (then deleted).
    kept_for_rebuild = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["index", "kept_for_rebuild", "id"], name="search_outbox_waiting_idx")]

    def __str__(self):
        return f"{self.index} {self.object_id}"


class IndexState(models.Model):
    """One row per index: locked while the outbox is drained into it, and marks a rebuild under way."""

    name = models.CharField(max_length=50, unique=True)
    rebuild_started_at = models.DateTimeField(null=True, blank=True)
    rebuild_index = models.CharField(max_length=255, blank=True)

    def __str__(self):
        return self.name


class SynonymGroup(models.Model):
    """Words and phrases people use for the same thing. Applied at query time, so an edit needs no reindex,
    on Elasticsearch and on the database fallback alike (search/synonyms.py)."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Words or phrases that mean the same, separated by commas. Example: counterfeit, fake, knockoff. "
            "They apply to every public search straight away, with Elasticsearch and with the database search "
            "used when Elasticsearch is away; results holding the words people typed come before results found "
            "only through a synonym."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Optional: why these belong together."))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self):
        return [term.strip().lower() for term in self.terms.split(",") if term.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("List at least two words or phrases, separated by commas.")})


class SearchQueryStat(models.Model):
    """How often a query was searched on a day, and how many results it found. No personal data."""

    query = models.CharField(_("query"), max_length=200)
    date = models.DateField(_("date"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_result_searches = models.PositiveIntegerField(_("searches with no results"), default=0)
    last_result_count = models.PositiveIntegerField(_("results last time"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["query", "date"], name="one_stat_per_query_per_day")]
        ordering = ["-date", "-searches"]
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")

    def __str__(self):
        return f"{self.query} ({self.date})"
