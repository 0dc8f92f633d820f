"""`manage.py search_eval` on a small library, with the real Elasticsearch node and the real database."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import ArticlePageFactory, publish

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.elasticsearch]


@pytest.fixture
def small_library(site_tree, search_index):
    library = site_tree["en"][1]
    for title, summary in [
        ("Counterfeit makeup", "Fake lipstick and mascara can hold lead and bacteria."),
        ("Phone chargers that overheat", "Cheap chargers can start fires."),
        ("Customs seizure letters", "What a seizure notice from CBP means."),
    ]:
        publish(ArticlePageFactory(parent=library, live=False, title=title, summary=summary))
    search_index.refresh()
    return library


def evaluation_file(tmp_path, queries):
    path = tmp_path / "set.json"
    path.write_text(json.dumps({"about": "a test set", "queries": queries}))
    return str(path)


def run(*args):
    stdout, stderr = StringIO(), StringIO()
    call_command("search_eval", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_one_line_per_query_and_backend_then_a_summary_per_backend(small_library, tmp_path):
    path = evaluation_file(
        tmp_path,
        [
            {"q": "chargers", "misspelt": False, "relevant": {"phone-chargers-that-overheat": 3}},
            {"q": "seizure notice", "misspelt": False, "relevant": {"customs-seizure-letters": 3}},
        ],
    )
    out, err = run(path)
    lines = out.splitlines()
    for backend in ("elasticsearch", "database"):
        assert any(
            backend in line
            and "ndcg 1.00" in line
            and "'chargers'" in line
            and "-> phone-chargers-that-overheat" in line
            for line in lines
        ), out
        assert any(backend in line and "-> customs-seizure-letters" in line for line in lines), out
    table = lines[lines.index(next(line for line in lines if line.startswith("set "))) :]
    assert "NDCG@5" in table[0] and "MRR" in table[0] and "suggestions on correctly spelt queries" in table[0]
    assert [row.split()[:3] for row in table[1:]] == [[path, "elasticsearch", "2"], [path, "database", "2"]]
    assert all("1.000" in row and "0 of 2" in row for row in table[1:]), out
    assert err == ""


def test_a_correction_is_shown_and_flagged_only_on_a_query_marked_correctly_spelt(small_library, tmp_path):
    # The same typo twice: once marked as a misspelling (a suggestion is welcome), once as correctly spelt.
    relevant = {"counterfeit-makeup": 3}
    path = evaluation_file(
        tmp_path,
        [
            {"q": "counterfit makeup", "misspelt": True, "relevant": relevant},
            {"q": "counterfit makeup", "misspelt": False, "relevant": relevant},
        ],
    )
    out, _ = run(path, "--backend", "elasticsearch")
    first, second = [line for line in out.splitlines() if "'counterfit makeup'" in line]
    # Every word has a confident correction, so the correction is searched instead (search/spelling.py).
    assert "searched 'counterfeit makeup' instead" in first and "CORRECTLY SPELT" not in first
    assert "searched 'counterfeit makeup' instead" in second and "SUGGESTION ON A CORRECTLY SPELT QUERY" in second
    assert out.splitlines()[-1].endswith("1 of 1")


def test_at_least_fails_the_run_only_when_a_backend_scores_below_it(small_library, tmp_path):
    path = evaluation_file(
        tmp_path,
        [
            {"q": "chargers", "misspelt": False, "relevant": {"phone-chargers-that-overheat": 3}},
            {"q": "airbags", "misspelt": False, "relevant": {"counterfeit-makeup": 3}},  # nothing finds it
        ],
    )
    out, _ = run(path, "--at-least", "0.5")  # both backends score 0.5: passes, exit status 0
    assert "0.500" in out
    with pytest.raises(CommandError, match=r"elasticsearch: NDCG@5 0\.500 is below 0\.9.*database: NDCG@5 0\.500"):
        run(path, "--at-least", "0.9")
    with pytest.raises(CommandError, match="between 0 and 1"):
        run(path, "--at-least", "90")


def test_an_unreachable_cluster_is_reported_not_measured_from_the_fallback(small_library, tmp_path, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens here: the site would answer from the database
    path = evaluation_file(tmp_path, [{"q": "chargers", "relevant": {"phone-chargers-that-overheat": 3}}])
    out, err = run(path)
    lines = out.splitlines()
    rows = [row.split() for row in lines[lines.index(next(line for line in lines if line.startswith("set "))) + 1 :]]
    assert [row[1:4] for row in rows] == [["elasticsearch", "not", "measured:"], ["database", "1", "1.000"]]
    assert f"{path} on elasticsearch: not measured" in err
    with pytest.raises(CommandError, match="was not measured"):
        run(path, "--at-least", "0.1")


def test_the_shipped_sets_are_chosen_by_name_and_graded_slugs_missing_here_are_named(small_library):
    out, err = run("--set", "blind", "--backend", "database", "--quiet")
    assert [line.split()[:3] for line in out.splitlines()[1:]] == [["blind", "database", "75"]]
    assert "blind: graded but not live articles here:" in err and "counterfeit-chargers-fire-risk" in err
    out, _ = run("--set", "tuning-side", "--backend", "database", "--quiet")  # the old blind set is tuned on now
    assert [line.split()[:3] for line in out.splitlines()[1:]] == [
        ["tuning", "database", "54"],
        ["old-blind", "database", "78"],
        ["blind-2", "database", "93"],
        ["blind-4", "database", "94"],
    ]


def test_a_bad_file_stops_with_a_message(small_library, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("[{")
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(path))


def test_vectors_both_measures_elasticsearch_with_and_without_meaning(site_tree, settings, search_index, tmp_path):
    settings.SEARCH_VECTORS = True  # before the article is written, so it gets its vector
    page = ArticlePageFactory(
        parent=site_tree["en"][1],
        live=False,
        title="Counterfeit phone chargers can overheat and start fires",
        summary="Cheap chargers sold online skip the safety parts: they get hot, melt and can set a room on fire.",
        body=[("paragraph", "<p>A genuine charger has a heavy transformer and a fuse. A fake one gets hot.</p>")],
    )
    publish(page)
    search_index.refresh()
    path = evaluation_file(
        tmp_path, [{"q": "el enchufe del movil echa humo", "misspelt": False, "relevant": {page.slug: 3}}]
    )
    out, _err = run(path, "--backend", "elasticsearch", "--vectors", "both")
    lines = out.splitlines()
    # Only by meaning does the Spanish question find the English article.
    assert any("es+vectors" in line and f"-> {page.slug}" in line for line in lines), out
    assert any("es-words" in line and "-> (nothing)" in line for line in lines), out
    table = lines[lines.index(next(line for line in lines if line.startswith("set "))) :]
    assert [row.split()[:3] for row in table[1:]] == [[path, "es+vectors", "1"], [path, "es-words", "1"]]
