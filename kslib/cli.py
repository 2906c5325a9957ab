"""Command line: run the workbench's analyses on any folder of texts.

    kslib report path/to/corpus --out outdir     # same notebooks, tables and figures
    kslib tables path/to/corpus --out outdir     # the tidy tables only, no notebooks
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _report(args) -> int:
    from nbclient.exceptions import CellExecutionError

    from . import runner
    from .config import NOTEBOOKS

    corpus = Path(args.corpus).resolve()
    out = Path(args.out).resolve()
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    # validate the folder first, so a bad file is reported before any notebook runs
    from .corpus import load_corpus

    n_docs = len(load_corpus(corpus))
    notebooks = sorted(NOTEBOOKS.glob("*.ipynb"))
    if args.notebooks:
        notebooks = [n for n in notebooks if any(n.name.startswith(k) for k in args.notebooks)]
    for nb_path in list(notebooks):
        need = runner.min_docs(nb_path)
        if n_docs < need:
            print(f"skipped {nb_path.name}: it compares documents and needs at least {need}; {corpus.name} has {n_docs}")
            notebooks.remove(nb_path)
    env = {"KSLIB_FIGURES": str(out / "figures")}
    os.environ.update(env)
    for i, nb_path in enumerate(notebooks, 1):
        t0 = time.perf_counter()
        print(f"[{i}/{len(notebooks)}] {nb_path.name} on {corpus.name} ...", end=" ", flush=True)
        try:
            nb = runner.execute(nb_path, parameters={"CORPUS": str(corpus)}, env=env)
        except CellExecutionError as e:
            print("FAILED")
            print(f"{nb_path.name}: a cell failed on {corpus}:\n{e}", file=sys.stderr)
            return 1
        import nbformat

        nbformat.write(nb, out / "notebooks" / nb_path.name)
        print(f"ok ({time.perf_counter() - t0:.0f} s)")
    runner.write_index(out / "figures")
    print(f"figures and tables: {out / 'figures'}; executed notebooks: {out / 'notebooks'}")
    return 0


def _tables(args) -> int:
    import kslib

    from .figures import save_table

    out = Path(args.out)
    corpus = kslib.load_corpus(args.corpus)
    save_table(kslib.corpus_summary(corpus), "corpus_overview", "documents", out=out)
    save_table(kslib.cleaning_log(corpus), "cleaning_log", "every removed or changed span", out=out)
    for name in ("tokens", "term_frequencies", "extract_metrics"):
        if not hasattr(kslib, name):
            print(f"{name}: not available in this version", file=sys.stderr)
    if hasattr(kslib, "tokens"):
        toks = kslib.tokens(corpus)
        save_table(toks, "tokens", "one row per token", out=out)
        if hasattr(kslib, "term_frequencies"):
            save_table(kslib.term_frequencies(toks, by="doc"), "term_frequencies", "counts per document", out=out)
    if hasattr(kslib, "extract_metrics"):
        save_table(kslib.extract_metrics(corpus), "metrics", "every quantity mention", out=out)
    print(f"tables written to {out}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="kslib", description="Kunshan research workbench")
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", help="run every notebook on a corpus folder; tables, figures and notebooks to --out")
    r.add_argument("corpus", help="folder of .txt/.md files (+ optional metadata.csv)")
    r.add_argument("--out", required=True, help="output folder (figures/ and notebooks/ inside)")
    r.add_argument("--notebooks", nargs="*", help="only notebooks starting with these prefixes, e.g. 00 01")
    r.set_defaults(func=_report)
    t = sub.add_parser("tables", help="write the tidy tables (overview, cleaning log, tokens, frequencies, metrics)")
    t.add_argument("corpus")
    t.add_argument("--out", required=True)
    t.set_defaults(func=_tables)
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
