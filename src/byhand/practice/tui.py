"""`byhand practice`: a keyboard-only terminal session.

Each step prints a prompt ending in "> " and reads one line, so the session
works in any terminal, over ssh, and under a test driver (pexpect).  `q`
quits at any prompt; progress is saved after every item.

What comes next is asked of the review session's queue
(``services.review.queue``) after every item, as the web's /review does: a
card rated Again (a drill answered wrong, an exercise given up) comes back
after its learning step, once the items due before it are done; when only
cards still being learned are left, the first is shown early with a note
(Anki's learn-ahead).
"""

from __future__ import annotations

import time
from collections.abc import Callable
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
from ..services import review, scheduling
from ..services.attempts import TRIES, record_and_show, record_drill_answer
from ..services.plan import SCHEDULED_KINDS, Planned, next_due
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
    new_limit: int | None = None  # None: the learner's daily limit
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(timezone.utc))  # the schedule's clock
    done: list[tuple[Planned, int]] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)  # not shown again in this session
    met_new: set[str] = field(default_factory=set)  # new in this session: back from a learning step, still new here

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
                self.console.print(f"[yellow]{escape(exc.in_lang(self.lang))}[/]")
                continue
            tries += 1
            record_drill_answer(self.store, self.user_id, item.id, v.seed, text, result, context="practice",
                                seconds=time.monotonic() - started, review=False)  # rated by run()
            if result.correct:
                self.console.print(f"[green]{self.t('right')}[/]")
                break
            if result.why:  # a choice drill's wrong option: why it is wrong
                self.console.print(f"[yellow]{escape(result.why)}[/]")
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

    def queue(self) -> review.ReviewQueue:
        """What is left now (services.review): due and new items of every kind, and the
        cards still being learned, less what was skipped in this session."""
        return review.queue(self.store, self.user_id, self.clock(), new_limit=self.new_limit,
                            new_kinds=frozenset(SCHEDULED_KINDS), skip=frozenset(self.skipped))

    def run(self, limit: int) -> None:
        c = self.console
        q = self.queue()
        if q.next_or_ahead is None:
            c.print(self.t("nothing", next=self._fmt(next_due(self.store, self.user_id, self.clock()))))
            return
        due = sum(not p.new for p in q.items)
        c.print(self.t("header", due=due, new=q.left - due, limit=limit))
        shown = 0
        try:
            while (planned := q.next_or_ahead) is not None:
                shown += 1
                item = loader.load_item(planned.item_id)
                title = getattr(item.t(self.lang), "title", None) or item.t(self.lang).term
                c.print()
                c.rule(escape(self.t("item", i=shown, n=shown + max(q.left, 1) - 1, kind=self.t(planned.kind),
                                     new=self.t("new") if planned.new else "", title=title)))
                if q.next is None:  # only cards still being learned are left: the first one, early
                    c.print(f"[dim]{escape(self.t('early', when=self._until(q.next_due)))}[/]")
                self.one(planned, item)
                q = self.queue()
            if q.next_due is not None:
                c.print(f"\n{escape(self.t('later', when=self._until(q.next_due)))}")
        except (Quit, EOFError, KeyboardInterrupt):
            c.print()
        self.summary()

    def one(self, planned: Planned, item) -> None:
        """Show one item, rate it and schedule it (or note it skipped)."""
        c = self.console
        started = time.monotonic()
        if planned.kind == "concept":
            rating = self.concept(item)
        elif planned.kind == "drill":
            rating = self.drill(item)
        else:  # an exercise met new in this session comes back to the learner's blocks, where it was
            rating = self.exercise(item, planned.new or planned.item_id in self.met_new)
        if planned.new:
            self.met_new.add(planned.item_id)
        if rating is None:
            self.skipped.add(planned.item_id)
            c.print(f"[dim]{self.t('skipped')}[/]")
            return
        reviewed = scheduling.review(self.store, self.user_id, planned.item_id, planned.kind, rating,
                                     now=self.clock(), duration_ms=int((time.monotonic() - started) * 1000))
        self.done.append((planned, rating))
        c.print(f"[bold]{self.t('rated', rating=T[self.lang]['ratings'][rating], due=self._fmt(reviewed.card.due))}[/]")

    def summary(self) -> None:
        counts: dict[str, int] = {}
        names = T[self.lang]["ratings"]
        for _p, r in self.done:
            counts[names[r]] = counts.get(names[r], 0) + 1
        ratings = ", ".join(f"{k} {v}" for k, v in counts.items()) or "—"
        self.console.print(f"\n[bold]{self.t('summary', n=len(self.done), new=sum(p.new for p, _ in self.done), ratings=ratings, next=self._fmt(next_due(self.store, self.user_id, self.clock())))}[/]")

    def _fmt(self, when: datetime | None) -> str:
        if when is None:
            return self.t("none")
        return when.astimezone().strftime("%Y-%m-%d %H:%M")

    def _until(self, when: datetime) -> str:
        return review.interval_text(when - self.clock(), self.lang)


def run_practice(store: Store, user_id: int, lang: str, workspace: Workspace | None, scratch_dir: Path,
                 new_limit: int | None = None, console: Console | None = None) -> Session:
    console = console or Console(highlight=False)
    limit = store.settings(user_id).daily_new_limit if new_limit is None else new_limit
    session = Session(store, user_id, lang, console, workspace, scratch_dir, new_limit=limit)
    session.run(limit)
    return session
