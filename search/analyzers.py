"""Text analysis for the library index.

The Elasticsearch we test against (the minimal distribution on Maven Central)
has no `analysis-common` module, so there are no language analyzers, stemmers,
synonym or ascii-folding filters. We build the analysis from what core
Elasticsearch offers, so tests and production run the same configuration:

- word forms: core's `hunspell` filter with Debian's en_US and es_ES
  dictionaries (installed into the node's config/hunspell by
  scripts/elasticsearch.sh; production nodes need the same two folders);
- accents: folded in Python before indexing and before querying
  (`fold_accents`), into `*.folded` companion fields;
- synonyms: expanded at query time from the editors' list (see synonyms.py),
  so a change needs no reindex.
"""

from elasticsearch.dsl import analyzer, token_filter
from text_unidecode import unidecode

english_hunspell = token_filter("english_hunspell", "hunspell", locale="en_US", dedup=True)
spanish_hunspell = token_filter("spanish_hunspell", "hunspell", locale="es_ES", dedup=True)

# Words too common to tell articles apart, in both languages (with and without accents).
STOP_WORDS = sorted(
    set(
        "a an and are as at be but by for if in into is it of on or such that the their then there these they "
        "this to was will with i me my you your do does can should what how why which".split()
    )
    | set(
        "de la que el en y a los del se las por un para con una su al lo como mas más o pero sus le ya es mi me "
        "si qué cómo cuál por qué mis tu sus".split()
    )
)
stop_words = token_filter("library_stop", "stop", stopwords=STOP_WORDS)

english_text = analyzer("english_text", tokenizer="standard", filter=["lowercase", stop_words, english_hunspell])
spanish_text = analyzer("spanish_text", tokenizer="standard", filter=["lowercase", stop_words, spanish_hunspell])
plain_text = analyzer("plain_text", tokenizer="standard", filter=["lowercase", stop_words])
# Keeps every word, for spelling suggestions and autocomplete.
all_words = analyzer("all_words", tokenizer="standard", filter=["lowercase"])


def fold_accents(text):
    """'Línea de ayuda' -> 'Linea de ayuda'. Applied to documents and queries alike. Plain ASCII is returned as it
    is (unidecode leaves it unchanged, and skipping it saves most of its cost on an English search)."""
    text = text or ""
    return text if text.isascii() else unidecode(text)


def number_key(word):
    """A lower-case word with its plural, a final y (as i) and a final e set aside (chargers, charger -> charger;
    batteries, battery -> batteri; movies, movie -> movi; glasses -> glass; viruses, virus -> virus; cargadores
    -> cargador), so two spellings of one word in another number compare equal. The one plural rule of the
    search; the index itself uses hunspell."""
    if len(word) > 4 and word.endswith("ies"):
        word = f"{word[:-3]}i"  # batteries, movies
    elif len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]  # glasses, glass; boxes, box; watches, watch
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]  # not a singular in -ss, -us, -is: dress, virus, analysis
    if len(word) > 3 and word.endswith("y"):
        word = f"{word[:-1]}i"  # battery, as batteries
    elif len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # movie, as movies; charge, as charges
    return word


def number_forms(word):
    """A lower-case word followed by its likely singular or plural forms, kept only where `number_key` reads them as
    the same word (charger, chargers; battery, batteries; movies, movie; glass, glasses; cargadores, cargador).
    Words of three letters or fewer stand alone."""
    if len(word) <= 3:
        return [word]
    if word.endswith("ies"):
        forms = [f"{word[:-3]}y", word[:-1]]  # batteries, battery; movies, movie
    elif word.endswith("s") and not word.endswith("ss"):
        forms = [word[:-1], word[:-2], f"{word}es"]  # charges, charge; cargadores, cargador; virus, viruses
    elif word.endswith("y"):
        forms = [f"{word}s", f"{word[:-1]}ies"]
    else:
        forms = [f"{word}s", f"{word}es"]
    key = number_key(word)
    return [word, *(form for form in forms if number_key(form) == key)]
