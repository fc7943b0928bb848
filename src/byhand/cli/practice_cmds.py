"""Daily practice commands: practice, progress, optimize."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import ByhandError
from ..practice import workspace as wsmod
from .common import _console, cli, friendly, lang_option, open_store


@cli.command()
@click.option("--new", "new_limit", type=click.IntRange(0, 200), default=None,
              help="How many new items today (default: your setting, 10).")
@lang_option
@friendly
def practice(new_limit: int | None, lang: str):
    """Today's session: due reviews interleaved with new items (keyboard only)."""
    from ..practice.tui import run_practice

    store, ws, folder = open_store()
    with store:
        user = store.user_id()
        run_practice(store, user, lang, ws, folder / "scratch", new_limit=new_limit, console=_console())


@cli.command()
@click.option("--map", "map_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also draw the concept map coloured by mastery to this .svg file.")
@lang_option
@friendly
def progress(map_path: Path | None, lang: str):
    """Mastery per area and concept, streak, frequent mistakes, and the concept map."""
    from ..render.progress import render_terminal, write_svg
    from ..services.progress import compute

    store, _ws, _folder = open_store()
    with store:
        report = compute(store, store.user_id())
    render_terminal(report, lang, _console())
    if map_path is not None:
        write_svg(report, map_path, lang)
        _console().print(str(map_path))


@cli.command()
@lang_option
@friendly
def optimize(lang: str):
    """Fit the FSRS scheduler to your own review history (needs 512+ reviews)."""
    from ..services.scheduling import optimize as run

    store, _ws, _folder = open_store()
    with store:
        params, n, note = run(store, store.user_id())
    _console().print(f"{n} reviews: {note}")
    if params:
        _console().print(", ".join(f"{p:.4f}" for p in params))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for the SQLite database and the secret key (default: the per-user data folder).")
@click.option("--database-url", default=None, envvar="BYHAND_DATABASE_URL",
              help="A database URL instead of SQLite, e.g. postgresql+psycopg://user@host/byhand.")
@click.option("--local", is_flag=True,
              help="Single user on their own machine: no sign-in, and reduced sandbox isolation allowed.")
@click.option("--workers", "grader_workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Sandboxed workers in each grading process.")
@click.option("--grading-processes", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Grading processes (judge and sandbox pool) for each web process.")
@click.option("--broker", default=None, envvar="BYHAND_BROKER", metavar="URL",
              help="Grade on a fleet of `byhand worker`s through this Redis (redis://HOST:PORT/N) instead "
                   "of grading processes of this server's own.")
@click.option("--web-workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Web processes serving the same database.")
@click.option("--secure-cookies", is_flag=True, help="Mark cookies Secure (when served behind TLS).")
@click.option("--submissions-per-minute", default=60, show_default=True, type=click.IntRange(1, 100000),
              help="Rate limit of code submissions per learner.")
@click.option("--signins-per-minute", default=10, show_default=True, type=click.IntRange(1, 100000),
              help="Rate limit of sign-ins and sign-ups per address.")
@click.option("--posts-per-minute", default=10, show_default=True, type=click.IntRange(1, 100000),
              help="Rate limit of posts, edits, reports and cohort joins per user.")
@click.option("--anonymous-requests", default=100, show_default=True, type=click.IntRange(0, 10**6),
              help="Requests each client address may make in 10 seconds without signing in (0: no limit).")
@click.option("--learner-requests", default=300, show_default=True, type=click.IntRange(0, 10**6),
              help="Requests each signed-in learner may make in 10 seconds (0: no limit).")
@click.option("--anonymous-per-second", "anonymous_total", default=30, show_default=True,
              type=click.IntRange(0, 10**6),
              help="Pages and API calls a second each web process takes from all clients not signed in "
                   "together (0: no limit).")
@click.option("--shed-on-delay/--no-shed-on-delay", default=True, show_default=True,
              help="While this process's pages are delayed, let fewer submissions in, then fewer pages "
                   "(503 + Retry-After), so that pages keep their latency under overload.")
@click.option("--rate-limit-storage", default=None, metavar="URL",
              help="Where rate-limit counters live (a `limits` storage URL such as redis://host:6379); "
                   "default: in memory for one web process on the embedded database, else the "
                   "database, shared by every web process.")
@click.option("--forwarded-allow-ips", default="", show_default=True, metavar="IPS",
              help="Comma-separated addresses of trusted proxies whose X-Forwarded-For is believed "
                   "(by default none: a client's address is its connection's).")
@click.option("--plot-cache", default=None, metavar="DIR",
              help="Folder where every why-question's first plot is kept once drawn, shared by every web "
                   "process and restart (default: the per-user cache folder).")
@click.option("--warm-plots/--no-warm-plots", default=True, show_default=True,
              help="Draw every why-question's first plot when the server starts (those not kept yet), "
                   "so no visitor waits for one.")
@friendly
def serve(host: str, port: int, data_dir: Path | None, database_url: str | None, local: bool,
          grader_workers: int, grading_processes: int, broker: str | None, web_workers: int, secure_cookies: bool, submissions_per_minute: int,
          signins_per_minute: int, posts_per_minute: int, anonymous_requests: int, learner_requests: int, anonymous_total: int,
          shed_on_delay: bool, rate_limit_storage: str | None, forwarded_allow_ips: str, plot_cache: str | None, warm_plots: bool):
    """Start the web app (open the address it prints in a browser)."""
    try:
        import uvicorn

        from ..web import ServeConfig, create_app
    except ImportError as exc:
        raise ByhandError.of("web-needs", module=exc.name) from None
    from ..sandbox import SandboxUnavailable

    data_dir = data_dir or wsmod.data_dir(wsmod.find_workspace())  # `practice`'s folder: one history
    config = ServeConfig(data_dir=data_dir, database_url=database_url, local=local,
                         secure_cookies=secure_cookies, grader_workers=grader_workers,
                         grading_processes=grading_processes, broker=broker,
                         submissions_per_minute=submissions_per_minute, signin_per_minute=signins_per_minute,
                         posts_per_minute=posts_per_minute,
                         anonymous_requests=anonymous_requests, learner_requests=learner_requests,
                         anonymous_total=anonymous_total, shed_on_delay=shed_on_delay,
                         plot_cache=plot_cache, warm_plots=warm_plots,
                         rate_limit_storage=rate_limit_storage or _default_limits(web_workers, database_url))
    proxies = dict(proxy_headers=bool(forwarded_allow_ips), forwarded_allow_ips=forwarded_allow_ips or None)
    try:  # before serving: a server without full isolation refuses with one clear line
        grader = config.grading_service()
    except SandboxUnavailable as exc:
        raise ByhandError.of("serve-needs-isolation", reason=exc) from None
    from ..storage import Store

    Store(config.db).close()  # migrate once here, before any web process opens the database
    from ..web.audit import to_stderr

    to_stderr()  # sign-ins and their failures, one line each (docs/security.md)
    mode = "local, single user" if local else "multi-user"
    procs = f", {web_workers} web processes" if web_workers > 1 else ""
    procs += f", grading on the fleet at {broker}" if broker else ""
    click.echo(f"byhand: serving http://{host}:{port}/ ({mode}{procs}); data in {data_dir}. Ctrl-C stops.")
    if web_workers > 1:  # each process builds its app (and grading pool) from the environment
        grader.close()
        os.environ[ServeConfig.ENV] = config.to_env()
        uvicorn.run("byhand.web:app_from_env", factory=True, host=host, port=port, workers=web_workers,
                    log_level="warning", **proxies)
        return
    try:
        uvicorn.run(create_app(config, grader=grader), host=host, port=port, log_level="warning", **proxies)
    finally:
        grader.close()


def _default_limits(web_workers: int, database_url: str | None) -> str | None:
    """One web process on the embedded database counts in memory (exact,
    bounded, no write per hit); several processes, or a database server,
    share the counters in the database (None)."""
    return "memory://" if web_workers == 1 and not database_url else None
