"""kslib.structure.time: document dates and the year or period a heading names."""
from __future__ import annotations

import pytest

from kslib import structure as S


@pytest.mark.parametrize("heading, date, year, period", [
    ("过去一年工作回顾", "2026-03-05", 2025, None),
    ("过去一年工作回顾", "2023-12-10", 2023, None),   # a year-end review covers its own year
    ("过去五年工作回顾", "2018-03-05", None, "2013-2017"),
    ("五年来的主要成就", "2018-03-05", None, "2013-2017"),
    ("十年来的变化", "2022-10-16", None, "2013-2022"),
    ("今后五年的主要目标", "2021-03-05", None, "2021-2025"),
    ("未来五年发展展望", "2025-12-01", None, "2026-2030"),
    ("“十四五”规划目标", None, None, "2021-2025"),
    ("十三五期间主要成就", "2021-01-10", None, "2016-2020"),
    ("2021—2025年发展目标", None, None, "2021-2025"),
    ("2021年至2025年主要任务", None, None, "2021-2025"),
    ("2019年和今年以来工作回顾", "2020-05-22", None, "2019-2020"),
    ("今年发展主要目标", "2020-05-22", 2020, None),
    ("去年经济表现", "2025-02-26", 2024, None),
    ("明年工作安排", "2023-08-21", 2024, None),
    ("新年度预算安排", "2025-02-26", 2025, None),
    ("2024/25年度税务宽减", None, 2024, None),
    # years written digit by digit in Chinese numerals, 〇, 零 or ○ for zero
    ("二〇二三年工作回顾", None, 2023, None),
    ("二零二三年经济概况", None, 2023, None),
    ("一九九八年大事记", None, 1998, None),
    ("二○二一年至二○二五年发展目标", None, None, "2021-2025"),
    ("二〇二一—二〇二五年规划", None, None, "2021-2025"),
])
def test_time_of_a_heading_is_resolved_against_the_date(heading, date, year, period):
    y, p, cue = S.resolve_time(heading, date)
    assert (y, p) == (year, period)
    assert cue


def test_relative_time_without_a_date_resolves_to_nothing():
    assert S.resolve_time("过去五年工作回顾")[:2] == (None, None)
    # never narrower than named: the absolute 2019 alone would be wrong
    assert S.resolve_time("2019年和今年以来工作回顾")[:2] == (None, None)


@pytest.mark.parametrize("text", ["十五个重点项目", "第十五届运动会", "三五成群", "30多年来",
                                  # Chinese numerals that are no year: a count of years, a magnitude, outside 1900–2099
                                  "一千九百九十八年", "三〇二三年", "一二三四年"])
def test_numbers_are_not_mistaken_for_plan_names_or_counts_of_years(text):
    assert S.resolve_time(text, "2020-05-01")[:2] == (None, None)


def test_since_a_date_is_a_period_up_to_the_document_date():
    assert S.resolve_time("2019年2月25日以来", "2020-05-01")[:2] == (None, "2019-2020")
    assert S.resolve_time("2016年以来", "2023-08-21")[:2] == (None, "2016-2023")


@pytest.mark.parametrize("date, expected", [
    ("2020-05-22", (2020, 5)), ("2020-05", (2020, 5)), ("2020", (2020, None)), (2020, (2020, None)),
    ("2020年5月", (2020, 5)), (None, None), ("not a date", None),
])
def test_parse_date(date, expected):
    d = S.parse_date(date)
    assert (tuple(d) if d else None) == expected
