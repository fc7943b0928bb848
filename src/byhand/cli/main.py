"""The `byhand` command line.

Exit codes of `check`: 0 passed, 1 failed (including a submission that does
not load), 2 bad usage or unknown id.  A user's mistake is one clear line on
stderr, never a traceback of byhand itself.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table

from .. import i18n
from ..content import loader
from ..errors import ByhandError
from ..grading.hints import with_hint_policy
from ..grading.threads import one_blas_thread
from ..content.prose import tex_to_unicode, to_terminal
from . import admin_cmds, fleet_cmds, practice_cmds, workspace_cmds  # noqa: F401 - their commands register on `cli`
from .common import _console, cli, friendly, lang_option, open_store, record_option, record_progress, show_result

@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (id, kind, area, title, ...).")
@click.option("--area", default=None, help="Only items of this area (e.g. linalg, nn, stats, audio).")
@click.option("--kind", type=click.Choice(loader.KINDS), default=None, help="Only items of this kind.")
@click.option("--concept", default=None, help="Only the concept itself and the items that practise it.")
@lang_option
@friendly
def list_cmd(as_json: bool, area: str | None, kind: str | None, concept: str | None, lang: str):
    """List the curriculum's items."""
    rows = list(loader.summaries())
    if concept:
        loader.kind_of(concept)  # an unknown id is a clear error
        rows = [r for r in rows if r["id"] == concept or concept in r["concepts"]]
    if area:
        areas = sorted({r["area"] for r in rows})
        if area not in areas:
            raise ByhandError.of("unknown-area", area=area, areas=", ".join(areas))
        rows = [r for r in rows if r["area"] == area]
    if kind:
        rows = [r for r in rows if r["kind"] == kind]
    if as_json:
        out = [{**r, "title": r["title"][lang], "titles": r["title"]} for r in rows]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    table = Table(show_header=True, header_style="bold", box=None)
    # an id is what the learner types next: never cut, the title wraps instead
    table.add_column("id", no_wrap=True, min_width=max((len(r["id"]) for r in rows), default=2))
    for col in ("kind", "area", "title"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["id"], r["kind"], r["area"], r["title"][lang])
    _console().print(table)


HEADS = {lang: i18n.section("cli.show", lang) for lang in i18n.LANGS}  # byhand/i18n/*.toml


def _section(c: Console, head: str, body: str) -> None:
    c.print(f"\n[bold]{escape(head)}[/]\n  {escape(body)}")


def _prose(c: Console, head: str, body: str) -> None:
    """A prose field (Markdown with $math$, content/prose.py), as the web shows it."""
    c.print(f"\n[bold]{escape(head)}[/]")
    c.print(Padding(Markdown(to_terminal(body), hyperlinks=False), (0, 0, 0, 2)))


def _titles(ids, lang: str) -> str:
    rows = {r["id"]: r for r in loader.summaries()}
    return ", ".join(f"{i} ({rows[i]['title'][lang]})" if i in rows else i for i in ids) or "—"


@cli.command()
@click.argument("item_id")
@lang_option
@friendly
def show(item_id: str, lang: str):
    """Show an item: a concept, an exercise, a drill, a why-question or a paper track."""
    from ..content.catalog import dependents, practised_by

    item = loader.load_item(item_id)
    h = HEADS[lang]
    c = _console()
    t = item.t(lang)
    title = getattr(t, "title", None) or getattr(t, "term", item_id)
    c.print(f"[bold]{escape(title)}[/]  [dim]({item.id}, {item.kind}, {item.area})[/]")
    if item.kind == "concept":
        _prose(c, h["definition"], t.definition)
        _prose(c, h["where"], t.where_used)
        _section(c, h["prereq"], _titles(item.prerequisites, lang))
        _section(c, h["builds"], _titles(dependents(item.id), lang))
        _section(c, h["practice"], _titles(practised_by(item.id), lang))
    elif item.kind == "exercise":
        _section(c, h["equation"], t.equation)
        _prose(c, h["definition"], t.explanation)
        _prose(c, h["where"], t.where_used)
        _section(c, h["implement"], f"def {item.function}{item.signature}:")
        from ..grading.grader import tolerance_text

        _section(c, h["tolerance"], tolerance_text(item, lang))
        _section(c, h["mistakes"], ", ".join(m.id for m in item.mistakes))
        if item.cite:
            _section(c, h["cite"], item.cite)
        _section(c, h["concepts"], _titles(item.concepts, lang))
        _section(c, h["try"], f"byhand check {item.id} my_{item.function}.py")
    elif item.kind == "drill":
        _section(c, h["concepts"], _titles(item.concepts, lang))
        _section(c, h["try"], f"byhand drill {item.id}")
    elif item.kind == "track":
        _show_track(c, item, lang)
    else:
        _section(c, h["question"], t.title)
        _prose(c, h["answer"], t.answer)
        _prose(c, h["derivation"], t.derivation)
        params = ", ".join(f"{p.name}={p.default}" for p in item.params)
        _section(c, h["params"], params or "—")
        _section(c, h["try"], f"byhand why {item.id} --out plots")


def _track_state(track):
    """The local learner's state of the track, if they have a progress database (``show`` creates none)."""
    from ..practice import workspace as wsmod
    from ..services import tracks
    from ..services.data import progress_database

    if not progress_database(wsmod.data_dir(wsmod.find_workspace())).exists():
        return None
    store, _, _ = open_store()
    with store:
        return tracks.for_learner(store, store.user_id(), track)


def _show_track(c: Console, track, lang: str) -> None:
    h = HEADS[lang]
    p = track.paper
    _section(c, h["paper"], f"{p.authors} ({p.year}). {p.title}. {p.venue}."
             + (f" arXiv:{p.arxiv}" if p.arxiv else ""))
    _prose(c, h["introduction"], track.t(lang).introduction)
    state = _track_state(track)
    rows = {r["id"]: r for r in loader.summaries()}
    table = Table(title=h["steps"], title_justify="left", title_style="bold")
    for col in ("#", h["equation"], h["exercise"]) + ((h["status"],) if state else ()):
        table.add_column(col)
    for n, step in enumerate(track.steps):
        title = rows[step.exercise]["title"][lang] if step.exercise in rows else step.exercise
        cells = [escape(step.ref), escape(tex_to_unicode(step.latex)), f"{escape(title)} [dim]({step.exercise})[/]"]
        if state:
            cells.append(h["status-" + state.steps[n].status])
        table.add_row(*cells)
    c.print()
    c.print(table)
    if state and state.implemented:
        c.print(f"\n[bold green]{escape(h['implemented'])}[/]")
    nxt = loader.load_exercise(state.next_exercise if state and state.next_exercise else track.steps[0].exercise)
    _section(c, h["try"], f"byhand check {nxt.id} my_{nxt.function}.py")


def _read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ByhandError.of("not-utf8", path=path) from None
    except OSError as exc:
        raise ByhandError.of("cannot-read", path=path, reason=exc.strerror) from None


@cli.command()
@click.argument("item_id", required=False)
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True,
              help="Print the result as JSON with keys passed, mistake, message, failure.")
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=None,
              help="Seed of the random cases, 0 to 2**32-1 (default: fresh).")
@click.option("--sandbox", is_flag=True,
              help="Run the file in the isolated sandbox (for code you do not trust); see `byhand doctor`.")
@click.option("--hint", is_flag=True,
              help="Show the exercise's hint on a failure now (otherwise after three failures in a row).")
@record_option
@lang_option
@friendly
def check(item_id: str | None, file: Path | None, as_json: bool, seed: int | None, lang: str,
          sandbox: bool = False, no_record: bool = False, hint: bool = False):
    """Check FILE.py's implementation of ITEM_ID.  Exit 0 passed, 1 failed.

    Inside a workspace (`byhand init`), `byhand check ITEM_ID` grades your
    block and `byhand check` grades every block you have implemented."""
    from .._public import grade

    if file is None:
        from .workspace_cmds import check_in_workspace

        check_in_workspace(item_id, as_json=as_json, seed=seed, lang=lang, hint=hint)
        return
    loader.load_exercise(item_id)  # an unknown id is a usage error, before reading the file
    if not file.exists():
        raise ByhandError.of("no-file", path=file)
    source = _read_source(file)
    started = time.monotonic()
    result = grade(item_id, source, lang=lang, seed=seed, filename=str(file), sandbox=sandbox, hint=True)
    recorded = None
    if not no_record:
        from ..services.attempts import record_and_show

        recorded = record_progress(record_and_show, result, context="cli", source=source, started=started,
                                   asked_hint=hint)
    # not recorded: no failures to count, so the hint shows only when asked for
    shown = recorded[0] if recorded else with_hint_policy(result, failures_before=0, asked=hint)
    show_result(shown, as_json)
    sys.exit(0 if result.passed else 1)


@cli.command()
@click.argument("path", required=False)
@click.option("--seeds", default="0-49", show_default=True,
              help="Seeds to try: a list and ranges, e.g. 0-499 or 0,7,100-199.")
@friendly
def validate(path: str | None, seeds: str):
    """Check curriculum items: references pass, known mistakes are caught and named.

    PATH is an item id or a folder of exercises; without it, everything."""
    from ..validate import parse_seeds, validate as run

    try:
        seed_list = parse_seeds(seeds)
    except ValueError:
        raise ByhandError.of("bad-seeds", seeds=seeds) from None
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


def _item_of_kind(item_id: str | None, kind: str, lang: str):
    """The item, checked to be of ``kind``; without an id, list that kind and return None."""
    if item_id is None:
        click.get_current_context().invoke(list_cmd, as_json=False, area=None, kind=kind, concept=None, lang=lang)
        return None
    item = loader.load_item(item_id)
    if item.kind != kind:
        raise ByhandError.of("wrong-kind", id=item_id, is_kind=item.kind, want_kind=kind, want=kind)
    return item


@cli.command()
@click.argument("drill_id", required=False)
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=None,
              help="Which variant, 0 to 2**32-1 (default: a fresh one).")
@click.option("--answer", "answer_text", default=None, help="Answer without being asked (for scripts).")
@record_option
@lang_option
@friendly
def drill(drill_id: str | None, seed: int | None, answer_text: str | None, lang: str, no_record: bool = False):
    """Solve a numeric drill by hand: a fresh variant, your answer, the worked solution.

    Without DRILL_ID, lists the drills.  Exit 0 correct, 1 wrong.
    """
    import secrets

    from ..grading.drills import BadAnswer, check_answer, variant

    item = _item_of_kind(drill_id, "drill", lang)
    if item is None:
        return
    v = variant(item, secrets.randbits(32) if seed is None else seed)
    c = _console()
    c.print(f"[bold]{escape(item.t(lang).title)}[/]  [dim](seed {v.seed})[/]\n")
    c.print(escape(v.prompt(lang)))
    shown = time.monotonic()
    words = i18n.section("cli.drill", lang)
    label = words["label"]
    while True:
        text = answer_text if answer_text is not None else click.prompt(label)
        try:
            result = check_answer(v, text, lang)
            break
        except BadAnswer as exc:
            if answer_text is not None:
                raise
            c.print(f"[yellow]{escape(exc.in_lang(lang))}[/]")
    if result.why:  # a choice drill's wrong option: why it is wrong
        c.print(f"\n[yellow]{escape(result.why)}[/]")
    step = None
    if not no_record:
        from ..services.attempts import record_drill_answer

        step = record_progress(record_drill_answer, item.id, v.seed, text, result, context="cli",
                               seconds=None if answer_text is not None else time.monotonic() - shown)
    if step is not None and not step.ended:  # the answer waits for the second try (docs/practice.md)
        c.print(f"\n[bold red]{words['not-yet']}[/] byhand drill {item.id} --seed {v.seed}")
        sys.exit(1)
    verdict = (words["correct"], words["wrong"], words["you"])
    if result.correct:
        c.print(f"\n[bold green]{verdict[0]}[/] ({result.expected})")
    else:
        c.print(f"\n[bold red]{verdict[1]}[/] {result.expected} ({verdict[2]}: {result.got})")
    c.print(f"\n{escape(result.solution)}")
    sys.exit(0 if result.correct else 1)


@cli.command()
@click.argument("why_id", required=False)
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
              show_default=True, help="Folder for the plot (PNG and SVG).")
@click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Change a parameter of the experiment (repeatable).")
@lang_option
@friendly
def why(why_id: str | None, out_dir: Path, settings: tuple[str, ...], lang: str):
    """The "why" questions: list them, or run one's experiment and save its plot."""
    from ..experiments import run_why

    item = _item_of_kind(why_id, "why", lang)
    if item is None:
        return
    overrides = {}
    for s in settings:
        name, sep, value = s.partition("=")
        if not sep or not name:
            raise ByhandError.of("bad-setting", setting=s)
        overrides[name.strip()] = value.strip()
    run = run_why(item, overrides, out_dir, lang=lang)
    t = item.t(lang)
    c = _console()
    c.print(f"[bold]{escape(t.title)}[/]\n\n{escape(t.answer)}\n")
    for k, v in run.findings.items():
        c.print(f"  {escape(str(k))}: {v:.4g}" if isinstance(v, float) else f"  {escape(str(k))}: {escape(str(v))}")
    for p in run.problems:
        c.print(f"[yellow]! {escape(p)}[/]")
    c.print("\n" + "\n".join(str(f) for f in run.files))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--broker", default=None, metavar="URL",
              help="Report the grading fleet behind this Redis instead (workers, protections, queue).")
@friendly
def doctor(as_json: bool, broker: str | None):
    """Which sandbox protections are active on this machine (for `check --sandbox` and servers)."""
    from ..sandbox import FULL, isolation_report

    if broker:
        data = fleet_cmds.fleet_report(broker)
        if as_json:
            click.echo(json.dumps(data, indent=2))
        else:
            fleet_cmds.print_fleet(data)
        if not data["reachable"]:
            sys.exit(1)
        return
    report = isolation_report()
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    c = _console()
    for name in FULL:
        if name in report["protections"]:
            c.print(f"[green]active [/]  {name}")
        else:
            c.print(f"[red]missing[/]  {name}: {escape(report['missing'].get(name, 'unavailable'))}")
    if report["full"]:
        c.print("\nFull isolation: a multi-user server may grade untrusted code here.")
    else:
        c.print("\nPartial isolation: fine for grading your own code; a multi-user server "
                "(Grader(require_full_isolation=True)) refuses to start.")


def main() -> None:
    one_blas_thread()
    cli(prog_name="byhand")


if __name__ == "__main__":
    main()
