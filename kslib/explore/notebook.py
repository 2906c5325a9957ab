"""Widget state in executed notebooks: model ids renumbered deterministically, so re-running
an unchanged notebook rewrites it byte for byte (ipywidgets' ids are random uuids)."""
from __future__ import annotations

import hashlib
import json
import re

__all__ = ["STATE", "VIEW", "stable_widget_ids"]

STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"
_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")


def _new_id(i: int) -> str:
    return hashlib.sha1(f"kslib-widget-{i}".encode()).hexdigest()[:32]


def stable_widget_ids(nb) -> dict:
    """Give every widget model of an executed notebook (nbformat dict, changed in place and
    returned) an id that depends only on its place: models are numbered in the order the displayed
    outputs reach them (each output, then the models its state refers to, depth first), models no
    output reaches last in the order of their content. Outputs and references follow. A notebook
    without widget state is returned unchanged."""
    widgets = nb.get("metadata", {}).get("widgets", {}).get(STATE)
    if not widgets or not widgets.get("state"):
        return nb
    state = widgets["state"]
    order: list[str] = []
    seen: set[str] = set()

    def visit(mid: str) -> None:
        stack = [mid]
        while stack:
            m = stack.pop()
            if m in seen or m not in state:
                continue
            seen.add(m)
            order.append(m)
            refs = _REF.findall(json.dumps(state[m], sort_keys=True, ensure_ascii=False))
            stack.extend(reversed(refs))

    outputs = [o for c in nb.get("cells", []) if c.get("cell_type") == "code" for o in c.get("outputs", [])]
    for o in outputs:
        view = o.get("data", {}).get(VIEW)
        if view:
            visit(view["model_id"])

    def content_key(m: str) -> str:
        return _REF.sub("IPY_MODEL_", json.dumps(state[m], sort_keys=True, ensure_ascii=False))

    for m in sorted((m for m in state if m not in seen), key=lambda m: (content_key(m), m)):
        visit(m)
    new = {old: _new_id(i) for i, old in enumerate(order)}

    def rename(obj):
        if isinstance(obj, str):
            return _REF.sub(lambda mo: "IPY_MODEL_" + new.get(mo.group(1), mo.group(1)), obj)
        if isinstance(obj, list):
            return [rename(x) for x in obj]
        if isinstance(obj, dict):
            return {k: rename(v) for k, v in obj.items()}
        return obj

    widgets["state"] = {new[m]: rename(state[m]) for m in order}
    for o in outputs:
        view = o.get("data", {}).get(VIEW)
        if view and view["model_id"] in new:
            view["model_id"] = new[view["model_id"]]
    return nb
