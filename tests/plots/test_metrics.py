"""Metric figures: results bars, targets vs actuals, the indicator panel, units by document —
on a tiny hand-made metrics table and on empty input."""
import numpy as np
import pandas as pd

from kslib.metrics import COLUMNS, metric_panel, targets_vs_actuals, units_by_document
from kslib.plots.metrics import (plot_indicator_panel, plot_metric_bars, plot_targets_vs_actuals, plot_units,
                                 scale_values)
from tests.helpers import bar_count, figure_texts


def rows(*specs):
    """Metric rows from (doc_id, indicator, measure, unit, value, kind, year[, qualifier])."""
    out = []
    for i, s in enumerate(specs):
        doc, ind, measure, unit, value, kind, year = s[:7]
        out.append(dict(doc_id=doc, line=i + 1, start=i, end=i + 1, text=str(value), sentence="", value=value,
                        value_max=np.nan, unit=unit, qualifier=s[7] if len(s) > 7 else "", indicator=ind,
                        measure=measure, kind=kind, kind_cue="", year=year, period=None))
    df = pd.DataFrame(out, columns=COLUMNS)
    df["year"] = df["year"].astype("Int64")
    return df


M = rows(("d1", "地区生产总值", "level", "CNY", 2.0e11, "actual", 2018),
         ("d1", "地区生产总值", "growth", "%", 7.1, "actual", 2018),
         ("d1", "地区生产总值", "level", "CNY", 2.2e11, "target", 2019),
         ("d1", "一般公共预算收入", "level", "CNY", 3.0e10, "actual", 2018),
         ("d2", "地区生产总值", "level", "CNY", 2.0e11, "actual", 2018),
         ("d2", "地区生产总值", "level", "CNY", 2.4e11, "actual", 2020, "突破"))


def test_scale_values_shows_large_money_in_yi():
    vals, label = scale_values("CNY", [2.0e11, 3.0e10])
    assert label == "亿元" and list(vals) == [2000.0, 300.0]
    assert scale_values("%", [7.1])[1] == "%"
    assert scale_values("人", [1.352e7])[1] == "万人" and scale_values("HKD", [1e10])[1] == "亿港元"
    assert scale_values("人", [5000.0])[1] == "人"


def test_metric_bars_one_panel_per_unit_and_measure():
    fig = plot_metric_bars(M[M["doc_id"] == "d1"])
    assert len(fig.axes) == 2  # CNY level, % growth
    assert sorted(bar_count(ax) for ax in fig.axes) == [1, 3]
    assert "level (亿元)" in figure_texts(fig) and "地区生产总值" in figure_texts(fig)


def test_targets_vs_actuals_paired_bars():
    table = targets_vs_actuals(M, actual_year=2018, target_year=2019, doc_id="d1")
    assert table[["indicator", "actual", "target"]].values.tolist() == [["地区生产总值", 2.0e11, 2.2e11]]
    fig = plot_targets_vs_actuals(table, actual_label="2018 actual", target_label="2019 target")
    assert bar_count(fig.axes[0]) == 2
    assert {"2018 actual", "2019 target"} <= set(figure_texts(fig))


def test_indicator_panel_one_series_per_document():
    panel = metric_panel(M)
    fig = plot_indicator_panel(panel, "地区生产总值", measure="level")
    ax = fig.axes[0]
    assert "地区生产总值 (亿元)" == ax.get_ylabel()
    legend = figure_texts(fig)
    assert any(t.startswith("d1") and "target" in t for t in legend)
    assert [int(t.get_text()) for t in ax.get_xticklabels()] == [2018, 2019, 2020]
    # every line belongs to one document: no line joins d1's 2018 and d2's 2020
    series = {ln.get_gid(): ln for ln in ax.get_lines() if (ln.get_gid() or "").startswith("series:")}
    assert set(series) == {"series:d1:actual", "series:d1:target", "series:d2:actual"}
    assert list(series["series:d2:actual"].get_xdata()) == [2018, 2020]
    assert list(series["series:d1:actual"].get_xdata()) == [2018]
    # targets dashed, actuals solid
    assert series["series:d1:target"].get_linestyle() == "--" and series["series:d1:actual"].get_linestyle() == "-"


def _points(ax):
    return {c.get_gid(): c for c in ax.collections if c.get_gid()}


def test_indicator_panel_draws_bounds_as_carets_not_as_exact_points():
    panel = metric_panel(M)
    ax = plot_indicator_panel(panel, "地区生产总值", measure="level").axes[0]
    pts = _points(ax)
    lower = pts["points:d2:actual:lower"]       # 突破 2400亿元 in 2020: at least
    assert lower.get_offsets().tolist() == [[2020.0, 2400.0]]
    caret = lower.get_paths()[0].vertices
    dot = pts["points:d2:actual:exact"].get_paths()[0].vertices
    assert len(caret) != len(dot)                # a triangle, not the circle of an exact figure
    assert "at least (突破, 超过, 以上)" in figure_texts(ax.figure)
    # a target is hollow
    assert tuple(pts["points:d1:target:exact"].get_facecolor()[0]) == (1.0, 1.0, 1.0, 1.0)
    # an upper bound points down and gets its own key
    m = rows(("d1", "收入", "level", "CNY", 1.0e10, "actual", 2020, "近"), ("d2", "收入", "level", "CNY", 0.9e10, "actual", 2020))
    ax = plot_indicator_panel(metric_panel(m), "收入").axes[0]
    assert "points:d1:actual:upper" in _points(ax) and "at most (近, 不到, 以内)" in figure_texts(ax.figure)


def test_indicator_panel_circles_disagreements_as_the_caption_says():
    m = rows(("d1", "收入", "level", "CNY", 9.0e9, "actual", 2018), ("d2", "收入", "level", "CNY", 9.1e9, "actual", 2018),
             ("d2", "收入", "level", "CNY", 1.0e10, "actual", 2019))
    panel = metric_panel(m)
    ax = plot_indicator_panel(panel, "收入").axes[0]
    bad = _points(ax)["disagreements"]
    assert sorted(bad.get_offsets().tolist()) == [[2018.0, 90.0], [2018.0, 91.0]]
    assert "disagreement" in figure_texts(ax.figure)
    # nothing flagged: no red circles
    ok = rows(("d1", "收入", "level", "CNY", 9.0e9, "actual", 2018), ("d2", "收入", "level", "CNY", 9.0e9, "actual", 2018))
    assert "disagreements" not in _points(plot_indicator_panel(metric_panel(ok), "收入").axes[0])


def test_targets_that_are_bounds_say_so():
    m = rows(("d1", "就业", "level", "人", 1.352e7, "actual", 2019), ("d1", "就业", "level", "人", 9.0e6, "target", 2020, "以上"))
    fig = plot_targets_vs_actuals(targets_vs_actuals(m, actual_year=2019, target_year=2020))
    carets = [c for c in fig.axes[0].collections if c.get_gid() == "target_bounds:lower"]
    assert len(carets) == 1 and carets[0].get_offsets().tolist() == [[0.2, 900.0]]  # in 万人
    assert "target is a lower bound (以上, 突破)" in figure_texts(fig)
    assert fig.axes[0].get_ylabel() == "万人"


def test_units_by_document_stacked():
    table = units_by_document(M)
    fig = plot_units(table, n=5)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["CNY", "%"]
    assert ax.get_xlabel() == "mentions"


def test_metric_figures_on_empty_input_say_so():
    empty = rows()
    assert "no metric rows to show" in figure_texts(plot_metric_bars(empty))
    assert "no indicator with both an actual and a target" in figure_texts(
        plot_targets_vs_actuals(targets_vs_actuals(empty, actual_year=2018, target_year=2019)))
    assert "no dated mentions" in figure_texts(plot_indicator_panel(metric_panel(empty), "地区生产总值"))
    assert "no quantity mentions" in figure_texts(plot_units(units_by_document(empty)))
