"""Normalized.offsets kept as runs: the raw offset of each text character, stored as the runs in
which it goes up by one (a few per edit), read like the int array it stands for."""
from __future__ import annotations

import numpy as np
from numpy.lib.mixins import NDArrayOperatorsMixin

__all__ = ["Offsets", "compact"]

_CHUNK = 1 << 20  # characters expanded or scanned at a time (bounded temporaries)


class Offsets(NDArrayOperatorsMixin):
    """An int array a[0..n) stored as runs: a[i] = val[k] + i - pos[k] for pos[k] <= i < pos[k+1].
    Indexing with an integer, a slice or an integer array, np.asarray, numpy functions and
    operators, len, iteration and tolist give what the array gives; any other array attribute
    is read from the array made on the spot (it is not kept: memory stays with the runs)."""

    __slots__ = ("pos", "val", "n", "dtype")

    def __init__(self, pos: np.ndarray, val: np.ndarray, n: int, dtype):
        self.pos, self.val, self.n, self.dtype = pos, val, n, np.dtype(dtype)

    @property
    def shape(self) -> tuple[int]:
        return (self.n,)

    ndim = 1

    @property
    def size(self) -> int:
        return self.n

    def __len__(self) -> int:
        return self.n

    def _at(self, idx: np.ndarray) -> np.ndarray:
        """a[idx] for in-range non-negative int64 indices."""
        k = np.searchsorted(self.pos, idx, side="right") - 1
        return (self.val[k].astype(np.int64) + idx - self.pos[k]).astype(self.dtype)

    def _range(self, a: int, b: int) -> np.ndarray:
        out = np.empty(max(b - a, 0), dtype=self.dtype)
        for s in range(a, b, _CHUNK):
            e = min(s + _CHUNK, b)
            out[s - a:e - a] = self._at(np.arange(s, e, dtype=np.int64))
        return out

    def __array__(self, dtype=None, copy=None):
        out = self._range(0, self.n)
        return out if dtype is None else out.astype(dtype, copy=False)

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, step = key.indices(self.n)
            if step == 1:
                return self._range(start, max(start, stop))
            return self._at(np.arange(start, stop, step, dtype=np.int64))
        if isinstance(key, (int, np.integer)):
            k = int(key)
            if not -self.n <= k < self.n:
                raise IndexError(f"index {k} is out of bounds for axis 0 with size {self.n}")
            return self._at(np.array([k % self.n], dtype=np.int64))[0]
        idx = np.asarray(key)
        if idx.dtype == bool:
            if idx.shape != (self.n,):
                raise IndexError("boolean index of another length")
            idx = np.flatnonzero(idx)
        if idx.dtype.kind not in "iu":
            return np.asarray(self)[key]  # whatever else numpy accepts
        idx = idx.astype(np.int64)
        if idx.size and (int(idx.max()) >= self.n or int(idx.min()) < -self.n):
            raise IndexError(f"index out of bounds for axis 0 with size {self.n}")
        return self._at(np.where(idx < 0, idx + self.n, idx).ravel()).reshape(idx.shape)

    def __iter__(self):
        return iter(np.asarray(self))

    def tolist(self) -> list[int]:
        return np.asarray(self).tolist()

    def astype(self, dtype, copy=True):
        return np.asarray(self).astype(dtype, copy=copy)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        inputs = tuple(np.asarray(x) if isinstance(x, Offsets) else x for x in inputs)
        if "out" in kwargs:
            kwargs["out"] = tuple(np.asarray(x) if isinstance(x, Offsets) else x for x in kwargs["out"])
        return getattr(ufunc, method)(*inputs, **kwargs)

    def __getattr__(self, name):
        if name.startswith("__") or name in Offsets.__slots__:
            raise AttributeError(name)
        return getattr(np.asarray(self), name)

    def __repr__(self) -> str:
        return f"Offsets({self.n} characters in {len(self.pos)} runs)"

    def __getstate__(self):
        return {k: getattr(self, k) for k in Offsets.__slots__}

    def __setstate__(self, state):
        for k, v in state.items():
            setattr(self, k, v)


def compact(origin, dtype) -> Offsets | np.ndarray:
    """The offsets of a finished buffer: runs when they are fewer than a quarter of the
    characters (the usual case: a few runs per edit), else the array itself. `origin` is an
    int array, runs with `pos` and `val` (canonical, as found here), or anything with len() and
    `start` that stands for start, start+1, …"""
    n = len(origin)
    if hasattr(origin, "pos") and hasattr(origin, "val"):  # runs already (kslib.normalize.origins.Runs)
        pos, val = origin.pos, origin.val  # canonical: no run continues the one before
        if len(pos) * 4 > n:
            return origin.array()
        return Offsets(pos.astype(dtype), val.astype(dtype), n, dtype)
    if not isinstance(origin, np.ndarray):  # the identity origin never made (kslib.normalize.buffer)
        return Offsets(np.zeros(min(n, 1), dtype=dtype), np.full(min(n, 1), origin.start, dtype=dtype), n, dtype)
    starts = []
    for a in range(0, n, _CHUNK):
        b = min(a + _CHUNK + 1, n)
        w = origin[a:b].astype(np.int64)
        starts.append(np.flatnonzero(w[1:] - w[:-1] != 1) + a + 1)
    pos = np.concatenate([np.zeros(min(n, 1), dtype=np.int64)] + starts)
    if len(pos) * 4 > n:
        return origin
    return Offsets(pos.astype(dtype), origin[pos].astype(dtype), n, dtype)
