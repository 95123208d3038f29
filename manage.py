#!/usr/bin/env python
"""Django's command-line utility. Starts the embedded PostgreSQL when DATABASE_URL is unset."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpaths.settings")
    from careerpaths import embedded_db

    embedded_db.use_if_unconfigured()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
