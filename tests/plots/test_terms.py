"""Term charts: word clouds deterministic, inked and drawn in the CJK font."""

import matplotlib

matplotlib.use("Agg")  # tests only; the library never calls matplotlib.use()
import numpy as np  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

from kslib import figures  # noqa: E402
from kslib.plots.terms import wordcloud_image  # noqa: E402
from tests.helpers import FREQS, bar_count, figure_texts  # noqa: E402




def test_wordcloud_is_deterministic_and_inked():
    a = wordcloud_image(FREQS, random_state=0)
    b = wordcloud_image(FREQS, random_state=0)
    c = wordcloud_image(FREQS, random_state=1)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)
    assert (a.mean(axis=2) < 200).mean() > 0.02  # words drawn, not an empty canvas


def test_wordcloud_uses_the_cjk_font_not_boxes():
    """PIL with the project font draws different ink for 昆 and 崑; with a font
    lacking them it would draw the same .notdef box for both."""
    from PIL import Image, ImageDraw, ImageFont

    ft = ImageFont.truetype(figures.font_path(), 40)

    def ink(ch):
        im = Image.new("L", (60, 60), 255)
        ImageDraw.Draw(im).text((5, 5), ch, font=ft, fill=0)
        return np.asarray(im)

    absent = next(chr(c) for c in range(0xE000, 0xF8FF) if c not in TTFont(figures.font_path(), lazy=True).getBestCmap())
    assert not np.array_equal(ink("昆"), ink("崑"))
    assert not np.array_equal(ink("昆"), ink(absent))


def test_bar_top_terms_draws_the_n_largest_in_order():
    from kslib.plots.terms import bar_top_terms

    fig = bar_top_terms({"昆山": 9, "科创": 5, "发展": 5, "开放": 1}, n=3, title="top")
    ax = fig.axes[0]
    assert bar_count(ax) == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == ["昆山", "发展", "科创"]  # ties by term
    assert ax.get_xlabel() == "count" and ax.get_title(loc="left") == "top"


def test_bar_top_terms_by_doc_one_panel_per_document():
    from kslib.plots.terms import bar_top_terms_by_doc

    fig = bar_top_terms_by_doc(FREQS, n=2, ncols=2, labels={"a": "文档甲"})
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 2
    assert [ax.get_title(loc="left") for ax in visible] == ["文档甲", "b"]
    assert [bar_count(ax) for ax in visible] == [2, 2]


def test_wordclouds_one_panel_per_document():
    from kslib.plots.terms import wordclouds

    fig = wordclouds(FREQS, ncols=3, max_words=5, width=200, height=120)
    assert [ax.get_title() for ax in fig.axes if ax.get_visible()] == ["a", "b"]


def test_cooccurrence_network_nodes_and_labels():
    import pandas as pd

    from kslib.plots.terms import cooccurrence_network

    pairs = pd.DataFrame({"term1": ["昆山", "昆山", "科创"], "term2": ["科创", "发展", "发展"], "count": [5, 3, 1]})
    fig = cooccurrence_network(pairs, n=2)
    names = {t.get_text() for t in fig.axes[0].texts}
    assert names == {"昆山", "科创", "发展"}  # the two strongest edges join three terms


def test_term_figures_on_empty_input_say_so():
    import pandas as pd

    from kslib.plots.terms import bar_top_terms, bar_top_terms_by_doc, cooccurrence_network, wordcloud, wordclouds

    empty = pd.DataFrame(columns=["doc_id", "term", "count", "per_1k"])
    assert bar_count(bar_top_terms(empty).axes[0]) == 0
    assert "no terms to show" in figure_texts(bar_top_terms_by_doc(empty))
    assert "no terms to draw a word cloud from" in figure_texts(wordcloud(empty))
    assert "no terms to draw word clouds from" in figure_texts(wordclouds(empty))
    net = cooccurrence_network(pd.DataFrame(columns=["term1", "term2", "count"]))
    assert "no co-occurring terms" in figure_texts(net)


def test_bar_discovered_terms_shows_the_best_in_order_with_counts():
    import pandas as pd

    from kslib.plots.terms import bar_discovered_terms

    terms = pd.DataFrame({"term": ["全国一流现代化示范园区", "昆山富士康", "国家高新区", "智能装备"],
                          "n_tokens": [3, 2, 2, 5], "count": [7, 6, 3, 4], "score": [11.9, 7.2, 2.4, 2.0]})
    fig = bar_discovered_terms(terms, n=3, title="terms")
    ax = fig.axes[0]
    assert bar_count(ax) == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == ["全国一流现代化示范园区", "昆山富士康", "国家高新区"]
    texts = figure_texts(fig)
    assert {" 7", " 6", " 3"} <= set(texts) and " 4" not in texts
    assert {"2 tokens", "3 tokens"} <= set(texts) and "4+ tokens" not in texts
    fig = bar_discovered_terms(terms)  # 5 tokens counts as 4+
    assert "4+ tokens" in figure_texts(fig)


def test_bar_discovered_terms_empty():
    import pandas as pd

    from kslib.plots.terms import bar_discovered_terms

    fig = bar_discovered_terms(pd.DataFrame(columns=["term", "n_tokens", "count", "score"]))
    assert "no terms discovered" in figure_texts(fig)


def test_word_clouds_are_sized_for_print_with_no_unreadable_word():
    """The corpus cloud spans the page (7.2 in) and no word is drawn below MIN_WORD_PT points at that
    size; in small multiples each canvas is sized for its own printed width."""
    from kslib.plots import terms

    many = {f"词{i:03d}": 1000 / (i + 1) for i in range(300)}
    fig = terms.wordcloud(many, max_words=300)
    assert fig.get_size_inches()[0] == 7.2
    img = fig.axes[0].images[0].get_array()
    px_per_in = img.shape[1] / 7.2
    cloud = terms._cloud_pixels(7.2, 0.55, {})
    assert cloud["min_font_size"] / px_per_in * 72 >= terms.MIN_WORD_PT - 0.3
    one = terms.wordclouds(FREQS, ncols=2, columns=1)
    assert one.get_size_inches()[0] == 3.5


def test_small_multiples_fit_one_column():
    from kslib import figures
    from kslib.plots.terms import bar_top_terms_by_doc
    from tests.helpers import overlapping_labels, printed_size

    fig = bar_top_terms_by_doc(FREQS, n=3, columns=1, labels={"a": "001 高新区 2019", "b": "002 城市 2022"})
    assert printed_size(fig)[0] <= figures.WIDTHS[1] + 0.1
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 2
    for ax in fig.axes:
        assert overlapping_labels(ax.get_yticklabels()) == []


def test_term_figures_in_chinese_and_english():
    from kslib import figures
    from kslib.plots.terms import bar_top_terms

    assert bar_top_terms(FREQS).axes[0].get_xlabel() == "count"
    figures.use_paper_style(language="zh")
    fig = bar_top_terms(FREQS)
    assert fig.axes[0].get_xlabel() == "频次"
    assert "昆山" in figure_texts(fig)  # terms stay as written
