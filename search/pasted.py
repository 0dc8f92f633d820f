"""Numbers pasted into the library search: a report's tracking number (CF-7KQ2-XW9T), a carrier's parcel number,
and the case number on a CBP seizure notice (2025-2704-000451).

No article holds such a number, so searched as typed it finds nothing. People paste them because they think CBP can
look up a parcel, to find their report, or to learn what a seizure letter means. The search page says what the
number is and where to go with it, and searches the other words of the query, or, when the number is all there is, a
short question on the same subject in the site's language (search.queries.search_library), saying so as it does for
a corrected spelling.
"""

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from reports.receipts import ALPHABET, normalize_tracking_number

REPORT = "report"
PARCEL = "parcel"
SEIZURE = "seizure"

# Ours: CF-XXXX-XXXX, in any case, with spaces or no dashes as people retype it.
REPORT_NUMBER = re.compile(rf"(?<![\w-])CF[- ]?[{ALPHABET}]{{4}}[- ]?[{ALPHABET}]{{4}}(?![\w-])", re.IGNORECASE)
# A seizure case: the fiscal year, the port's four digits, a six-digit sequence, sometimes a two-digit line
# (2025-2704-000451-01), written with its dashes as the notice prints it. Looked for before the parcel numbers, which
# its fourteen digits would also match.
SEIZURE_CASE = re.compile(r"(?<![\w-])(?:19|20)\d\d-\d{4}-\d{6}(?:-\d{2})?(?![\w-])")
PARCEL_NUMBERS = [
    # International mail (the Universal Postal Union's S10): two letters, nine digits, the country (LB123456789CN).
    re.compile(r"(?<!\w)[A-Z]{2}\d{9}[A-Z]{2}(?!\w)", re.IGNORECASE),
    # UPS: 1Z and sixteen letters or digits.
    re.compile(r"(?<!\w)1Z[0-9A-Z]{16}(?!\w)", re.IGNORECASE),
    # Carriers' all-digit numbers (USPS 20 to 22, FedEx 12 or 15, DHL eCommerce 16 and more), often in groups of four.
    # Twelve digits at least, so a price, a model number, a year or a phone number (11 with its country code) is
    # never taken for one.
    re.compile(r"(?<![\w.,$])\d(?:[ -]?\d){11,33}(?![\w.,])"),
]


@dataclass(frozen=True)
class Pasted:
    kind: str  # REPORT, SEIZURE or PARCEL
    number: str  # as it was typed
    rest: str  # the query without the number

    @property
    def report_number(self):
        """A report's tracking number as the status page shows it (CF-7KQ2-XW9T); empty for a parcel's."""
        return normalize_tracking_number(self.number) if self.kind == REPORT else ""

    def search_text(self, language):
        """What to search: the query's other words, else a question on the number's subject in `language`."""
        if self.rest:
            return self.rest
        with translation.override(language):
            if self.kind == REPORT:
                return _("tracking number of my report")
            if self.kind == SEIZURE:
                return _("seizure notice from CBP")
            return _("package tracking number")


# A year: several of them in a row ("2024 2025 2026") are as many digits as a parcel number, and are not one.
YEAR = re.compile(r"(?:19|20)\d\d")


def only_years(number):
    groups = re.split(r"[ -]", number)
    return len(groups) > 1 and all(YEAR.fullmatch(group) for group in groups)


def find_pasted(query):
    """The first tracking or case number in the query, with the rest of the query; None when it holds none."""
    for kind, patterns in ((REPORT, [REPORT_NUMBER]), (SEIZURE, [SEIZURE_CASE]), (PARCEL, PARCEL_NUMBERS)):
        for pattern in patterns:
            match = pattern.search(query)
            if match and not only_years(match[0]):
                rest = " ".join(f"{query[: match.start()]} {query[match.end() :]}".split())
                return Pasted(kind=kind, number=match[0], rest=rest)
    return None
