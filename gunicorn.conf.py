"""gunicorn settings for `make serve` and the Docker image.

Sync workers: every request is short and database-bound, and psycopg is synchronous.
(2 x cores) + 1 workers keeps both cores busy while some workers wait on PostgreSQL.
"""

import multiprocessing
import os

bind = os.getenv("GUNICORN_BIND", f"{os.getenv('HOST', '127.0.0.1')}:{os.getenv('PORT', '8000')}")
workers = int(os.getenv("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.getenv("GUNICORN_THREADS", "1"))
worker_class = os.getenv("GUNICORN_WORKER_CLASS") or ("gthread" if threads > 1 else "sync")
timeout = int(os.getenv("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
accesslog = os.getenv("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log (benchmarks)
errorlog = "-"
loglevel = os.getenv("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.getenv("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "careerpaths.wsgi:application"

if not os.getenv("DATABASE_URL"):
    # Local `make serve` without a database configured: use the embedded server.
    from careerpaths import embedded_db

    embedded_db.use_if_unconfigured()
