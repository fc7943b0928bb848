"""The why-questions' plots for the web: drawn in a drawing process, kept.

An experiment costs up to seconds of CPU (pure Python in matplotlib, which
holds the GIL), so no drawing runs in a web process: one drawing process per
web process (spawned on first need, at a lower CPU priority) draws one plot
at a time, in the order asked.  Each question's plot for its default
parameters, in each language, is kept for good (in memory, and on disk in the
plot cache, shared by every web process and every restart, named by a
fingerprint of the item's files, of the code that draws and of matplotlib's
version, so an edited experiment is drawn again); other drawings are kept in
a bounded LRU in memory.  ``warm()`` draws the missing defaults when the
server starts, so the first visitor of a page finds its plot ready.

Bounds: a learner's drawing (other parameters) is refused (None, the route
answers 503) while another learner's drawing is waiting or running in this
process; a drawing asked twice at once is drawn once (the askers share it);
the defaults are a fixed handful.  So the drawing queue never holds more
than the defaults and one learner's drawing.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import os
import re
import tempfile
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from importlib import metadata
from pathlib import Path
from typing import Any

from ..experiments import draw_svg

__all__ = ["KEPT", "Plots", "PlotUnavailable", "default_cache_dir", "svg_size"]

log = logging.getLogger("byhand.web.plots")

KEPT = 128  # learners' drawings kept in memory (an SVG is ~50-150 KB)
FORMAT = "1"  # bump when the way a plot is saved changes (anything not in the fingerprint)

Key = tuple  # (item id, ((name, value), ...) sorted, lang)


class PlotUnavailable(Exception):
    """The drawing process was lost (killed, out of memory): nothing drawn, try again."""


def default_cache_dir() -> Path:
    """Where default plots are kept on disk unless told: the per-user cache folder."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("byhand", appauthor=False)) / "plots"


def svg_size(svg: bytes) -> tuple[int, int] | None:
    """The plot's size in CSS pixels, from matplotlib's ``<svg width="...pt" height="...pt">``."""
    m = re.search(rb'<svg[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"', svg[:2000])
    return (round(float(m.group(1)) * 4 / 3), round(float(m.group(2)) * 4 / 3)) if m else None


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


class Plots:
    """One web process's plots: ``kept``, ``get``, ``warm``, ``close``."""

    def __init__(self, cache_dir: Path | None = None):
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._defaults: dict[Key, bytes] = {}  # never evicted: a fixed handful
        self._lru: OrderedDict[Key, bytes] = OrderedDict()
        self._inflight: dict[Key, asyncio.Future] = {}
        self._learner_drawing = False  # a learner's drawing is waiting or running
        self._pool: ProcessPoolExecutor | None = None
        self._warming: asyncio.Task | None = None
        self._fingerprints: dict[str, str] = {}
        self.drawn = 0  # drawings made by this process (for tests and benchmarks)

    # -- keys ---------------------------------------------------------------------

    @staticmethod
    def key(item_id: str, params: dict[str, Any], lang: str) -> Key:
        return item_id, tuple(sorted(params.items())), lang

    def _fingerprint(self, item_id: str) -> str:
        fp = self._fingerprints.get(item_id)
        if fp is None:
            from .. import experiments
            from ..content import loader

            h = hashlib.sha256(FORMAT.encode())
            folder = Path(loader.load_item(item_id).path)
            for path in sorted(folder.iterdir()):
                if path.suffix in (".toml", ".py") and path.is_file():
                    h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
            h.update(Path(experiments.__file__).read_bytes())
            h.update(f"{_version('matplotlib')} {_version('pylopdf-fonts-ko')}".encode())
            fp = self._fingerprints[item_id] = h.hexdigest()[:20]
        return fp

    def _path(self, key: Key) -> Path | None:
        if self.cache_dir is None:
            return None
        item_id, _, lang = key
        return self.cache_dir / f"{item_id}.{lang}.{self._fingerprint(item_id)}.svg"

    # -- what is kept ---------------------------------------------------------------

    def kept(self, key: Key, *, default: bool) -> bytes | None:
        """The plot if it is drawn already (memory, then the disk for a default), without drawing."""
        if default:
            svg = self._defaults.get(key)
            if svg is None and (path := self._path(key)) is not None:
                try:
                    svg = path.read_bytes()
                except OSError:
                    return None
                if not svg.lstrip().startswith((b"<?xml", b"<svg")):
                    return None
                self._defaults[key] = svg
            return svg
        svg = self._lru.get(key)
        if svg is not None:
            self._lru.move_to_end(key)
        return svg

    def _keep(self, key: Key, svg: bytes, *, default: bool) -> None:
        if not default:
            self._lru[key] = svg
            while len(self._lru) > KEPT:
                self._lru.popitem(last=False)
            return
        self._defaults[key] = svg
        path = self._path(key)
        if path is None:
            return
        try:  # written whole or not at all: another process may read it at any moment
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in path.parent.glob(f"{key[0]}.{key[2]}.*.svg"):  # drawn by an earlier version
                if old != path:
                    old.unlink(missing_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".drawing-")
            with os.fdopen(fd, "wb") as f:
                f.write(svg)
            os.replace(tmp, path)
        except OSError as exc:  # a read-only cache is slower, not broken
            log.warning("could not keep %s: %s", path, exc)

    # -- drawing --------------------------------------------------------------------

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing

            # spawned, not forked: a fork of a web process would copy its threads' locks
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=functools.partial(os.nice, 10))  # behind pages and grading
        return self._pool

    async def _drawn(self, key: Key, *, default: bool) -> bytes:
        future = self._inflight.get(key)
        if future is None:
            future = asyncio.get_running_loop().run_in_executor(self._executor(), draw_svg, *key)
            self._inflight[key] = future

            def settle(f: asyncio.Future) -> None:
                self._inflight.pop(key, None)
                if f.cancelled():
                    return
                if isinstance(f.exception(), BrokenProcessPool):
                    self._discard_pool()
                elif f.exception() is None:
                    self.drawn += 1
                    self._keep(key, f.result(), default=default)

            future.add_done_callback(settle)
        try:
            return await asyncio.shield(future)  # an asker who leaves does not cancel it for the others
        except BrokenProcessPool:
            raise PlotUnavailable from None

    async def get(self, key: Key, *, default: bool) -> bytes | None:
        """The plot, drawn if need be; None when a learner's drawing is already
        waiting or running (try again in a moment).  Raises PlotUnavailable if
        the drawing process was lost."""
        svg = self.kept(key, default=default)
        if svg is not None:
            return svg
        if default or key in self._inflight:
            return await self._drawn(key, default=default)
        if self._learner_drawing:
            return None
        self._learner_drawing = True
        try:
            return await self._drawn(key, default=False)
        finally:
            self._learner_drawing = False

    def warm(self, keys: list[Key]) -> None:
        """Draw the default plots ``keys`` that are not kept yet, one after another, in the background."""

        async def run() -> None:
            for key in keys:
                if self.kept(key, default=True) is None:
                    try:
                        await self._drawn(key, default=True)
                    except Exception as exc:  # noqa: BLE001 - a page will say so when asked; go on
                        log.warning("could not draw %s: %s", key, exc)

        self._warming = asyncio.get_running_loop().create_task(run())

    async def warmed(self) -> None:
        """Wait until ``warm`` is done (tests, benchmarks)."""
        if self._warming is not None:
            await asyncio.shield(self._warming)

    def _discard_pool(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop warming and end the drawing process now (a drawing in progress is abandoned)."""
        if self._warming is not None:
            self._warming.cancel()
        pool, self._pool = self._pool, None
        if pool is not None:
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
