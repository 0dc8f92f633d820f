"""The graded query sets that `manage.py search_eval` measures the library search with.

Five sets of queries on the demo articles ship with the project, four on the tuning side and one blind:

- **tuning** (`queries.json`): written by the people who tuned the ranking, against the demo articles. Tune on it.
- **old-blind** (`blind.json`): the first blind set, written before anyone looked at search results. Its failures
  were studied to change the ranking, so it is retired to the tuning side: tune on it too.
- **blind-2** (`blind_2.json`): the second blind set. Its failures were studied by kind for the next ranking
  change, so it is on the tuning side now.
- **blind** (`blind_3.json`): the third blind set, written after `blind_2.json` had been studied. Its queries were
  committed ungraded before any grading and before the ranking change of that round, then graded by reading the
  articles (see the git history). Measure with it, never tune on it.
- **blind-4** (`blind_4.json`): the fourth blind set, written by someone who read neither the ranking code nor any
  search result: the queries were phrased as the public types them before reading the articles, committed
  ungraded, then graded by reading the live demo articles (see its `about` and the git history). Its failing
  queries were read in the eleventh session, so it is on the tuning side now.

Four more sets come with libraries of their own, by other writers (`blind_5.json` with `blind_5_articles.jsonl`,
`blind_6.json` with `blind_6_articles.jsonl`, `blind_7.json` with `blind_7_articles.jsonl`, `blind_8.json` with
`blind_8_articles.jsonl`): import the library into an empty database and index, then name the file (README,
"Measuring quality"). `blind_5.json`, `blind_6.json` and `blind_7.json` were studied (blind_7's failing lines in
the fifteenth session); `blind_8.json` is the unseen one.

A blind set that anyone tunes on moves to the tuning side, and a fresh one is written the same way.

A file is either a list of queries or `{"about": "...", "queries": [...]}`. A query is
`{"q": "...", "relevant": {"<slug>": grade}}` with grades 0 to 3 (3 = the answer), and optionally
`"misspelt": true|false` (whether a "did you mean" is welcome) and `"language": "es"` (the site it is typed on).
"""

import json
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
SETS = {
    "tuning": FOLDER / "queries.json",
    "old-blind": FOLDER / "blind.json",
    "blind-2": FOLDER / "blind_2.json",
    "blind": FOLDER / "blind_3.json",
    "blind-4": FOLDER / "blind_4.json",
}
TUNING_SIDE = ("tuning", "old-blind", "blind-2", "blind-4")
# Names `--set` takes besides one set's: several sets at once.
GROUPS = {
    "tuning-side": TUNING_SIDE,
    "all": tuple(SETS),  # the tuning side and every blind set
    "both": tuple(SETS),
}  # "both": its name before there were three
LANGUAGES = {"en", "es"}


class EvaluationSetError(ValueError):
    """The file cannot be read as an evaluation set; the message says what to fix."""


@dataclass(frozen=True)
class Case:
    query: str
    relevant: dict
    misspelt: bool | None = None  # None: the set does not say
    language: str = "en"


def load_cases(path):
    """The queries of the evaluation set in `path`, checked."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        raise EvaluationSetError(f"Cannot read {path}: {error}") from error
    entries = data.get("queries") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise EvaluationSetError(f'{path} must hold a list of queries, or {{"queries": [...]}}.')
    return [_case(entry, number, path) for number, entry in enumerate(entries, start=1)]


def _case(entry, number, path):
    where = f"{path}, query {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("q"), str) or not entry["q"].strip():
        raise EvaluationSetError(f'{where}: each query needs a non-empty "q".')
    relevant = entry.get("relevant")
    if not isinstance(relevant, dict) or not all(
        isinstance(slug, str) and isinstance(grade, int) and 0 <= grade <= 3 for slug, grade in relevant.items()
    ):
        raise EvaluationSetError(f'{where} ({entry["q"]!r}): "relevant" must map slugs to grades 0 to 3.')
    misspelt = entry.get("misspelt")
    if misspelt is not None and not isinstance(misspelt, bool):
        raise EvaluationSetError(f'{where} ({entry["q"]!r}): "misspelt" must be true or false.')
    language = entry.get("language", "en")
    if language not in LANGUAGES:
        raise EvaluationSetError(f'{where} ({entry["q"]!r}): "language" must be one of {sorted(LANGUAGES)}.')
    return Case(query=entry["q"], relevant=relevant, misspelt=misspelt, language=language)
