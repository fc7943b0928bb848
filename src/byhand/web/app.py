"""The ASGI application: HTML pages (forms work without JavaScript) and a
JSON API under /api described by the app's OpenAPI schema, one router per
feature (web/routers)."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..content import catalog
from ..services.plan import new_item_order
from ..services.progress import warm as warm_progress
from ..storage import Store
from .apidocs import docs_html, script_hashes
from .budget import KnownCredentials, RequestBudget
from .deps import AppState
from .errors import add_error_handlers
from .routers import ROUTERS
from .routers.why import default_keys
from .i18n import UI
from .plots import Plots
from .ratelimit import RateLimit, limit_storage
from .services import Services
from .headers import DOCS_PATH, SecurityHeaders
from .shedding import LoadShedding

__all__ = ["create_app"]

HERE = Path(__file__).resolve().parent


def create_app(config, grader=None) -> FastAPI:
    """Build the app.  ``grader`` (a :class:`byhand.jobs.GradingService`)
    defaults to the grading processes ``config`` asks for; a multi-user
    server refuses to start without full isolation (see docs/sandbox.md)."""

    known = KnownCredentials()  # who the door's budget charges; filled as the routes verify credentials

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        catalog.warm()  # static work now, not in the first requests
        new_item_order()
        warm_progress()
        store = Store(config.db)
        own_grader = grader is None
        g = config.grading_service() if own_grader else grader
        limits = limit_storage(store, config.rate_limit_storage)  # shared by every web process
        app.state.byhand = AppState(
            config=config, store=store, services=Services(store, g, config.secret()),
            templates=Jinja2Templates(directory=HERE / "templates"),
            signin_limit=RateLimit(config.signin_per_minute, limits, "signin"),
            submit_limit=RateLimit(config.submissions_per_minute, limits, "submit"),
            plot_limit=RateLimit(config.plots_per_minute, limits, "plot"),
            post_limit=RateLimit(config.posts_per_minute, limits, "post"), known=known,
            plots=Plots(config.plot_cache_dir()))
        if config.warm_plots:  # every why-question's first plot ready before anyone asks (web/plots.py)
            app.state.byhand.plots.warm(default_keys())
        # What startup built (the curriculum, its indexes, the templates) lives as long as the process:
        # out of the collector's sight, a full collection scans only what requests made since, which
        # took a request's time from ~35 ms to ~200 ms once in every hundred or so dashboards
        # (benchmarks/bench_dashboard.py).  Objects frozen are still freed when no longer referenced.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            app.state.byhand.plots.close()
            if own_grader:
                g.close()
            app.state.byhand.hashing.close()
            store.close()

    app = FastAPI(title="byhand", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Learn the mathematics of AI by hand: the practice API.")
    docs = docs_html(app.openapi_url, "byhand: the API")  # Swagger UI from /static (web/apidocs.py)

    @app.get(DOCS_PATH, include_in_schema=False)
    async def api_docs() -> HTMLResponse:
        return HTMLResponse(docs)

    add_error_handlers(app)
    # a flood of submissions is refused at the door, before any work is done for it
    app.add_middleware(LoadShedding, grading=lambda: _grading(app), on_delay=config.shed_on_delay,
                       message=lambda lang: UI[lang]["grader-busy"], busy=lambda lang: UI[lang]["server-busy"])
    if not config.local:  # a flood from one address is refused before it costs anything
        app.add_middleware(RequestBudget, known=known, anonymous=config.anonymous_requests,
                           learner=config.learner_requests, anonymous_total=config.anonymous_total,
                           verify=lambda hashed, kind: _live_user(app, hashed, kind),
                           message=lambda lang: UI[lang]["too-many-requests"],
                           busy=lambda lang: UI[lang]["server-busy"])
    app.add_middleware(SecurityHeaders, hsts=config.secure_cookies, docs_scripts=script_hashes(docs))  # added last: outermost, so refusals carry the headers too
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)
    return app


def _live_user(app: FastAPI, hashed: str, kind: str) -> int | None:
    """The user of a live session or token (for the door's budget), else None."""
    state = getattr(app.state, "byhand", None)
    if state is None:
        return None
    row = state.store.session_user(hashed, kind, idle=state.config.session_idle)
    return None if row is None else row[0]


def _grading(app: FastAPI):
    state = getattr(app.state, "byhand", None)
    return state.services.grader if state is not None else None
