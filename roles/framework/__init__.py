"""Read, validate, load and export a career framework file (docs/framework-format.md).

One format serves the starter content, imports and exports:

- ``schema``: the format itself, declared as a JSON Schema (shapes, types, limits);
- ``document``: parsing a file safely, and ``FrameworkError``;
- ``validation``: the schema's problems plus the cross-reference checks, each with its
  location (``roles[3].expectations[7]: unknown skill "vison"``);
- ``loading``: an in-memory comparison with the framework, then bulk writes in one
  transaction (a file with a single error writes nothing);
- ``export``: the framework as a file, in a stable order;
- ``versions``: older versions of the format read as the current one.

Adding a field to the format: docs/framework-format.md, "Adding a field".
"""

from pathlib import Path

from roles.framework.document import FrameworkError, dumps, parse, read_file
from roles.framework.export import export
from roles.framework.loading import LoadReport, load, lock_imports
from roles.framework.schema import FORMAT, VERSION
from roles.framework.validation import validate
from roles.framework.versions import upgrade

STARTER_FILE = Path(__file__).resolve().parent.parent / "data" / "starter_framework.json"

__all__ = [
    "FORMAT",
    "STARTER_FILE",
    "VERSION",
    "FrameworkError",
    "LoadReport",
    "dumps",
    "export",
    "load",
    "lock_imports",
    "parse",
    "read_file",
    "upgrade",
    "validate",
]
