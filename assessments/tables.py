"""The skill tables of a result, a re-score and a comparison of two assessments, as
plain data for {% skill_table %} (roles/tables.py). Pure functions."""

from roles import tables

RESULT_HEAD = ["Skill", "Importance", "You", "Expected", "Gap", "Status"]


def _status(skill):
    return tables.status_cell(skill.status, skill.status_label, skill.status_symbol)


def result_table(score, *, whose=None):
    """Every skill of a scored assessment, grouped by category, with levels in words: the
    owner's own view, or with ``whose`` (a display name) the same in the third person."""
    sections = []
    for category, skills in score.groups():
        rows = [
            tables.row(
                s.name,
                [
                    tables.importance_cell(s.importance),
                    tables.level_cell(s.level, (s.current or {}).get("name", "")),
                    tables.level_cell(s.expected, (s.expected_text or {}).get("name", "")),
                    tables.gap_cell(s.gap, s.gap_display),
                    _status(s),
                ],
                note=f"{'Evidence' if whose else 'Your evidence'}: {s.evidence}" if s.evidence else "",
                note_css="evidence-note",
            )
            for s in skills
        ]
        sections.append({"title": category, "rows": rows})
    head = list(RESULT_HEAD)
    if whose:
        head[head.index("You")] = whose
    return tables.table(
        css="table align-middle result-table",
        caption=f"{f'{whose}’s' if whose else 'Your'} level, the expected level and the gap for every skill",
        head=[tables.header(text) for text in head],
        sections=sections,
        tbody_per_section=True,
    )


def rescore_table(score, target_name):
    """A re-score against another role: levels as numbers, one group."""
    rows = [
        tables.row(
            s.name,
            [
                tables.importance_cell(s.importance),
                tables.text_cell(s.level),
                tables.text_cell(s.expected),
                tables.gap_cell(s.gap, s.gap_display),
                _status(s),
            ],
        )
        for s in score.skills
    ]
    head = list(RESULT_HEAD)
    head[1] = f"Importance for {target_name}"
    return tables.table(
        css="table table-sm align-middle",
        caption=f"Your levels against {target_name}",
        head=[tables.header(text) for text in head],
        sections=[{"title": "", "rows": rows}],
    )


def changes_table(rows, first_label, second_label):
    """Two assessments side by side (scoring.changes rows), with the change per skill."""
    return tables.table(
        css="table align-middle compare-assessments-table",
        caption="Your level per skill in both assessments, and the change",
        head=[tables.header(text) for text in ("Skill", first_label, second_label, "Change")],
        sections=[
            {
                "title": "",
                "rows": [
                    tables.row(
                        row["name"],
                        [
                            tables.level_cell(row["a"]),
                            tables.level_cell(row["b"]),
                            tables.gap_cell(row["change"], row["change_display"], arrow=True),
                        ],
                        note=row["category"],
                    )
                    for row in rows
                ],
            }
        ],
    )
