from django.core.management.base import BaseCommand, CommandError

from library.models import ArticlePage
from search.evaluation.metrics import summarise
from search.evaluation.runs import BACKENDS, BackendUnavailable, search
from search.evaluation.sets import GROUPS, SETS, EvaluationSetError, load_cases
from search.meaning import why_disabled

SET_CHOICES = [*SETS, *GROUPS]
BACKEND_CHOICES = [*BACKENDS, "both"]


class Command(BaseCommand):
    help = (
        "Measure the library search on graded queries: per-query lines (NDCG@5, top 3, suggestion) and, per set "
        "and backend, mean NDCG@5, MRR and suggestions shown on correctly spelt queries. It is an evaluation: "
        "the exit status is 0 unless --at-least or --max-needless-suggestions is given and not met."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", help="Evaluation files to use instead of the shipped sets (named by their path)."
        )
        parser.add_argument(
            "--set",
            dest="set_name",
            choices=SET_CHOICES,
            default="all",
            help="tuning (search/evaluation/queries.json), old-blind (blind.json), blind-2 (blind_2.json) and "
            "blind-4 (blind_4.json), retired to the tuning side, tuning-side (those four), blind (blind_3.json), the "
            "blind one, or all (default; 'both' is its old name).",
        )
        parser.add_argument("--backend", choices=BACKEND_CHOICES, default="both", help="Default: both.")
        parser.add_argument(
            "--vectors",
            choices=["on", "off", "both"],
            help="Elasticsearch with matching by meaning (search/meaning.py) on, off, or both one after the other "
            "(default: as SEARCH_VECTORS says). The database fallback has no vectors.",
        )
        parser.add_argument("--quiet", action="store_true", help="Only the summary table.")
        parser.add_argument(
            "--at-least",
            type=float,
            metavar="NDCG",
            help="Exit with status 1 when a measured set and backend has a mean NDCG@5 below this (0 to 1).",
        )
        parser.add_argument(
            "--max-needless-suggestions",
            type=int,
            metavar="N",
            help="Exit with status 1 when a set and backend offers more suggestions than this on correctly "
            "spelt queries.",
        )

    def handle(self, *args, files, set_name, backend, vectors, quiet, at_least, max_needless_suggestions, **options):
        if at_least is not None and not 0 <= at_least <= 1:
            raise CommandError("--at-least takes an NDCG between 0 and 1, such as 0.9.")
        named = {str(path): path for path in files} or {
            name: path for name, path in SETS.items() if name in GROUPS.get(set_name, (set_name,))
        }
        try:
            sets = {name: load_cases(path) for name, path in named.items()}
        except EvaluationSetError as error:
            raise CommandError(str(error)) from error
        backends = [name for name in BACKENDS if backend in (name, "both")]
        # (label, backend, vectors): Elasticsearch once per vectors setting asked for.
        runs = []
        for name in backends:
            if name == "elasticsearch" and vectors:
                if vectors != "off" and why_disabled():
                    raise CommandError(f"--vectors {vectors}: matching by meaning is {why_disabled()}.")
                settings = {"on": [True], "off": [False], "both": [True, False]}[vectors]
                runs += [("es+vectors" if on else "es-words", name, on) for on in settings]
            else:
                runs.append((name, name, None))
        self.warn_about_missing_articles(sets)

        rows = []  # (set name, run label, summary or the reason it was not measured)
        for name, cases in sets.items():
            for label, backend_name, on in runs:
                outcomes = self.measure(name, cases, backend_name, quiet, on, label)
                rows.append((name, label, summarise(outcomes) if isinstance(outcomes, list) else outcomes))
            if not quiet:
                self.stdout.write("")
        self.write_table(rows, sets)
        self.check_thresholds(rows, at_least, max_needless_suggestions)

    def warn_about_missing_articles(self, sets):
        """Graded slugs that are not live articles here can never be found: say so, they lower every score."""
        live = set(ArticlePage.objects.live().values_list("slug", flat=True))
        for name, cases in sets.items():
            missing = sorted({slug for case in cases for slug in case.relevant} - live)
            if missing:
                self.stderr.write(f"{name}: graded but not live articles here: {', '.join(missing)}")

    def measure(self, name, cases, backend, quiet, vectors=None, label=None):
        """The outcomes of every query, or why the backend could not be measured."""
        outcomes = []
        width = min(48, max(len(repr(case.query)) for case in cases)) if cases else 0
        for case in cases:
            try:
                outcome = search(case, backend, vectors)
            except BackendUnavailable as error:
                self.stderr.write(f"{name} on {label or backend}: not measured. {error}")
                return str(error)
            outcomes.append(outcome)
            if not quiet:
                self.stdout.write(self.query_line(name, outcome, width, label))
        return outcomes

    @staticmethod
    def query_line(name, outcome, width, label=None):
        case = outcome.case
        line = (
            f"{name}  {label or outcome.backend:<13}  ndcg {outcome.ndcg:.2f}  {case.query!r:<{width}}  "
            f"-> {', '.join(outcome.ranked[:3]) or '(nothing)'}"
        )
        if outcome.corrected_query:
            line += f"  | searched {outcome.corrected_query!r} instead"
        if outcome.suggestion:
            line += f"  | did you mean {outcome.suggestion!r}"
        if outcome.needless_suggestion:
            line += "  << SUGGESTION ON A CORRECTLY SPELT QUERY"
        return line

    def write_table(self, rows, sets):
        self.stdout.write(
            f"{'set':<9} {'backend':<14} {'queries':>7} {'NDCG@5':>7} {'MRR':>6} {'top-3':>7}  "
            "suggestions on correctly spelt queries"
        )
        for name, backend, summary in rows:
            if isinstance(summary, str):
                self.stdout.write(f"{name:<9} {backend:<14} not measured: {summary}")
                continue
            spelt = sum(case.misspelt is False for case in sets[name])
            needless = f"{summary.needless_suggestions} of {spelt}" if spelt else "(the set marks no query)"
            self.stdout.write(
                f"{name:<9} {backend:<14} {summary.queries:>7} {summary.ndcg:>7.3f} {summary.mrr:>6.3f} "
                f"{summary.top3:>7.1%}  {needless}"
            )

    @staticmethod
    def check_thresholds(rows, at_least, max_needless):
        if at_least is None and max_needless is None:
            return
        failures = []
        for name, backend, summary in rows:
            if isinstance(summary, str):
                failures.append(f"{name} on {backend} was not measured")
                continue
            if at_least is not None and summary.ndcg < at_least:
                failures.append(f"{name} on {backend}: NDCG@5 {summary.ndcg:.3f} is below {at_least}")
            if max_needless is not None and summary.needless_suggestions > max_needless:
                failures.append(
                    f"{name} on {backend}: {summary.needless_suggestions} suggestions on correctly spelt queries "
                    f"(at most {max_needless} allowed)"
                )
        if failures:
            raise CommandError("; ".join(failures) + ".")
