"""The Spanish interface catalogue is complete, keeps every placeholder and is compiled.

After `manage.py makemessages -l es` adds new interface text, these tests fail until each new entry is
translated (no empty or fuzzy entries) and `manage.py compilemessages -l es` has rebuilt the committed .mo.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
# %(name)s, %s, %d, %(count)d... and {name}
PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]?\d*(?:\.\d+)?[sdifrxX]|%[sdifr]|\{\w*\}")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def entries(catalogue):
    return [entry for entry in catalogue if not entry.obsolete]


def describe(entry):
    return f"{entry.msgid!r} ({', '.join(f'{path}:{line}' for path, line in entry.occurrences[:2])})"


def test_every_entry_is_translated(catalogue):
    untranslated = [
        describe(entry)
        for entry in entries(catalogue)
        if not (entry.msgstr_plural and all(entry.msgstr_plural.values())) and not entry.msgstr
    ]
    assert untranslated == [], f"{len(untranslated)} entries have no Spanish text: {untranslated[:20]}"


def test_no_entry_is_fuzzy(catalogue):
    """makemessages marks a guess from a similar old entry "fuzzy"; gettext ignores it, so English shows."""
    fuzzy = [describe(entry) for entry in entries(catalogue) if "fuzzy" in entry.flags]
    assert fuzzy == [], f"{len(fuzzy)} entries are fuzzy (check them, then remove the flag): {fuzzy[:20]}"


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def test_translations_keep_every_placeholder(catalogue):
    broken = []
    for entry in entries(catalogue):
        if entry.msgid_plural:
            plural = placeholders(entry.msgid_plural)
            for index, text in entry.msgstr_plural.items():
                if text and placeholders(text) != plural and placeholders(text) != placeholders(entry.msgid):
                    broken.append(f"{describe(entry)} [{index}]: {text!r}")
        elif entry.msgstr and placeholders(entry.msgstr) != placeholders(entry.msgid):
            broken.append(f"{describe(entry)}: {entry.msgstr!r}")
    assert broken == []


def test_the_committed_mo_file_holds_the_catalogue(catalogue):
    """The .mo beside the .po is what Django reads: it must be rebuilt (compilemessages) after each edit."""
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(COMPILED))}
    stale = []
    for entry in entries(catalogue):
        found = compiled.get((entry.msgctxt, entry.msgid))
        wanted = entry.msgstr_plural or entry.msgstr
        if found is None or (found.msgstr_plural or found.msgstr) != wanted:
            stale.append(describe(entry))
    assert stale == [], f"run `manage.py compilemessages -l es`; {len(stale)} entries differ: {stale[:20]}"
