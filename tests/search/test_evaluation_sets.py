"""The ranking measures and the shipped evaluation sets (no database, no Elasticsearch)."""

import json

import pytest

from search.evaluation.metrics import hit_in_top, ndcg_at, reciprocal_rank, summarise
from search.evaluation.sets import SETS, TUNING_SIDE, EvaluationSetError, load_cases

DEMO = "library/fixtures/demo_articles.jsonl"


def test_ndcg_is_one_for_the_ideal_order_and_lower_when_the_answer_slips():
    relevant = {"answer": 3, "related": 1}
    assert ndcg_at(["answer", "related", "other"], relevant) == pytest.approx(1.0)
    slipped = ndcg_at(["other", "related", "answer"], relevant)
    assert 0 < slipped < ndcg_at(["related", "answer"], relevant) < 1
    assert ndcg_at(["x", "y", "z", "w", "v", "answer"], relevant) == 0  # sixth place is outside the top 5
    assert ndcg_at(["answer"], {}) == 0  # nothing graded: nothing to find


def test_reciprocal_rank_and_top_three_look_at_the_first_relevant_result():
    relevant = {"answer": 3}
    assert reciprocal_rank(["a", "b", "answer"], relevant) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a", "b"], relevant) == 0
    assert hit_in_top(["a", "b", "answer"], relevant) and not hit_in_top(["a", "b", "c", "answer"], relevant)
    assert reciprocal_rank(["zero-graded", "answer"], {"zero-graded": 0, "answer": 3}) == pytest.approx(1 / 2)


def test_the_summary_is_the_mean_and_counts_needless_suggestions():
    class Outcome:
        def __init__(self, ndcg, rr, top3, needless):
            self.ndcg, self.reciprocal_rank, self.in_top3, self.needless_suggestion = ndcg, rr, top3, needless

    summary = summarise([Outcome(1.0, 1.0, True, False), Outcome(0.5, 0.5, False, True)])
    assert (summary.queries, summary.ndcg, summary.mrr, summary.top3, summary.needless_suggestions) == (
        2,
        0.75,
        0.75,
        0.5,
        1,
    )
    assert summarise([]).queries == 0


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_shipped_sets_load_and_grade_only_live_demo_articles(name):
    articles = [json.loads(line) for line in open(DEMO, encoding="utf-8")]
    published = {article["slug"] for article in articles if article.get("published_at")}
    cases = load_cases(SETS[name])
    assert cases and all(case.misspelt is not None for case in cases)  # every query says if it is misspelt
    for case in cases:
        assert set(case.relevant) <= published, case.query
        assert max(case.relevant.values()) >= 1, case.query


BLIND_SETS = sorted(set(SETS) - set(TUNING_SIDE))


@pytest.mark.parametrize("number", [5, 6, 7, 8])
def test_a_set_with_its_own_library_grades_only_live_articles_of_that_library(number):
    """blind_N.json goes with blind_N_articles.jsonl (another writer's library), not with the demo content."""
    library = f"search/evaluation/blind_{number}_articles.jsonl"
    articles = [json.loads(line) for line in open(library, encoding="utf-8")]
    published = {article["slug"] for article in articles if article.get("published_at")}
    assert len(published) < len(articles)  # its drafts are never graded
    cases = load_cases(f"search/evaluation/blind_{number}.json")
    assert len(cases) >= 60 and {case.language for case in cases} == {"en", "es"}
    for case in cases:
        assert set(case.relevant) <= published and max(case.relevant.values()) >= 1, case.query


def test_the_one_demo_set_not_on_the_tuning_side_is_blind_3():
    assert BLIND_SETS == ["blind"]


@pytest.mark.parametrize("name", BLIND_SETS)
def test_a_blind_set_covers_every_topic_with_60_queries_in_both_languages_and_shares_none_with_another_set(name):
    articles = {json.loads(line)["slug"]: json.loads(line) for line in open(DEMO, encoding="utf-8")}
    cases = load_cases(SETS[name])
    assert len(cases) >= 60
    topics = {
        topic
        for case in cases
        for slug, grade in case.relevant.items()
        if grade >= 2
        for topic in articles[slug]["topics"]
    }
    assert topics == {topic for article in articles.values() for topic in article["topics"]}
    assert {case.language for case in cases} == {"en", "es"}
    assert any(case.misspelt for case in cases) and any(case.misspelt is False for case in cases)
    others = {case.query.lower() for other in SETS if other != name for case in load_cases(SETS[other])}
    assert not {case.query.lower() for case in cases} & others  # neither the tuning side nor another blind set


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "Cannot read"),
        ('{"queries": 3}', "must hold a list"),
        ('[{"relevant": {}}]', 'needs a non-empty "q"'),
        ('[{"q": "fake", "relevant": {"a": 4}}]', "grades 0 to 3"),
        ('[{"q": "fake", "relevant": {"a": 3}, "misspelt": "no"}]', '"misspelt" must be true or false'),
        ('[{"q": "fake", "relevant": {"a": 3}, "language": "fr"}]', '"language" must be one of'),
    ],
)
def test_a_bad_file_is_refused_with_a_message_saying_what_to_fix(tmp_path, content, message):
    path = tmp_path / "set.json"
    path.write_text(content)
    with pytest.raises(EvaluationSetError, match=message):
        load_cases(path)
