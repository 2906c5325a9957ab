"""Comparison figures on tiny hand-made tables and on empty input: what each figure shows
(cells, bars, labels), not only that it draws."""
import numpy as np
import pandas as pd

from kslib.compare import (extract_formulas, keyness, keyness_each, shared_vocabulary, similarity, theme_shares,
                           years_mentioned)
from kslib.plots.compare import (plot_formulas, plot_keyness, plot_keyness_each, plot_shared_vocabulary,
                                 plot_similarity, plot_theme_shares, plot_years)
from tests.helpers import bar_count, figure_texts, make_tokens, overlapping_labels, printed_size

TOKS = make_tokens({"a": ["创新", "产业", "创新", "开放", "，"], "b": ["创新", "生态", "生态", "。"],
                    "c": ["产业", "产业", "开放", "生态"]})
LABELS = {"a": "甲", "b": "乙", "c": "丙"}


def corpus_of(texts: dict) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": list(texts), "raw": list(texts.values()), "text": list(texts.values()),
                         "authors": "", "date": ["2019-01-02", "2020", ""], "date_precision": ["day", "year", ""]})


def test_similarity_heatmap_annotates_every_pair_with_labels():
    fig = plot_similarity(similarity(TOKS), labels=LABELS)
    heat = fig.axes[1]
    assert {t.get_text() for t in heat.get_xticklabels()} == {"甲", "乙", "丙"}
    assert len(heat.texts) == 9 and "1.00" in {t.get_text() for t in heat.texts}


def test_keyness_two_sided_bars():
    k = keyness(TOKS, "a")
    fig = plot_keyness(k, n=2, target_label="甲", reference_label="其他")
    ax = fig.axes[0]
    assert bar_count(ax) == len(k[k["sign"] == "over"].head(2)) + len(k[k["sign"] == "under"].head(2))
    assert "甲" in ax.get_xlabel() and "其他" in ax.get_xlabel()


def test_keyness_each_one_panel_per_document():
    each = keyness_each(TOKS, n=2, min_count=1)
    fig = plot_keyness_each(each, labels=LABELS, ncols=3)
    titles = [ax.get_title() for ax in fig.axes if ax.axison]
    assert titles == [LABELS[t] for t in dict.fromkeys(each["target"])]


def test_shared_vocabulary_matrix_and_bars():
    sv = shared_vocabulary(TOKS, min_count=1)
    fig = plot_shared_vocabulary(sv, labels=LABELS)
    ax1, ax2 = fig.axes[:2]
    assert len(ax1.texts) == 9
    assert bar_count(ax2) > 0 and "unique to the document" in figure_texts(fig)


def test_theme_shares_heatmap_cells():
    ts = theme_shares(TOKS, dictionary={"科创": ["创新"], "生态": ["生态"]}, tokenize=lambda s: [s])
    fig = plot_theme_shares(ts, labels=LABELS)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["科创", "生态"]
    assert len(ax.texts) == 6
    assert "matches per 1,000 tokens" in figure_texts(fig)


def test_formulas_shows_the_recurring_ones():
    """"Which formulas recur": with a formula in two documents, single-document formulas are left out,
    and the title says how many of all formulas are shown."""
    f = extract_formulas({"a": "实施“1+5+22”计划和十四五规划。", "b": "推进十四五规划。"})
    fig = plot_formulas(f)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["十四五"]
    assert [t.get_text() for t in ax.texts] == ["1", "1"]
    assert ax.get_title(loc="left") == "mentions per document: 1 of 2 formulas occur in ≥ 2 documents"


def test_formulas_without_recurrence_shows_the_most_mentioned_capped():
    text = "".join(f"实施“{i}+{i + 1}”计划。" for i in range(1, 30))  # 29 formulas, one document
    f = extract_formulas({"a": text})
    fig = plot_formulas(f, max_rows=12)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 12
    assert ax.get_title(loc="left") == f"mentions per document: the 12 most mentioned of {f['formula'].nunique()} formulas"
    assert printed_size(fig)[1] < 4.5  # fits a page with its caption


def test_formulas_none_in_enough_documents_is_said_without_a_warning():
    import warnings

    f = extract_formulas({"a": "实施“1+5+22”计划。", "b": "推进十四五规划。"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_formulas(f, min_docs=2)
        printed_size(fig)
    assert "no formula occurs in 2 documents or more" in figure_texts(fig)


def test_similarity_has_a_height_axis_and_a_labelled_colour_bar():
    fig = plot_similarity(similarity(TOKS), labels=LABELS)
    dendro, heat, bar = fig.axes[:3]
    assert dendro.get_ylabel() == "distance" and len(dendro.get_yticklabels()) > 1
    assert bar.get_ylabel() == "similarity"
    assert plot_similarity(similarity(TOKS), measure="cosine (tf-idf)").axes[2].get_ylabel() == "cosine (tf-idf)"


def test_paper_figures_fit_one_and_two_columns():
    """Each figure at the width of one journal column (3.5 in) and of the page (7.2 in): the export is
    no wider, and no two tick labels overlap."""
    from kslib import figures

    long = {"a": "001 high-tech zone 2019", "b": "002 development zone 2022", "c": "003 city 2023"}
    ts = theme_shares(TOKS, dictionary={"科技创新": ["创新"], "城乡与生态": ["生态"], "产业升级": ["产业"]},
                      tokenize=lambda s: [s])
    for columns in (1, 2):
        for fig in (plot_similarity(similarity(TOKS), labels=long, columns=columns),
                    plot_keyness_each(keyness_each(TOKS, n=2, min_count=1), labels=long, columns=columns),
                    plot_shared_vocabulary(shared_vocabulary(TOKS, min_count=1), labels=long, columns=columns),
                    plot_theme_shares(ts, labels=long, columns=columns),
                    plot_keyness(keyness(TOKS, "a"), columns=columns)):
            width, _ = printed_size(fig)
            assert width <= figures.WIDTHS[columns] + 0.1, (fig.axes[0].get_title(), columns, width)
            for ax in fig.axes:
                assert overlapping_labels(ax.get_xticklabels()) == []
                assert overlapping_labels(ax.get_yticklabels()) == []


def test_years_timeline():
    corpus = corpus_of({"a": "2018年增长。2019年计划。", "b": "2020年。", "c": "无年份。"})
    fig = plot_years(corpus, years_mentioned(corpus))
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 3
    assert any("publication" in t for t in figure_texts(fig))


def test_comparison_figures_on_empty_input_say_so():
    empty_toks = make_tokens({})
    assert "similarity needs at least two documents" in figure_texts(
        plot_similarity(pd.DataFrame(np.ones((1, 1)), index=["a"], columns=["a"])))
    assert "no term in the keyness table" in figure_texts(plot_keyness(keyness(TOKS, "a").iloc[:0]))
    assert "no term passes the keyness threshold" in figure_texts(plot_keyness_each(keyness_each(TOKS, min_count=99)))
    assert "no documents to compare" in figure_texts(
        plot_shared_vocabulary(shared_vocabulary(TOKS, min_count=1).__class__(*(pd.DataFrame(columns=c) for c in (
            ["doc_a"], ["term"], ["doc_id"], ["doc_id", "terms", "shared_with_all", "unique"])))))
    assert "no theme matches to show" in figure_texts(plot_theme_shares(pd.DataFrame(columns=["doc_id", "theme", "per_1k"])))
    assert "no numbered formulas or slogans found" in figure_texts(plot_formulas(extract_formulas("没有公式。")))
    no_docs = corpus_of({"a": "", "b": "", "c": ""}).iloc[:0]
    assert "no documents" in figure_texts(plot_years(no_docs, years_mentioned(no_docs)))
    assert empty_toks.empty


def test_years_axis_includes_the_publication_year():
    """A document published long before the years the corpus mentions still has its mark on the axis."""
    corpus = corpus_of({"a": "2018年增长。", "b": "2020年。", "c": "无年份。"}).assign(
        date=["2019-01-02", "2020", "1985-09-18"], date_precision=["day", "year", "day"])
    fig = plot_years(corpus, years_mentioned(corpus))
    lo, hi = fig.axes[0].get_xlim()
    assert lo <= 1985 and hi >= 2021


def test_every_figure_on_empty_input_exports_without_a_warning(tmp_path):
    import warnings

    from kslib.figures import save_figure

    empty_tf = pd.DataFrame(columns=["doc_id", "term", "count", "per_1k"])
    from kslib.plots import terms, corpus as pc
    figs = [plot_formulas(extract_formulas("没有公式。")),
            plot_formulas(extract_formulas({"a": "实施“1+5+22”计划。", "b": "无。"}), min_docs=2),
            plot_keyness_each(keyness_each(TOKS, min_count=99)),
            plot_theme_shares(pd.DataFrame(columns=["doc_id", "theme", "per_1k"])),
            terms.wordclouds(empty_tf), terms.bar_top_terms_by_doc(empty_tf),
            terms.cooccurrence_network(pd.DataFrame(columns=["term1", "term2", "count"])),
            pc.plot_cleaning(pd.DataFrame(columns=["doc_id", "rule", "kind", "rows", "chars"]))]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for i, fig in enumerate(figs):
            save_figure(fig, f"empty{i}", caption="empty", out=tmp_path)
