"""Side-by-side comparison of 2–4 roles: rows, per-cell differences and key differences.

Pure: it works on rows already fetched (roles.queries) and touches no database. The grid
it builds is ready for ``{% skill_table %}`` (roles.tables, roles/templatetags).
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import TypedDict

from roles import tables
from roles.queries import ExpectationRow, RoleRow

MIN_ROLES = 2
MAX_ROLES = 4

NOT_IN_RUBRIC = "Not part of this role’s rubric"


class Skill(TypedDict):
    id: int
    slug: str
    name: str
    category_id: int
    category_name: str


class SkillRow(tables.Row):
    skill: Skill
    differs: bool
    values: list[int]  # expected level per role, 0 where the role does not list the skill


class CategoryGroup(TypedDict):
    title: str
    rows: list[SkillRow]


class GrowthStep(TypedDict):
    level: int
    name: str
    growth: str


class DimensionRow(TypedDict):
    id: int
    name: str


class KeyDifference(TypedDict):
    skill: Skill
    gap: int
    highest: list[RoleRow]  # roles expecting the most
    lowest: list[RoleRow]  # roles expecting the least
    high_level: int
    low_level: int
    # Words of the sentence that depend on numbers, e.g. "A and B expect level 4,
    # C does not list it — 2 levels apart".
    highest_names: str
    lowest_names: str
    expects: str
    do_not: str
    levels: str
    # How to grow from the lower level to the higher one: the rubric levels in between,
    # each with its growth text (level n's text says how to reach n + 1).
    growth: list[GrowthStep]


def _names(roles: Iterable[RoleRow]) -> str:
    return " and ".join(role["name"] for role in roles)


def _plural(n: int, singular: str, plural: str) -> str:
    return singular if n == 1 else plural


def _cell(
    expectation: ExpectationRow | None, delta: int | None, baseline_name: str, *, is_baseline: bool
) -> tables.Cell:
    """One role's cell in a skill row: its expectation and its change against the baseline."""
    change, css, same = "", "", ""
    if delta:
        css = tables.change_css(delta)
        levels = _plural(abs(delta), "level", "levels")
        sign = f"▲ +{delta}" if delta > 0 else f"▼ −{-delta}"
        change = f"{sign} {levels} vs {baseline_name}"
    elif not is_baseline:
        same = f"Same as {baseline_name}"
    if expectation is None:
        return tables.cell(
            "missing", text=NOT_IN_RUBRIC, change=change, change_css=css, css=css and "cell-differs"
        )
    importance = expectation["importance"]
    return tables.cell(
        "expectation",
        css=css and "cell-differs",
        level=expectation["level"],
        level_name=expectation["level_name"] or "",
        descriptor=expectation["descriptor"] or "",
        importance=importance,
        importance_label=tables.IMPORTANCE_LABELS.get(importance, ""),
        change=change,
        change_css=css,
        same=same,
    )


class Comparison:
    """Everything the comparison page shows, computed from fetched rows.

    ``roles`` in column order (the first is the baseline); ``dimensions`` [{id, name}];
    ``texts`` [(role id, dimension id, text)]; ``expectations`` of those roles in skill
    order (roles.queries.expectations).
    """

    def __init__(
        self,
        roles: Sequence[RoleRow],
        dimensions: Iterable[DimensionRow],
        texts: Iterable[tuple[int, int, str]],
        expectations: Iterable[ExpectationRow],
        growth: Mapping[tuple[int, int], GrowthStep] | None = None,
    ) -> None:
        growth = growth or {}
        self.roles = roles
        self.baseline = roles[0]
        by_cell = {(role_id, dimension_id): text for role_id, dimension_id, text in texts}
        self.dimension_rows = [
            tables.row(
                dimension["name"],
                [tables.text_cell(by_cell.get((role["id"], dimension["id"]), "")) for role in roles],
            )
            for dimension in dimensions
        ]
        found: dict[tuple[int, int], ExpectationRow] = {}
        skills: dict[int, Skill] = {}
        for exp in expectations:  # already in skill order
            found[(exp["role_id"], exp["skill_id"])] = exp
            if exp["skill_id"] not in skills:
                skills[exp["skill_id"]] = {
                    "id": exp["skill_id"],
                    "slug": exp["skill_slug"],
                    "name": exp["skill_name"],
                    "category_id": exp["category_id"],
                    "category_name": exp["category_name"],
                }
        baseline_name = self.baseline["name"]
        self.groups: list[CategoryGroup] = []
        self.key_differences: list[KeyDifference] = []
        for skill in skills.values():
            per_role = [found.get((role["id"], skill["id"])) for role in roles]
            values = [exp["level"] if exp else 0 for exp in per_role]
            base = values[0]
            cells = [
                _cell(exp, None if i == 0 else value - base, baseline_name, is_baseline=i == 0)
                for i, (exp, value) in enumerate(zip(per_role, values, strict=True))
            ]
            differs = len(set(values)) > 1
            row: SkillRow = {
                **tables.row(
                    skill["name"],
                    cells,
                    hidden=" (differs)" if differs else "",
                    css="row-differs" if differs else "",
                ),
                "skill": skill,
                "differs": differs,
                "values": values,
            }
            if not self.groups or self.groups[-1]["rows"][-1]["skill"]["category_id"] != skill["category_id"]:
                self.groups.append({"title": skill["category_name"], "rows": []})
            self.groups[-1]["rows"].append(row)
            if differs:
                high, low = max(values), min(values)
                highest = [r for r, v in zip(roles, values, strict=True) if v == high]
                lowest = [r for r, v in zip(roles, values, strict=True) if v == low]
                self.key_differences.append(
                    {
                        "skill": skill,
                        "gap": high - low,
                        "highest": highest,
                        "lowest": lowest,
                        "high_level": high,
                        "low_level": low,
                        "highest_names": _names(highest),
                        "lowest_names": _names(lowest),
                        "expects": _plural(len(highest), "expects", "expect"),
                        "do_not": _plural(len(lowest), "does not", "do not"),
                        "levels": _plural(high - low, "level", "levels"),
                        "growth": [
                            growth[(skill["id"], n)]
                            for n in range(max(low, 1), high)
                            if (skill["id"], n) in growth
                        ],
                    }
                )
        # Biggest gaps first; ties stay in rubric order (the sort is stable).
        self.key_differences.sort(key=lambda d: -d["gap"])
        self.differing_count = sum(1 for g in self.groups for r in g["rows"] if r["differs"])
        self.skill_count = sum(len(g["rows"]) for g in self.groups)

    def only_differences(self) -> list[CategoryGroup]:
        """Groups with identical rows removed (and groups left empty dropped)."""
        groups: list[CategoryGroup] = []
        for group in self.groups:
            rows = [row for row in group["rows"] if row["differs"]]
            if rows:
                groups.append({"title": group["title"], "rows": rows})
        return groups

    def table(self, groups: list[CategoryGroup]) -> tables.Table:
        """The comparison table: dimensions first, then ``groups`` of skill rows."""
        names = [role["name"] for role in self.roles]
        head = [tables.header(blank=True)]
        for i, role in enumerate(self.roles):
            note = f"{role['track_name']} track" + (" · baseline" if i == 0 else "")
            head.append(tables.header(role["name"], url=role["url"], note=note))
        return tables.table(
            css="table compare-table align-top",
            caption=f"{' compared with '.join(names)}. Differences are measured against {names[0]}.",
            caption_hidden=True,
            head=head,
            sections=[{"title": "The role at a glance", "rows": self.dimension_rows}, *groups],
            empty="" if groups else "No skills differ between these roles.",
            scroll=False,
        )
