"""`byhand practice`: a keyboard-only terminal session.

Each step prints a prompt ending in "> " and reads one line, so the session
works in any terminal, over ssh, and under a test driver (pexpect).  `q`
quits at any prompt; progress is saved after every item.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape

from ..content import loader
from ..grading.drills import BadAnswer, check_answer, variant
from ..grading.grader import grade_exercise
from ..grading.runner import Submission
from ..content.prose import to_terminal
from ..storage import Store
from .. import i18n
from ..services import scheduling
from ..services.attempts import TRIES, record_and_show, record_drill_answer
from ..services.plan import Planned, next_due, plan
from .checking import file_submission, grade_in_workspace
from .workspace import Workspace, review_stub_path, status

def _tui(lang: str) -> dict:
    table = dict(i18n.section("tui", lang))
    table["ratings"] = {int(k): v for k, v in table["ratings"].items()}
    return table


T = {lang: _tui(lang) for lang in i18n.LANGS}  # the terminal session's words (byhand/i18n/*.toml)


class Quit(Exception):
    """The learner typed q."""


@dataclass
class Session:
    store: Store
    user_id: int
    lang: str
    console: Console
    workspace: Workspace | None = None
    scratch_dir: Path | None = None
    done: list[tuple[Planned, int]] = field(default_factory=list)

    def t(self, key: str, **kw) -> str:
        return i18n.fmt(T[self.lang][key], **kw)

    def ask(self, prompt: str) -> str:
        text = self.console.input(f"{escape(prompt)}> ").strip()
        if text.lower() in ("q", "quit", "ㅂ"):
            raise Quit
        return text

    # -- one item of each kind ---------------------------------------------------

    def concept(self, item) -> int:
        text = item.t(self.lang)
        self.console.print(f"[bold]{escape(text.term)}[/]")
        self.ask(self.t("reveal"))
        self.console.print(Markdown(to_terminal(text.definition), hyperlinks=False))
        self.console.print(Markdown(to_terminal(text.where_used), style="dim", hyperlinks=False))
        while True:
            choice = self.ask(self.t("rate"))
            if choice in ("1", "2", "3", "4"):
                return int(choice)
            self.console.print(self.t("rate_bad"))

    def drill(self, item) -> int:
        v = variant(item, int(time.time_ns() % 2**32))
        self.console.print(escape(v.prompt(self.lang)))
        started = time.monotonic()
        tries = 0
        while True:
            text = self.ask(self.t("answer"))
            try:
                result = check_answer(v, text, self.lang)
            except BadAnswer as exc:
                self.console.print(f"[yellow]{escape(str(exc))}[/]")
                continue
            tries += 1
            record_drill_answer(self.store, self.user_id, item.id, v.seed, text, result, context="practice",
                                seconds=time.monotonic() - started, review=False)  # rated by run()
            if result.correct:
                self.console.print(f"[green]{self.t('right')}[/]")
                break
            if tries >= TRIES:  # the variant has ended: now its answer may be shown
                self.console.print(f"[red]{escape(self.t('wrong', exp=result.expected, got=result.got))}[/]")
                break
            self.console.print(self.t("again"))
        self.console.print(escape(result.solution))
        return scheduling.rate_drill(result.correct, tries, time.monotonic() - started)

    def exercise(self, item, new: bool) -> int | None:
        ws = self.workspace
        in_blocks = new and ws is not None and status(ws).get(item.id) in ("stub", "implemented", "missing")
        if in_blocks:
            path = ws.module_path(item.area)
            prompt = self.t("code_new", fn=item.function, path=path)
        else:
            path = (review_stub_path(ws, item, self.lang) if ws else self._scratch(item))
            prompt = self.t("code_review", fn=item.function, path=path)
        self.console.print(f"[dim]{escape(item.t(self.lang).equation)}[/]")
        started = time.monotonic()
        gradings = 0
        while True:
            choice = self.ask(prompt).lower()
            if choice == "s":
                return None
            if choice == "g":
                return scheduling.rate_exercise(False, gradings, time.monotonic() - started)
            t0 = time.monotonic()
            if in_blocks:
                result = grade_in_workspace(ws, item, lang=self.lang)
            elif ws is not None:
                result = grade_exercise(item, file_submission(ws, item, path), lang=self.lang)
            else:
                result = grade_exercise(item, Submission(function=item.function,
                                                         source=path.read_text(encoding="utf-8"),
                                                         filename=str(path)), lang=self.lang)
            gradings += 1
            result, _ = record_and_show(self.store, self.user_id, result, context="practice",
                                        source=path.read_text(encoding="utf-8"), started=t0, review=False)
            self.console.print(result)
            if result.passed:
                return scheduling.rate_exercise(True, gradings, time.monotonic() - started)
            prompt = self.t("code_again")

    def _scratch(self, item) -> Path:
        from .workspace import stub

        folder = self.scratch_dir or Path.cwd()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{item.id}.py"
        path.write_text(f"import numpy as np\n\n\n{stub(item, self.lang)}", encoding="utf-8")
        return path

    # -- the session -------------------------------------------------------------

    def run(self, queue: list[Planned], limit: int) -> None:
        c = self.console
        due = sum(not p.new for p in queue)
        if not queue:
            c.print(self.t("nothing", next=self._fmt(next_due(self.store, self.user_id))))
            return
        c.print(self.t("header", due=due, new=len(queue) - due, limit=limit))
        try:
            for i, planned in enumerate(queue, 1):
                item = loader.load_item(planned.item_id)
                title = getattr(item.t(self.lang), "title", None) or item.t(self.lang).term
                c.print()
                c.rule(escape(self.t("item", i=i, n=len(queue), kind=self.t(planned.kind),
                                     new=self.t("new") if planned.new else "", title=title)))
                started = time.monotonic()
                if planned.kind == "concept":
                    rating = self.concept(item)
                elif planned.kind == "drill":
                    rating = self.drill(item)
                else:
                    rating = self.exercise(item, planned.new)
                if rating is None:
                    c.print(f"[dim]{self.t('skipped')}[/]")
                    continue
                reviewed = scheduling.review(self.store, self.user_id, planned.item_id, planned.kind,
                                             rating, duration_ms=int((time.monotonic() - started) * 1000))
                self.done.append((planned, rating))
                c.print(f"[bold]{self.t('rated', rating=T[self.lang]['ratings'][rating], due=self._fmt(reviewed.card.due))}[/]")
        except (Quit, EOFError, KeyboardInterrupt):
            c.print()
        self.summary()

    def summary(self) -> None:
        counts: dict[str, int] = {}
        names = T[self.lang]["ratings"]
        for _p, r in self.done:
            counts[names[r]] = counts.get(names[r], 0) + 1
        ratings = ", ".join(f"{k} {v}" for k, v in counts.items()) or "—"
        self.console.print(f"\n[bold]{self.t('summary', n=len(self.done), new=sum(p.new for p, _ in self.done), ratings=ratings, next=self._fmt(next_due(self.store, self.user_id)))}[/]")

    def _fmt(self, when: datetime | None) -> str:
        if when is None:
            return self.t("none")
        return when.astimezone().strftime("%Y-%m-%d %H:%M")


def run_practice(store: Store, user_id: int, lang: str, workspace: Workspace | None, scratch_dir: Path,
                 new_limit: int | None = None, console: Console | None = None) -> Session:
    console = console or Console(highlight=False)
    limit = store.settings(user_id).daily_new_limit if new_limit is None else new_limit
    queue = plan(store, user_id, datetime.now(timezone.utc), new_limit=limit)
    session = Session(store, user_id, lang, console, workspace, scratch_dir)
    session.run(queue, limit)
    return session
