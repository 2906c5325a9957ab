"""Corpus figures: the timeline and the cleaning chart, on a tiny corpus and on empty input."""
import pandas as pd
import pytest

import kslib
from kslib import figures
from kslib.plots.corpus import plot_cleaning, plot_timeline
from tests.helpers import figure_texts, printed_size, texts_outside_axes


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
    fig = plot_timeline(tiny, labels={"a": "甲 2019", "b": "乙 2020"})
    ax = fig.axes[0]
    # documents are rows labelled like every other figure (doc_labels), first document on top
    assert [t.get_text() for t in ax.get_yticklabels()] == ["乙 2020", "甲 2019"]
    labels = figure_texts(fig)
    assert "2019-03-05" in labels and "2020" in labels
    assert ax.get_xlabel() == "publication date"
    # a day-precision date is a point, a year-precision date a bar (a line with two x values)
    xs = sorted(len(line.get_xdata()) for line in ax.get_lines())
    assert xs == [1, 2]
    assert {"day known", "only the year or month known"} <= set(labels)


def test_timeline_dates_stay_inside_the_axes():
    """The latest document's date is written to the left of its mark, not past the axis."""
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(5)],
                           "date": ["2019", "2020-12-16", "2022", "2023-02-16", "2021"],
                           "date_precision": ["year", "day", "year", "day", "year"], "subject": [""] * 5})
    for columns in (1, 2):
        fig = plot_timeline(corpus, columns=columns)
        assert texts_outside_axes(fig) == []
        assert printed_size(fig)[0] <= figures.WIDTHS[columns] + 0.05


def test_timeline_lists_undated_documents(tiny):
    undated = tiny.assign(date=["", "2020"], date_precision=["", "year"])
    fig = plot_timeline(undated)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b", "a"]
    assert "no date" in figure_texts(fig)
    assert len(ax.get_lines()) == 1  # only b is drawn on the time axis


def test_cleaning_matrix_shows_small_removals_beside_large_ones():
    summary = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "rule": ["related_news", "byline", "byline", "whitespace"],
                            "kind": ["removed", "removed", "removed", "changed"], "rows": [40, 1, 1, 3],
                            "chars": [3817, 16, 3, 9]})
    fig = plot_cleaning(summary, raw_chars={"a": 7600, "b": 5000, "c": 100})
    ax = fig.axes[0]
    cells = [t.get_text() for t in ax.texts]
    # every removal is written in its cell, the 3-character one as well as the 3,817-character one
    assert sorted(cells) == sorted(["3817", "16", "3"])
    # totals with their share of the raw file on the right; c lost nothing (whitespace only changes form)
    totals = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert totals == ["3833 (50.4 %)", "3 (0.1 %)", "0 (0.0 %)"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["related news", "byline"]
    assert all(a.get_legend() is None for a in fig.axes)  # rules are columns: no legend over the plot
    assert "raw characters removed, by rule (shade: log scale)" in figure_texts(fig)
    assert printed_size(fig)[0] <= figures.WIDTHS[1] + 0.05


def test_cleaning_chart_of_a_loaded_corpus(tiny):
    fig = plot_cleaning(kslib.cleaning_summary(tiny))
    assert "editor line" in figure_texts(fig)  # the rule that removed 责任编辑, named for a reader


def test_cleaning_plot_on_a_corpus_with_nothing_removed(tmp_path):
    (tmp_path / "a.txt").write_text("# 标题\n\n昆山高新区发展。\n", encoding="utf-8")
    corpus = kslib.load_corpus(tmp_path)
    fig = plot_cleaning(kslib.cleaning_summary(corpus))
    assert "cleaning removed nothing" in figure_texts(fig)


def test_chinese_chrome(tiny):
    figures.use_paper_style(language="zh")
    fig = plot_cleaning(kslib.cleaning_summary(tiny))
    assert "责任编辑" in figure_texts(fig) and "按规则删除的原始字符数（颜色深浅：对数刻度）" in figure_texts(fig)
    assert plot_timeline(tiny).axes[0].get_xlabel() == "发布日期"


def test_empty_inputs_give_a_figure_that_says_so():
    empty_summary = pd.DataFrame(columns=["doc_id", "rule", "kind", "rows", "chars"])
    assert "cleaning removed nothing" in figure_texts(plot_cleaning(empty_summary))
    empty = pd.DataFrame(columns=["doc_id", "date", "date_precision", "subject"])
    fig = plot_timeline(empty)
    assert fig.axes and not fig.axes[0].get_lines() and "no documents" in figure_texts(fig)
