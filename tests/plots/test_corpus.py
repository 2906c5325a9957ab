"""Corpus figures: the timeline and the cleaning chart, on a tiny corpus and on empty input."""
import pandas as pd
import pytest

import kslib
from kslib.plots.corpus import plot_cleaning, plot_timeline
from tests.helpers import bar_count, figure_texts


@pytest.fixture
def tiny(tmp_path):
    (tmp_path / "a.txt").write_text("# 标题一\n\n2019年3月5日\n\n昆山高新区发展。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("# 标题二\n\n昆山开发区发展。\n\n责任编辑：张三\n", encoding="utf-8")
    pd.DataFrame({"doc_id": ["a", "b"], "title": ["一", "二"], "date": ["2019-03-05", "2020"],
                  "date_precision": ["day", "year"], "date_evidence": ["", ""], "source": ["", ""],
                  "authors": ["", ""], "script": ["simplified"] * 2, "subject": ["x", "y"]}
                 ).to_csv(tmp_path / "metadata.csv", index=False)
    return kslib.load_corpus(tmp_path)


def test_timeline_marks_each_dated_document(tiny):
    fig = plot_timeline(tiny)
    ax = fig.axes[0]
    labels = figure_texts(fig)
    assert any("2019-03-05" in t for t in labels) and any("(2020)" in t for t in labels)
    assert "publication date" in ax.get_xlabel()
    # a day-precision date is a point, a year-precision date a bar (a line with two x values)
    xs = sorted(len(line.get_xdata()) for line in ax.get_lines())
    assert xs == [1, 2]


def test_timeline_lists_undated_documents(tiny):
    undated = tiny.assign(date=["", "2020"], date_precision=["", "year"])
    fig = plot_timeline(undated)
    assert any("undated" in t and "a" in t for t in figure_texts(fig))


def test_cleaning_chart_stacks_removed_characters_by_rule(tiny):
    summary = kslib.cleaning_summary(tiny)
    fig = plot_cleaning(summary)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "raw characters removed"
    assert "editor" in figure_texts(fig)  # the rule that removed 责任编辑 is in the legend
    assert bar_count(ax) >= 1


def test_cleaning_plot_on_a_corpus_with_nothing_removed(tmp_path):
    (tmp_path / "a.txt").write_text("# 标题\n\n昆山高新区发展。\n", encoding="utf-8")
    corpus = kslib.load_corpus(tmp_path)
    fig = plot_cleaning(kslib.cleaning_summary(corpus))
    assert "cleaning removed nothing" in [t.get_text() for t in fig.axes[0].texts]


def test_empty_inputs_give_a_figure_that_says_so():
    empty_summary = pd.DataFrame(columns=["doc_id", "rule", "kind", "rows", "chars"])
    assert "cleaning removed nothing" in figure_texts(plot_cleaning(empty_summary))
    empty = pd.DataFrame(columns=["doc_id", "date", "date_precision", "subject"])
    fig = plot_timeline(empty)
    assert fig.axes and not fig.axes[0].get_lines()
