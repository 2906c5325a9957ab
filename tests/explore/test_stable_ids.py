import copy
import uuid

from kslib.explore.notebook import STATE, VIEW, stable_widget_ids


def _nb(ids):
    """A notebook shaped like nbclient's output: two displayed boxes sharing nothing, each with a
    child and a layout, and one model no output reaches."""
    box1, child1, lay1, box2, lay2, stray = ids
    state = {
        box1: {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_{child1}"], "layout": f"IPY_MODEL_{lay1}"}},
        child1: {"model_name": "HTMLModel", "state": {"value": "a", "layout": f"IPY_MODEL_{lay1}"}},
        lay1: {"model_name": "LayoutModel", "state": {}},
        box2: {"model_name": "VBoxModel", "state": {"children": [], "layout": f"IPY_MODEL_{lay2}"}},
        lay2: {"model_name": "LayoutModel", "state": {"width": "1px"}},
        stray: {"model_name": "LayoutModel", "state": {"width": "2px"}},
    }
    cells = [{"cell_type": "code", "outputs": [{"output_type": "display_data",
                                                "data": {VIEW: {"model_id": m}, "text/plain": "x"}}]}
             for m in (box1, box2)]
    return {"cells": cells, "metadata": {"widgets": {STATE: {"state": state, "version_major": 2}}}}


def _random_ids():
    return [uuid.uuid4().hex for _ in range(6)]


def test_two_runs_with_random_ids_become_identical():
    a, b = stable_widget_ids(_nb(_random_ids())), stable_widget_ids(_nb(_random_ids()))
    assert a == b


def test_references_stay_consistent():
    nb = stable_widget_ids(_nb(_random_ids()))
    state = nb["metadata"]["widgets"][STATE]["state"]
    shown = [c["outputs"][0]["data"][VIEW]["model_id"] for c in nb["cells"]]
    assert all(m in state for m in shown)
    box1 = state[shown[0]]["state"]
    child = box1["children"][0].removeprefix("IPY_MODEL_")
    assert state[child]["state"]["value"] == "a"
    assert state[child]["state"]["layout"] == box1["layout"]  # a shared layout stays shared
    assert len(state) == 6 and {m["state"].get("width") for m in state.values()} >= {"1px", "2px"}


def test_different_content_keeps_different_notebooks():
    a = _nb(_random_ids())
    b = copy.deepcopy(a)
    first = next(iter(b["metadata"]["widgets"][STATE]["state"].values()))
    first["state"]["extra"] = 1
    assert stable_widget_ids(a) != stable_widget_ids(b)


def test_notebook_without_widgets_is_unchanged():
    nb = {"cells": [], "metadata": {}}
    assert stable_widget_ids(copy.deepcopy(nb)) == nb
