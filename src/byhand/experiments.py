"""Run a "why" question's experiment and save its plot (PNG and SVG).

matplotlib is imported lazily (it is slow to import),
imported only here and only when an experiment runs.

The plot speaks the learner's language: an experiment whose ``run`` takes a
``words`` parameter gets ``words(key, **fields)``, the item's ``[en.plot]``
or ``[ko.plot]`` text for ``key``; a Korean plot is set in Noto Sans KR (from
the ``pylopdf-fonts-ko`` package, SIL OFL), with DejaVu Sans for the symbols
it lacks, since matplotlib's own DejaVu Sans has no Hangul.
"""

from __future__ import annotations

import contextlib
import inspect
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

from .content.model import Param, Why
from .errors import ByhandError


def _pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only; never open a window
        import matplotlib.pyplot as plt
    except ImportError:
        raise ByhandError.of("no-matplotlib") from None
    return plt


# families with Hangul, the first one found is used: the bundled one, then common system fonts
KOREAN_FAMILIES = ("Noto Sans KR", "Noto Sans CJK KR", "NanumGothic", "Malgun Gothic", "AppleGothic")


@lru_cache(maxsize=None)
def korean_font() -> str | None:
    """The family a Korean plot is set in (registering the bundled Noto Sans KR), or None."""
    from matplotlib import font_manager

    try:
        import pylopdf_fonts_ko

        font_manager.fontManager.addfont(str(pylopdf_fonts_ko.sans_path()))
    except (ImportError, OSError, RuntimeError):  # not installed: a system font may still do
        pass
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((family for family in KOREAN_FAMILIES if family in names), None)


def plot_style(lang: str) -> dict[str, Any]:
    """matplotlib settings for a plot in ``lang``."""
    family = korean_font() if lang == "ko" else None
    return {"font.family": [family, "DejaVu Sans"]} if family else {}


def plot_words(why: Why, lang: str) -> Callable[..., str]:
    """``words(key, **fields)``: the plot text ``key`` of ``why`` in ``lang``, formatted with ``fields``."""
    table = why.t(lang).plot

    def words(key: str, **fields: Any) -> str:
        return table[key].format(**fields) if fields else table[key]

    return words


@contextlib.contextmanager
def _figure(lang: str) -> Iterator[Any]:
    plt = _pyplot()
    with plt.rc_context(plot_style(lang)):
        fig = plt.figure(figsize=(8, 4.5), dpi=100)
        try:
            yield fig
        finally:
            plt.close(fig)


def _draw(why: Why, fig, params: dict[str, Any], lang: str) -> dict:
    if "words" in inspect.signature(why.run).parameters:
        return why.run(fig, words=plot_words(why, lang), **params)
    return why.run(fig, **params)


def coerce(param: Param, text: Any) -> Any:
    """A parameter value from text (``--set name=value``) or a JSON value, checked."""
    try:
        if param.type == "int":
            value = int(text)
        elif param.type == "float":
            value = float(text)
        else:
            value = str(text)
    except (TypeError, ValueError, OverflowError):
        raise ByhandError.of(f"param-not-{param.type}", name=param.name, text=text) from None
    if param.type == "float" and not math.isfinite(value):  # NaN passes every range check
        raise ByhandError.of("param-not-float", name=param.name, text=text)
    if param.type == "choice" and value not in param.choices:
        raise ByhandError.of("param-not-choice", name=param.name, value=value, choices=", ".join(param.choices))
    if param.low is not None and value < param.low or param.high is not None and value > param.high:
        raise ByhandError.of("param-out-of-range", name=param.name, value=value, low=param.low, high=param.high)
    return value


def resolve_params(why: Why, overrides: dict[str, Any]) -> dict[str, Any]:
    known = {p.name: p for p in why.params}
    unknown = sorted(set(overrides) - set(known))
    if unknown:
        raise ByhandError.of("unknown-param", id=why.id, names=", ".join(unknown), known=", ".join(known) or "-")
    return {name: coerce(p, overrides[name]) if name in overrides else p.default
            for name, p in known.items()}


@dataclass(frozen=True)
class Run:
    why: Why
    params: dict[str, Any]
    findings: dict[str, Any]
    problems: list[str]  # what in the findings contradicts the answer (empty: it holds)
    files: tuple[Path, ...]


def run_why(why: Why, overrides: dict[str, Any] | None = None, out_dir: Path | None = None,
            formats: tuple[str, ...] = ("png", "svg"), lang: str = "en") -> Run:
    params = resolve_params(why, overrides or {})
    with _figure(lang) as fig:
        findings = _draw(why, fig, params, lang)
        files = []
        if out_dir is not None:
            out_dir = Path(out_dir)
            out_dir.mkdir(parents=True, exist_ok=True)
            for fmt in formats:
                path = out_dir / f"{why.id}.{fmt}"
                fig.savefig(path, format=fmt, bbox_inches="tight")
                files.append(path)
    return Run(why, params, findings, list(why.check(findings)), tuple(files))


def figure_bytes(why: Why, overrides: dict[str, Any] | None = None, fmt: str = "svg", lang: str = "en") -> bytes:
    """The plot as bytes (for a web page), without touching the disk."""
    import io

    params = resolve_params(why, overrides or {})
    with _figure(lang) as fig:
        _draw(why, fig, params, lang)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, bbox_inches="tight")
    return buf.getvalue()


def draw_svg(why_id: str, params: tuple = (), lang: str = "en") -> bytes:
    """``figure_bytes`` by item id and ``(name, value)`` pairs: what a drawing process is sent."""
    from .content import loader

    return figure_bytes(loader.load_item(why_id), dict(params), fmt="svg", lang=lang)
