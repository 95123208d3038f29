import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from assessments.charts import ReadinessChart, when_labels
from tests.helpers import elements, make_assessment

pytestmark = pytest.mark.django_db


def test_it_needs_two_submitted_assessments(owner_client, owner, starter):
    html = owner_client.get("/assessments/progress/").content.decode()
    assert "Progress appears once you have submitted at least two assessments" in html
    first = make_assessment(owner)
    html = owner_client.get("/assessments/progress/").content.decode()
    assert "you have submitted one so far" in html
    assert f"/assessments/new/product-manager/?from={first.pk}" in html


def test_it_shows_levels_per_skill_over_time(owner_client, owner, outsider, starter):
    make_assessment(owner, default=2, levels={"user-needs": 1})
    make_assessment(owner, "product-leader", default=3, levels={"user-needs": 4})
    make_assessment(outsider, default=5)
    html = owner_client.get("/assessments/progress/").content.decode()
    assert '<svg class="chart line-chart"' in html
    assert len(elements(html, "path", class_="chart-series-marker")) == 2 + 2  # points + legend samples
    row = re.search(r'<th scope="row">Understanding user needs.*?</tr>', html, re.S).group(0)
    cells = re.findall(r'<td class="text-center">(.*?)</td>', row)
    assert cells == ["1", "4"]
    assert "+3" in row
    assert '<svg class="sparkline"' in row
    assert "14 skills went up between your first and latest rating." in html
    assert "5</td>" not in html.split("Levels per skill")[1]  # nobody else's ratings


def test_anonymous_goes_to_sign_in(client, db):
    response = client.get("/assessments/progress/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_runs_a_constant_number_of_queries(owner_client, owner, sized, django_assert_num_queries):
    make_assessment(owner, sized["slug"], default=4)
    # 1. session  2. user  3. submitted assessments with snapshots  4. their ratings
    with django_assert_num_queries(4):
        response = owner_client.get("/assessments/progress/")
    assert response.status_code == 200
    assert "Levels per skill" in response.content.decode()


def moment(day, hour=9, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def test_it_draws_one_series_per_role_in_order_of_first_appearance():
    chart = ReadinessChart(
        [
            ("product-manager", "Product Manager", moment(1), 40),
            ("product-leader", "Product Leader", moment(3), 10),
            ("product-manager", "Product Manager", moment(5), 60),
            ("product-leader", "Product Leader", moment(9), 30),
        ]
    )
    assert [s["role"] for s in chart.series] == ["Product Manager", "Product Leader"]
    pm, leader = chart.series
    assert [p["value"] for p in pm["points"]] == [40, 60]
    assert [p["value"] for p in leader["points"]] == [10, 30]
    # Each series its own look: class, marker shape and dash pattern all differ.
    assert pm["css"] != leader["css"] and pm["marker"] != leader["marker"] and pm["dash"] != leader["dash"]
    assert pm["line"] == " ".join(f"{p['x']},{p['y']}" for p in pm["points"])
    # Readiness 0–100 maps to the plot height, 100 at the top.
    assert leader["points"][0]["y"] == chart.top + 180 and pm["points"][1]["y"] == chart.top + 80


def test_six_roles_each_get_their_own_look():
    chart = ReadinessChart([(f"role-{n}", f"Role {n}", moment(n + 1), 10 * n) for n in range(6)])
    looks = {(s["css"], s["marker"], s["dash"]) for s in chart.series}
    assert len(looks) == 6 and len({m for _, m, _ in looks}) == 6 and len({d for _, _, d in looks}) == 6


def test_it_spaces_points_by_date_not_by_position():
    chart = ReadinessChart([("a", "A", moment(1), 10), ("a", "A", moment(2), 20), ("a", "A", moment(11), 30)])
    xs = [p["x"] for p in chart.series[0]["points"]]
    assert xs[0] == chart.left and xs[-1] == chart.right_edge
    # One day out of ten: a tenth of the way, not half of it.
    assert xs[1] - xs[0] == round((chart.right_edge - chart.left) / 10)


def test_a_renamed_role_stays_one_series_under_its_latest_name():
    chart = ReadinessChart(
        [("pm", "Product Manager", moment(1), 10), ("pm", "Digital Product Manager", moment(2), 20)]
    )
    assert [(s["role"], len(s["points"])) for s in chart.series] == [("Digital Product Manager", 2)]


def test_it_puts_a_single_moment_in_the_middle():
    chart = ReadinessChart([("a", "A", moment(1), 50), ("b", "B", moment(1), 70)])
    assert {p["x"] for s in chart.series for p in s["points"]} == {
        chart.left + (chart.right_edge - chart.left) // 2
    }


def test_it_tells_apart_assessments_on_the_same_day_by_time():
    assert when_labels([moment(1, 9, 5), moment(1, 16, 30), moment(2)]) == [
        "1 Mar 2026, 09:05",
        "1 Mar 2026, 16:30",
        "2 Mar 2026",
    ]
    # Within the same minute, seconds too.
    assert when_labels([moment(2), moment(2) + timedelta(seconds=7), moment(2, 10)]) == [
        "2 Mar 2026, 09:00:00",
        "2 Mar 2026, 09:00:07",
        "2 Mar 2026, 10:00",
    ]
    chart = ReadinessChart(
        [("a", "A", moment(1, 9, 5), 10), ("b", "B", moment(1, 16, 30), 20), ("a", "A", moment(4), 30)]
    )
    assert [p["label"] for s in chart.series for p in s["points"]] == [
        "1 Mar 2026, 09:05",
        "4 Mar 2026",
        "1 Mar 2026, 16:30",
    ]
    assert chart.labels == ["1 Mar 2026, 09:05", "1 Mar 2026, 16:30", "4 Mar 2026"]


def test_its_date_labels_never_overlap_and_keep_the_last():
    entries = [("a", "A", moment(1) + timedelta(hours=n), n) for n in range(30)]
    chart = ReadinessChart(entries)
    xs = [p["x"] for p in chart.axis_labels]
    assert all(b - a >= chart.label_gap for a, b in zip(xs, xs[1:], strict=False))
    assert chart.axis_labels[-1]["label"] == chart.labels[-1]
    assert chart.axis_labels[0]["label"] == chart.labels[0]


def test_it_shows_a_line_per_role_and_times_on_the_same_day(owner_client, owner, starter):
    first = make_assessment(owner, default=2)
    second = make_assessment(owner, "product-leader", default=3)
    third = make_assessment(owner, default=4)
    same_day = timezone.localtime().replace(hour=10, minute=15)
    for a, when in (
        (first, same_day - timedelta(days=3)),
        (second, same_day),
        (third, same_day.replace(hour=17, minute=0)),
    ):
        type(a).objects.filter(pk=a.pk).update(submitted_at=when)
    html = owner_client.get("/assessments/progress/").content.decode()
    series = elements(html, "g", class_="chart-series")
    assert [g.attrs["class"] for g in series] == [
        "chart-series chart-series-1",
        "chart-series chart-series-2",
    ]
    assert len(elements(html, "polyline", class_="chart-series-line")) == 1  # the leader has one point
    legend = [li.text for li in elements(html, "li", class_="list-inline-item")]
    assert legend[0].startswith("Digital Product Manager (circle markers, solid line)")
    assert legend[1].startswith("Product Leader (square markers, dashed line)")
    table = html[html.index('id="readiness-table-caption"') :]
    dates = [t.text for t in elements(table, "time")][:3]
    assert dates[1] == f"{same_day:%-d %b %Y}, 10:15" and dates[2] == f"{same_day:%-d %b %Y}, 17:00"
    assert ", " not in dates[0]
