"""Build frameworks for tests through the real loader (roles.framework)."""

import copy
import json

from roles import framework


def starter_data():
    return json.loads(framework.STARTER_FILE.read_text())


def load_starter():
    return framework.load(starter_data())


def generated_framework(n_roles, n_skills, n_dimensions=4, n_categories=4):
    """A synthetic framework of the given size, in the file format."""
    levels = lambda i: [  # noqa: E731
        {
            "level": n,
            "name": f"L{n}",
            "descriptor": f"Skill {i} behaviour at level {n}.",
            "growth": "Practise.",
        }
        for n in range(1, 6)
    ]
    return {
        "format": framework.FORMAT,
        "version": framework.VERSION,
        "tracks": [{"slug": "gen-track", "name": "Generated track", "description": "", "order": 9}],
        "dimensions": [
            {"slug": f"gen-dim-{d}", "name": f"Dimension {d}", "description": "", "order": 10 + d}
            for d in range(n_dimensions)
        ],
        "categories": [
            {"slug": f"gen-cat-{c}", "name": f"Category {c}", "order": 10 + c} for c in range(n_categories)
        ],
        "skills": [
            {
                "slug": f"gen-skill-{i}",
                "name": f"Generated skill {i}",
                "category": f"gen-cat-{i % n_categories}",
                "description": "A generated skill.",
                "levels": levels(i),
            }
            for i in range(n_skills)
        ],
        "roles": [
            {
                "slug": f"gen-role-{r}",
                "name": f"Generated role {r}",
                "track": "gen-track",
                "seniority": 100 + r,
                "summary": f"Generated role number {r}.",
                "published": True,
                "next_roles": [f"gen-role-{r + 1}"] if r + 1 < n_roles else [],
                "dimensions": {f"gen-dim-{d}": f"Role {r} on dimension {d}." for d in range(n_dimensions)},
                "expectations": [
                    {
                        "skill": f"gen-skill-{i}",
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
