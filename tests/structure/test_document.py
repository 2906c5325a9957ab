"""kslib.structure.document: unit and scope lookup; the package's boundary."""
from __future__ import annotations

import ast
import random

import pandas as pd

from kslib import structure as S
from tests.conftest import ROOT
from tests.structure.texts import NESTED, REPORT


def test_unit_at_agrees_with_a_linear_search():
    st = S.structure(REPORT * 3, date="2026-01-20")
    rng = random.Random(7)
    frames = {"clause": st.clauses, "sentence": st.sentences, "paragraph": st.paragraphs}
    for pos in [rng.randrange(len(st.text)) for _ in range(300)]:
        got = st.unit_at(pos)
        for name, df in frames.items():
            hits = df.index[(df["start"] <= pos) & (pos < df["end"])].tolist()
            assert getattr(got, name) == (hits[0] if hits else -1)
        secs = st.sections
        cover = secs[(secs["start"] <= pos) & (pos < secs["end"])]
        inner = cover["section"].max() if len(cover) else -1  # the innermost starts last
        assert got.section == inner
    vec = st.units_at([5, 50, 500])
    assert list(vec.iloc[1]) == list(st.unit_at(50))


def test_scope_and_path_at_a_position():
    st = S.structure(REPORT, date="2026-01-20")
    pos = REPORT.index("安排重大项目200个")
    sc = st.scope_at(pos)
    assert (sc.kind, sc.year) == ("plan", 2026)
    titles = [st.sections.iloc[s]["title"] for s in st.section_path(pos)]
    assert titles == ["政府工作报告", "2026年重点工作", "扩大有效投资"]
    assert st.scope_at(REPORT.index("累计投资3000亿元")).kind == "review"
    assert st.scope_at(REPORT.index("各位代表")).kind is None


def test_paragraph_rows_know_their_heading_and_section():
    st = S.structure(NESTED)
    p = st.paragraphs
    assert p["is_heading"].sum() == len(st.sections)
    row = p[p["start"] == NESTED.index("推动制造业高端化")].iloc[0]
    assert st.sections.iloc[row["section"]]["title"] == "产业升级"


def test_structure_depends_only_on_config_and_data_within_kslib():
    mods = set()
    files = sorted((ROOT / "kslib" / "structure").glob("*.py"))
    assert {f.name for f in files} >= {"__init__.py", "rules.py", "time.py", "units.py", "sections.py", "document.py"}
    for f in files:
        source = f.read_text(encoding="utf-8")
        assert source.count("\n") <= 600, f.name          # no module over ~600 lines
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module:
                mods.add("kslib.structure." + node.module if node.level else node.module)
            elif isinstance(node, ast.Import):
                mods.update(a.name for a in node.names)
    inner = {m for m in mods if m.startswith("kslib")}
    assert inner <= {"kslib.config", "kslib.data"} | {f"kslib.structure.{f.stem}" for f in files}


def test_columns_and_section_rows_agree_with_the_frames():
    # attribution reads the arrays and rows; users read the frames: they must be one table
    years = []
    for text in (REPORT * 2, NESTED, "", "单独一行"):
        st = S.structure(text, date="2026-01-20")
        for unit, frame in (("paragraph", st.paragraphs), ("sentence", st.sentences), ("clause", st.clauses)):
            assert list(frame.columns) == [unit, *S.document.UNIT_COLUMNS[unit]]
            for c in S.document.UNIT_COLUMNS[unit]:
                assert frame[c].tolist() == st.column(unit, c).tolist()
        secs = st.sections
        assert len(secs) == len(st.section_rows)
        years += [r["year"] for r in st.section_rows]
        for row, rec in zip(st.section_rows, secs.to_dict("records")):
            assert list(row) == list(secs.columns)
            assert row["year"] is None or isinstance(row["year"], int)
            for k, v in row.items():
                assert (v is None and rec[k] is None or (k == "year" and v is None and rec[k] is pd.NA)
                        or v == rec[k]), k
    assert None in years and any(isinstance(y, int) for y in years)  # both cases were compared
