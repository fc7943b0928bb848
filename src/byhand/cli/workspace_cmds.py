"""Workspace commands: init, update, check inside a workspace, watch."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from .. import i18n
from ..content import loader
from ..errors import ByhandError
from ..practice import workspace as wsmod
from .common import _console, cli, friendly, labelled_prose, lang_option, show_result



def _words(lang: str) -> dict[str, str]:
    """The workspace commands' words (byhand/i18n/*.toml, [cli.workspace])."""
    return dict(i18n.section("cli.workspace", lang))


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@lang_option
@friendly
def init(directory: Path, lang: str):
    """Create a workspace: your own package of building blocks, one stub per exercise."""
    ws = wsmod.init(directory, lang)
    n = len(loader.exercise_ids())
    c = _console()
    if lang == "ko":
        c.print(f"{ws.root} 에 작업 공간을 만들었습니다: 문제 {n}개의 빈 함수가 blocks/ 에 있습니다.")
        c.print(f"시작하기: cd {directory} && byhand check softmax")
    else:
        c.print(f"Created a workspace in {ws.root}: {n} stubs in blocks/.")
        c.print(f"Start with: cd {directory} && byhand check softmax   (or `byhand watch`)")


@cli.command()
@lang_option
@friendly
def update(lang: str):
    """Add stubs for exercises new to the curriculum; your code is left as it is."""
    ws = wsmod.require_workspace()
    added = wsmod.update(ws, lang)
    if added:
        _console().print(("Added stubs: " if lang == "en" else "새로 추가한 문제: ") + ", ".join(added))
    else:
        _console().print("Up to date." if lang == "en" else "이미 최신 상태입니다.")


def check_in_workspace(item_id: str | None, *, as_json: bool, seed: int | None, lang: str,
                       hint: bool = False) -> None:
    ws = wsmod.find_workspace()
    if ws is None:
        raise ByhandError.of("check-needs-file")
    from ..practice.checking import check_workspace_exercise, not_implemented_message
    from ..storage import Store  # SQLAlchemy and the grader: only for the commands that use them

    with Store(ws.database) as store:
        if item_id is not None:
            ex = loader.load_exercise(item_id)
            if wsmod.status(ws).get(item_id) == "stub":
                click.echo(f"byhand: {not_implemented_message(ex, lang)}", err=True)
                sys.exit(1)
            result = check_workspace_exercise(ws, item_id, lang=lang, seed=seed, store=store, hint=hint)
            show_result(result, as_json)
            sys.exit(0 if result.passed else 1)
        results = grade_all(ws, store, lang, seed)
    if as_json:
        click.echo(json.dumps([{k: r.to_dict()[k] for k in ("exercise_id", "passed", "mistake", "block",
                                                            "message")} for r in results],
                              ensure_ascii=False, indent=2))
    else:
        print_table(ws, results, lang)
    sys.exit(0 if all(r.passed for r in results) else 1)


def grade_all(ws, store, lang, seed=None):
    from ..practice.checking import check_workspace_exercise

    return [check_workspace_exercise(ws, i, lang=lang, seed=seed, store=store)
            for i in wsmod.implemented_ids(ws)]


def print_table(ws, results, lang: str) -> None:
    c = _console()
    c.print(results_table(results, lang))
    states = wsmod.status(ws)
    todo = [i for i, s in states.items() if s in ("stub", "missing")]
    passed = sum(r.passed for r in results)
    c.print("\n" + i18n.fmt(_words(lang)["summary"], passed=passed, total=len(states), todo=len(todo)))
    show_next(ws, {r.exercise_id: r for r in results}, lang)


def results_table(results, lang: str) -> Table:
    """One row per grading: the exercise, its area, passed or failed, and the mistake."""
    L = _words(lang)
    table = Table(box=None, header_style="bold")
    for col in ("exercise", "area", "state"):
        table.add_column(L[col])
    table.add_column("")
    for r in results:
        table.add_row(r.exercise_id, loader.load_exercise(r.exercise_id).area, _state(r, L), _note(r, L))
    return table


def _state(r, L) -> str:
    return f"[green]{L['passed']}[/]" if r.passed else f"[red]{L['failed']}[/]"


def _note(r, L) -> str:
    if r.passed:
        return ""
    return escape((r.mistake or r.status) + (f" ({i18n.fmt(L['your-block'], block=r.block)})" if r.block else ""))


def next_exercise(ws, results_by_id) -> str | None:
    """The first failing block, else the first stub in curriculum order."""
    failing = [i for i, r in results_by_id.items() if not r.passed]
    if failing:
        return failing[0]
    states = wsmod.status(ws)
    return next((i for i in loader.exercise_ids() if states.get(i) in ("stub", "missing")), None)


def show_next(ws, results_by_id, lang: str) -> None:
    L = _words(lang)
    nxt = next_exercise(ws, results_by_id)
    c = _console()
    if nxt is None:
        c.print(f"[bold green]{L['done']}[/]")
        return
    show_stub(nxt, lang, c)


def show_stub(item_id: str, lang: str, c) -> None:
    """The block to write next, where, and its hint (prose)."""
    L = _words(lang)
    ex = loader.load_exercise(item_id)
    c.print(escape(i18n.fmt(L["next"], id=item_id, title=ex.t(lang).title, area=ex.area)))
    if ex.t(lang).hint:
        c.print(labelled_prose(f"{L['hint']}:", ex.t(lang).hint, style="dim"))


@cli.command()
@click.option("--once", is_flag=True, hidden=True, help="Grade once, show the screen and exit (for tests).")
@lang_option
@friendly
def watch(once: bool, lang: str):
    """Re-grade your blocks on every save, rustlings-style: the current exercise's
    full verdict, and keys h (hint), n (next), l (list), r (re-run), q (quit)."""
    ws = wsmod.require_workspace()
    from ..practice.keys import Keys
    from ..practice.watching import WatchSession
    from ..storage import Store

    c = _console()
    L = _words(lang)
    with Store(ws.database) as store:
        session = WatchSession(ws, store, lang)
        draw(session, session.refresh().graded, c, clear=False)
        if once:
            return
        from watchfiles import watch as watch_files

        try:
            with Keys() as keys:
                help_line = L["keys"] if keys.tty else L["keys-enter"]
                footer = f"[dim]{escape(i18n.fmt(L['watching'], path=ws.package))}\n{escape(help_line)}[/]"
                started = told_no_keys = False
                # rust_timeout: the watcher hands back control every 0.1 s so that keys are read promptly
                for changes in watch_files(ws.package, debounce=300, step=100, rust_timeout=100,
                                           yield_on_timeout=True):
                    if not started:  # the watcher is up (it starts at the first step): say so only now
                        c.print("\n" + footer)
                        started = True
                    if changes:
                        step = session.refresh()
                        if step.changed:
                            draw(session, step.graded, c, clear=True)
                            c.print("\n" + footer)
                    for key in keys.poll():
                        if key == "q":
                            return
                        if key in ("r", "n"):
                            if key == "r":
                                graded = session.refresh(force=(session.current,) if session.current else ()).graded
                            else:
                                session.go_next()
                                graded = []
                            draw(session, graded, c, clear=True)
                        elif key == "h":
                            show_hint(session, c)
                        elif key == "l":
                            show_list(session, c)
                        c.print("\n" + footer)
                    if keys.ended and not told_no_keys:
                        c.print(f"[dim]{escape(L['no-keys'])}[/]")
                        told_no_keys = True
        except KeyboardInterrupt:  # Ctrl+C: the terminal is restored (Keys), and that is all
            pass


def draw(session, graded: list[str], c, *, clear: bool) -> None:
    """The watch screen: what this look graded, the current block explained in
    full (as `byhand check ID` shows it), the count, and what is next."""
    L = _words(session.lang)
    if clear:
        c.clear()
    if graded:
        c.print(results_table([session.results[i] for i in graded], session.lang))
        c.print()
    for where in session.syntax_errors.values():
        c.print(f"[red]{escape(i18n.fmt(L['syntax'], where=where))}[/]\n")
    current = session.current
    if current is None:
        c.print(f"[bold green]{escape(L['done'])}[/]")
    elif session.states.get(current) in ("stub", "missing"):
        show_stub(current, session.lang, c)
    elif session.states.get(current) == "syntax-error":
        pass  # said above: its module does not parse, so its last verdict would be stale
    elif current in session.results:
        result = session.results[current]
        if result.status == "invalid":  # it did not load: the grader's one line (as `check` prints it)
            c.print(f"[red]{escape(result.exercise_id)}: {escape(result.message)}[/]")
        else:
            c.print(result)
        if result.passed:
            nxt = session.next_block(current)
            if nxt is not None:
                title = loader.load_exercise(nxt).t(session.lang).title
                c.print(f"[bold]{escape(i18n.fmt(L['passed-next'], id=nxt, title=title))}[/]")
    passing, total, todo = session.counts()
    c.print("\n" + escape(i18n.fmt(L["summary"], passed=passing, total=total, todo=todo)))


def show_hint(session, c) -> None:
    L = _words(session.lang)
    hint = session.hint()
    if hint is None:
        c.print(f"\n[yellow]{escape(L['no-hint'])}[/]")
    else:
        c.print()
        c.print(labelled_prose(f"{L['hint']} ({session.current}):", hint, style="bold yellow"))


def show_list(session, c) -> None:
    """Every block in the workspace's order, its state, and which is current."""
    L = _words(session.lang)
    passing, total, _ = session.counts()
    table = Table(box=None, header_style="bold", title=i18n.fmt(L["list"], passed=passing, total=total),
                  title_justify="left")
    table.add_column("")
    for col in ("exercise", "area", "state"):
        table.add_column(L[col])
    table.add_column("")
    for item_id in session.order:
        state = session.states.get(item_id, "missing")
        result = session.results.get(item_id)
        if state == "syntax-error":
            shown, note = f"[red]{L['syntax-error']}[/]", ""
        elif state != "implemented" or result is None:
            shown, note = f"[dim]{L['stub']}[/]", ""
        else:
            shown, note = _state(result, L), _note(result, L)
        mark = f"[bold]▶ {L['current']}[/]" if item_id == session.current else ""
        table.add_row(mark, item_id, loader.load_exercise(item_id).area, shown, note)
    c.print()
    c.print(table)
