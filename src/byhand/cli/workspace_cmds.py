"""Workspace commands: init, update, check inside a workspace, watch."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from ..content import loader
from ..errors import ByhandError
from ..practice import workspace as wsmod
from .common import _console, cli, friendly, lang_option, show_result

LABELS = {
    "en": {"exercise": "exercise", "area": "area", "state": "state", "passed": "passed", "failed": "failed",
           "stub": "to do", "summary": "{passed} of {total} exercises pass; {todo} still to do.",
           "next": "Next: {id} ({title}) in blocks/{area}.py", "hint": "Hint", "watching":
           "Watching {path} — save a file to re-grade; Ctrl-C to stop.", "done": "Everything passes. Well done!"},
    "ko": {"exercise": "문제", "area": "영역", "state": "상태", "passed": "통과", "failed": "실패",
           "stub": "할 일", "summary": "{total}개 중 {passed}개 통과, {todo}개 남았습니다.",
           "next": "다음 문제: {id} ({title}) — blocks/{area}.py", "hint": "힌트", "watching":
           "{path} 를 지켜보는 중입니다. 파일을 저장하면 다시 채점합니다. 끝내려면 Ctrl-C.",
           "done": "모두 통과했습니다. 수고하셨습니다!"},
}


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
    L = LABELS[lang]
    states = wsmod.status(ws)
    table = Table(box=None, header_style="bold")
    for col in ("exercise", "area", "state"):
        table.add_column(L[col])
    table.add_column("")
    by_id = {r.exercise_id: r for r in results}
    for r in results:
        mark = f"[green]{L['passed']}[/]" if r.passed else f"[red]{L['failed']}[/]"
        note = "" if r.passed else escape((r.mistake or r.status) + (f" (your {r.block})" if r.block else ""))
        table.add_row(r.exercise_id, loader.load_exercise(r.exercise_id).area, mark, note)
    c = _console()
    c.print(table)
    todo = [i for i, s in states.items() if s in ("stub", "missing")]
    passed = sum(r.passed for r in results)
    c.print("\n" + L["summary"].format(passed=passed, total=len(states), todo=len(todo)))
    show_next(ws, by_id, lang)


def next_exercise(ws, results_by_id) -> str | None:
    """The first failing block, else the first stub in curriculum order."""
    failing = [i for i, r in results_by_id.items() if not r.passed]
    if failing:
        return failing[0]
    states = wsmod.status(ws)
    return next((i for i in loader.exercise_ids() if states.get(i) in ("stub", "missing")), None)


def show_next(ws, results_by_id, lang: str) -> None:
    L = LABELS[lang]
    nxt = next_exercise(ws, results_by_id)
    c = _console()
    if nxt is None:
        c.print(f"[bold green]{L['done']}[/]")
        return
    ex = loader.load_exercise(nxt)
    c.print(L["next"].format(id=nxt, title=ex.t(lang).title, area=ex.area))
    if ex.t(lang).hint:
        c.print(f"[dim]{L['hint']}: {escape(ex.t(lang).hint)}[/]")


@cli.command()
@click.option("--once", is_flag=True, hidden=True, help="Grade once and exit (for tests).")
@lang_option
@friendly
def watch(once: bool, lang: str):
    """Re-grade your blocks on every save and show the next exercise (like rustlings)."""
    ws = wsmod.require_workspace()
    c = _console()
    from ..storage import Store

    with Store(ws.database) as store:
        print_table(ws, grade_all(ws, store, lang), lang)
        if once:
            return
        from watchfiles import watch as watch_files

        c.print(f"\n[dim]{LABELS[lang]['watching'].format(path=ws.package)}[/]")
        try:
            for _changes in watch_files(ws.package, debounce=300, step=100):
                c.clear()
                print_table(ws, grade_all(ws, store, lang), lang)
                c.print(f"\n[dim]{LABELS[lang]['watching'].format(path=ws.package)}[/]")
        except KeyboardInterrupt:
            time.sleep(0)
