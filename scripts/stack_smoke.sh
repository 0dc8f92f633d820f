#!/usr/bin/env bash
# A short check of `make stack` through its nginx (run by .ci/run after make test, and by `make stack-smoke`):
#
#   1. start the stack (scripts/stack.sh start; already running is fine)
#   2. the Elasticsearch cluster is green with two nodes and every index has a replica
#   3. an article asked twice: the second answer comes from the page cache (X-Cache-Status: HIT)
#   4. publish a change to it: the worker purges it, the next answer is fresh and shows the change
#   5. pages with a session or form token are never served from the cache (a report step, twice)
#   6. a report sent through nginx to the API is accepted (201) and its status answers, never cached
#   7. /readyz answers 200 (skipped while the site has no /readyz)
#   8. one address searching past nginx's limit (deploy/nginx/shop-safe.conf) gets 429 with Retry-After: JSON on the
#      API, the site's plain page in the page's language on the search pages
#   9. stop the stack (unless STACK_SMOKE_KEEP=1, or it was already running before)
# Exit status 0 when every check passed. Waits are bounded loops (the purge runs in the background worker).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
STACK=scripts/stack.sh
ARTICLE_SLUG=${STACK_SMOKE_ARTICLE:-buying-vapes-online-faq}
failures=0
started_here=0

say() { printf '[smoke] %s\n' "$*"; }
ok() { printf '[smoke] ok: %s\n' "$*"; }
fail() {
    printf '[smoke] FAILED: %s\n' "$*" >&2
    failures=$((failures + 1))
}

if ! $STACK status >/dev/null 2>&1; then started_here=1; fi
finish() {
    local rc=$?
    if [[ $started_here -eq 1 && ${STACK_SMOKE_KEEP:-0} != 1 ]]; then $STACK stop || true; fi
    if [[ $rc -eq 0 && $failures -gt 0 ]]; then rc=1; fi
    [[ $rc -eq 0 ]] && say "all checks passed" || say "$failures check(s) failed (exit $rc)"
    exit "$rc"
}
trap finish EXIT

$STACK start
eval "$($STACK env)"
STATE=$(dirname "$STATIC_ROOT")
SITE=$WAGTAILADMIN_BASE_URL
CURL=(curl -sS --max-time 30 --cacert "$STATE/tls/certificate.pem")
ES_FIRST=${ELASTICSEARCH_URL%%,*}

header() {
    # header NAME URL [curl args...]: the value of one response header of a GET.
    local name=$1 url=$2
    shift 2
    "${CURL[@]}" -o /dev/null -D - "$@" "$url" | tr -d '\r' |
        awk -v h="${name,,}:" 'tolower($1) == h { sub(/^[^:]*:[ ]*/, ""); print }'
}

# 2. The cluster.
health=$(curl -sS "$ES_FIRST/_cluster/health?filter_path=status,number_of_nodes")
if [[ $health == *'"status":"green"'* && $health == *'"number_of_nodes":2'* ]]; then
    ok "Elasticsearch: $health"
else
    fail "Elasticsearch cluster is not green with two nodes: $health"
fi
if curl -sS "$ES_FIRST/_cat/shards/${ELASTICSEARCH_INDEX_PREFIX}-*?h=prirep" | grep -q '^r'; then
    ok "the indexes have replicas"
else
    fail "no replica shard on the cluster"
fi

# 3. The page cache.
ARTICLE=$SITE/library/$ARTICLE_SLUG/
# The first answer fills the cache (MISS; or STALE/UPDATING when an old copy is being refreshed); then HIT.
seen=()
for _ in $(seq 1 10); do
    seen+=("$(header X-Cache-Status "$ARTICLE")")
    [[ ${seen[-1]} == HIT ]] && break
    sleep 1
done
if [[ ${seen[-1]} == HIT ]]; then ok "article from the cache (${seen[*]})"; else fail "article never cached: ${seen[*]}"; fi

# 4. Publish a change: the worker purges the page, the next answer shows it.
marker="checked $(date -u +%H%M%S)"
.venv/bin/python manage.py shell -v 0 -c "
from library.models import ArticlePage
page = ArticlePage.objects.get(slug='$ARTICLE_SLUG', locale__language_code='en')
page.title = page.title.split(' (checked')[0] + ' ($marker)'
page.save_revision().publish()
" 2>/dev/null
purged=0
for _ in $(seq 1 60); do
    page=$("${CURL[@]}" "$ARTICLE" || true)
    if [[ $page == *"$marker"* ]]; then
        purged=1
        break
    fi
    sleep 1
done
if [[ $purged -eq 1 ]]; then ok "published change purged from the cache and shown"; else fail "the published change never showed through the cache"; fi
if [[ $(header X-Cache-Status "$ARTICLE") == HIT ]]; then ok "the new version is cached again"; else fail "new version not cached"; fi

# 5. A report step: a form token and a session, never from the cache, not even for the second asker.
jar=$(mktemp)
"${CURL[@]}" -o /dev/null -c "$jar" "$SITE/report/what-you-bought/"
step=$(header X-Cache-Status "$SITE/report/what-you-bought/" -b "$jar")
control=$(header Cache-Control "$SITE/report/what-you-bought/")
rm -f "$jar"
if [[ $step != HIT && $control == *no-store* ]]; then
    ok "report step never cached ($step, Cache-Control: $control)"
else
    fail "report step: X-Cache-Status $step, Cache-Control $control"
fi

# 6. A report through nginx to the API.
body=$(mktemp)
code=$("${CURL[@]}" -o "$body" -w '%{http_code}' -H 'Content-Type: application/json' \
    -H "Idempotency-Key: smoke-$(date -u +%s)-$$" --data-binary @- "$SITE/api/reports" <<JSON
{"product_category": "electronics", "brand": "Volta", "product_name": "65 W USB-C charger",
 "description": "The charger got very hot and smelled of burning plastic (stack smoke check $(date -u +%FT%T) $$).",
 "price_paid": "12.99", "currency": "USD", "purchase_date": "2026-01-15", "still_have_item": true,
 "marketplace": "BargainMart", "seller_name": "best-deals-4u", "reasons": ["price_too_low"], "harm": false,
 "anonymous": true, "preferred_language": "en", "consent": true}
JSON
)
if [[ $code == 201 ]]; then
    number=$(.venv/bin/python -c 'import json,sys; print(json.load(open(sys.argv[1]))["tracking_number"])' "$body")
    key=$(.venv/bin/python -c 'import json,sys; print(json.load(open(sys.argv[1]))["receipt_key"])' "$body")
    ok "report accepted through nginx: $number"
    status=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H "X-Receipt-Key: $key" "$SITE/api/reports/$number/status")
    cached=$(header X-Cache-Status "$SITE/api/reports/$number/status" -H "X-Receipt-Key: $key")
    if [[ $status == 200 && $cached != HIT ]]; then ok "its status answers ($status, cache: $cached)"; else fail "status: $status, cache: $cached"; fi
else
    fail "report refused with $code: $(head -c 300 "$body")"
fi
rm -f "$body"

# 7. Readiness, when the site has it.
ready=$("${CURL[@]}" -L -o /dev/null -w '%{http_code}' "$SITE/readyz" || true)
case $ready in
    200) ok "/readyz answers 200" ;;
    404) say "skipped: no /readyz on this site yet" ;;
    *) fail "/readyz answered $ready" ;;
esac

# 8. Searching too fast from one address: the first searches answer, then nginx says 429 before the site is asked.
# 60 searches, 8 at a time (so a slow machine still outruns the refill of 2 a second).
mapfile -t codes < <(seq 1 60 | xargs -P 8 -I{} "${CURL[@]}" -o /dev/null -w '%{http_code}\n' "$SITE/api/search?q=charger+{}")
limited=$(printf '%s\n' "${codes[@]}" | grep -c '^429$' || true)
answered=$(printf '%s\n' "${codes[@]}" | grep -c '^200$' || true)
is_429() { [[ ${1%%$'\n'*} =~ ^HTTP/[0-9.]+\ 429( |$) ]]; }  # is_429 ANSWER: its status line says 429
refused() {
    # refused URL: the answer (status line, headers, body) once nginx refuses a search from this address; asked at
    # most 20 times, since the limit refills 2 a second.
    local answer
    for _ in $(seq 1 20); do
        answer=$("${CURL[@]}" -D - "$1" | tr -d '\r')
        is_429 "$answer" && break
    done
    printf '%s' "$answer"
}
body=$(refused "$SITE/api/search?q=charger")
lower=${body,,}  # HTTP/2 header names are lower case
if is_429 "$body" && [[ $answered -ge 20 && $limited -ge 1 && $((answered + limited)) -eq 60 &&
    $lower == *"retry-after: 10"* && $lower == *'"error": "too many searches'* ]]; then
    ok "searches past the limit get 429 ($answered answered, $limited refused)"
else
    fail "search limit: $answered answered, $limited refused of 60 (${codes[*]}); answer: $(head -c 400 <<<"$body")"
fi
# The same address, still over the limit, on the search pages: the site's plain page in the page's language
# (manage.py write_error_pages), still 429 with Retry-After.
english=$(refused "$SITE/search/?q=charger")
spanish=$(refused "$SITE/es/search/?q=cargador")
is_page() { [[ ${1,,} == *"content-type: text/html; charset=utf-8"* && ${1,,} == *"retry-after: 10"* && $1 == *"$2"* ]]; }
if is_429 "$english" && is_429 "$spanish" && is_page "$english" '<html lang="en">' &&
    [[ $english == *"<h1>Too many searches</h1>"* ]] && is_page "$spanish" '<html lang="es">' &&
    [[ $spanish == *"<h1>Demasiadas búsquedas</h1>"* ]]; then
    ok "the search pages show a page in English and in Spanish"
else
    fail "search pages over the limit: $(head -c 600 <<<"$english") / $(head -c 600 <<<"$spanish")"
fi
