"""Execute every notebook in notebooks/ headless, in order (`make figures`).

By default executed copies go to build/notebooks and notebooks/ stay untouched;
--inplace rewrites notebooks/ with fresh outputs (`make notebooks`). A failing cell
stops the run with the notebook and cell named. Afterwards figures/README.md lists
every exported figure and table with its caption and notebook.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

from .config import NOTEBOOKS, REPO as ROOT, figures_dir
from .figures import write_index  # figures/README.md from captions.csv (home: kslib.figures)
from .outputs import replacing


PARAMETERS_TAG = "parameters"            # papermill's convention: the cell holding the defaults
INJECTED_TAG = "injected-parameters"     # the cell the runner inserts after it
SEED_TAG = "seed-commentary"             # a cell true only of the seeds: dropped for any other corpus


def parameter_cell(nb) -> int:
    """Index of the notebook's parameter cell: the first code cell tagged `parameters`
    (papermill's convention; a "# Parameters" comment alone is not enough)."""
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and PARAMETERS_TAG in c.get("metadata", {}).get("tags", []):
            return i
    raise ValueError("notebook has no parameter cell (a code cell tagged 'parameters') to override")


def parameter_names(nb) -> list[str]:
    """The names the parameter cell assigns (top-level `NAME = ...`), in order."""
    import ast

    tree = ast.parse(nb.cells[parameter_cell(nb)].source)
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id not in names]
    return names


def inject_parameters(nb, parameters: dict) -> None:
    """Insert a cell tagged `injected-parameters` setting `parameters` right after the parameter
    cell, replacing one injected before, as papermill does. Values are written as Python literals."""
    import nbformat

    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    idx = parameter_cell(nb)
    src = "# Injected parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(src, metadata={"tags": [INJECTED_TAG]})
    cell["id"] = "injected-parameters"
    nb.cells.insert(idx + 1, cell)


def drop_seed_commentary(nb) -> int:
    """Remove the cells tagged `seed-commentary` (prose true only of the seeds); returns how many."""
    before = len(nb.cells)
    nb.cells = [c for c in nb.cells if SEED_TAG not in c.get("metadata", {}).get("tags", [])]
    return before - len(nb.cells)


def parse_param(text: str) -> tuple[str, object]:
    """'KEY=VALUE' -> (KEY, value): VALUE read as a Python literal (20, None, ['科创', '昆山之路'],
    {'subject': 'port'}), else kept as the string."""
    import ast

    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key.isidentifier():
        raise ValueError(f"--param {text!r}: give KEY=VALUE, e.g. N_TERMS=20 or KWIC_TERMS=\"['科创']\"")
    try:
        return key, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return key, value


def min_docs(path: Path) -> int:
    """The fewest documents a notebook can work on (notebook metadata kslib.min_docs, default 1)."""
    import nbformat

    return int(nbformat.read(path, as_version=4).metadata.get("kslib", {}).get("min_docs", 1))


def execute(path: Path, *, timeout: int = 1200, parameters: dict | None = None, env: dict | None = None,
            seeds: bool | None = None):
    """Run one notebook in a fresh kernel of this environment; return it executed.

    `parameters` are injected after the parameter cell (a cell tagged `injected-parameters`). Cells tagged `seed-commentary` are dropped unless the run is on the seeds (`seeds`:
    default, whether the CORPUS parameter names the seeds)."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    from .config import is_seeds

    nb = nbformat.read(path, as_version=4)
    parameters = dict(parameters or {})
    if seeds is None:
        seeds = is_seeds(parameters.get("CORPUS"))
    if not seeds:
        drop_seed_commentary(nb)
    if parameters:
        inject_parameters(nb, parameters)
    os.environ["KSLIB_NOTEBOOK"] = path.name  # inherited by the kernel: figures record their notebook
    os.environ.update(env or {})
    with tempfile.TemporaryDirectory(prefix="kslib-kernel-") as sockets:
        # IPC (Unix sockets) at an absolute path: a local kernel needs no TCP port, and
        # ipykernel's warning about unencrypted TCP stays out of the output
        km = (KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "k"))
              if os.name == "posix" else None)
        client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        finally:
            if km is not None and km.has_kernel:
                km.shutdown_kernel(now=True)
    from .explore.notebook import stable_widget_ids

    return stable_widget_ids(nb)  # widget model ids are random uuids: renumbered, re-runs rewrite nothing




COMPARED = (".csv", ".svg", ".png", ".pdf")
NOT_COMPARED = {"captions.csv"}  # its notebook column depends on how the notebooks were run


def is_export(path: Path) -> bool:
    """A file a notebook run writes into a figures folder (figures, tables, captions, index)."""
    return path.suffix in COMPARED or path.name in ("captions.csv", "README.md")


def _png_close(a: Path, b: Path, tol: float = 1.0) -> bool:
    """PNGs with the same size whose pixels differ by an RMS of at most `tol` (0-255)."""
    import numpy as np
    from PIL import Image

    x = np.asarray(Image.open(a).convert("RGBA"), dtype=float)
    y = np.asarray(Image.open(b).convert("RGBA"), dtype=float)
    return x.shape == y.shape and float(np.sqrt(((x - y) ** 2).mean())) <= tol


def compare_figures(fresh: Path, committed: Path) -> list[str]:
    """Differences between freshly exported figures/tables and the committed ones:
    CSV, SVG and PDF must be byte-identical, PNG pixel-identical up to a small RMS."""
    def files(d):
        return {p.name: p for p in Path(d).iterdir() if p.suffix in COMPARED and p.name not in NOT_COMPARED}

    new, old = files(fresh), files(committed)
    diffs = [f"{n}: committed but not produced" for n in sorted(old.keys() - new.keys())]
    diffs += [f"{n}: produced but not committed" for n in sorted(new.keys() - old.keys())]
    for n in sorted(new.keys() & old.keys()):
        a, b = new[n].read_bytes(), old[n].read_bytes()
        if a != b and not (n.endswith(".png") and _png_close(new[n], old[n])):
            diffs.append(f"{n}: differs from the committed file")
    return diffs


def _short(p: Path) -> Path:
    return p.relative_to(ROOT) if p.is_relative_to(ROOT) else p


def main(argv=None) -> int:
    import nbformat
    from nbclient.exceptions import CellExecutionError

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--inplace", action="store_true", help="rewrite notebooks/ with fresh outputs")
    g.add_argument("--out", default="build/notebooks", help="folder for executed copies")
    ap.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*.ipynb)")
    args = ap.parse_args(argv)

    paths = [Path(p) for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    out = None if args.inplace else (ROOT / args.out)
    figures = figures_dir()
    # A full run replaces figures/ as a whole run: it writes into a temporary folder and moves the
    # exports into place only when every notebook succeeded (no stale export of a removed figure
    # survives, and an interrupted run leaves the previous complete figures). A run of some
    # notebooks updates their exports in place.
    target = replacing(figures, owned=is_export) if not args.notebooks else contextlib.nullcontext(figures)
    executed = []
    with target as folder:
        for i, path in enumerate(paths, 1):
            t0 = time.perf_counter()
            print(f"[{i}/{len(paths)}] {path.name} ...", end=" ", flush=True)
            try:
                nb = execute(path, env={"KSLIB_FIGURES": str(folder)})
            except CellExecutionError as e:
                print("FAILED")
                print(f"{path}: a cell failed:\n{e}", file=sys.stderr)
                raise SystemExit(1) from None
            executed.append((path, nb))
            print(f"ok ({time.perf_counter() - t0:.0f} s)")
        write_index(folder)
    for path, nb in executed:
        dest = path if out is None else out / path.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, dest)
    print(f"notebooks: {_short(out) if out is not None else 'notebooks/ (in place)'}; "
          f"figures and index: {_short(figures / 'README.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
