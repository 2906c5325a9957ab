"""The committed 04_explore.ipynb: the parameters convention of the themed notebooks, and widget
state stored for every view it displays, so a reader sees them rendered without running it."""
import json
import re

import pytest

from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "04_explore.ipynb"
STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def nb():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_first_code_cell_holds_the_parameters(nb):
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    src = "".join(first["source"])
    assert "parameters" in first["metadata"].get("tags", [])
    assert src.startswith("# Parameters") and re.search(r"^CORPUS = None\b", src, re.M)
    # nothing but assignments and comments: every choice is a parameter, nothing is computed there
    for line in src.splitlines():
        assert not line.strip() or line.startswith("#") or re.match(r"[A-Z_]+ = ", line), line


def test_every_displayed_widget_is_in_the_saved_state(nb):
    state = nb["metadata"]["widgets"][STATE]["state"]
    shown = [o["data"][VIEW]["model_id"] for c in nb["cells"] if c["cell_type"] == "code"
             for o in c.get("outputs", []) if VIEW in o.get("data", {})]
    assert len(shown) == 4  # concordance, document viewer, metrics, terms
    todo, seen = list(shown), set()
    while todo:  # every model a displayed view refers to (children, layouts, styles) is stored
        mid = todo.pop()
        if mid in seen:
            continue
        seen.add(mid)
        assert mid in state, f"model {mid} is displayed or referenced but not saved"
        todo += re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(state[mid]["state"]))


def test_saved_views_need_no_network(nb):
    state = nb["metadata"]["widgets"][STATE]["state"]
    anys = [m["state"] for m in state.values() if m["model_name"] == "AnyModel"]
    assert anys and all(m["_esm"].lstrip().startswith("function render") for m in anys)
    for m in anys:  # the front-end code and style are inline: no URL to load anything from
        assert not re.search(r"https?://|import\s*\(|@import|url\(", m["_esm"] + m["_css"])
