"""Loaded by pytest (`-p tests.pytest_plugin` in pyproject.toml) before pytest-django reads settings.

Without DATABASE_URL the suite runs on the embedded PostgreSQL, like `make run`.
"""

import os

from careerpaths import embedded_db

embedded_db.use_if_unconfigured()

# Playwright's sync API keeps an event loop in the test thread; our tests touch the
# ORM from plain synchronous code around it, which is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
