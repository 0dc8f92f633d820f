"""What a library search asks for, and the choices it offers (shared by the form, the API and the queries)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MAX_PAGE = 100
SORTS = [("relevance", _("Most relevant")), ("newest", _("Newest"))]
AUDIENCES = [("consumers", _("Consumers")), ("small-businesses", _("Small businesses"))]
LANGUAGES = [("en", "English"), ("es", "Español")]


@dataclass
class SearchParams:
    query: str = ""
    topics: list = field(default_factory=list)
    kinds: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    page: int = 1
    sort: str = "relevance"
    as_typed: bool = False  # search the words exactly as typed, without correcting their spelling
    preferred_language: str = "en"

    def filters(self):
        return {"topic": self.topics, "kind": self.kinds, "audience": self.audiences, "language": self.languages}
