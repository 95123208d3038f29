"""Build frameworks for tests (and the benchmarks) through the real loader (roles.framework)."""

import copy
import json

from roles import framework
from roles.models import LEVELS


def starter_data():
    return json.loads(framework.STARTER_FILE.read_text())


def load_starter():
    return framework.load(starter_data())


def generated_framework(n_roles, n_skills, *, prefix="gen", n_dimensions=4, n_categories=4):
    """A synthetic framework of the given size in the file format, for benchmarks and tests.

    Every role expects every skill, so pages grow with ``n_skills``; roles form one ladder.
    Slugs start with ``prefix`` so a generated framework can sit beside the starter one.
    """

    def levels(i):
        return [
            {
                "level": n,
                "name": f"L{n}",
                "descriptor": f"Skill {i} behaviour at level {n}.",
                "growth": "Practise.",
            }
            for n in LEVELS
        ]

    return {
        "format": framework.FORMAT,
        "version": framework.VERSION,
        "tracks": [
            {"slug": f"{prefix}-track", "name": f"Generated track ({prefix})", "description": "", "order": 9}
        ],
        "dimensions": [
            {"slug": f"{prefix}-dim-{d}", "name": f"Dimension {d}", "description": "", "order": 10 + d}
            for d in range(n_dimensions)
        ],
        "categories": [
            {"slug": f"{prefix}-cat-{c}", "name": f"Category {c}", "order": 10 + c}
            for c in range(n_categories)
        ],
        "skills": [
            {
                "slug": f"{prefix}-skill-{i}",
                "name": f"Generated skill {i}",
                "category": f"{prefix}-cat-{i % n_categories}",
                "description": "A generated skill.",
                "levels": levels(i),
            }
            for i in range(n_skills)
        ],
        "roles": [
            {
                "slug": f"{prefix}-role-{r}",
                "name": f"Generated role {r}",
                "track": f"{prefix}-track",
                "seniority": 100 + r,
                "summary": f"Generated role number {r}.",
                "published": True,
                "next_roles": [f"{prefix}-role-{r + 1}"] if r + 1 < n_roles else [],
                "dimensions": {
                    f"{prefix}-dim-{d}": f"Role {r} on dimension {d}." for d in range(n_dimensions)
                },
                "expectations": [
                    {
                        "skill": f"{prefix}-skill-{i}",
                        "level": 1 + (r + i) % 5,
                        "importance": "core" if i % 2 else "supporting",
                    }
                    for i in range(n_skills)
                ],
            }
            for r in range(n_roles)
        ],
    }


def load_generated(n_roles, n_skills, **kwargs):
    return framework.load(generated_framework(n_roles, n_skills, **kwargs))


def with_changes(data, fn):
    data = copy.deepcopy(data)
    fn(data)
    return data
