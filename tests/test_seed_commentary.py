"""The seed commentary of the committed notebooks states only numbers their outputs show: a cell tagged
`seed-commentary` is prose written by hand about the seeds, and goes stale when the code changes (it once
said 63 targets after the code found 61). Every number in it must appear in an output of the notebook, as
printed or as the rounded form prose uses (0.624 → 62 %, 0.926 → 0.93); a number quoted from a document is
written in backticks and is not checked. (A number that stays true by coincidence elsewhere in the outputs
passes: the check catches most stale prose, not all.)"""
import json
import re

import pytest

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[0-3]_*.ipynb"))  # 04 (explorers) has no commentary
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")


def _outputs(cell) -> str:
    parts = []
    for o in cell.get("outputs", []):
        if "text" in o:
            parts.append("".join(o["text"]))
        parts += ["".join(v) for k, v in o.get("data", {}).items() if k.startswith("text/")]
    return "\n".join(parts)


def _forms(text: str) -> set[str]:
    """Every number in the outputs as printed, without thousands separators, and rounded as prose rounds."""
    out = set()
    for n in NUMBER.findall(text):
        plain = n.replace(",", "")
        out |= {n, plain}
        try:
            x = float(plain)
        except ValueError:
            continue
        out |= {f"{x:.2f}", f"{x:.1f}", str(round(x))}
        if x <= 1:
            out |= {str(round(100 * x)), f"{100 * x:.1f}"}
    return out


def _commentary(nb) -> tuple[list[tuple[int, str]], str]:
    """(cell index, text) of every seed-commentary cell, and all code outputs of the notebook."""
    cells = [(i, "".join(c["source"])) for i, c in enumerate(nb["cells"])
             if c["cell_type"] == "markdown" and "seed-commentary" in c.get("metadata", {}).get("tags", [])]
    return cells, "\n".join(_outputs(c) for c in nb["cells"] if c["cell_type"] == "code")


def test_forms():
    assert {"0.624", "62", "0.62", "62.4"} <= _forms("indicator_exact 0.624")
    assert {"1,352", "1352"} <= _forms("1,352 万人")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_seed_commentary_numbers_are_in_the_outputs(path):
    nb = json.loads(path.read_text("utf-8"))
    cells, outputs = _commentary(nb)
    assert cells, f"{path.name}: no seed-commentary cell"
    forms = _forms(outputs)
    stale = []
    for i, text in cells:
        prose = re.sub(r"`[^`]*`", "", text)
        stale += [(i, n) for n in NUMBER.findall(prose) if n not in forms and n.replace(",", "") not in forms]
    assert not stale, f"{path.name}: numbers in seed commentary that no output of the notebook shows: {stale}"
