"""Which files of a corpus folder are documents, and what is left out and why.

`list_documents` walks a folder and returns the document files with their doc_id, and every
entry it does not read, by reason, so the loader can say so: subfolders (read with
recursive=True), other suffixes, hidden files, links it does not follow (broken, loops, to a
folder, pointing outside the corpus folder unless allowed), things that are not regular files.
"""
from __future__ import annotations

import errno
import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Listing", "list_documents", "COMPANIONS", "SILENT", "REASONS"]

# files of a corpus that are not documents: its metadata, dictionary and cleaning rules
COMPANIONS = {"metadata.csv", "userdict.txt", "boilerplate.yaml"}
# never documents and not worth a word: file-system clutter and checksum lists
SILENT = {".ds_store", "thumbs.db", "desktop.ini", "sha256sums", "sha1sums", "md5sums", "sha512sums"}
REASONS = {
    "subfolder": "subfolders not read (recursive=True reads them)",
    "suffix": "files not read: not a document suffix",
    "hidden": "hidden files and folders not read",
    "not_a_file": "not regular files (pipes, devices, sockets), not read",
    "companion_below": "companion files below the top folder not used (only the top folder's are)",
    "unreadable_folder": "folders that cannot be listed",
    "broken_link": "broken links, not read",
    "link_loop": "links that loop, not read",
    "folder_link": "links to folders, not followed",
    "outside_link": "links to files outside the folder, not read (outside_links=True reads them)",
}


@dataclass
class Listing:
    """documents: (path, doc_id) sorted by doc_id; skipped: reason -> names relative to the
    folder (a link's name with " -> target")."""

    documents: list[tuple[Path, str]] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _link_problem(p: Path) -> str | None:
    """broken_link or link_loop for a link that does not resolve, else None."""
    try:
        os.stat(p)
        return None
    except OSError as e:
        return "link_loop" if e.errno == errno.ELOOP else "broken_link"


def list_documents(folder: str | Path, suffixes, *, recursive: bool = False,
                   outside_links: bool = False, companions=COMPANIONS) -> Listing:
    """The documents of `folder` (files with one of `suffixes`, any case, other than the
    `companions`) and what is skipped.

    doc_id is the file's stem, or with recursive=True its path below the folder without the
    suffix ("2020/a"), in Unicode NFC (a name written on macOS, NFD, matches metadata.csv).
    A link is followed when it resolves to a file inside the folder (or anywhere with
    outside_links=True); links to folders are never followed (no loops, no document twice).
    """
    folder = Path(folder)
    root = folder.resolve()
    out = Listing()
    suffixes = {s.lower() for s in suffixes}
    companions = {c.lower() for c in companions}

    def visit(d: Path, rel: str) -> None:
        try:
            entries = sorted(d.iterdir(), key=lambda p: p.name)
        except OSError:
            out.skipped["unreadable_folder"].append(rel or ".")
            return
        for p in entries:
            name, r = p.name, rel + p.name
            if name.lower() in SILENT:
                continue
            if name.startswith("."):
                out.skipped["hidden"].append(r + ("/" if p.is_dir() and not p.is_symlink() else ""))
                continue
            if p.is_symlink():
                problem = _link_problem(p)
                target = os.readlink(p)
                if problem:
                    out.skipped[problem].append(f"{r} -> {target}")
                    continue
                real = p.resolve()
                if real.is_dir():
                    out.skipped["folder_link"].append(f"{r} -> {target}")
                    continue
                if not outside_links and not real.is_relative_to(root):
                    out.skipped["outside_link"].append(f"{r} -> {real}")
                    continue
            if p.is_dir():
                if recursive:
                    visit(p, r + "/")
                else:
                    out.skipped["subfolder"].append(r + "/")
                continue
            if not p.is_file():
                out.skipped["not_a_file"].append(r)
                continue
            if name.lower() in companions:
                if rel:
                    out.skipped["companion_below"].append(r)
                continue
            if p.suffix.lower() not in suffixes:
                out.skipped["suffix"].append(r)
                continue
            out.documents.append((p, unicodedata.normalize("NFC", rel + p.stem)))

    visit(folder, "")
    out.documents.sort(key=lambda d: d[1])
    return out
