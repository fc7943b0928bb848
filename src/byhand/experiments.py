"""Run a "why" question's experiment and save its plot (PNG and SVG).

matplotlib is imported lazily (it is slow to import),
imported only here and only when an experiment runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
            formats: tuple[str, ...] = ("png", "svg")) -> Run:
    params = resolve_params(why, overrides or {})
    plt = _pyplot()
    fig = plt.figure(figsize=(8, 4.5), dpi=100)
    try:
        findings = why.run(fig, **params)
        files = []
        if out_dir is not None:
            out_dir = Path(out_dir)
            out_dir.mkdir(parents=True, exist_ok=True)
            for fmt in formats:
                path = out_dir / f"{why.id}.{fmt}"
                fig.savefig(path, format=fmt, bbox_inches="tight")
                files.append(path)
    finally:
        plt.close(fig)
    return Run(why, params, findings, list(why.check(findings)), tuple(files))


def figure_bytes(why: Why, overrides: dict[str, Any] | None = None, fmt: str = "svg") -> bytes:
    """The plot as bytes (for a web page), without touching the disk."""
    import io

    params = resolve_params(why, overrides or {})
    plt = _pyplot()
    fig = plt.figure(figsize=(8, 4.5), dpi=100)
    try:
        why.run(fig, **params)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, bbox_inches="tight")
    finally:
        plt.close(fig)
    return buf.getvalue()
