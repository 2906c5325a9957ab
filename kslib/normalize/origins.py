"""Origins of the audit buffer that are not made as arrays: the identity or a constant (Constant), runs of
consecutive offsets (Runs), and the join of parts into either or an array (concat), so that a long text
whose edits only remove or rewrite characters keeps its raw offsets in a few runs, not 4 bytes a character."""
from __future__ import annotations

import numpy as np

__all__ = ["Constant", "Runs", "as_runs", "part", "concat", "CHUNK"]


class Constant:
    """An array not yet made: start, start+1, … (fill None: the identity origin of a text no
    rule changed, or a run of it) or n copies of fill (no row). Indexing with an integer, a
    slice or an integer array gives what the array would give."""

    __slots__ = ("n", "dtype", "fill", "start")

    def __init__(self, n: int, dtype, fill: int | None, start: int = 0):
        self.n, self.dtype, self.fill, self.start = n, dtype, fill, start

    def __len__(self) -> int:
        return self.n

    def array(self) -> np.ndarray:
        return self[0:self.n]

    def lazy(self, a: int, b: int) -> Constant:
        """self[a:b] (0 <= a <= b <= n), still not made."""
        return Constant(b - a, self.dtype, self.fill, self.start + a)

    def write(self, out: np.ndarray, at: int) -> None:
        """out[at:at + n] = self, CHUNK values at a time (no temporary of the whole run)."""
        if self.fill is not None:
            out[at:at + self.n] = self.fill
            return
        for a in range(0, self.n, CHUNK):
            b = min(a + CHUNK, self.n)
            out[at + a:at + b] = np.arange(self.start + a, self.start + b, dtype=self.dtype)

    def __getitem__(self, key):
        if isinstance(key, slice):
            r = range(*key.indices(self.n))
            if self.fill is None:
                return np.arange(self.start + r.start, self.start + r.stop, r.step, dtype=self.dtype)
            return np.full(len(r), self.fill, dtype=self.dtype)
        if isinstance(key, (int, np.integer)):
            k = int(key)
            if not -self.n <= k < self.n:
                raise IndexError(f"index {k} is out of bounds for size {self.n}")
            return self.dtype(self.start + k % self.n if self.fill is None else self.fill)
        a = np.asarray(key)
        if a.dtype.kind not in "iu":
            raise IndexError("only integer indices")
        if a.size and (int(a.max()) >= self.n or int(a.min()) < -self.n):
            raise IndexError(f"index out of bounds for size {self.n}")
        if self.fill is None:
            return (np.where(a < 0, a + self.n, a) + self.start).astype(self.dtype)
        return np.full(a.shape, self.fill, dtype=self.dtype)


CHUNK = 1 << 20


class Runs:
    """An origin not made, stored as the runs in which it goes up by one: a[i] = val[k] + i - pos[k]
    for pos[k] <= i < pos[k+1] (pos[0] = 0; int64). What removals and same-length rewrites leave
    of the identity origin: a few runs per edit, where the array costs 4 bytes a character.
    Indexing with an integer, a slice or an integer array gives what the array would give."""

    __slots__ = ("pos", "val", "n", "dtype")

    def __init__(self, pos: np.ndarray, val: np.ndarray, n: int, dtype):
        self.pos, self.val, self.n, self.dtype = pos, val, n, dtype

    def __len__(self) -> int:
        return self.n

    def array(self) -> np.ndarray:
        out = np.empty(self.n, dtype=self.dtype)
        self.write(out, 0)
        return out

    def _at(self, idx: np.ndarray) -> np.ndarray:
        """a[idx] for in-range non-negative int64 indices."""
        k = np.searchsorted(self.pos, idx, side="right") - 1
        return (self.val[k] + (idx - self.pos[k])).astype(self.dtype)

    def lazy(self, a: int, b: int) -> Runs:
        """self[a:b] (0 <= a <= b <= n), still not made."""
        if b <= a:
            return Runs(np.zeros(0, np.int64), np.zeros(0, np.int64), 0, self.dtype)
        k0 = int(np.searchsorted(self.pos, a, side="right")) - 1
        k1 = int(np.searchsorted(self.pos, b, side="left"))
        pos, val = self.pos[k0:k1] - a, self.val[k0:k1].copy()
        val[0] -= pos[0]
        pos[0] = 0
        return Runs(pos, val, b - a, self.dtype)

    def write(self, out: np.ndarray, at: int) -> None:
        """out[at:at + n] = self, run by run, CHUNK values at a time (no temporary of the whole)."""
        ends = np.r_[self.pos[1:], self.n].tolist()
        for p, e, v in zip(self.pos.tolist(), ends, self.val.tolist()):
            for a in range(p, e, CHUNK):
                b = min(a + CHUNK, e)
                out[at + a:at + b] = np.arange(v + a - p, v + b - p, dtype=self.dtype)

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, step = key.indices(self.n)
            if step == 1:
                return self.lazy(start, max(start, stop)).array()
            return self._at(np.arange(start, stop, step, dtype=np.int64))
        if isinstance(key, (int, np.integer)):
            k = int(key)
            if not -self.n <= k < self.n:
                raise IndexError(f"index {k} is out of bounds for size {self.n}")
            return self._at(np.array([k % self.n], dtype=np.int64))[0]
        a = np.asarray(key)
        if a.dtype.kind not in "iu":
            raise IndexError("only integer indices")
        if a.size and (int(a.max()) >= self.n or int(a.min()) < -self.n):
            raise IndexError(f"index out of bounds for size {self.n}")
        a = a.astype(np.int64)
        return self._at(np.where(a < 0, a + self.n, a).ravel()).reshape(a.shape)


def as_runs(parts: list, total: int, dtype) -> Runs | None:
    """The concatenation of non-empty parts as runs, if every part is an identity run (Constant
    without fill), runs, or a short array (a replacement's own offsets), and the runs are at most a
    quarter of the characters (as Offsets keeps them); else None (the array is made)."""
    if sum(len(p) for p in parts if isinstance(p, np.ndarray)) > total // 4:
        return None
    pos, val, at = [], [], 0
    for p in parts:
        if isinstance(p, Constant):
            if p.fill is not None:
                return None
            pos.append(np.array([at], np.int64))
            val.append(np.array([p.start], np.int64))
        elif isinstance(p, Runs):
            pos.append(p.pos + at)
            val.append(p.val)
        else:
            w = p.astype(np.int64)
            cut = np.concatenate([[0], np.flatnonzero(w[1:] - w[:-1] != 1) + 1])
            pos.append(cut + at)
            val.append(w[cut])
        at += len(p)
    pos, val = np.concatenate(pos), np.concatenate(val)
    # runs that continue each other are one (the canonical runs, as Offsets finds them)
    keep = np.concatenate([[True], val[1:] - val[:-1] != pos[1:] - pos[:-1]])
    pos, val = pos[keep], val[keep]
    if len(pos) * 4 > total:
        return None
    return Runs(pos, val, total, dtype)


def part(arr, a: int, b: int):
    """arr[a:b]: a view of an array, or a Constant or Runs still not made."""
    return arr.lazy(a, b) if isinstance(arr, (Constant, Runs)) else arr[a:b]


def concat(parts: list, dtype):
    """np.concatenate of arrays and Constant runs, written into one new array; runs that
    continue each other (and nothing else) stay a Constant: a removal keeps "no row", and
    the text's edges removed keep the identity origin; one array part is returned as it is."""
    if not parts:
        return np.zeros(0, dtype=dtype)
    if not any(isinstance(p, (Constant, Runs)) for p in parts):  # arrays only: numpy's own concatenate
        if len(parts) <= 8:
            big = [p for p in parts if len(p)]
            if len(big) == 1:
                return big[0]  # one view of the old array (the text's end or start removed): no copy
        return np.concatenate(parts).astype(dtype, copy=False)
    parts = [p for p in parts if len(p)]
    total = sum(len(p) for p in parts)
    if all(isinstance(p, Constant) for p in parts):
        first = parts[0] if parts else None
        fill = first.fill if first is not None else None
        pos = first.start if first is not None else 0
        ok = True
        for p in parts:
            if p.fill != fill or (fill is None and p.start != pos):
                ok = False
                break
            pos += p.n
        if ok:
            return Constant(total, dtype, fill, first.start if first is not None else 0)
    runs = as_runs(parts, total, dtype) if total else None
    if runs is not None:  # removals and same-length rewrites on an origin not made: still not made
        return runs
    out = np.empty(total, dtype=dtype)
    at = 0
    for p in parts:
        if isinstance(p, (Constant, Runs)):
            p.write(out, at)
        else:
            out[at:at + len(p)] = p
        at += len(p)
    return out
