from datetime import UTC, datetime, timedelta

import pytest

from plans.trend import DAYS_PER_MONTH, MAX_MONTHS, slope, trend

START = datetime(2026, 1, 1, tzinfo=UTC)


def months(n):
    return START + timedelta(days=n * DAYS_PER_MONTH)


def test_it_fits_the_least_squares_slope():
    assert slope([(0, 1), (1, 2), (2, 3)]) == pytest.approx(1)
    # Not just the end points: (0,1), (1,3), (2,2) fits 0.5 a step.
    assert slope([(0, 1), (1, 3), (2, 2)]) == pytest.approx(0.5)


def test_it_refuses_points_at_one_moment():
    with pytest.raises(ValueError):
        slope([(1, 1), (1, 2)])
    assert trend([(START, 1), (START, 2), (START, 3)], 4) is None


def test_it_needs_three_points():
    assert trend([(months(0), 1), (months(1), 2)], 4) is None


def test_it_estimates_when_a_rising_skill_reaches_the_expectation():
    # One level every two months: 1, 2, 3 at months 0, 2, 4 -> level 4 two months later.
    found = trend([(months(0), 1), (months(2), 2), (months(4), 3)], 4)
    assert found["direction"] == "up"
    assert found["slope_per_month"] == pytest.approx(0.5)
    assert found["fitted_now"] == pytest.approx(3)
    assert found["months_to_expected"] == 2


def test_it_rounds_the_estimate_up():
    # 0.25 levels a month from a fitted 2: level 4 in 8 months; 3.5 levels -> 10 months.
    points = [(months(0), 1), (months(2), 1.5), (months(4), 2)]
    assert trend(points, 4)["months_to_expected"] == 8
    assert trend(points, 5)["months_to_expected"] == 12
    # 0.5 a month from a fitted 2 1/6: 3.67 months -> "about 4".
    assert trend([(months(0), 1), (months(1), 2), (months(2), 2)], 4)["months_to_expected"] == 4


@pytest.mark.parametrize(
    ("levels", "direction"),
    [([3, 3, 3], "flat"), ([4, 3, 2], "down"), ([3, 2, 3], "flat")],
)
def test_it_estimates_nothing_when_flat_or_falling(levels, direction):
    found = trend([(months(n), level) for n, level in enumerate(levels)], 5)
    assert found["direction"] == direction
    assert found["months_to_expected"] is None


def test_it_estimates_nothing_when_met_or_too_far_away():
    assert trend([(months(0), 3), (months(1), 4), (months(2), 5)], 4)["months_to_expected"] is None
    slow = trend([(months(0), 1), (months(12), 1), (months(24), 2)], 5)
    assert slow["direction"] == "up" and slow["months_to_expected"] is None  # > MAX_MONTHS
    assert MAX_MONTHS == 36


def test_it_orders_points_by_time():
    found = trend([(months(4), 3), (months(0), 1), (months(2), 2)], 4)
    assert found["months_to_expected"] == 2
