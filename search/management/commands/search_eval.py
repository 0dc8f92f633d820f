import json

from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from search.evaluation.metrics import hit_in_top, ndcg_at, reciprocal_rank
from search.queries import SearchParams, search_library


class Command(BaseCommand):
    help = 'Measure search quality: reads [{"q": ..., "relevant": {"slug": grade}}] and prints NDCG@5, MRR and top-3.'

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file of queries, e.g. search/evaluation/queries.json")
        parser.add_argument("--backend", choices=["active", "database"], default="active")
        parser.add_argument("--verbose", action="store_true", help="Show every query's score and top results.")

    def handle(self, *args, file, backend, verbose, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                cases = json.load(handle)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if not isinstance(cases, list) or not all(isinstance(c, dict) and "q" in c and "relevant" in c for c in cases):
            raise CommandError('The file must be a list of {"q": "...", "relevant": {"slug": grade}} objects.')

        overrides = {"ELASTICSEARCH_URL": ""} if backend == "database" else {}
        ndcgs, rrs, hits, used = [], [], [], set()
        suggested, corrected = [], []
        with override_settings(**overrides):
            for case in cases:
                results = search_library(SearchParams(query=case["q"]))
                used.add(results.backend)
                if results.suggestion:
                    suggested.append(case["q"])
                if results.corrected_query:
                    corrected.append(case["q"])
                ranked = [hit.slug for hit in results.promoted + results.hits]
                ndcg, rr, top3 = (
                    ndcg_at(ranked, case["relevant"]),
                    reciprocal_rank(ranked, case["relevant"]),
                    hit_in_top(ranked, case["relevant"]),
                )
                ndcgs.append(ndcg)
                rrs.append(rr)
                hits.append(top3)
                if verbose:
                    mark = "ok  " if top3 else "MISS"
                    spelling = ""
                    if results.corrected_query:
                        spelling = f" [searched {results.corrected_query!r}]"
                    elif results.suggestion:
                        spelling = f" [did you mean {results.suggestion!r}]"
                    self.stdout.write(
                        f"{mark} ndcg={ndcg:.2f} rr={rr:.2f}  {case['q']!r}{spelling} -> {', '.join(ranked[:3])}"
                    )

        count = len(cases) or 1
        self.stdout.write(f"backend      {', '.join(sorted(used))}")
        self.stdout.write(f"queries      {len(cases)}")
        self.stdout.write(f"NDCG@5       {sum(ndcgs) / count:.3f}")
        self.stdout.write(f"MRR          {sum(rrs) / count:.3f}")
        self.stdout.write(f"top-3 share  {sum(hits) / count:.1%}")
        self.stdout.write(f"corrected    {len(corrected)}: {', '.join(corrected)}")
        self.stdout.write(f"did you mean {len(suggested)}: {', '.join(suggested)}")
