"""Loading a corpus: a folder of .txt/.md files plus an optional metadata.csv.

`load_corpus` returns one row per document with the metadata columns, `raw` (the
file as decoded) and `text` (normalised, see kslib.normalize). Bad input never
disappears silently: undecodable or binary files raise `CorpusError` (or warn and
are skipped with on_error="warn"); empty files and metadata problems warn, naming
the file.
"""
from __future__ import annotations

import functools
import re
import warnings
from pathlib import Path

import pandas as pd

from .normalize import LOG_COLUMNS, Normalized, normalize

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "METADATA_COLUMNS",
    "SEEDS",
    "load_corpus",
    "cleaning_log",
    "normalized",
    "raw_line",
    "read_text",
]

from .config import SEEDS  # noqa: E402
METADATA_COLUMNS = [
    "doc_id", "title", "date", "date_precision", "date_evidence",
    "source", "authors", "script", "subject",
]
SUFFIXES = {".txt", ".md"}
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]


class CorpusError(ValueError):
    """A file or metadata that cannot be read correctly; the message names the file."""


class CorpusWarning(UserWarning):
    """Something in the corpus was skipped or filled in; the message names the file."""


# control characters other than \t \n \f \r, DEL, and the replacement character
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _looks_binary(text: str) -> bool:
    """Decoded text with control characters or replacement marks is not text."""
    if not text:
        return False
    bad = len(_BAD_CHARS.findall(text))
    return bad / len(text) > 0.001


def read_text(path: str | Path) -> tuple[str, str]:
    """Decode a text file; return (text, encoding). Raises CorpusError naming the file.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are read directly; any
    other encoding (GB18030/GBK, Big5, BOM-less UTF-16 …) is detected with
    charset-normalizer. Empty files return ("", "empty").
    """
    path = Path(path)
    data = path.read_bytes()
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return "", "empty"
    encoding = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            break
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text = None
    if encoding and encoding != "utf-8":
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise CorpusError(f"{path}: starts with a {encoding} byte-order mark but does not decode: {e}") from e
    if encoding is None:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise CorpusError(f"{path}: cannot detect a text encoding (binary or corrupt file?)")
        encoding = best.encoding
        text = str(best)
        if best.chaos > 0.2:
            raise CorpusError(f"{path}: decodes as {encoding} only with garbled characters "
                              f"(chaos {best.chaos:.2f}); convert it to UTF-8 first")
    if _looks_binary(text):
        raise CorpusError(f"{path}: looks binary (control characters after decoding as {encoding})")
    return text, encoding


# Every later step (tokens' raw lines, extract_metrics, cleaning_log, raw_line) looks documents
# up here in corpus order after load_corpus filled it in the same order: with fewer slots than
# documents an LRU cache evicts each entry just before it is needed (0 hits on a 5,883-document
# corpus with 4,096 slots). 65,536 slots cover corpora of tens of thousands of articles; an
# entry costs about 8 bytes per character (offsets) plus the log.
@functools.lru_cache(maxsize=65536)
def _normalize_cached(raw: str, authors: str) -> Normalized:
    return normalize(raw, authors=authors or None)


def normalized(doc: pd.Series | dict) -> Normalized:
    """The normalisation result (text, raw offsets, log) of one corpus row."""
    authors = doc.get("authors", "") if hasattr(doc, "get") else ""
    return _normalize_cached(doc["raw"], authors if isinstance(authors, str) else "")


def raw_line(corpus: pd.DataFrame, doc_id: str, pos: int) -> int:
    """1-based line in the raw file of position `pos` in the document's `text`."""
    row = corpus.loc[corpus["doc_id"] == doc_id]
    if row.empty:
        raise KeyError(doc_id)
    return normalized(row.iloc[0]).raw_line(pos)


_DATE_PATTERNS = [
    (re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"), "day"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d)"), "month"),
]


def _date_from_text(raw: str) -> tuple[str, str, str]:
    """(iso date, precision, evidence) of the first full date stated in the text."""
    for pat, precision in _DATE_PATTERNS:
        m = pat.search(raw)
        if m:
            parts = [int(g) for g in m.groups()]
            if not (1 <= parts[1] <= 12 and (len(parts) < 3 or 1 <= parts[2] <= 31)):
                continue
            iso = "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]])
            line = raw[raw.rfind("\n", 0, m.start()) + 1 : (raw.find("\n", m.end()) + 1 or len(raw) + 1) - 1]
            return iso, precision, f"first date in the text: {line.strip()[:80]}"
    return "", "", ""


def _script(raw: str) -> str:
    """traditional if OpenCC t2s would change more than 3% of the Han characters."""
    from .normalize import t2s

    han = [c for c in raw if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return ""
    sample = "".join(han[:20000])
    changed = sum(a != b for a, b in zip(sample, t2s().convert(sample)))
    return "traditional" if changed / len(sample) > 0.03 else "simplified"


def _fallback(raw: str, text: str) -> dict:
    title = next((l.strip() for l in text.split("\n") if l.strip()), "")
    date, precision, evidence = _date_from_text(raw)
    return {
        "title": title, "date": date, "date_precision": precision, "date_evidence": evidence,
        "source": "", "authors": "", "script": _script(raw), "subject": "",
    }


def _read_metadata(folder: Path, doc_ids: list[str]) -> pd.DataFrame | None:
    path = folder / "metadata.csv"
    if not path.exists():
        return None
    try:
        meta = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except Exception as e:  # pandas raises several types for malformed CSV
        raise CorpusError(f"{path}: cannot be read as CSV: {e}") from e
    if "doc_id" not in meta.columns:
        raise CorpusError(f"{path}: has no doc_id column (columns: {list(meta.columns)})")
    dup = meta["doc_id"][meta["doc_id"].duplicated()].tolist()
    if dup:
        raise CorpusError(f"{path}: doc_id repeated: {dup}")
    missing = [c for c in METADATA_COLUMNS if c not in meta.columns]
    if missing:
        warnings.warn(f"{path}: missing column(s) {missing}; filled from the texts where possible",
                      CorpusWarning, stacklevel=3)
    orphans = sorted(set(meta["doc_id"]) - set(doc_ids))
    if orphans:
        warnings.warn(f"{path}: rows without a file: {orphans}", CorpusWarning, stacklevel=3)
    for col, allowed in [("date_precision", {"day", "month", "year", ""}),
                         ("script", {"traditional", "simplified", ""})]:
        if col in meta.columns:
            bad = meta.loc[~meta[col].isin(allowed), "doc_id"].tolist()
            if bad:
                warnings.warn(f"{path}: {col} not in {sorted(allowed - {''})} for {bad}",
                              CorpusWarning, stacklevel=3)
    if "date" in meta.columns:
        ok = meta["date"].str.fullmatch(r"(\d{4}(-\d{2}(-\d{2})?)?)?")
        if not ok.all():
            warnings.warn(f"{path}: date not ISO (YYYY, YYYY-MM or YYYY-MM-DD) for "
                          f"{meta.loc[~ok, 'doc_id'].tolist()}", CorpusWarning, stacklevel=3)
    return meta.set_index("doc_id")


def load_corpus(path: str | Path | None = None, *, on_error: str = "raise") -> pd.DataFrame:
    """Load every .txt/.md file of a folder (default: the repo's seeds/).

    Returns one row per document, sorted by doc_id: doc_id, file, the metadata
    columns (from metadata.csv, else read from the text), encoding, raw, text.
    on_error="warn" skips undecodable files with a warning instead of raising.
    """
    folder = Path(path) if path is not None else SEEDS
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    stems = [p.stem for p in files]
    dups = sorted({s for s in stems if stems.count(s) > 1})
    if dups:
        raise CorpusError(f"{folder}: several files share a doc_id (file stem): {dups}")
    meta = _read_metadata(folder, stems)
    rows = []
    for p in files:
        try:
            raw, encoding = read_text(p)
        except CorpusError as e:
            if on_error == "warn":
                warnings.warn(f"skipped: {e}", CorpusWarning, stacklevel=2)
                continue
            raise
        if not raw.strip():
            warnings.warn(f"{p}: empty file, skipped", CorpusWarning, stacklevel=2)
            continue
        given = meta.loc[p.stem].to_dict() if meta is not None and p.stem in meta.index else None
        if meta is not None and given is None:
            warnings.warn(f"{p}: no row in metadata.csv; metadata read from the text",
                          CorpusWarning, stacklevel=2)
        authors = (given or {}).get("authors", "")
        norm = _normalize_cached(raw, authors)
        row = {"doc_id": p.stem, "file": p.name}
        # reading metadata from the text (OpenCC on a sample for `script`) only when needed
        if given is None or any(col not in given for col in METADATA_COLUMNS[1:]):
            fallback = _fallback(raw, norm.text)
        for col in METADATA_COLUMNS[1:]:
            row[col] = given[col] if given is not None and col in given else fallback[col]
        row.update({"encoding": encoding, "raw": raw, "text": norm.text})
        rows.append(row)
    if not rows:
        raise CorpusError(f"{folder}: no readable .txt or .md documents")
    return pd.DataFrame(rows).sort_values("doc_id", ignore_index=True)


def cleaning_log(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every span normalisation removed or changed: doc_id, line (raw, 1-based), rule,
    text (as in raw), replacement ("" for removals), raw_start, raw_end."""
    frames = []
    for _, doc in corpus.iterrows():
        log = pd.DataFrame(normalized(doc).log, columns=LOG_COLUMNS[1:])
        log.insert(0, "doc_id", doc["doc_id"])
        frames.append(log)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=LOG_COLUMNS)
