"""Developer and operations tooling (`make bench`, `make backup-check`, the test server launcher).

Not part of the installed package or the Docker image: run from a checkout with
``python -m tools.<name>``.
"""
