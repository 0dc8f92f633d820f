#!/usr/bin/env bash
# The site's periodic jobs, in three groups. Run by ONE scheduler: the systemd timers in deploy/systemd/
# (shop-safe-jobs@frequent.timer, @hourly, @daily) or the cron lines in deploy/cron/shop-safe, not both.
# `make stack` runs the same script from a loop (scripts/stack.sh).
#
#   deploy/scheduled-jobs.sh frequent   every 5 minutes: scheduled publishing, search catch-up, reporter notices,
#                                       referral notices (webhook retries), stalled bulk jobs
#   deploy/scheduled-jobs.sh hourly     unused report files of drafts never sent
#   deploy/scheduled-jobs.sh daily      reporter contact details past retention, partner API log, expired
#                                       sessions, old triage export files, the triage digest
#
# Runs from the project folder with the site's environment (EnvironmentFile= / the cron line's env file).
# Each job runs even when an earlier one failed; the exit status is 1 if any failed.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-.venv/bin/python}
failed=0

job() {
    local started=$SECONDS
    if "$PYTHON" manage.py "$@"; then
        printf 'scheduled job ok (%ss): manage.py %s\n' $((SECONDS - started)) "$*"
    else
        printf 'scheduled job FAILED (exit %s): manage.py %s\n' "$?" "$*" >&2
        failed=1
    fi
}

case ${1:-} in
    frequent)
        job publish_scheduled
        job search_index --catch-up
        job send_reporter_notices  # questions and status emails that waited for the mail server or a bulk job
        job send_referral_notices  # webhook retries due and emails about new referrals to partner organisations
        job fail_stalled_jobs  # bulk jobs whose worker stopped mid-job (silent for TRIAGE_BULK_STALL_MINUTES)
        ;;
    hourly)
        job purge_report_uploads
        ;;
    daily)
        job purge_reporter_data  # closed longer than TRIAGE_CONTACT_RETENTION_DAYS
        job purge_api_calls  # older than PARTNER_API_LOG_RETENTION_DAYS
        job clearsessions
        job purge_triage_exports  # export files older than TRIAGE_EXPORT_KEEP_HOURS
        job purge_webhook_log  # finished webhook deliveries older than WEBHOOK_LOG_RETENTION_DAYS
        job send_triage_digest
        ;;
    *)
        echo "usage: $0 frequent|hourly|daily" >&2
        exit 2
        ;;
esac
exit "$failed"
