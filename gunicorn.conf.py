"""gunicorn settings for `make serve`, `make bench` and the Docker image.

Sync workers, (2 x cores) + 1 of them: requests are short, CPU-bound Python plus a few
quick PostgreSQL queries, and psycopg is synchronous. While one worker waits on the
database another uses the core; the extra workers cover those waits. Measured with
`make bench` on 2 cores at 16 connections (docs/performance.md): 5 sync workers kept p99
under 100 ms on every page, while gthread (2 workers x 4 threads, and 5 x 4) served
somewhat more requests per second but with p99 of 115-1100 ms, because threads of one
process contend for the GIL and keep-alive connections are served unevenly. A sync
worker takes the next connection only when it is free, so queueing is fair.
Switch with GUNICORN_THREADS (> 1 selects gthread) or GUNICORN_WORKER_CLASS.
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
# Workers are recycled after max_requests (guards against slow leaks). Under even load they
# all reach that count together; each waits a random 0..jitter requests more, so a jitter of
# half the count spreads the restarts over many seconds instead of ~2 (at 500 of 5000 they
# came within two seconds of each other under load). 0 switches recycling off.
max_requests = int(os.getenv("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 2
accesslog = os.getenv("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log (benchmarks)
errorlog = "-"
loglevel = os.getenv("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.getenv("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "careerpaths.wsgi:application"

if not os.getenv("DATABASE_URL"):
    # Local `make serve` without a database configured: use the embedded server.
    from careerpaths import embedded_db

    embedded_db.use_if_unconfigured()
