"""Output folders written as a whole: a run writes into a temporary folder beside its target and
moves it into place only when complete, so an interrupted run leaves the previous complete output
(or a folder clearly named `.NAME.partial-…`), never a mix of two runs."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["replacing", "PARTIAL"]

PARTIAL = ".partial-"  # in the name of a run's temporary folder


def _umask() -> int:
    old = os.umask(0)
    os.umask(old)
    return old


@contextlib.contextmanager
def replacing(out: str | Path, *, owned: Callable[[Path], bool] | None = None) -> Iterator[Path]:
    """Yield an empty temporary folder beside `out`; when the block completes it becomes `out`.

    owned=None: `out` is replaced as a whole (everything in it belonged to the previous run).
    owned=f: only the files of `out` with f(path) true belong to runs; those this run did not
    produce are removed, the new files moved in, anything else in `out` left alone.
    If the block raises (or is interrupted with Ctrl-C) the temporary folder is removed and `out`
    is untouched."""
    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    # the run's folder has the target's own name (inside a hidden staging folder), so what the run
    # prints about its paths ("figures/x.png") does not depend on where it was staged
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{PARTIAL}", dir=out.parent))
    tmp = staging / out.name
    tmp.mkdir(mode=0o777 & ~_umask())
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        _publish(tmp, out, owned)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish(tmp: Path, out: Path, owned) -> None:
    if owned is None:
        old = out.with_name(f".{out.name}.old-{uuid.uuid4().hex[:8]}")
        if out.exists():
            os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
        return
    out.mkdir(parents=True, exist_ok=True)
    produced = {p.name for p in tmp.iterdir()}
    for p in out.iterdir():
        if p.is_file() and owned(p) and p.name not in produced:
            p.unlink()
    for p in sorted(tmp.iterdir()):
        target = out / p.name
        if p.is_dir():
            shutil.rmtree(target, ignore_errors=True)
        os.replace(p, target)
