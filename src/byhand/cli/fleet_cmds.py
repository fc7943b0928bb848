"""The grading fleet's commands: `byhand worker` (a grading worker) and
what `byhand doctor --broker` reports of the fleet."""

from __future__ import annotations

import click
from rich.markup import escape

from ..jobs.broker import DEFAULT_REDELIVERY, GRADING_BOUND
from .common import _console, cli, friendly

__all__ = ["fleet_report", "print_fleet"]


@cli.command()
@click.option("--broker", required=True, envvar="BYHAND_BROKER", metavar="URL",
              help="The fleet's Redis, e.g. redis://127.0.0.1:6379/0 (broker and result backend).")
@click.option("--concurrency", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Gradings at once (sandboxed NumPy workers; one SciPy worker is added).")
@click.option("--hostname", default=None, help="This worker's name in the fleet (default: byhand@HOST.PID).")
@click.option("--redelivery-after", default=DEFAULT_REDELIVERY, show_default=True,
              type=click.FloatRange(GRADING_BOUND, 86400, min_open=True), metavar="SECONDS",
              help="A grading taken by a worker that died goes to another worker after this long.")
@click.option("--allow-partial-isolation", is_flag=True,
              help="Grade even where some sandbox protection is missing (never for untrusted learners).")
@click.option("--loglevel", default="WARNING", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False))
@friendly
def worker(broker: str, concurrency: int, hostname: str | None, redelivery_after: float,
           allow_partial_isolation: bool, loglevel: str):
    """Grade submissions for `byhand serve --broker` (holds no database credentials)."""
    from ..errors import ByhandError
    from ..jobs.worker import run_worker
    from ..sandbox import SandboxUnavailable

    click.echo(f"byhand worker: grading for {broker} ({concurrency} at once). Ctrl-C stops after the gradings "
               "under way.")
    try:
        run_worker(broker, concurrency=concurrency, hostname=hostname, redelivery_after=redelivery_after,
                   require_full_isolation=not allow_partial_isolation, loglevel=loglevel.upper())
    except SandboxUnavailable as exc:
        raise ByhandError.of("serve-needs-isolation", reason=exc) from None


def fleet_report(broker: str) -> dict:
    """The fleet behind ``broker`` as JSON data: its workers (with their protections), the queue, the dead letters."""
    import redis

    from ..jobs.broker import require_celery
    from ..jobs.fleet import fleet_status

    require_celery()
    client = redis.Redis.from_url(broker, socket_timeout=3, socket_connect_timeout=3)
    try:
        status = fleet_status(client)
    finally:
        client.close()
    return {"broker": broker, "reachable": status.reachable, "error": status.error, "workers": status.workers,
            "queued": status.queued, "dead_letters": status.dead_letters, "size": status.size}


def print_fleet(data: dict) -> None:
    """:func:`fleet_report` for a person."""
    from ..sandbox import FULL

    c, broker = _console(), data["broker"]
    if not data["reachable"]:
        c.print(f"[red]unreachable[/]  {escape(broker)}: {escape(data['error'])}")
        return
    c.print(f"fleet at {escape(broker)}: {len(data['workers'])} workers, {data['size']} gradings at once, "
            f"{data['queued']} queued, {data['dead_letters']} set aside (dead letters)")
    for w in data["workers"]:
        missing = [p for p in FULL if p not in w.get("protections", [])]
        state = "[green]full isolation[/]" if not missing else f"[red]missing {escape(', '.join(missing))}[/]"
        c.print(f"  {escape(str(w.get('hostname')))}: {w.get('size')} at once, pid {w.get('pid')}, {state}")
    if not data["workers"]:
        c.print("[red]no live worker[/]: submissions are answered 'try again' until one starts (byhand worker)")
