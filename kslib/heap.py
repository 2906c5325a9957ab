"""Freed heap memory handed back to the operating system after the steps of a long document.

glibc keeps freed chunks below its mmap threshold (which grows with use up to 32 MB) resident, so the
many mid-sized numpy temporaries of one long text (near_duplicates' merges, the markup pass) stay in
the process's memory, and the large arrays and strings made later (mmap-ed) cannot reuse them.
`trim()` calls glibc's malloc_trim(0), which returns every free page; elsewhere it does nothing."""
from __future__ import annotations

import ctypes
import ctypes.util
import functools

__all__ = ["trim", "LONG"]

LONG = 1 << 20  # characters: a text this long trims after its steps (a call costs ~1-10 ms)


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    try:
        fn = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows): nothing to call
        return None
    fn.argtypes, fn.restype = [ctypes.c_size_t], ctypes.c_int
    return fn


def trim() -> None:
    """Return the heap's free pages to the operating system (glibc); a no-op elsewhere."""
    fn = _malloc_trim()
    if fn is not None:
        fn(0)
