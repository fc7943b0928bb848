"""The `byhand` command line.

Exit codes of `check`: 0 passed, 1 failed (including a submission that does
not load), 2 bad usage or unknown id.  A user's mistake is one clear line on
stderr, never a traceback of byhand itself.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .._lang import resolve_lang
from ..content import loader
from ..errors import ByhandError

LANG_CHOICE = click.Choice(["en", "ko"])


class UserError(click.ClickException):
    """A user's mistake: one line, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"byhand: error: {self.format_message()}", err=True)


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def friendly(fn):
    """Turn byhand's own user-facing errors into one line and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ByhandError as exc:
            raise UserError(str(exc)) from None

    return wrapper


def lang_option(fn):
    @click.option("--lang", type=LANG_CHOICE, default=None,
                  help="Language of the output (default: $BYHAND_LANG, then the locale, then en).")
    @functools.wraps(fn)
    def wrapper(*args, lang=None, **kwargs):
        ctx = click.get_current_context()
        chosen = lang or (ctx.find_root().params.get("lang"))
        return fn(*args, lang=resolve_lang(chosen), **kwargs)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=LANG_CHOICE, default=None, help="Language: en or ko.")
@click.version_option(package_name="byhand")
def cli(lang):
    """byhand: learn the mathematics of AI by hand.

    Read a definition (`byhand show softmax`), implement it in NumPy in a
    file, and check it against a trusted reference
    (`byhand check softmax my_softmax.py`).
    """


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (id, kind, area, title).")
@click.option("--area", default=None, help="Only items of this area (e.g. linalg, nn, stats).")
@click.option("--kind", default=None, help="Only items of this kind (e.g. exercise).")
@lang_option
@friendly
def list_cmd(as_json: bool, area: str | None, kind: str | None, lang: str):
    """List the curriculum's items."""
    rows = loader.summaries()
    if area:
        rows = [r for r in rows if r["area"] == area]
    if kind:
        rows = [r for r in rows if r["kind"] == kind]
    if as_json:
        out = [{"id": r["id"], "kind": r["kind"], "area": r["area"], "title": r["title"][lang],
                "titles": r["title"], "signature": f"{r['function']}{r['signature']}"} for r in rows]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    table = Table(show_header=True, header_style="bold", box=None)
    for col in ("id", "kind", "area", "title"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["id"], r["kind"], r["area"], r["title"][lang])
    _console().print(table)


@cli.command()
@click.argument("item_id")
@lang_option
@friendly
def show(item_id: str, lang: str):
    """Show an item: definition, equation, signature, where ML uses it."""
    ex = loader.load_exercise(item_id)
    t = ex.t(lang)
    heads = {"en": ("Equation", "Definition", "Where ML uses it", "Implement", "Tolerance", "Known mistakes"),
             "ko": ("수식", "정의", "머신러닝에서 쓰이는 곳", "구현할 함수", "허용 오차", "자주 하는 실수")}[lang]
    c = _console()
    c.print(f"[bold]{escape(t.title)}[/]  [dim]({ex.id}, {ex.area})[/]")
    c.print(f"\n[bold]{heads[0]}[/]\n  {escape(t.equation)}")
    c.print(f"\n[bold]{heads[1]}[/]\n  {escape(t.explanation)}")
    c.print(f"\n[bold]{heads[2]}[/]\n  {escape(t.where_used)}")
    c.print(f"\n[bold]{heads[3]}[/]\n  def {ex.function}{ex.signature}:")
    c.print(f"\n[bold]{heads[4]}[/]\n  {escape(ex.compare.describe())}")
    c.print(f"\n[bold]{heads[5]}[/]\n  " + ", ".join(m.id for m in ex.mistakes))


def _read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ByhandError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    except OSError as exc:
        raise ByhandError(f"{path}: cannot read ({exc.strerror})") from None


@cli.command()
@click.argument("item_id")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True,
              help="Print the result as JSON with keys passed, mistake, message, failure.")
@click.option("--seed", type=int, default=None, help="Seed of the random cases (default: fresh).")
@lang_option
@friendly
def check(item_id: str, file: Path, as_json: bool, seed: int | None, lang: str):
    """Check FILE.py's implementation of ITEM_ID.  Exit 0 passed, 1 failed."""
    from ..grading.grader import grade

    loader.load_exercise(item_id)  # an unknown id is a usage error, before reading the file
    if not file.exists():
        raise ByhandError(f"{file}: no such file")
    source = _read_source(file)
    result = grade(item_id, source, lang=lang, seed=seed, filename=str(file))
    if as_json:
        data = result.to_dict()
        click.echo(json.dumps({k: data[k] for k in ("passed", "mistake", "message", "failure", "status",
                                                      "exercise_id", "cases_passed", "cases_total",
                                                      "tolerance", "seed")},
                              ensure_ascii=False, indent=2))
    elif result.status == "invalid":
        click.echo(f"byhand: {result.message}", err=True)
    else:
        _console().print(result)
    sys.exit(0 if result.passed else 1)


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--seeds", default="0,1,2", show_default=True, help="Comma-separated seeds to try.")
@friendly
def validate(path: Path | None, seeds: str):
    """Check curriculum items: references pass, known mistakes are caught and named."""
    from ..validate import validate as run

    try:
        seed_list = tuple(int(s) for s in seeds.split(","))
    except ValueError:
        raise ByhandError(f"--seeds {seeds!r}: give integers separated by commas, e.g. 0,1,2") from None
    if path is not None and not path.exists():
        raise ByhandError(f"{path}: no such file or folder")
    reports = run(path, seed_list)
    c = _console()
    bad = [r for r in reports if not r.ok]
    for r in reports:
        mark = "[green]ok[/]" if r.ok else "[red]FAIL[/]"
        c.print(f"{mark} {r.item_id}")
        for p in r.problems:
            c.print(f"    - {escape(p)}")
    c.print(f"\n{len(reports) - len(bad)} of {len(reports)} items valid")
    sys.exit(1 if bad else 0)


def main() -> None:
    cli(prog_name="byhand")


if __name__ == "__main__":
    main()
