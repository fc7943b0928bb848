"""What every `byhand` command shares: the group, the language option,
one-line user errors, showing a grading result."""

from __future__ import annotations

import functools
import json

import click
from rich.console import Console

from pathlib import Path
from typing import TYPE_CHECKING

from .. import i18n
from .._lang import resolve_lang
from ..content.model import LANGS
from ..errors import ByhandError
from ..practice import workspace as wsmod
from ..services.data import progress_database

if TYPE_CHECKING:
    from ..storage import Store

__all__ = ["LANG_CHOICE", "UserError", "cli", "friendly", "labelled_prose", "lang_option", "open_store",
           "show_result"]

LANG_CHOICE = click.Choice(["en", "ko"])


class UserError(click.ClickException):
    """A user's mistake: one line, exit code 2."""

    exit_code = 2

    def __init__(self, message: str, lang: str = "en"):
        super().__init__(message)
        self.lang = lang

    def show(self, file=None) -> None:
        click.echo(f"byhand: {i18n.t('errors.prefix', self.lang)}: {self.format_message()}", err=True)


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def labelled_prose(label: str, text: str, style: str = ""):
    """``label`` then a prose text (an exercise's hint: Markdown with $math$,
    content/prose.py) beside it, its math as Unicode, as a verdict shows it."""
    from rich.markdown import Markdown
    from rich.table import Table

    from ..content.prose import to_terminal

    row = Table.grid(padding=(0, 1))
    row.add_column(no_wrap=True, style=style)
    row.add_column(style=style)
    row.add_row(label, Markdown(to_terminal(text), style=style, hyperlinks=False))
    return row


def friendly(fn):
    """Turn byhand's own user-facing errors into one line and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ByhandError as exc:
            lang = _error_lang(kwargs.get("lang"))
            raise UserError(exc.in_lang(lang), lang) from None
        except (FileExistsError, NotADirectoryError, IsADirectoryError, PermissionError) as exc:
            # a path the learner gave that cannot be written (a file where a folder must be, no permission)
            lang = _error_lang(kwargs.get("lang"))
            error = ByhandError.of("cannot-write", path=exc.filename or "?", reason=exc.strerror or str(exc))
            raise UserError(error.in_lang(lang), lang) from None

    return wrapper


def _error_lang(chosen: str | None) -> str:
    """The command's language: its --lang, byhand's --lang, $BYHAND_LANG, the locale."""
    if chosen in LANGS:
        return chosen
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root().params.get("lang") if ctx is not None else None
    return root if root in LANGS else resolve_lang(None)


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


JSON_KEYS = ("passed", "mistake", "message", "failure", "status", "exercise_id", "cases_passed",
             "cases_total", "tolerance", "seed", "block", "hint")


def show_result(result, as_json: bool) -> None:
    if as_json:
        data = result.to_dict()
        click.echo(json.dumps({k: data[k] for k in JSON_KEYS}, ensure_ascii=False, indent=2))
    elif result.status == "invalid":
        click.echo(f"byhand: {result.message}", err=True)
    else:
        _console().print(result)


def open_store() -> tuple[Store, wsmod.Workspace | None, Path]:
    """The learner's progress: the same database for every command and for
    `byhand serve --local` (see byhand.services.data)."""
    from ..storage import Store  # SQLAlchemy: imported by the commands that need it (~0.25 s)

    ws = wsmod.find_workspace()
    folder = wsmod.data_dir(ws)
    folder.mkdir(parents=True, exist_ok=True)
    return Store(progress_database(folder)), ws, folder


def record_option(fn):
    return click.option("--no-record", "no_record", is_flag=True,
                        help="Do not record this in your progress.")(fn)


def record_progress(what, *args, **kwargs):
    """Record something in the learner's progress and return what ``what``
    returns; if that fails (a read-only folder, a locked database) say so in
    one line and go on (None): the verdict the learner came for is still shown."""
    try:
        store, _, _ = open_store()
        with store:
            return what(store, store.user_id(), *args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - any storage failure becomes one line
        click.echo(f"byhand: not recorded in your progress ({type(exc).__name__}: {str(exc).splitlines()[0]}); "
                   "check the data folder or use --no-record", err=True)
