"""gunicorn settings for the site behind nginx (deploy/nginx/shop-safe.conf).

    gunicorn -c deploy/gunicorn.conf.py website.wsgi

Every value can be changed through the environment (deploy/shop-safe.env.example).
"""

import multiprocessing
import os

wsgi_app = "website.wsgi:application"
# Loopback only: nginx is the only client.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: nginx buffers request bodies and answers, so a worker is busy only while Django works.
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
# A request that takes longer than this is stopped and its worker replaced (a report in progress is not saved:
# submissions are one transaction, and the client's retry with the same Idempotency-Key gets the first answer).
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = 30
keepalive = 5
# Replace each worker after this many requests (with jitter), so slow leaks never grow.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 2000)
max_requests_jitter = max_requests // 10
# Where workers keep their heartbeat file (made with mkstemp); /dev/shm keeps it off a possibly slow disk.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or None
# nginx on this machine sets X-Forwarded-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# The site writes its own logs (LOGGING); gunicorn's access log repeats nginx's, so it is off unless asked for.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
pidfile = os.environ.get("GUNICORN_PID_FILE") or None
proc_name = "shop-safe"
# Request line and header limits (gunicorn's defaults, written down).
limit_request_line = 4094
limit_request_fields = 100
