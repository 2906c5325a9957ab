"""extract_metrics: every quantity of a corpus (or a string) as one traceable row: mention
(kslib.metrics.mentions), then attribution (kslib.metrics.attribute), with the raw line of each.
A bare 元 / $ takes the document's currency (document_currency; rule in kslib/data/regions.yaml)."""
from __future__ import annotations

import functools
import gc
import multiprocessing as mp
import re
import warnings
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from ..structure import structure
from .attribute import attribute
from .kind import cues_in
from .mentions import candidates

__all__ = ["COLUMNS", "extract_metrics", "extract_text", "document_currency", "document_rows", "text_rows"]

COLUMNS = ["doc_id", "line", "start", "end", "text", "sentence", "value", "value_max", "unit",
           "qualifier", "indicator", "measure", "kind", "kind_cue", "year", "period"]


@functools.lru_cache(maxsize=1)
def _regions() -> dict:
    cfg = yaml.safe_load(resources.files("kslib.data").joinpath("regions.yaml").read_text("utf-8"))
    cfg["by_name"] = {n.casefold(): r["currency"] for r in cfg["regions"].values() for n in r["names"]}
    cfg["cue_re"] = {k: re.compile("|".join(map(re.escape, sorted(r["cues"], key=len, reverse=True))))
                     for k, r in cfg["regions"].items()}
    return cfg


def _known_currencies() -> set[str]:
    from .unit_lexicon import units_lexicon

    return {e["code"] for e in units_lexicon().cfg["currencies"]}


def document_currency(text: str, meta: dict | None = None) -> tuple[str, str]:
    """(ISO code, source) of a document's currency for bare 元 / $: source "metadata" (a `currency`
    or `region` column), "inferred" (region cue words in the text) or "default" (CNY). The rule and
    the cue words are in kslib/data/regions.yaml."""
    cfg = _regions()
    meta = {k: v for k, v in (meta or {}).items() if isinstance(v, str)}  # NaN / None: no value
    cur = str(meta.get("currency") or "").strip().upper()
    if cur:
        if cur not in _known_currencies():
            raise ValueError(f"unknown currency {cur!r} in metadata (ISO codes: {sorted(_known_currencies())})")
        return cur, "metadata"
    region = str(meta.get("region") or "").strip()
    if region:
        code = cfg["by_name"].get(region.casefold())
        if code is None:
            raise ValueError(f"unknown region {region!r} in metadata (known: {sorted(cfg['regions'])})")
        return code, "metadata"
    counts = {k: sum(1 for _ in rx.finditer(text)) for k, rx in cfg["cue_re"].items()}
    best = max(sorted(counts), key=lambda k: counts[k])
    others = max([v for k, v in counts.items() if k != best] or [0])
    code = cfg["regions"][best]["currency"]
    if code != cfg["default"] and counts[best] >= cfg["min_cues"] and counts[best] > cfg["dominance"] * others:
        return code, "inferred"
    return cfg["default"], "default"


def _inferred_message(doc_id: str, code: str, rows: list[dict]) -> str | None:
    n = sum(1 for r in rows if r.get("currency_source") == "inferred")
    implied = sum(1 for r in rows if r.get("implied"))
    counted = sum(1 for r in rows if r.get("implied_count"))
    if not n and not implied and not counted:
        return None
    parts = []
    if n:
        parts.append(f"{n} amount(s) written with a bare 元 / $ read as {code}, inferred from the text (no currency "
                     f"or region metadata; rule in kslib/data/regions.yaml)")
    if implied:
        parts.append(f"{implied} amount(s) written without a unit (1,150亿) read as {code}: what they measure is "
                     f"money (units.yaml implied_currency)")
    if counted:
        parts.append(f"{counted} number(s) written without a classifier (减少1109万) read as counts (人, 人次, 户): what "
                     f"they measure is counted (units.yaml implied_count)")
    return f"{doc_id or '<string>'}: " + "; ".join(parts)


def _warn(message: str | None) -> None:
    if message:
        from ..corpus import CorpusWarning

        warnings.warn(message, CorpusWarning, stacklevel=3)


def _zhao(code: str) -> bool:
    """兆 = 10^12 in documents of a region that writes it so (Taiwan)."""
    return any(r.get("zhao_is_trillion") and r["currency"] == code for r in _regions()["regions"].values())


def extract_text(text: str, *, date=None, currency: str = "CNY", currency_source: str = "default") -> list[dict]:
    """Quantity rows of one normalised text; `date` (the document's date) resolves 今年, 去年, 过去五年 …;
    `currency` is the document's currency for bare 元 / $."""
    rows = candidates(text, currency=currency, currency_source=currency_source, zhao=_zhao(currency))
    if any(r.get("implied") for r in rows):
        # an amount without a unit is kept only if its indicator names money, or a count if it names people;
        # attribution then runs again without the others, so that no figure takes its subject from a number
        # that is not one
        st = structure(text, date=date)
        fresh = [dict(r) for r in rows]
        attribute(text, rows, date, st=st)
        counted = {r["start"]: u for r in rows if r.get("implied") and not measures_money(text, r)
                   and (u := counted_unit(text, r))}
        keep = {r["start"] for r in rows if not r.get("implied") or r["start"] in counted or measures_money(text, r)}
        if len(keep) < len(rows) or counted:
            rows = [r for r in fresh if r["start"] in keep]
            for r in rows:
                if r["start"] in counted:
                    del r["implied"]
                    # unit_kind stays that of an unwritten unit: the noun after the number is not what it counts
                    r.update(unit=counted[r["start"]], currency_source="", implied_count=True)
            attribute(text, rows, date, st=st)
    else:
        attribute(text, rows, date)
    cues_in.cache_clear()  # its entries hold the text
    for r in rows:
        r["text"] = text[r["start"]:r["end"]]
    return rows


def counted_unit(text: str, row: dict) -> str:
    """The unit of a magnitude written without a classifier (农村贫困人口减少1109万) when what it measures is
    counted (its indicator ends with a noun of units.yaml implied_count, or 的 + one follows it), else ""."""
    from .phrases import right_noun
    from .unit_lexicon import units_lexicon

    nouns = units_lexicon().cfg["implied_count"]["nouns"]
    quantity = "(?:" + "|".join(units_lexicon().cfg["implied_currency"]["quantity_nouns"]) + ")$"
    e = row["end"]
    for name in (re.sub(quantity, "", row.get("indicator") or ""),
                 right_noun(text, e + 1) if text.startswith("的", e) else ""):
        for noun in sorted(nouns, key=len, reverse=True):
            if name.endswith(noun):
                return nouns[noun]
    return ""


def measures_money(text: str, row: dict) -> bool:
    """A magnitude written without a unit (1,150亿) measures money: its indicator ends with a money noun, or
    的 + one follows it (1,150亿的还债金额); nouns in units.yaml implied_currency."""
    from .phrases import right_noun
    from .unit_lexicon import units_lexicon

    cfg = units_lexicon().cfg["implied_currency"]
    nouns = tuple(cfg["money_nouns"])
    ind = re.sub("(?:" + "|".join(cfg["quantity_nouns"]) + ")$", "", row.get("indicator") or "")
    if ind.endswith(nouns):
        return True  # GDP总量1.2万亿: the quantity of what a money noun names
    e = row["end"]
    return text.startswith("的", e) and right_noun(text, e + 1).endswith(nouns)


def extract_metrics(obj, *, date=None, currency: str | None = None, workers: int | None = None,
                    engine: str = "local", progress: bool | None = None) -> pd.DataFrame:
    """One row per quantity mention, columns `COLUMNS`.

    obj: a corpus DataFrame (kslib.load_corpus) or a string. For a corpus, spans are
    offsets in the normalised `text` and `line` is the 1-based line of the raw file.
    A string is normalised exactly like a document (kslib.normalize: Traditional ->
    Simplified, widths, OCR digits, spaced numbers); doc_id is "", spans are offsets in
    that normalised text and line is the line of the string.

    `date` (a string only): the date a string was written, against which 今年, 去年, 过去五年 … resolve
    and before/after which a figure's year makes it an actual/target (a corpus row has its `date`).
    Amounts written with a bare 元 / $ take the document's currency: `currency` (for a string),
    else a `currency` or `region` column of the corpus, else inferred from the text (Hong Kong,
    Taiwan, Macau cues; a CorpusWarning names the document), else CNY (document_currency).

    `workers`: processes for a corpus (None: one per core for a corpus of at least
    kslib.segment.engines.POOL_MIN_CHARS characters — 400,000 —, else 1). Documents are independent, so the rows are the same whatever the number.
    `engine="dask"`: the documents' texts are scattered once to the workers of the current
    dask.distributed Client, which read them; raw lines are mapped here. Same rows as "local".
    `progress`: a bar on stderr (None: only for a corpus of more than about two million characters).
    """
    if isinstance(obj, str):
        from ..normalize import normalize

        nl = normalize(obj)
        code, src = (currency.upper(), "metadata") if currency else document_currency(nl.text)
        rows = extract_text(nl.text, date=date, currency=code, currency_source=src)
        _warn(_inferred_message("", code, rows))
        lines = nl.raw_lines([r["start"] for r in rows]) if rows else []
        for r, line in zip(rows, lines):
            r["doc_id"] = ""
            r["line"] = int(line)
        return frame(rows)
    if isinstance(obj, pd.DataFrame):
        docs = obj.to_dict("records")
        all_rows: list[dict] = []  # one frame at the end: a DataFrame per document costs more than the extraction
        if engine not in ("local", "dask"):
            raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
        found = _dask_documents(docs, currency) if engine == "dask" else _documents(docs, currency, workers, progress)
        for rows, message in found:
            _warn(message)
            all_rows.extend(rows if rows and isinstance(rows[0], tuple) else packed(rows))
        return frame(all_rows)
    raise TypeError("extract_metrics takes a string or a corpus DataFrame")


def text_rows(doc_id: str, text: str, meta: dict, date, currency: str | None) -> tuple[list[dict], str | None]:
    """The rows of one document's normalised text (no raw lines yet) and the warning it gives (an
    inferred currency), or None: the unit of work every engine runs."""
    code, src = (currency.upper(), "metadata") if currency else document_currency(text, meta)
    rows = extract_text(text, date=None if date is None or date != date else str(date), currency=code,
                        currency_source=src)
    return rows, _inferred_message(doc_id, code, rows)


def _with_lines(doc: dict, norm, rows: list[dict]) -> list[dict]:
    lines = norm.raw_lines(np.array([r["start"] for r in rows], dtype=np.int64)) if rows else []
    for r, ln in zip(rows, lines):
        r["doc_id"] = doc["doc_id"]
        r["line"] = int(ln)
    return rows


def document_rows(doc: dict, currency: str | None = None) -> tuple[list[dict], str | None]:
    """The rows of one corpus record, with the raw line of each, and the warning it gives, or None."""
    from ..corpus import normalized

    n = normalized(doc)
    rows, message = text_rows(doc["doc_id"], n.text, doc, doc.get("date"), currency)
    return _with_lines(doc, n, rows), message


_JOB = None  # (docs, currency) for the forked workers (copy-on-write)


def packed(rows: list[dict]) -> list[tuple]:
    """The rows as tuples of the COLUMNS values (NaN for a missing one, as a frame of dicts has): what a
    pool worker sends back (a third of the pickle of the dicts, no keys of their own) and frame() reads."""
    return [tuple(r.get(c, np.nan) for c in COLUMNS) for r in rows]


def _pool_task(idx: list[int]) -> list[tuple[list[tuple], str | None]]:
    docs, currency = _JOB
    out = []
    for i in idx:
        rows, message = document_rows(docs[i], currency)
        out.append((packed(rows), message))
    return out


def _documents(docs: list[dict], currency: str | None, workers: int | None, progress=None):
    """document_rows of every record, in corpus order: in-process, or in a fork-based process pool
    (the parent's normalisation cache is inherited, so no document is normalised again)."""
    global _JOB
    from ..segment.engines import POOL_MIN_CHARS, batches, n_workers, progress_bar

    sizes = [len(d["text"]) if isinstance(d.get("text"), str) else 0 for d in docs]
    total = sum(sizes)
    if workers is None:
        workers = n_workers() if total >= POOL_MIN_CHARS else 1
    workers = min(workers, len(docs))
    with progress_bar(total, progress, "reading quantities") as bar:
        if workers < 2 or "fork" not in mp.get_all_start_methods():
            for doc, n in zip(docs, sizes):
                yield document_rows(doc, currency)
                bar.update(n)
            return
        chunks = batches(list(range(len(docs))), sizes, max(20_000, total // (workers * 8) + 1))
        from ..segment.backends import get_tokenizer

        get_tokenizer("jieba")  # loaded once here (phrases.starts_with_word), not in every worker
        _JOB = (docs, currency)
        gc.freeze()  # else each worker's collections touch (and copy) every page the parent holds
        try:
            with mp.get_context("fork").Pool(workers) as pool:
                for chunk, results in zip(chunks, pool.imap(_pool_task, chunks)):
                    yield from results
                    bar.update(sum(sizes[i] for i in chunk))
        finally:
            gc.unfreeze()
            _JOB = None


_META = ("currency", "region")  # what document_currency reads of a record


def _dask_part(part: list[tuple]) -> list[tuple[list[dict], str | None]]:
    return [text_rows(doc_id, text, meta, date, currency) for doc_id, text, meta, date, currency in part]


def _dask_documents(docs: list[dict], currency: str | None):
    """text_rows of every record on the current dask.distributed cluster: partitions of (doc_id,
    normalised text, currency metadata, date) scattered once, one task per partition; the raw line
    of each row from this process's normalisation (cached when the corpus was loaded here)."""
    from ..corpus import normalized
    from ..segment.engines import batches

    try:
        from distributed import get_client

        client = get_client()
    except (ImportError, ValueError) as e:
        raise RuntimeError("engine='dask' needs a dask.distributed Client; start one first, e.g. "
                           "Client(LocalCluster(n_workers=2))") from e
    norms = [normalized(d) for d in docs]
    jobs = [(d["doc_id"], n.text, {k: d[k] for k in _META if isinstance(d.get(k), str)}, d.get("date"), currency)
            for d, n in zip(docs, norms)]
    sizes = [len(n.text) for n in norms]
    nworkers = max(1, len(client.scheduler_info()["workers"]))
    chunks = batches(list(range(len(docs))), sizes, sum(sizes) // max(1, min(len(docs), 4 * nworkers)) + 1)
    futures = client.scatter([[jobs[i] for i in c] for c in chunks], hash=False)
    results = client.gather(client.map(_dask_part, futures, pure=False))
    del futures
    for c, part in zip(chunks, results):
        for i, (rows, message) in zip(c, part):
            yield _with_lines(docs[i], norms[i], rows), message


def frame(rows: list[dict] | list[tuple]) -> pd.DataFrame:
    """The rows (dicts, or tuples of the COLUMNS values: packed) as the extract_metrics frame."""
    if rows and isinstance(rows[0], tuple):
        df = pd.DataFrame.from_records(rows, columns=COLUMNS)
    else:
        df = pd.DataFrame(rows, columns=COLUMNS)
    df = df.astype({"doc_id": str, "line": "int64", "start": "int64", "end": "int64", "text": str,
                    "sentence": str, "value": "float64", "value_max": "float64", "unit": str,
                    "qualifier": str, "indicator": str, "measure": str, "kind": str, "kind_cue": str})
    df["period"] = df["period"].astype(object).where(df["period"].notna(), None)
    df["year"] = pd.array([None if y is None or (isinstance(y, float) and np.isnan(y)) else int(y)
                           for y in df["year"]], dtype="Int64")
    return df.reset_index(drop=True)
