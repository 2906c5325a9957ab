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

import collections
import functools
import re
import warnings
from pathlib import Path

import pandas as pd

from .normalize import LOG_COLUMNS, Normalized, normalize
from .readers.lines import LINE_BREAK

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
# Optional metadata kept when metadata.csv has them (as every further column is): the document's
# currency (ISO code) or region, used by kslib.extract_metrics for amounts written with a bare 元 / $
# (kslib/data/regions.yaml).
OPTIONAL_COLUMNS = ["currency", "region"]
SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".csv", ".json", ".jsonl"}
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


def _where(offset: int, line: int) -> str:
    return f"byte {offset} (line {line})"


def _line_at(data: bytes, offset: int, encoding: str) -> int:
    """1-based line of a byte offset: the line breaks of the bytes before it, decoded."""
    return len(LINE_BREAK.findall(data[:offset].decode(encoding, "replace"))) + 1


def _not_text(path: Path, data: bytes) -> str:
    """Why bytes that no encoding reads are not text, with the first byte that breaks UTF-8."""
    try:
        data.decode("utf-8")
        return f"{path}: cannot detect a text encoding"
    except UnicodeDecodeError as e:
        bad = data[e.start:e.start + 4]
        return (f"{path}: not text in any encoding tried — not UTF-8 (invalid byte 0x{data[e.start]:02x} at "
                f"{_where(e.start, _line_at(data, e.start, 'utf-8'))}: {bad!r}), and not Chinese in GB18030 or "
                "Big5; a binary or corrupt file?")


def read_text(path: str | Path) -> tuple[str, str]:
    """Decode a text file; return (text, encoding). Raises CorpusError naming the file
    (and, for bytes that do not decode, the byte offset and line where they go wrong).

    kslib.readers.encoding's decision rule: a byte-order mark, else valid UTF-8, else
    strict GB18030 and Big5-HKSCS decodes judged by how common their characters are in
    Chinese, else Windows-1252 for Latin-script text, else charset-normalizer. A guess
    below LOW_CONFIDENCE warns, naming the file, the encoding and the confidence. Files
    of whitespace (or a byte-order mark) only return ("", "empty"); NUL bytes are never
    text (a file of NULs is an unwritten or damaged file, not an empty one).
    """
    from .readers.encoding import decode

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CorpusError(f"{path}: cannot be read: {e.strerror or e}") from e
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise CorpusError(f"{path}: {data.count(0)} NUL bytes and nothing else — not text "
                              "(a file that was never written, or a damaged copy)")
        text = data.decode("utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig", "replace")
        if not text.strip():
            return "", "empty"
    got = decode(data)
    if got is None:
        for bom, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
            if data.startswith(bom):
                enc = "utf-8-sig" if name == "utf-8" else ("utf-32" if data.startswith(b"\xff\xfe\x00\x00") else name)
                skip = 3 if enc == "utf-8-sig" else 0  # utf-8-sig reports offsets after its BOM
                try:
                    data[skip:].decode(enc)
                    where = ""
                except UnicodeDecodeError as e:
                    at = e.start + skip
                    where = f" (at {_where(at, _line_at(data, at, enc))}: {e.reason})"
                raise CorpusError(f"{path}: starts with a {enc.replace('-sig', '')} byte-order mark but does not "
                                  f"decode in that encoding{where}")
        raise CorpusError(_not_text(path, data))
    text, encoding = got.text, got.encoding
    if _looks_binary(text):
        bad = _BAD_CHARS.findall(text)
        first = _BAD_CHARS.search(text)
        line = len(LINE_BREAK.findall(text, 0, first.start())) + 1
        try:
            where = _where(len(text[:first.start()].encode(encoding)), line)
        except (UnicodeEncodeError, LookupError):
            where = f"character {first.start()} (line {line})"
        nul = f" ({bad.count(chr(0))} of them NUL)" if "\x00" in bad else ""
        raise CorpusError(f"{path}: looks binary — {len(bad)} control character{'s' if len(bad) > 1 else ''}{nul} "
                          f"after decoding as {encoding}; the first, U+{ord(first.group()):04X}, at {where}")
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
# entry costs its text, the offsets as runs (a few per edit; kslib.normalize.offsets), the visible lines as
# spans over a text it shares (the raw text when no markup went) and ~50 bytes per log row.
@functools.lru_cache(maxsize=65536)
def _normalize_cached(raw: str, authors: str, rules_folder: str = "", templates: frozenset = frozenset()) -> Normalized:
    from .readers.boilerplate import load_rules

    rules = load_rules(rules_folder) if rules_folder else None
    return normalize(raw, authors=authors or None, rules=rules, templates=templates)


# What load_corpus normalised each document with (the authors metadata.csv gave, the corpus's own
# boilerplate.yaml, its site-template lines), by the document's raw text and the text it gave:
# `normalized(row)` repeats exactly that call, so it is a cache hit and its text is the row's text. The
# text is part of the key: the same file in two corpora (another metadata.csv, other site templates) is
# normalised differently, and each row must find its own normalisation (else its raw lines are another's).
# Bounded like the cache it keys into: the oldest entries go first (a long session loading many corpora).
_CONTEXT: collections.OrderedDict[tuple[str, str], tuple[str, str, frozenset]] = collections.OrderedDict()


def _remember(raw: str, text: str, ctx: tuple[str, str, frozenset]) -> None:
    _CONTEXT[(raw, text)] = ctx
    _CONTEXT.move_to_end((raw, text))
    while len(_CONTEXT) > _normalize_cached.cache_info().maxsize:
        _CONTEXT.popitem(last=False)


def _context_of(doc) -> tuple[str, str, frozenset] | None:
    return _CONTEXT.get((doc["raw"], doc.get("text") if hasattr(doc, "get") else None))


def normalized(doc: pd.Series | dict) -> Normalized:
    """The normalisation result (text, raw offsets, log) of one corpus row."""
    ctx = _context_of(doc)
    if ctx is None:  # a row not made by load_corpus in this process
        authors = doc.get("authors", "") if hasattr(doc, "get") else ""
        ctx = (authors if isinstance(authors, str) else "", "", frozenset())
    return _normalize_cached(doc["raw"], *ctx)


def raw_line(corpus: pd.DataFrame, doc_id: str, pos: int) -> int:
    """1-based line in the raw file of position `pos` in the document's `text`."""
    row = corpus.loc[corpus["doc_id"] == doc_id]
    if row.empty:
        raise KeyError(doc_id)
    return normalized(row.iloc[0]).raw_line(pos)


def _script(raw: str) -> str:
    """traditional if OpenCC t2s would change more than 3% of the first 20,000 Han characters."""
    from .normalize import t2s

    han, n = [], 0
    for m in _HAN_RUN.finditer(raw):  # runs, not one object per character (a 50 MB file)
        han.append(m.group()[:20000 - n])
        n += len(han[-1])
        if n >= 20000:
            break
    if not n:
        return ""
    sample = "".join(han)
    changed = sum(a != b for a, b in zip(sample, t2s().convert(sample)))
    return "traditional" if changed / len(sample) > 0.03 else "simplified"


_HAN_RUN = re.compile("[\u4e00-\u9fff]+")
_INFERRED = ["title", "date", "source", "authors"]
_LOADER_COLUMNS = {"file", "encoding", "format", "raw", "text"}  # the loader's own, never from metadata.csv


def _from_document(raw: str, norm: Normalized, record: dict | None) -> tuple[dict, list[str]]:
    """Metadata the document states about itself (kslib.readers.metadata), and for the
    warning: each field with its origin, then the fields not found."""
    from itertools import islice

    from .readers.metadata import infer_metadata

    html = norm.parsed if norm.format == "html" else None
    md = norm.parsed if norm.format == "markdown" else None
    clean = [(norm.raw_line(m.start()), m.group()) for m in islice(re.finditer(r"[^\n]+", norm.text), 20)]
    got = infer_metadata(norm.format, norm.visible, clean, html=html, markdown=md, record=record)
    out = {col: (got[col].value if col in got else "") for col in METADATA_COLUMNS[1:]}
    out["script"] = _script(raw)
    notes = [f"{col} from {got[col].origin}" for col in _INFERRED if col in got]
    missing = [col for col in _INFERRED if col not in got]
    return out, notes + ([f"not found: {', '.join(missing)}"] if missing else [])


def _names(items: list[str], n: int = 8) -> str:
    return ", ".join(items[:n]) + (f" … and {len(items) - n} more" if len(items) > n else "")


def _read_metadata(folder: Path, doc_ids: list[str]) -> pd.DataFrame | None:
    """metadata.csv as a frame indexed by doc_id (all values stripped strings), checked:
    a malformed row is an error naming its line; dates are validated (an impossible one
    is named in a warning and left empty); columns beyond the standard ones are kept."""
    import csv
    import io
    import unicodedata

    from .readers.metadata import check_date

    path = folder / "metadata.csv"
    if not path.exists():
        return None
    text, _encoding = read_text(path)  # any encoding the documents may have (Excel writes GBK)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, line = [], 1
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                rows.append((line, [f.strip() for f in fields]))
            line = reader.line_num + 1
    except csv.Error as e:
        raise CorpusError(f"{path}: line {reader.line_num}: not valid CSV: {e}") from e
    if not rows:
        warnings.warn(f"{path}: empty, ignored", CorpusWarning, stacklevel=3)
        return None
    header = [h.lstrip("\ufeff") for h in rows[0][1]]
    if "doc_id" not in header:
        raise CorpusError(f"{path}: has no doc_id column (columns: {header})")
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if repeated:
        raise CorpusError(f"{path}: column names repeated in the header: {repeated}")
    width = len(header)
    short, records, lines = [], [], {}
    for n, fields in rows[1:]:
        if len(fields) > width:
            if any(fields[width:]):
                raise CorpusError(
                    f"{path}: line {n} has {len(fields)} fields, the header {width} ({', '.join(header)}): "
                    f"{','.join(fields)[:120]!r} — a field containing a comma must be in double quotes")
            fields = fields[:width]
        elif len(fields) < width:
            short.append(n)
            fields = fields + [""] * (width - len(fields))
        rec = dict(zip(header, fields))
        rec.pop("", None)  # a column without a name (a trailing comma in the header)
        rec["doc_id"] = unicodedata.normalize("NFC", rec["doc_id"])
        if not rec["doc_id"]:
            warnings.warn(f"{path}: line {n} has no doc_id, ignored", CorpusWarning, stacklevel=3)
            continue
        lines.setdefault(rec["doc_id"], []).append(n)
        records.append(rec)
    if short:
        warnings.warn(f"{path}: lines {short} have fewer fields than the header; the missing ones are empty",
                      CorpusWarning, stacklevel=3)
    dup = {d: ls for d, ls in lines.items() if len(ls) > 1}
    if dup:
        raise CorpusError(f"{path}: doc_id repeated: " + "; ".join(f"{d!r} on lines {ls}" for d, ls in dup.items()))
    columns = [h for h in dict.fromkeys(header) if h]
    meta = pd.DataFrame(records, columns=columns, dtype=object)
    own = sorted(_LOADER_COLUMNS & set(columns))
    if own:
        warnings.warn(f"{path}: column(s) {own} are the loader's own (the file and its text), ignored",
                      CorpusWarning, stacklevel=3)
        meta = meta.drop(columns=own)
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
        problems = []
        for i, value in meta["date"].items():
            iso, precision, problem = check_date(value)
            if not problem:
                continue
            doc = meta.at[i, "doc_id"]
            problems.append(f"{doc} (line {lines[doc][0]}): {problem}" + ("" if iso else ", treated as missing"))
            meta.at[i, "date"] = iso
            if "date_precision" in meta.columns:
                meta.at[i, "date_precision"] = precision
        if problems:
            warnings.warn(f"{path}: dates: {'; '.join(problems)}", CorpusWarning, stacklevel=3)
    return meta.set_index("doc_id")


def _emptied_by(norm: Normalized) -> str:
    """The rules that removed a document's text, most characters first, with their lines."""
    by: dict[str, list[int]] = {}
    size: dict[str, int] = {}
    for r in norm.log:
        by.setdefault(r["rule"], []).append(r["line"])
        size[r["rule"]] = size.get(r["rule"], 0) + len(r["text"])
    parts = []
    for rule in sorted(by, key=lambda r: (-size[r], r)):
        ls = sorted(set(by[rule]))
        parts.append(f"{rule} (line{'s' if len(ls) > 1 else ''} {_names([str(x) for x in ls], 5)})")
    return ", ".join(parts)


def _documents(folder: Path, on_error: str, text_field: str | None, recursive: bool, outside_links: bool):
    """(doc_id, file name, raw, encoding, record fields or None) for every document of
    the folder: one per text file, one per record of a record file; what is not read is
    named in warnings (kslib.readers.folder)."""
    from .readers.folder import REASONS, list_documents
    from .readers.formats import not_records, read_records, record_kind

    listing = list_documents(folder, SUFFIXES, recursive=recursive, outside_links=outside_links,
                             companions=NOT_DOCUMENTS | {"boilerplate.yaml"})
    for reason, names in listing.skipped.items():
        if names:
            warnings.warn(f"{folder}: {REASONS[reason]}: {_names(names)}", CorpusWarning, stacklevel=3)
    for p, stem in listing.documents:
        name = p.relative_to(folder).as_posix()
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
        problem = not_records(p.name, raw) if kind is None and p.suffix.lower() in (".json", ".jsonl") else None
        if problem:  # a truncated or malformed record file is not a text document
            err = CorpusError(f"{p}: cannot be read as records: {problem}")
            if on_error == "warn":
                warnings.warn(f"skipped: {err}", CorpusWarning, stacklevel=3)
                continue
            raise err
        if kind is None:
            yield stem, name, raw, encoding, None
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
            doc_id = stem if len(records) == 1 else f"{stem}-{rec.index + 1:0{width}d}"
            yield doc_id, name, rec.text, encoding, rec.fields


def load_corpus(path: str | Path | None = None, *, on_error: str = "raise",
                text_field: str | None = None, recursive: bool = False,
                outside_links: bool = False) -> pd.DataFrame:
    """Load every document of a folder (default: the repo's seeds/; a relative path is read from the
    current directory, else from the repository root, and a missing folder's error names both).

    Reads .txt .text .md .markdown .html .htm files (format told from the content: a .txt
    holding HTML is HTML) and record files (.csv .json .jsonl: one document per record,
    `text_field` its text, default the first of text/content/body/… present; the other
    fields become columns). Returns one row per document, sorted by doc_id: doc_id,
    file, the metadata columns (from metadata.csv, else read from the document, with a
    warning naming each inferred field and its origin), any further metadata.csv
    columns, encoding, format, raw, text.
    A `boilerplate.yaml` beside metadata.csv adds or switches off cleaning rules.
    on_error="warn" skips undecodable files with a warning instead of raising.
    recursive=True reads subfolders too (doc_id: the path below the folder, "2020/a");
    outside_links=True follows links to files outside the folder. Whatever is not read
    (subfolders, other suffixes, hidden files, links) is named in a warning.
    """
    from .readers.boilerplate import load_rules, template_lines

    try:  # a relative path: from the current directory, else from the repository root
        folder = corpus_path(path)
    except FileNotFoundError as e:
        raise CorpusError(str(e)) from None
    docs = list(_documents(folder, on_error, text_field, recursive, outside_links))
    ids = [d[0] for d in docs]
    counts = pd.Series(ids, dtype=object).value_counts()
    dups = sorted(counts[counts > 1].index)
    if dups:
        raise CorpusError(f"{folder}: several files share a doc_id (file stem): {dups}")
    meta = _read_metadata(folder, ids)
    rules_folder = str(folder.resolve()) if (folder / "boilerplate.yaml").exists() else ""
    web = load_rules(rules_folder or None)
    given_all, norms, authors = [], [], []
    for doc_id, _name, raw, _enc, _fields in docs:
        given = meta.loc[doc_id].to_dict() if meta is not None and doc_id in meta.index else None
        given_all.append(given)
        a = (given or {}).get("authors", "")
        authors.append(a if isinstance(a, str) else "")
        norms.append(_normalize_cached(raw, authors[-1], rules_folder, frozenset()))
    # lines of a site's template (the same footer in many documents) go from every document
    templates = template_lines([[t.strip() for _, t in n.visible] for n in norms], web) if len(docs) > 1 else set()
    for k, (doc_id, _name, raw, _enc, _fields) in enumerate(docs):
        mine = frozenset(t.strip() for _, t in norms[k].visible) & templates
        ctx = (authors[k], rules_folder, mine)
        if mine:
            norms[k] = _normalize_cached(raw, *ctx)
        _remember(raw, norms[k].text, ctx)
    extra = [c for c in meta.columns if c not in METADATA_COLUMNS] if meta is not None else []
    rows = []
    for (doc_id, name, raw, encoding, fields), given, norm in zip(docs, given_all, norms):
        row = {"doc_id": doc_id, "file": name}
        label = f"{folder / name}{f' ({doc_id})' if doc_id != Path(name).with_suffix('').as_posix() else ''}"
        # reading metadata from the document only when metadata.csv does not give it
        if given is None or any(col not in given for col in METADATA_COLUMNS[1:]):
            inferred, notes = _from_document(raw, norm, fields)
            where = "no row in metadata.csv; " if meta is not None and given is None else ""
            warnings.warn(f"{label}: {where}metadata read from the document: {'; '.join(notes)}",
                          CorpusWarning, stacklevel=2)
            if given is not None and "date" in given and "date_precision" not in given:
                # a date from metadata.csv: its precision is its own form, not the text's date's
                from .readers.metadata import check_date

                inferred["date_precision"] = check_date(given["date"])[1]
        for col in METADATA_COLUMNS[1:]:
            row[col] = given[col] if given is not None and col in given else inferred[col]
        for col in extra:  # further metadata.csv columns (currency, region, anything the user keeps)
            row[col] = (given or {}).get(col, "")
        row.update({"encoding": encoding, "format": norm.format, "raw": raw, "text": norm.text})
        for k, v in (fields or {}).items():
            if k not in row:
                row[k] = v
        if not norm.text.strip():
            warnings.warn(f"{label}: cleaning left no text; removed by {_emptied_by(norm)} "
                          "(kslib.cleaning_log lists every span)", CorpusWarning, stacklevel=2)
        rows.append(row)
    if not rows:
        raise CorpusError(f"{folder}: no readable documents ({', '.join(sorted(SUFFIXES))})")
    # rows sorted before the frame is made (doc_ids are distinct): sorting the frame would copy every
    # column; the columns in the order the unsorted rows name them, as DataFrame(rows) orders them
    columns = list(dict.fromkeys(k for row in rows for k in row))
    rows.sort(key=lambda row: row["doc_id"])
    texts = {col: [row[col] for row in rows] for col in ("raw", "text")}
    for row in rows:  # the long columns are put in below, from their UTF-8 bytes
        row["raw"] = row["text"] = ""
    out = pd.DataFrame(rows, columns=columns)
    for col, values in texts.items():
        out[col] = _str_column(values)
    del texts
    for col in out.columns[out.isna().any()]:  # a field only some records have: empty, as metadata
        out[col] = out[col].fillna("")
    out.attrs["folder"] = str(folder.resolve())  # where kslib.tokens looks for the corpus's userdict.txt
    return out


def _str_column(values: list[str]):
    """The pandas "str" column (Arrow large_string) DataFrame would make of `values`, built from
    their UTF-8 encodings: pyarrow reading a str object leaves its UTF-8 copy cached inside it
    (PyUnicode_AsUTF8AndSize) for as long as it lives, and the documents' raw and text live on
    in the normalisation cache — a second copy of every text. Values that do not encode (lone
    surrogates) go through pandas as before."""
    import numpy as np
    import pyarrow as pa

    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    try:
        if len(values) == 1:
            data = values[0].encode("utf-8")
            offsets[1] = len(data)
        else:
            data = bytearray()
            for k, v in enumerate(values):
                data += v.encode("utf-8")
                offsets[k + 1] = len(data)
    except UnicodeEncodeError:
        return pd.array(values, dtype="str")
    arr = pa.LargeStringArray.from_buffers(len(values), pa.py_buffer(offsets), pa.py_buffer(data))
    return pd.array(arr, dtype="str")


def cleaning_log(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every span normalisation removed or changed: doc_id, line (raw, 1-based), rule,
    text (as in raw), replacement ("" for removals), raw_start, raw_end, note (a
    near_duplicate row names the line it repeats)."""
    frames = []
    for _, doc in corpus.iterrows():
        log = pd.DataFrame(list(normalized(doc).log), columns=LOG_COLUMNS[1:])
        log.insert(0, "doc_id", doc["doc_id"])
        frames.append(log)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=LOG_COLUMNS)


def normalized_if_loaded(doc: pd.Series | dict) -> Normalized | None:
    """normalized(doc) for a row load_corpus made in this process, whose normalisation is still in
    memory (a look-up, not a computation); None otherwise — without normalising. For callers that
    can get the result more cheaply elsewhere than by normalising here (kslib.tokens' line maps)."""
    ctx = _context_of(doc)
    info = _normalize_cached.cache_info()
    if ctx is None or info.currsize >= info.maxsize:  # a full LRU may have evicted it
        return None
    return _normalize_cached(doc["raw"], *ctx)
