from datetime import date

import pytest

from huibian.periods import parse_period, sort_key


@pytest.mark.parametrize(
    ("raw", "label", "start", "end"),
    [
        ("2020", "2020年度", date(2020, 1, 1), date(2020, 12, 31)),
        (2020, "2020年度", date(2020, 1, 1), date(2020, 12, 31)),
        ("2024-H1", "2024年上半年", date(2024, 1, 1), date(2024, 6, 30)),
        ("2024-h2", "2024年下半年", date(2024, 7, 1), date(2024, 12, 31)),
        ("2024-Q3", "2024年第三季度", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024-02", "2024年2月", date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_periods_parse_with_chinese_labels(raw: object, label: str, start: date, end: date) -> None:
    period = parse_period(raw)
    assert period is not None
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize("raw", ["２０２４", "2024上半年", "2024-H3", "2024-13", "24-H1", "", True, None, "2024-Q5"])
def test_malformed_periods_are_rejected(raw: object) -> None:
    assert parse_period(raw) is None


def test_periods_sort_chronologically_longest_first() -> None:
    codes = ["2024-H2", "2024-01", "2023", "2024", "2024-H1", "2024-Q1"]
    periods = sorted((parse_period(c) for c in codes), key=sort_key)  # type: ignore[arg-type,return-value]
    assert [p.code for p in periods] == ["2023", "2024", "2024-H1", "2024-Q1", "2024-01", "2024-H2"]
