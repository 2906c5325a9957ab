"""Corpora for the explorer tests: a small synthetic one written for the phenomena the views
must show (Traditional characters, markup-like text, a repeated paragraph, a value twice in a
sentence), the seeds, and three real documents of the development corpus."""
import pytest

from tests.conftest import FIXTURES

SYNTHETIC = {
    # a Markdown heading (removed "# "), a Traditional 崑 (changed to 昆), text that looks like HTML
    # but is not markup (a real <b> tag would be removed as markup, issue 12),
    # the same percentage twice in one sentence, and a paragraph repeated verbatim (removed)
    "a.txt": "# 测试标题\n\n2021年全市地区生产总值增长5%，其中农业增长5%。\n\n崑山的<科创>&产业发展很快。\n\n"
             "重复的段落在这里。\n\n科创之城建设加快推进。\n\n重复的段落在这里。\n",
    "b.txt": "另一篇文章讲科创。\n\n2020年工业总产值达到100亿元。\n",
    "c.txt": "第三篇没有那个词。\n",
}


@pytest.fixture(scope="session")
def syn(tmp_path_factory):
    import kslib

    folder = tmp_path_factory.mktemp("syn")
    for name, text in SYNTHETIC.items():
        (folder / name).write_text(text, encoding="utf-8")
    return kslib.load_corpus(folder)


@pytest.fixture(scope="session")
def syn_tok(syn):
    import kslib

    return kslib.tokens(syn, cache=False)


@pytest.fixture(scope="session")
def seed_tok(corpus):
    import kslib

    return kslib.tokens(corpus)


@pytest.fixture(scope="session")
def dev():
    import kslib

    return kslib.load_corpus(FIXTURES / "explore_dev" / "docs")
