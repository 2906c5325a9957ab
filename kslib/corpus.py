"""Loading a corpus: a folder of documents (.txt .md .markdown .html .htm, and record files
.csv .json .jsonl with one document per record) plus an optional metadata.csv.

`load_corpus` returns one row per document with the metadata columns, `raw` (the
file as decoded, or a record's text field) and `text` (normalised, see kslib.normalize;
the format is told from the content). Bad input never disappears silently: undecodable
or binary files raise `CorpusError` (or warn and are skipped with on_error="warn");
empty files, metadata problems, low-confidence encoding guesses and metadata read from
the documents themselves warn, naming the file.
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

from .config import SEEDS, corpus_path  # noqa: E402
from .segment.dictionary import CORPUS_USERDICT  # noqa: E402
METADATA_COLUMNS = [
    "doc_id", "title", "date", "date_precision", "date_evidence",
    "source", "authors", "script", "subject",
]
# Optional metadata kept when metadata.csv has them: the document's currency (ISO code) or region,
# used by kslib.extract_metrics for amounts written with a bare 元 / $ (kslib/data/regions.yaml).
OPTIONAL_COLUMNS = ["currency", "region"]
SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".csv", ".json", ".jsonl"}
NOT_DOCUMENTS = {"metadata.csv", CORPUS_USERDICT}  # userdict.txt: the corpus's own dictionary (kslib.tokens)

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

    kslib.readers.encoding's decision rule: a byte-order mark, else valid UTF-8, else
    strict GB18030 and Big5-HKSCS decodes judged by how common their characters are in
    Chinese, else charset-normalizer. A guess below LOW_CONFIDENCE warns, naming the
    file, the encoding and the confidence. Empty files return ("", "empty").
    """
    from .readers.encoding import decode

    path = Path(path)
    data = path.read_bytes()
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return "", "empty"
    got = decode(data)
    if got is None:
        for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
            if data.startswith(bom):
                raise CorpusError(f"{path}: starts with a byte-order mark but does not decode in its encoding")
        raise CorpusError(f"{path}: cannot detect a text encoding (binary or corrupt file?)")
    text, encoding = got.text, got.encoding
    if _looks_binary(text):
        raise CorpusError(f"{path}: looks binary (control characters after decoding as {encoding})")
    if got.confidence < 0.5 and encoding not in ("gb18030", "big5hkscs", "cp950", "utf-8"):
        raise CorpusError(f"{path}: decodes as {encoding} only with garbled characters "
                          f"(confidence {got.confidence:.2f}); convert it to UTF-8 first")
    if got.low_confidence:
        warnings.warn(f"{path}: encoding guessed as {encoding} with confidence {got.confidence:.2f}; "
                      "check the text, or convert the file to UTF-8", CorpusWarning, stacklevel=3)
    return text, encoding


# Every later step (tokens' raw lines, extract_metrics, cleaning_log, raw_line) looks documents
# up here in corpus order after load_corpus filled it in the same order: with fewer slots than
# documents an LRU cache evicts each entry just before it is needed (0 hits on a 5,883-document
# corpus with 4,096 slots). 65,536 slots cover corpora of tens of thousands of articles; an
# entry costs about 8 bytes per character (offsets) plus the log.
@functools.lru_cache(maxsize=65536)
def _normalize_cached(raw: str, authors: str, rules_folder: str = "", templates: frozenset = frozenset()) -> Normalized:
    from .readers.boilerplate import load_rules

    rules = load_rules(rules_folder) if rules_folder else None
    return normalize(raw, authors=authors or None, rules=rules, templates=templates)


# A corpus with its own boilerplate.yaml or with site-template lines normalises its documents
# with them; `normalized(row)` finds them here by the document's raw text.
_CONTEXT: dict[str, tuple[str, frozenset]] = {}


def normalized(doc: pd.Series | dict) -> Normalized:
    """The normalisation result (text, raw offsets, log) of one corpus row."""
    authors = doc.get("authors", "") if hasattr(doc, "get") else ""
    folder, templates = _CONTEXT.get(doc["raw"], ("", frozenset()))
    return _normalize_cached(doc["raw"], authors if isinstance(authors, str) else "", folder, templates)


def raw_line(corpus: pd.DataFrame, doc_id: str, pos: int) -> int:
    """1-based line in the raw file of position `pos` in the document's `text`."""
    row = corpus.loc[corpus["doc_id"] == doc_id]
    if row.empty:
        raise KeyError(doc_id)
    return normalized(row.iloc[0]).raw_line(pos)


def _script(raw: str) -> str:
    """traditional if OpenCC t2s would change more than 3% of the Han characters."""
    from .normalize import t2s

    han = [c for c in raw if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return ""
    sample = "".join(han[:20000])
    changed = sum(a != b for a, b in zip(sample, t2s().convert(sample)))
    return "traditional" if changed / len(sample) > 0.03 else "simplified"


_INFERRED = ["title", "date", "source", "authors"]


def _from_document(raw: str, norm: Normalized, record: dict | None) -> tuple[dict, list[str]]:
    """Metadata the document states about itself (kslib.readers.metadata), and for the
    warning: each field with its origin, then the fields not found."""
    from .readers.metadata import infer_metadata

    html = norm.parsed if norm.format == "html" else None
    md = norm.parsed if norm.format == "markdown" else None
    clean = [(norm.raw_line(m.start()), m.group()) for m in re.finditer(r"[^\n]+", norm.text)][:20]
    got = infer_metadata(norm.format, norm.visible, clean, html=html, markdown=md, record=record)
    out = {col: (got[col].value if col in got else "") for col in METADATA_COLUMNS[1:]}
    out["script"] = _script(raw)
    notes = [f"{col} from {got[col].origin}" for col in _INFERRED if col in got]
    missing = [col for col in _INFERRED if col not in got]
    return out, notes + ([f"not found: {', '.join(missing)}"] if missing else [])


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


def _documents(folder: Path, on_error: str, text_field: str | None):
    """(doc_id, file name, raw, encoding, record fields or None) for every document of
    the folder: one per text file, one per record of a record file."""
    from .readers.formats import read_records, record_kind

    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() in SUFFIXES and p.name.lower() not in NOT_DOCUMENTS)
    for p in files:
        try:
            raw, encoding = read_text(p)
        except CorpusError as e:
            if on_error == "warn":
                warnings.warn(f"skipped: {e}", CorpusWarning, stacklevel=3)
                continue
            raise
        if not raw.strip():
            warnings.warn(f"{p}: empty file, skipped", CorpusWarning, stacklevel=3)
            continue
        kind = record_kind(p.name, raw) if p.suffix.lower() in (".csv", ".json", ".jsonl") else None
        if kind is None:
            yield p.stem, p.name, raw, encoding, None
            continue
        try:
            records = read_records(raw, kind, text_field)
        except (ValueError, KeyError) as e:
            err = CorpusError(f"{p}: cannot be read as {kind} records: {e}")
            if on_error == "warn":
                warnings.warn(f"skipped: {err}", CorpusWarning, stacklevel=3)
                continue
            raise err from e
        width = len(str(len(records)))
        for rec in records:
            if not rec.text.strip():
                warnings.warn(f"{p}: record {rec.index + 1} has an empty `{rec.text_field}`, skipped",
                              CorpusWarning, stacklevel=3)
                continue
            doc_id = p.stem if len(records) == 1 else f"{p.stem}-{rec.index + 1:0{width}d}"
            yield doc_id, p.name, rec.text, encoding, rec.fields


def load_corpus(path: str | Path | None = None, *, on_error: str = "raise",
                text_field: str | None = None) -> pd.DataFrame:
    """Load every document of a folder (default: the repo's seeds/; a relative path is read from the
    current directory, else from the repository root, and a missing folder's error names both).

    Reads .txt .md .markdown .html .htm files (format told from the content: a .txt
    holding HTML is HTML) and record files (.csv .json .jsonl: one document per record,
    `text_field` its text, default the first of text/content/body/… present; the other
    fields become columns). Returns one row per document, sorted by doc_id: doc_id,
    file, the metadata columns (from metadata.csv, else read from the document, with a
    warning naming each inferred field and its origin), encoding, format, raw, text.
    A `boilerplate.yaml` beside metadata.csv adds or switches off cleaning rules.
    on_error="warn" skips undecodable files with a warning instead of raising.
    """
    from .readers.boilerplate import load_rules, template_lines

    try:  # a relative path: from the current directory, else from the repository root
        folder = corpus_path(path)
    except FileNotFoundError as e:
        raise CorpusError(str(e)) from None
    docs = list(_documents(folder, on_error, text_field))
    ids = [d[0] for d in docs]
    dups = sorted({s for s in ids if ids.count(s) > 1})
    if dups:
        raise CorpusError(f"{folder}: several files share a doc_id (file stem): {dups}")
    meta = _read_metadata(folder, ids)
    rules_folder = str(folder.resolve()) if (folder / "boilerplate.yaml").exists() else ""
    web = load_rules(rules_folder or None)
    given_all, norms = [], []
    for doc_id, _name, raw, _enc, _fields in docs:
        given = meta.loc[doc_id].to_dict() if meta is not None and doc_id in meta.index else None
        given_all.append(given)
        norms.append(_normalize_cached(raw, (given or {}).get("authors", ""), rules_folder))
    # lines of a site's template (the same footer in many documents) go from every document
    templates = template_lines([[t.strip() for _, t in n.visible] for n in norms], web) if len(docs) > 1 else set()
    for k, (doc_id, _name, raw, _enc, _fields) in enumerate(docs):
        mine = frozenset(t.strip() for _, t in norms[k].visible) & templates
        if mine or rules_folder:
            _CONTEXT[raw] = (rules_folder, frozenset(mine))
        if mine:
            norms[k] = _normalize_cached(raw, (given_all[k] or {}).get("authors", ""), rules_folder, frozenset(mine))
    rows = []
    for (doc_id, name, raw, encoding, fields), given, norm in zip(docs, given_all, norms):
        row = {"doc_id": doc_id, "file": name}
        # reading metadata from the document only when metadata.csv does not give it
        if given is None or any(col not in given for col in METADATA_COLUMNS[1:]):
            inferred, notes = _from_document(raw, norm, fields)
            where = "no row in metadata.csv; " if meta is not None and given is None else ""
            warnings.warn(f"{folder / name}{f' ({doc_id})' if doc_id != Path(name).stem else ''}: {where}"
                          f"metadata read from the document: {'; '.join(notes)}", CorpusWarning, stacklevel=2)
        for col in METADATA_COLUMNS[1:]:
            row[col] = given[col] if given is not None and col in given else inferred[col]
        for col in OPTIONAL_COLUMNS:
            if meta is not None and col in meta.columns:
                row[col] = (given or {}).get(col, "")
        row.update({"encoding": encoding, "format": norm.format, "raw": raw, "text": norm.text})
        for k, v in (fields or {}).items():
            if k not in row:
                row[k] = v
        rows.append(row)
    if not rows:
        raise CorpusError(f"{folder}: no readable documents ({', '.join(sorted(SUFFIXES))})")
    out = pd.DataFrame(rows).sort_values("doc_id", ignore_index=True)
    out.attrs["folder"] = str(folder.resolve())  # where kslib.tokens looks for the corpus's userdict.txt
    return out


def cleaning_log(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every span normalisation removed or changed: doc_id, line (raw, 1-based), rule,
    text (as in raw), replacement ("" for removals), raw_start, raw_end, note (a
    near_duplicate row names the line it repeats)."""
    frames = []
    for _, doc in corpus.iterrows():
        log = pd.DataFrame(normalized(doc).log, columns=LOG_COLUMNS[1:])
        log.insert(0, "doc_id", doc["doc_id"])
        frames.append(log)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=LOG_COLUMNS)
