"""Benchmark every pipeline stage against the plain code a user would write.

    python bench/run.py                       # 50 MB corpus (built if missing), all stages
    python bench/run.py --mb 5 --stages load,segment
    python bench/run.py --corpus DIR --skip-build --markdown out.md

Each measurement runs in a fresh Python subprocess (`run.py --worker NAME`), so imports,
dictionary loads and caches of one stage never help another. Reported per stage:
  seconds   wall time of the measured call only (reading the stage's input from the
            work folder is not timed; the process start and imports are not timed);
  MB/s      input MB / seconds. Input = UTF-8 bytes of the raw files for loading,
            of the normalised `text` for every later stage (the text that is segmented);
  x base    MB/s divided by the baseline's MB/s of the same stage;
  cpu s     CPU seconds (user + system) of the stage process during the measured call,
            plus its children reaped during it (pool workers; not Dask's workers). The
            machine may be shared: when wall >> cpu for a 1-process stage, others were
            running; the table notes the load average at the start of such stages;
  RSS       peak resident memory of the stage process during the measured call (Linux
            VmHWM, reset just before the call): includes the interpreter, imports and the
            input already in memory (e.g. the loaded corpus), not the post-processing the
            benchmark does afterwards (agreement digests). The JSON also has the whole-life
            peak (os.wait4 rusage) and the RSS before the call;
  tree RSS  peak of the sum of RSS over the process and all its children (pool and
            Dask workers) during the call, sampled every 0.1 s with psutil: counts pages
            shared after fork once per process, so it overstates; "-" when no sample fell
            inside the call (short stages) or psutil is missing;
  RSS/corpus  max(RSS, tree RSS) / corpus MB (raw files): the conservative multiple;
  check     segmentation: share of lines (non-empty lines of `text`) whose tokens
            (whitespace-only tokens dropped) equal the single-process jieba.lcut
            baseline's; Dask and the Parquet stages: equality with the local kslib.tokens result.
A stage whose kslib function is not available prints "not available" instead of numbers.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

STAGES = {
    "load": ["load.baseline", "load.kslib"],
    "segment": ["seg.jieba", "seg.kslib_cold", "seg.kslib_warm", "seg.kslib_parquet", "seg.kslib_parquet_first"],
    "candidates": ["seg.jieba_pool", "seg.jieba_next", "seg.jieba_fast_dat", "seg.rjieba", "seg.hybrid"],
    "dask": ["seg.kslib_dask"],
    "count": ["count.baseline", "count.kslib", "count.kslib_doc"],
    "compare": ["compare.baseline", "compare.similarity", "compare.keyness"],
    "metrics": ["metrics.baseline", "metrics.kslib", "metrics.kslib_serial"],
    "terms": ["terms.baseline", "terms.kslib", "terms.kslib_all", "terms.join", "terms.join_warm"],
}
ALL_STAGES = ",".join(STAGES)
BASELINE_OF = {"load": "load.baseline", "seg": "seg.jieba", "count": "count.baseline",
               "metrics": "metrics.baseline", "terms": "terms.baseline", "compare": "compare.baseline"}
LABELS = {
    "load.baseline": "baseline: open().read() + OpenCC t2s line by line",
    "load.kslib": "kslib.load_corpus (normalise + audit log)",
    "seg.jieba": "baseline: global jieba.lcut line by line, 1 process",
    "seg.kslib_cold": "kslib.tokens, cold cache",
    "seg.kslib_warm": "kslib.tokens, warm cache",
    "seg.kslib_parquet": "kslib.tokens of the corpus read from Parquet, cold cache, line maps kept",
    "seg.kslib_parquet_first": "kslib.tokens of the corpus read from Parquet, nothing cached",
    "seg.kslib_dask": "kslib.tokens(engine='dask'), LocalCluster 2 workers",
    "seg.jieba_pool": "jieba private Tokenizer, process pool",
    "seg.jieba_next": "jieba_next.lcut, 1 process",
    "seg.jieba_fast_dat": "jieba_fast_dat.lcut, 1 process",
    "seg.rjieba": "rjieba.cut, 1 process",
    "seg.hybrid": "rjieba on safe lines, jieba_next on the rest (proposal)",
    "count.baseline": "baseline: pd.Series(tokens).value_counts()",
    "count.kslib": "kslib.term_frequencies(tokens, by=None)",
    "count.kslib_doc": "kslib.term_frequencies(tokens, by='doc')",
    "compare.baseline": "baseline: sklearn TfidfVectorizer on token lists + cosine_similarity",
    "compare.similarity": "kslib.similarity(tokens) (TF-IDF cosine, doc x doc frame)",
    "compare.keyness": "kslib.keyness(tokens, first document) (G2 vs the rest)",
    "metrics.baseline": "baseline: re.findall(r'\\d+(?:\\.\\d+)?%?') per doc",
    "metrics.kslib": "kslib.extract_metrics(corpus) (a process per core)",
    "metrics.kslib_serial": "kslib.extract_metrics(corpus, workers=1)",
    "terms.baseline": "baseline: Counter of 2-6-token n-grams per clause (counts only)",
    "terms.kslib": "kslib.discover_terms(tokens)",
    "terms.kslib_all": "kslib.discover_terms(tokens, dedupe=False)",
    "terms.join": "kslib.tokens(corpus, compounds=terms), base tokens cached",
    "terms.join_warm": "kslib.tokens(corpus, compounds=terms), warm",
}
NUMBER_RE = r"\d+(?:\.\d+)?%?"


class NotAvailable(Exception):
    """The kslib function this stage measures is not there (yet)."""


# --------------------------------------------------------------------------- helpers
def lines_of(text: str) -> list[str]:
    """The non-empty lines of a normalised text (= kslib.tokens' paragraphs)."""
    return [ln for ln in text.split("\n") if ln.strip()]


def digest(tokens) -> int:
    """64-bit digest of a token list, whitespace-only tokens dropped."""
    s = "\x1f".join(t for t in tokens if t.strip())
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


def user_dictionary() -> str | None:
    """The domain user dictionary kslib's segmenter uses (same file for every candidate)."""
    try:
        from kslib import segment
    except ImportError:
        segment = None
    for name in ("USER_DICT", "USERDICT", "user_dict_path", "userdict_path", "user_dictionary"):
        v = getattr(segment, name, None) if segment else None
        if callable(v):
            v = v()
        if v and Path(str(v)).is_file():
            return str(v)
    data = ROOT / "kslib" / "data"
    for p in sorted(data.glob("*.txt")):
        if "dict" in p.name.lower():
            return str(p)
    return None


def _userdict_words(path: str | None):
    if not path:
        return []
    out = []
    for line in Path(path).read_text("utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            out.append((parts[0], freq))
    return out


# --------------------------------------------------------------------------- workers
class Ctx:
    def __init__(self, cfg: dict):
        self.cfg = cfg
        self.corpus_dir = Path(cfg["corpus"])
        self.work = Path(cfg["work"])
        self.userdict = cfg.get("userdict")
        self.workers = cfg.get("workers", 2)

    def corpus(self):
        import pandas as pd

        p = self.work / "corpus.parquet"
        if not p.exists() or p.stat().st_mtime < (self.corpus_dir / "metadata.csv").stat().st_mtime:
            raise NotAvailable("needs a corpus.parquet from the load stage newer than the corpus "
                               "(run --stages load first)")
        return pd.read_parquet(p)

    def text_lines(self):
        c = self.corpus()
        docs = [(d, lines_of(t)) for d, t in zip(c["doc_id"], c["text"])]
        mb = sum(len(t.encode("utf-8")) for t in c["text"]) / 1e6
        return c, docs, mb

    def save_digests(self, name: str, digests) -> str:
        import numpy as np

        p = self.work / f"digests-{name}.npy"
        np.save(p, np.asarray(digests, dtype=np.uint64))
        return str(p)


_CPU = {}


def _cpu_now() -> float:
    import resource

    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + ch.ru_utime + ch.ru_stime


def _status_mb(key: str) -> float | None:
    try:
        m = re.search(key + r":\s+(\d+) kB", Path("/proc/self/status").read_text())
        return int(m.group(1)) / 1024 if m else None
    except OSError:
        return None


def _timed(fn):
    """(fn(), wall seconds). Into _CPU: CPU seconds of this process and of the children it
    reaped during the call (pool workers); RSS before the call and the peak RSS during it
    (Linux: the high-water mark is reset through /proc/self/clear_refs first); the largest
    reaped child's peak; the wall-clock window (for the parent's process-tree sampler)."""
    import resource

    try:
        Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM
        reset = True
    except OSError:
        reset = False
    rss0 = _status_mb("VmRSS")
    c0, t0, w0 = _cpu_now(), time.perf_counter(), time.time()
    out = fn()
    wall = time.perf_counter() - t0
    _CPU.update(cpu=_cpu_now() - c0, window=[w0, time.time()], rss_before_mb=rss0,
                rss_peak_mb=_status_mb("VmHWM") if reset else None,
                child_max_rss_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return out, wall


def w_load_baseline(ctx: Ctx) -> dict:
    import opencc

    files = sorted(ctx.corpus_dir.glob("*.txt"))
    mb = sum(p.stat().st_size for p in files) / 1e6

    def run():
        cc = opencc.OpenCC("t2s")
        out = []
        for p in files:
            with open(p, encoding="utf-8") as f:
                out.append("\n".join(cc.convert(line) for line in f.read().split("\n")))
        return out

    _, s = _timed(run)
    return {"seconds": s, "mb": mb}


def w_load_kslib(ctx: Ctx) -> dict:
    import kslib

    files = sorted(ctx.corpus_dir.glob("*.txt"))
    mb = sum(p.stat().st_size for p in files) / 1e6
    corpus, s = _timed(lambda: kslib.load_corpus(ctx.corpus_dir))
    corpus.to_parquet(ctx.work / "corpus.parquet")
    n_trad = int((corpus["script"] == "traditional").sum())
    return {"seconds": s, "mb": mb, "note": f"{len(corpus)} docs, {n_trad} Traditional"}


def _jieba_words(tok, path):
    if path:
        tok.load_userdict(path)


def w_seg_jieba(ctx: Ctx) -> dict:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    c, docs, mb = ctx.text_lines()

    def run():
        jieba.initialize()
        _jieba_words(jieba, ctx.userdict)
        return [[jieba.lcut(line) for line in lines] for _, lines in docs]

    out, s = _timed(run)
    digests = [digest(t) for doc in out for t in doc]
    import pandas as pd

    pd.DataFrame({"token": [t for doc in out for line in doc for t in line if t.strip()]}).to_parquet(
        ctx.work / "baseline_tokens.parquet")
    return {"seconds": s, "mb": mb, "digests": ctx.save_digests("seg.jieba", digests),
            "note": f"{len(digests)} lines; user dict: {Path(ctx.userdict).name if ctx.userdict else 'none'}"}


_POOL_TOK = None


def _pool_init(userdict):
    import logging

    import jieba

    global _POOL_TOK
    jieba.setLogLevel(logging.WARNING)
    _POOL_TOK = jieba.Tokenizer()
    _POOL_TOK.initialize()
    if userdict:
        _POOL_TOK.load_userdict(userdict)


def _pool_cut(chunk):
    return [[_POOL_TOK.lcut(line) for line in lines] for lines in chunk]


def w_seg_jieba_pool(ctx: Ctx) -> dict:
    from concurrent.futures import ProcessPoolExecutor

    c, docs, mb = ctx.text_lines()
    chunks = [[lines for _, lines in docs[i:i + 20]] for i in range(0, len(docs), 20)]

    def run():
        with ProcessPoolExecutor(ctx.workers, initializer=_pool_init, initargs=(ctx.userdict,)) as ex:
            return [doc for part in ex.map(_pool_cut, chunks) for doc in part]

    out, s = _timed(run)
    digests = [digest(t) for doc in out for t in doc]
    return {"seconds": s, "mb": mb, "digests": ctx.save_digests("seg.jieba_pool", digests),
            "note": f"{ctx.workers} processes, chunks of 20 docs, dictionary load included"}


def w_seg_jieba_next(ctx: Ctx) -> dict:
    import logging

    import jieba_next

    try:
        jieba_next.setLogLevel(logging.WARNING)
    except Exception:
        pass
    c, docs, mb = ctx.text_lines()

    def run():
        tok = jieba_next.Tokenizer()
        tok.initialize()
        _jieba_words(tok, ctx.userdict)
        return [[tok.lcut(line) for line in lines] for _, lines in docs]

    out, s = _timed(run)
    digests = [digest(t) for doc in out for t in doc]
    return {"seconds": s, "mb": mb, "digests": ctx.save_digests("seg.jieba_next", digests),
            "note": "private Tokenizer + same user dict"}


def w_seg_jieba_fast_dat(ctx: Ctx) -> dict:
    import logging

    import jieba_fast_dat

    try:
        jieba_fast_dat.setLogLevel(logging.WARNING)
    except Exception:
        pass
    c, docs, mb = ctx.text_lines()

    def run():
        jieba_fast_dat.initialize()  # lcut does not load the dictionary by itself
        _jieba_words(jieba_fast_dat, ctx.userdict)
        return [[jieba_fast_dat.lcut(line) for line in lines] for _, lines in docs]

    out, s = _timed(run)
    digests = [digest(t) for doc in out for t in doc]
    return {"seconds": s, "mb": mb, "digests": ctx.save_digests("seg.jieba_fast_dat", digests),
            "note": "own (bigger) dictionary + same user dict"}


def w_seg_rjieba(ctx: Ctx) -> dict:
    import rjieba

    c, docs, mb = ctx.text_lines()

    def run():
        tok = rjieba.Jieba()
        for w, freq in _userdict_words(ctx.userdict):
            tok.add_word(w, freq, None)  # rjieba has no load_userdict
        return [[tok.cut(line) for line in lines] for _, lines in docs]

    out, s = _timed(run)
    digests = [digest(t) for doc in out for t in doc]
    return {"seconds": s, "mb": mb, "digests": ctx.save_digests("seg.rjieba", digests),
            "note": "built-in dictionary + user words via add_word"}


# Lines where rjieba (jieba-rs) splits differently from jieba: ASCII runs joined by
# - + # & _ ("2015-2033", "1-2"), a '.' next to a letter ("163.com", "0.3M"). Pure-Han
# blocks agreed on all 275,759 blocks tried; see FINDINGS.md.
RJIEBA_UNSAFE = re.compile(r"[A-Za-z0-9][\-+#&_][A-Za-z0-9]|[A-Za-z]\.|\.[A-Za-z0-9]*[A-Za-z]")


def w_seg_hybrid(ctx: Ctx) -> dict:
    import logging

    import jieba_next
    import rjieba

    try:
        jieba_next.setLogLevel(logging.WARNING)
    except Exception:
        pass
    c, docs, mb = ctx.text_lines()
    counts = {"rjieba": 0, "jieba_next": 0}

    def run():
        fast = rjieba.Jieba()
        for w, freq in _userdict_words(ctx.userdict):
            fast.add_word(w, freq, None)
        slow = jieba_next.Tokenizer()
        slow.initialize()
        _jieba_words(slow, ctx.userdict)
        out = []
        for _, lines in docs:
            doc = []
            for line in lines:
                if RJIEBA_UNSAFE.search(line):
                    doc.append(slow.lcut(line))
                    counts["jieba_next"] += 1
                else:
                    doc.append(fast.cut(line))
                    counts["rjieba"] += 1
            out.append(doc)
        return out

    out, s = _timed(run)
    digests = [digest(t) for doc in out for t in doc]
    share = counts["rjieba"] / max(1, sum(counts.values()))
    return {"seconds": s, "mb": mb, "digests": ctx.save_digests("seg.hybrid", digests),
            "note": f"{100 * share:.1f}% of lines by rjieba; 1 process; same user dict"}


def _kslib_tokens():
    try:
        import kslib
        from kslib import segment  # noqa: F401
    except ImportError as e:
        raise NotAvailable(f"kslib.segment not importable ({e})")
    if not hasattr(kslib, "tokens"):
        raise NotAvailable("kslib.tokens not on this branch")
    return kslib.tokens


def _cache_info():
    """Segmentation counters from kslib.segment, if it exposes them."""
    from kslib import segment

    for name in ("cache_info", "cache_stats", "segment_stats", "stats"):
        f = getattr(segment, name, None)
        if callable(f):
            try:
                info = f()
            except TypeError:
                continue
            if hasattr(info, "_asdict"):
                info = info._asdict()
            if isinstance(info, dict):
                return {k: (int(v) if isinstance(v, (int, float)) and float(v).is_integer() else v)
                        for k, v in info.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
            return {"info": str(info)}
    return None


def _tokens_digests(tok, corpus) -> list[int]:
    """Per-line digests of a tokens DataFrame in the baseline's line order."""
    import numpy as np

    n_lines = {d: len(lines_of(t)) for d, t in zip(corpus["doc_id"], corpus["text"])}
    start, acc = {}, 0
    for d in corpus["doc_id"]:
        start[d] = acc
        acc += n_lines[d]
    groups = [[] for _ in range(acc)]
    keys = np.fromiter((start[d] for d in tok["doc_id"].tolist()), np.int64, len(tok))
    keys += tok["paragraph"].to_numpy(np.int64) - 1
    for k, t in zip(keys.tolist(), tok["token"].tolist()):
        groups[k].append(t)
    return [digest(g) for g in groups]


def _seg_kslib(ctx: Ctx, name: str, engine: str = "local", save: bool = False, parquet: bool = False) -> dict:
    tokens = _kslib_tokens()
    import kslib

    if parquet:  # a corpus saved earlier, read back in a new process: nothing normalised in memory
        corpus = ctx.corpus()
    else:  # as a user would: load_corpus in the same process first (not timed); its normalisation
        corpus = kslib.load_corpus(ctx.corpus_dir)  # cache is what kslib.tokens uses for raw lines
    mb = sum(len(t.encode("utf-8")) for t in corpus["text"]) / 1e6
    kwargs = {} if engine == "local" else {"engine": engine}
    cluster_note = ""
    client = None
    if engine == "dask":
        from dask.distributed import Client, LocalCluster

        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=ctx.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        cluster_note = f"; cluster start {time.perf_counter() - t0:.1f} s (not timed)"
    before = _cache_info()
    tok, s = _timed(lambda: tokens(corpus, **kwargs))
    after = _cache_info()
    out = {"seconds": s, "mb": mb, "rows": len(tok)}
    if client is not None:
        client.close()
        cluster.close()
    if after is not None:
        out["cache"] = {k: (after[k] - before.get(k, 0) if isinstance(after[k], int) and before
                            and isinstance(before.get(k), int) else after[k]) for k in after}
    if save:
        tok.to_parquet(ctx.work / "tokens.parquet")
    if engine == "dask" or parquet:
        import pandas as pd

        ref = ctx.work / "tokens.parquet"
        if ref.exists():
            local = pd.read_parquet(ref)
            try:
                pd.testing.assert_frame_equal(tok.reset_index(drop=True), local.reset_index(drop=True))
                out["equal_to_local"] = True
            except AssertionError as e:
                out["equal_to_local"] = False
                out["note"] = f"differs from local: {str(e).splitlines()[0][:120]}"
        else:
            out["equal_to_local"] = None
    out["digests"] = ctx.save_digests(name, _tokens_digests(tok, corpus))
    out["note"] = (out.get("note", "") + f"{len(tok)} tokens" + cluster_note).strip()
    return out


def w_seg_kslib_cold(ctx):
    return _seg_kslib(ctx, "seg.kslib_cold", save=True)


def w_seg_kslib_warm(ctx):
    return _seg_kslib(ctx, "seg.kslib_warm")


def w_seg_kslib_parquet(ctx):
    return _seg_kslib(ctx, "seg.kslib_parquet", parquet=True)


def w_seg_kslib_parquet_first(ctx):
    return _seg_kslib(ctx, "seg.kslib_parquet_first", parquet=True)


def w_seg_kslib_dask(ctx):
    return _seg_kslib(ctx, "seg.kslib_dask", engine="dask")


def _text_mb(ctx) -> float:
    return sum(len(t.encode("utf-8")) for t in ctx.corpus()["text"]) / 1e6


def w_count_baseline(ctx: Ctx) -> dict:
    import pandas as pd

    p = ctx.work / "baseline_tokens.parquet"
    if not p.exists():
        raise NotAvailable("needs seg.jieba's tokens (run --stages segment first)")
    toks = pd.read_parquet(p)["token"].tolist()
    mb = _text_mb(ctx)
    vc, s = _timed(lambda: pd.Series(toks).value_counts())
    return {"seconds": s, "mb": mb, "note": f"{len(toks)} tokens, {len(vc)} distinct (no filtering)"}


def w_count_kslib(ctx: Ctx) -> dict:
    import pandas as pd

    import kslib

    if not hasattr(kslib, "term_frequencies"):
        raise NotAvailable("kslib.term_frequencies not on this branch")
    p = ctx.work / "tokens.parquet"
    if not p.exists():
        raise NotAvailable("needs kslib.tokens' output (seg.kslib_cold)")
    tok = pd.read_parquet(p)
    mb = _text_mb(ctx)
    tf, s = _timed(lambda: kslib.term_frequencies(tok, by=None))
    return {"seconds": s, "mb": mb, "note": f"{len(tf)} terms (stopwords, punctuation, numbers excluded)"}


def w_count_kslib_doc(ctx: Ctx) -> dict:
    import kslib

    tok = _kslib_tokens_table(ctx)
    tf, s = _timed(lambda: kslib.term_frequencies(tok, by="doc"))
    return {"seconds": s, "mb": _text_mb(ctx), "note": f"{len(tf)} (document, term) rows"}


def _kslib_tokens_table(ctx):
    import pandas as pd

    p = ctx.work / "tokens.parquet"
    if not p.exists():
        raise NotAvailable("needs kslib.tokens' output (seg.kslib_cold)")
    return pd.read_parquet(p)


def w_compare_baseline(ctx: Ctx) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    tok = _kslib_tokens_table(ctx)
    docs = [g.tolist() for _, g in tok.groupby("doc_id", sort=True)["token"]]

    def run():
        x = TfidfVectorizer(analyzer=lambda d: d).fit_transform(docs)
        return cosine_similarity(x)
    sim, s = _timed(run)
    return {"seconds": s, "mb": _text_mb(ctx), "note": f"{sim.shape[0]} x {sim.shape[1]} (every token, no filtering)"}


def w_compare_similarity(ctx: Ctx) -> dict:
    import kslib

    tok = _kslib_tokens_table(ctx)
    kslib.similarity(tok.head(1000))  # imports (scikit-learn) before timing: a constant, not a cost per MB
    sim, s = _timed(lambda: kslib.similarity(tok))
    return {"seconds": s, "mb": _text_mb(ctx), "note": f"{sim.shape[0]} x {sim.shape[1]} documents"}


def w_compare_keyness(ctx: Ctx) -> dict:
    import kslib

    tok = _kslib_tokens_table(ctx)
    first = sorted(set(tok["doc_id"]))[0]
    few = tok[tok["doc_id"].isin(sorted(set(tok["doc_id"]))[:3])]
    kslib.keyness(few, first)  # imports (scipy.stats) before timing
    k, s = _timed(lambda: kslib.keyness(tok, first))
    return {"seconds": s, "mb": _text_mb(ctx), "note": f"{len(k)} terms, target {first}"}


def w_metrics_baseline(ctx: Ctx) -> dict:
    corpus = ctx.corpus()
    texts = corpus["text"].tolist()
    mb = _text_mb(ctx)
    out, s = _timed(lambda: [re.findall(NUMBER_RE, t) for t in texts])
    return {"seconds": s, "mb": mb, "note": f"{sum(map(len, out))} numbers (no units, values, context)"}


def w_metrics_kslib(ctx: Ctx, workers: int | None = None) -> dict:
    import kslib

    if not hasattr(kslib, "extract_metrics"):
        raise NotAvailable("kslib.extract_metrics not on this branch")
    corpus = kslib.load_corpus(ctx.corpus_dir)  # in-process first, as a user would (not timed)
    kslib.extract_metrics(corpus.head(2), workers=1)  # lexicons compiled before timing: a constant per process
    mb = _text_mb(ctx)
    m, s = _timed(lambda: kslib.extract_metrics(corpus, workers=workers))
    return {"seconds": s, "mb": mb, "note": f"{len(m)} metric rows"}


def w_metrics_kslib_serial(ctx: Ctx) -> dict:
    return w_metrics_kslib(ctx, workers=1)


def _terms_input(ctx):
    import pandas as pd

    p = ctx.work / "tokens.parquet"
    if not p.exists():
        raise NotAvailable("needs kslib.tokens' output (seg.kslib_cold)")
    return pd.read_parquet(p), _text_mb(ctx)


def w_terms_baseline(ctx: Ctx) -> dict:
    """What a user writes for new-word discovery: per paragraph, split at punctuation, count every
    2..6-token n-gram with collections.Counter (no cohesion, entropy, nesting or grammar)."""
    from collections import Counter

    tok, mb = _terms_input(ctx)
    paras = tok.groupby(["doc_id", "paragraph"], sort=False)

    def run():
        counts = Counter()
        for (words, punct) in zip(paras["token"].agg(list), paras["is_punct"].agg(list)):
            clause = []
            for w, p in zip(words + ["。"], punct + [True]):
                if not p:
                    clause.append(w)
                    continue
                for n in range(2, 7):
                    for i in range(len(clause) - n + 1):
                        counts[tuple(clause[i:i + n])] += 1
                clause = []
        return counts

    counts, s = _timed(run)
    frequent = sum(1 for c in counts.values() if c >= 3)
    return {"seconds": s, "mb": mb, "note": f"{len(counts)} distinct n-grams, {frequent} seen 3+ times"}


def _terms_kslib(ctx: Ctx, **kw) -> dict:
    import kslib

    if not hasattr(kslib, "discover_terms"):
        raise NotAvailable("kslib.discover_terms not on this branch")
    tok, mb = _terms_input(ctx)
    kslib.discover_terms(tok.head(1000))  # the tag table and rules load once per process (not timed)
    terms, s = _timed(lambda: kslib.discover_terms(tok, **kw))
    if not kw:
        terms.to_parquet(ctx.work / "terms.parquet")
    low = int(terms["count"].min()) if len(terms) else 0
    return {"seconds": s, "mb": mb, "note": f"{len(terms)} terms from {len(tok)} tokens (count >= {low})"}


def w_terms_kslib(ctx: Ctx) -> dict:
    return _terms_kslib(ctx)


def w_terms_kslib_all(ctx: Ctx) -> dict:
    return _terms_kslib(ctx, dedupe=False)


def _terms_join(ctx: Ctx, warm: bool) -> dict:
    import pandas as pd

    import kslib

    p = ctx.work / "terms.parquet"
    if not p.exists():
        raise NotAvailable("needs terms.kslib's output")
    terms = pd.read_parquet(p)
    corpus = kslib.load_corpus(ctx.corpus_dir)  # as a user would (not timed)
    if not warm:  # forget these compounds' cached result: the base tokens come from the cache, joining runs
        from kslib.config import cache_dir
        from kslib.segment.cache import dictionary_key
        from kslib.segment.compounds import compounds_hash, term_list
        from kslib.segment.dictionary import corpus_userdict

        user = corpus_userdict(corpus)
        key = dictionary_key(kslib.segment.resolve_backend("auto"), extra=(str(user),) if user else (),
                             compounds=compounds_hash(term_list(terms)))
        shutil.rmtree(cache_dir() / "tokens" / key, ignore_errors=True)
    mb = sum(len(t.encode("utf-8")) for t in corpus["text"]) / 1e6
    tok, s = _timed(lambda: kslib.tokens(corpus, compounds=terms))
    base = len(pd.read_parquet(ctx.work / "tokens.parquet", columns=["token"]))
    return {"seconds": s, "mb": mb, "note": f"{len(terms)} compounds: {base} -> {len(tok)} tokens"}


def w_terms_join(ctx: Ctx) -> dict:
    return _terms_join(ctx, warm=False)


def w_terms_join_warm(ctx: Ctx) -> dict:
    return _terms_join(ctx, warm=True)


WORKERS = {name: globals()["w_" + name.replace(".", "_")] for names in STAGES.values() for name in names}


def worker_main(name: str, cfg_json: str) -> int:
    ctx = Ctx(json.loads(cfg_json))
    try:
        res = WORKERS[name](ctx)
        res["status"] = "ok"
        res.update(_CPU)
    except NotAvailable as e:
        res = {"status": "not available", "note": str(e)}
    print("RESULT " + json.dumps(res), flush=True)
    return 0


# --------------------------------------------------------------------------- parent
def _tree_rss_sampler(pid: int, stop: threading.Event, box: dict) -> None:
    try:
        import psutil
    except ImportError:
        box["tree"] = None
        return
    peak = 0
    samples = box.setdefault("samples", [])
    try:
        proc = psutil.Process(pid)
        while not stop.is_set():
            try:
                total = proc.memory_info().rss
                for ch in proc.children(recursive=True):
                    try:
                        total += ch.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            peak = max(peak, total)
            samples.append((time.time(), total))
            stop.wait(0.1)
    finally:
        box["tree"] = peak


def run_stage(name: str, cfg: dict, env: dict, log: Path) -> dict:
    out_path = log.with_suffix(".out")
    with open(out_path, "w") as out, open(log, "w") as err:
        p = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker", name, json.dumps(cfg)],
                             stdout=out, stderr=err, env=env, cwd=str(ROOT))
        stop, box = threading.Event(), {}
        th = threading.Thread(target=_tree_rss_sampler, args=(p.pid, stop, box), daemon=True)
        th.start()
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        th.join()
    res = None
    for line in out_path.read_text("utf-8").splitlines():
        if line.startswith("RESULT "):
            res = json.loads(line[7:])
    if res is None:
        tail = " | ".join(log.read_text("utf-8", "replace").strip().splitlines()[-3:])
        res = {"status": "failed", "note": f"exit {p.returncode}: {tail[:300]}"}
    res["life_rss_mb"] = ru.ru_maxrss / 1024  # whole life of the stage process (Linux: KiB)
    # the stage's own peak during the measured call (falls back to the whole life)
    res["rss_mb"] = res.get("rss_peak_mb") or res["life_rss_mb"]
    win = res.get("window")
    inside = [v for t, v in box.get("samples", []) if win and win[0] - 0.05 <= t <= win[1] + 0.05]
    res["tree_rss_mb"] = max(inside) / 2**20 if inside else None
    res.pop("window", None)
    return res


def agreement(work: Path, res: dict) -> None:
    import numpy as np

    ref = work / "digests-seg.jieba.npy"
    if not ref.exists():
        return
    base = np.load(ref)
    for name, r in res.items():
        if name.startswith("seg.") and name != "seg.jieba" and r.get("digests"):
            d = np.load(r["digests"])
            if len(d) != len(base):
                r["identical"] = None
                r["note"] = (r.get("note", "") + f"; line count {len(d)} != {len(base)}").strip("; ")
            else:
                r["identical"] = float((d == base).mean())
                r["lines_differ"] = int((d != base).sum())


def fmt_table(res: dict, corpus_mb: float, markdown: bool = False) -> str:
    head = ["stage", "path", "MB in", "s", "MB/s", "x base", "cpu s", "RSS MB", "RSS/corpus", "tree RSS MB",
            "check", "note"]
    rows = []
    for name, r in res.items():
        label = LABELS.get(name, name)
        if r.get("status") != "ok":
            rows.append([name, label, "", "", "", "", "", "", "", "", r.get("status", ""), r.get("note", "")])
            continue
        mbps = r["mb"] / r["seconds"] if r["seconds"] > 0 else float("inf")
        base = res.get(BASELINE_OF[name.split(".")[0]])
        ratio = ""
        if base and base.get("status") == "ok" and base is not r:
            ratio = f"{mbps / (base['mb'] / base['seconds']):.2f}"
        elif base is r:
            ratio = "1.00"
        check = ""
        if "identical" in r and r["identical"] is not None:
            check = f"{100 * r['identical']:.2f}% lines = jieba"
        if r.get("equal_to_local") is not None:
            check = ("= local" if r["equal_to_local"] else "DIFFERS from local") + ("; " + check if check else "")
        note = r.get("note", "")
        if r.get("cache"):
            note += "; cache " + ", ".join(f"{k}={v}" for k, v in r["cache"].items())
        if r.get("load_before", 0) > 1.5:
            note += f"; load avg {r['load_before']:.1f} at start"
        note = note.strip("; ")
        rows.append([name, label, f"{r['mb']:.1f}", f"{r['seconds']:.2f}", f"{mbps:.2f}", ratio,
                     f"{r['cpu']:.1f}" if r.get("cpu") is not None else "", f"{r['rss_mb']:.0f}",
                     f"{max(r['rss_mb'], r.get('tree_rss_mb') or 0) / corpus_mb:.1f}x" if corpus_mb else "",
                     f"{r['tree_rss_mb']:.0f}" if r.get("tree_rss_mb") else "-", check, note])
    if markdown:
        lines = ["| " + " | ".join(head[:11]) + " |", "|" + "---|" * 11]
        lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row[:11]) + " |" for row in rows]
        lines.append("")
        lines += [f"- `{row[0]}`: {row[11]}" for row in rows if row[11]]
        return "\n".join(lines)
    short = [row[:11] for row in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head[:11], *short)]
    out = ["  ".join(str(h).ljust(w) for h, w in zip(head[:11], widths))]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)) for row in short]
    out.append("")
    out += [f"{row[0]}: {row[11]}" for row in rows if row[11]]
    return "\n".join(out)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        return worker_main(argv[1], argv[2])
    if "--sizes" in argv:
        return run_sizes(argv)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size to build/use (default 50)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", type=Path, help="use this corpus folder (default bench/data/corpus-<mb>mb-s<seed>)")
    ap.add_argument("--skip-build", action="store_true", help="never build the corpus; it must exist")
    ap.add_argument("--stages", default=ALL_STAGES, help=f"comma-separated groups (default {ALL_STAGES})")
    ap.add_argument("--workers", type=int, default=2, help="processes for the pool and Dask paths")
    ap.add_argument("--work", type=Path, help="work folder (default <corpus>-work)")
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    ap.add_argument("--sizes", help="e.g. 2,10,50: run at each corpus size (MB) and print one table of all")
    a = ap.parse_args(argv)

    from make_corpus import build, default_out

    corpus = a.corpus or default_out(a.mb, a.seed)
    if not (corpus / "metadata.csv").exists():
        if a.skip_build:
            ap.error(f"{corpus}: no corpus there (drop --skip-build to build it)")
        info = build(corpus, a.mb, a.seed)
        print(f"built {corpus}: {info['docs']} documents, {info['bytes'] / 1e6:.1f} MB", file=sys.stderr)
    groups = [g.strip() for g in a.stages.split(",") if g.strip()]
    unknown = [g for g in groups if g not in STAGES]
    if unknown:
        ap.error(f"unknown stage(s) {unknown}; choose from {ALL_STAGES}")
    work = a.work or corpus.with_name(corpus.name + "-work")
    work.mkdir(parents=True, exist_ok=True)
    # KSLIB_CACHE for every stage. Its tokens/ folder (kslib.tokens' results) is emptied before
    # the cold and the Dask stage; the segmenters' own dictionary caches (jieba_next/, jieba/)
    # are kept and primed once, untimed: building them is a one-time cost per machine, like
    # the baseline's /tmp/jieba.cache, not part of segmenting a corpus.
    cache = work / "kslib-cache"
    env = dict(os.environ, KSLIB_CACHE=str(cache), PYTHONHASHSEED="0",
               PYTHONPATH=os.pathsep.join([str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    corpus_mb = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
    cfg = {"corpus": str(corpus), "work": str(work), "userdict": user_dictionary(), "workers": a.workers}
    order = [n for g in STAGES for n in STAGES[g] if g in groups]
    res = {}
    for name in order:
        env_stage = dict(env)
        if name in ("seg.kslib_cold", "seg.kslib_dask", "seg.kslib_parquet_first"):
            shutil.rmtree(cache / "tokens", ignore_errors=True)
        elif name == "seg.kslib_parquet":  # the segmentation packs, not the line maps (tokens/lines/)
            for sub in (cache / "tokens").glob("*"):
                if sub.name != "lines":
                    shutil.rmtree(sub, ignore_errors=True)
            subprocess.run([sys.executable, "-c", "import kslib.segment as s; "
                            "s.get_tokenizer(s.resolve_backend('auto'))"],
                           env=env_stage, cwd=str(ROOT), capture_output=True)
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        load0 = os.getloadavg()[0]
        res[name] = run_stage(name, cfg, env_stage, work / f"{name}.log")
        res[name]["load_before"] = load0
        r = res[name]
        print(f"[bench] {name}: {r.get('status')} "
              + (f"{r['seconds']:.1f} s" if "seconds" in r else r.get("note", "")), file=sys.stderr, flush=True)
    agreement(work, res)
    print(f"corpus: {corpus} ({corpus_mb:.1f} MB, {len(list(corpus.glob('*.txt')))} documents); "
          f"{os.cpu_count()} CPUs; user dictionary: {cfg['userdict'] or 'none'}")
    print(fmt_table(res, corpus_mb))
    if a.json:
        a.json.write_text(json.dumps({"corpus": str(corpus), "corpus_mb": corpus_mb, "results": res}, indent=1))
    if a.markdown:
        a.markdown.write_text(fmt_table(res, corpus_mb, markdown=True) + "\n")
    return 0 if all(r.get("status") in ("ok", "not available") for r in res.values()) else 1


def run_sizes(argv: list[str]) -> int:
    """`--sizes 2,10,50 [other options]`: this script once per corpus size (each in its own process,
    corpus built if missing), then one table of every stage at every size: MB/s, the ratio to the
    stage's baseline at that size, CPU seconds, peak memory as a multiple of the corpus, load average."""
    import tempfile

    i = argv.index("--sizes")
    sizes = [float(x) for x in argv[i + 1].split(",") if x.strip()]
    rest = argv[:i] + argv[i + 2:]
    if any(x in rest for x in ("--mb", "--corpus", "--work")):
        raise SystemExit("--sizes chooses the corpora: drop --mb, --corpus and --work")
    md = None
    if "--markdown" in rest:
        k = rest.index("--markdown")
        md = Path(rest[k + 1])
        rest = rest[:k] + rest[k + 2:]
    runs, rc = [], 0
    with tempfile.TemporaryDirectory(prefix="kslib-bench-") as tmp:
        for mb in sizes:
            out = Path(tmp) / f"{mb:g}.json"
            print(f"[bench] corpus of {mb:g} MB", file=sys.stderr, flush=True)
            rc |= subprocess.run([sys.executable, __file__, "--mb", f"{mb:g}", "--json", str(out), *rest]).returncode
            if out.exists():
                runs.append((mb, json.loads(out.read_text())))
    table = sizes_table(runs)
    print(table)
    if md:
        md.write_text(table + "\n")
    return rc


def sizes_table(runs: list[tuple[float, dict]]) -> str:
    """Markdown: one row per stage, for each size its MB/s, x base, CPU s, RSS/corpus and the load average."""
    names = list(dict.fromkeys(n for _, r in runs for n in r["results"]))
    head = ["stage"] + [f"{h} @{mb:g} MB" for mb, _ in runs for h in ("MB/s", "x base", "cpu s", "RSS/corpus", "load")]
    lines = ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    for name in names:
        cells = [name]
        for _, run in runs:
            res = run["results"]
            r = res.get(name, {})
            if r.get("status") != "ok":
                cells += [r.get("status", "-")] + [""] * 4
                continue
            mbps = r["mb"] / r["seconds"] if r["seconds"] > 0 else float("inf")
            base = res.get(BASELINE_OF.get(name.split(".")[0], ""), {})
            ratio = f"{mbps / (base['mb'] / base['seconds']):.2f}" if base.get("status") == "ok" else ""
            peak = max(r.get("rss_mb") or 0, r.get("tree_rss_mb") or 0) / run["corpus_mb"]
            cells += [f"{mbps:.2f}", ratio, f"{r['cpu']:.1f}" if r.get("cpu") is not None else "", f"{peak:.1f}x",
                      f"{r.get('load_before', 0):.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
