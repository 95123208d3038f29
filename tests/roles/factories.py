"""Build frameworks for tests through the real loader (roles.framework)."""

import copy
import json

from roles import framework


def starter_data():
    return json.loads(framework.STARTER_FILE.read_text())


def load_starter():
    return framework.load(starter_data())


def generated_framework(n_roles, n_skills, **kwargs):
    """A synthetic framework of the given size, in the file format."""
    return framework.generated(n_roles, n_skills, **kwargs)


def load_generated(n_roles, n_skills, **kwargs):
    return framework.load(generated_framework(n_roles, n_skills, **kwargs))


def with_changes(data, fn):
    data = copy.deepcopy(data)
    fn(data)
    return data
