"""README's Python examples run on a copy of the seeds, and the results their comments state hold,
so the README cannot go stale: a renamed function, a changed column or value fails here."""
import ast
import re
import shutil
import warnings

import pandas as pd
import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [m.group(1) for m in re.finditer(r"```python\n(.*?)```", README, re.S)]
# a comment that starts with three or more column names: doc_id, term, count, per_1k
_COLUMNS = re.compile(r"[a-z_][a-z0-9_]*(?:, [a-z_][a-z0-9_]*){2,}")


def _comment(code: str, node: ast.stmt) -> str:
    line = code.splitlines()[node.end_lineno - 1]
    return line.split("#", 1)[1].strip() if "#" in line else ""


def _literal(comment: str):
    """The Python literal a comment starts with (['推进', …], 1010.0, (20000.0, 30000.0)), else None."""
    text = comment.split(" — ")[0].split(" (")[0].strip()
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None


def _columns(comment: str) -> list[str] | None:
    """The column list a comment starts with (up to two spaces or a parenthesis), else None."""
    head = re.split(r"\s{2,}|\s\(", comment)[0].strip()
    return head.split(", ") if _COLUMNS.fullmatch(head) else None


def test_readme_has_python_examples():
    assert len(BLOCKS) >= 5 and any("load_corpus" in b for b in BLOCKS)


def test_comment_parsers():
    assert _literal("1010.0 (also 1.87亿)") == 1010.0
    assert _literal("['推进', '建设'] — a plain list") == ["推进", "建设"]
    assert _literal("one row per document: metadata, raw, text") is None
    assert _columns("doc_id, term, count, per_1k          (by=None: term)") == ["doc_id", "term", "count", "per_1k"]
    assert _columns("doc_id, theme, matches, per_1k (kslib/data/themes.yaml)") == ["doc_id", "theme", "matches",
                                                                                  "per_1k"]
    assert _columns("every span cleaning removed or changed") is None


@pytest.fixture(scope="module")
def seeds_copy(tmp_path_factory):
    """The seeds in a temporary folder ("path/to/corpus" of the README): nothing is written beside them."""
    folder = tmp_path_factory.mktemp("readme") / "corpus"
    shutil.copytree(ROOT / "seeds", folder)
    return folder


def test_readme_examples_run_and_their_stated_results_hold(seeds_copy):
    """Every block in order in one namespace; a line `expression  # literal` must give that
    literal, `expression  # col1, col2, col3…` a DataFrame with exactly those columns, and kwic
    examples must find something."""
    ns: dict = {}
    checked = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for block in BLOCKS:
            code = block.replace('"path/to/corpus"', repr(str(seeds_copy)))
            tree = ast.parse(code)
            for node in tree.body:
                segment = ast.get_source_segment(code, node)
                comment = _comment(code, node)
                if isinstance(node, ast.Expr):
                    value = eval(compile(ast.Expression(node.value), "README", "eval"), ns)
                elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    exec(compile(ast.Module([node], []), "README", "exec"), ns)
                    value = ns[node.targets[0].id]
                else:
                    exec(compile(ast.Module([node], []), "README", "exec"), ns)
                    continue
                expected = _literal(comment)
                if expected is not None and not isinstance(expected, str):
                    assert value == expected, f"README says {segment} gives {expected!r}, got {value!r}"
                    checked.append(segment)
                columns = _columns(comment)
                if columns is not None and isinstance(value, pd.DataFrame):
                    assert list(value.columns) == columns, f"README says {segment} has columns {columns}, " \
                                                           f"got {list(value.columns)}"
                    checked.append(segment)
                if "kwic(" in segment and isinstance(value, pd.DataFrame):
                    assert len(value), f"README example {segment} finds nothing on the seeds"
                    checked.append(segment)
    assert ns["corpus"].attrs["folder"] == str(seeds_copy.resolve())  # the copy was read, not the repo's seeds
    assert len(checked) >= 10, checked
    # the README's examples wrote nothing into the corpus folder
    assert sorted(p.name for p in seeds_copy.iterdir()) == sorted(p.name for p in (ROOT / "seeds").iterdir())


def test_a_token_list_matches_whole_tokens_only():
    """Why README no longer shows ["昆山", "之路"]: 昆山之路 is one token; the string finds it."""
    import kslib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = kslib.load_corpus()
        tok = kslib.tokens(corpus)
    assert kslib.kwic(corpus, ["昆山", "之路"], tokens=tok).empty
    assert len(kslib.kwic(corpus, "昆山之路")) > 0
