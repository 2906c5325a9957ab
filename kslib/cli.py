"""Command line: run the workbench's analyses on any folder of texts.

    kslib report path/to/corpus --out outdir     # same notebooks, tables and figures
    kslib report path/to/corpus --out outdir --param N_TERMS=20   # a notebook parameter
    kslib tables path/to/corpus --out outdir     # the tidy tables only, no notebooks

Each run writes into a temporary folder beside --out and moves it into place when complete
(kslib.outputs): an interrupted run leaves the previous complete output. A problem with the
corpus is printed as one message naming the file, exit status 2 (--debug shows the traceback).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def _report(args) -> int:
    import nbformat
    from nbclient.exceptions import CellExecutionError

    from . import runner
    from .config import NOTEBOOKS
    from .corpus import load_corpus
    from .outputs import replacing

    corpus = Path(args.corpus).resolve()
    out = Path(args.out).resolve()
    # validate the folder first, so a bad file is reported before any notebook runs
    n_docs = len(load_corpus(corpus))
    notebooks = sorted(NOTEBOOKS.glob("*.ipynb"))
    if args.notebooks:
        notebooks = [n for n in notebooks if any(n.name.startswith(k) for k in args.notebooks)]
    params = dict(runner.parse_param(p) for p in args.param or [])
    defined = {n: set(runner.parameter_names(nbformat.read(n, as_version=4))) for n in notebooks}
    unknown = sorted(k for k in params if not any(k in names for names in defined.values()))
    if unknown:
        known = sorted(set().union(*defined.values()) - {"CORPUS", "OUT"})
        print(f"kslib: no notebook has the parameter {', '.join(unknown)} (parameters: {', '.join(known)})",
              file=sys.stderr)
        return 2
    for nb_path in list(notebooks):
        need = runner.min_docs(nb_path)
        if n_docs < need:
            print(f"skipped {nb_path.name}: it compares documents and needs at least {need}; {corpus.name} has {n_docs}")
            notebooks.remove(nb_path)
    with replacing(out) as folder:
        (folder / "notebooks").mkdir()
        (folder / "figures").mkdir()
        # the notebooks are told the final folder (OUT, shown in their injected cell); they write into
        # the staging folder through KSLIB_FIGURES, which wins over OUT
        env = {"KSLIB_FIGURES": str(folder / "figures")}
        for i, nb_path in enumerate(notebooks, 1):
            t0 = time.perf_counter()
            print(f"[{i}/{len(notebooks)}] {nb_path.name} on {corpus.name} ...", end=" ", flush=True)
            given = {"CORPUS": str(corpus), "OUT": str(out / "figures"),
                     **{k: v for k, v in params.items() if k in defined[nb_path]}}
            try:
                nb = runner.execute(nb_path, parameters=given, env=env)
            except CellExecutionError as e:
                print("FAILED")
                print(f"{nb_path.name}: a cell failed on {corpus}:\n{e}", file=sys.stderr)
                raise SystemExit(1) from None
            nbformat.write(nb, folder / "notebooks" / nb_path.name)
            print(f"ok ({time.perf_counter() - t0:.0f} s)")
        runner.write_index(folder / "figures")
    print(f"figures and tables: {out / 'figures'}; executed notebooks: {out / 'notebooks'}")
    return 0


def _tables(args) -> int:
    import kslib

    from .figures import save_table
    from .outputs import replacing

    out = Path(args.out)
    corpus = kslib.load_corpus(Path(args.corpus).resolve())
    with replacing(out) as folder:
        save_table(kslib.corpus_summary(corpus), "corpus_overview", caption="documents", out=folder)
        save_table(kslib.cleaning_log(corpus), "cleaning_log", caption="every removed or changed span", out=folder)
        toks = kslib.tokens(corpus)
        save_table(toks, "tokens", caption="one row per token", out=folder)
        save_table(kslib.term_frequencies(toks, by="doc"), "term_frequencies", caption="counts per document",
                   out=folder)
        save_table(kslib.extract_metrics(corpus), "metrics", caption="every quantity mention", out=folder)
    print(f"tables written to {out}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="kslib", description="Kunshan research workbench")
    ap.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", help="run every notebook on a corpus folder; tables, figures and notebooks to --out")
    r.add_argument("corpus", help="folder of documents (+ optional metadata.csv)")
    r.add_argument("--out", required=True, help="output folder (figures/ and notebooks/ inside)")
    r.add_argument("--notebooks", nargs="*", help="only notebooks starting with these prefixes, e.g. 00 01")
    r.add_argument("--param", action="append", metavar="KEY=VALUE",
                   help="set a notebook parameter (repeatable; VALUE is a Python literal or a string), e.g. "
                        "--param N_TERMS=20 --param \"KWIC_TERMS=['科创']\"; given to every notebook that has it")
    r.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    r.set_defaults(func=_report)
    t = sub.add_parser("tables", help="write the tidy tables (overview, cleaning log, tokens, frequencies, metrics)")
    t.add_argument("corpus")
    t.add_argument("--out", required=True)
    t.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    t.set_defaults(func=_tables)
    args = ap.parse_args(argv)
    from .corpus import CorpusError
    from .segment import DictionaryError

    try:
        return args.func(args)
    except (CorpusError, DictionaryError) as e:
        if args.debug:
            raise
        print(f"kslib: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"kslib: interrupted; {args.out} keeps its previous complete output", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
