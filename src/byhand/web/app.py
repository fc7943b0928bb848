"""The ASGI application: HTML pages (forms work without JavaScript) and a
JSON API under /api described by the app's OpenAPI schema."""

from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..storage import LOCAL_USER, Store
from . import auth
from .i18n import UI, status_message
from .services import Services

HERE = Path(__file__).resolve().parent
CSRF_COOKIE = "byhand_csrf"
LANG_COOKIE = "byhand_lang"


@dataclass
class Viewer:
    """Who is looking at a page, and in which language."""

    user_id: int | None
    username: str | None
    lang: str
    csrf: str
    session_token_hash: str | None = None
    role: str = "learner"


def create_app(config, grader=None) -> FastAPI:
    """Build the app.  ``grader`` (a :class:`byhand.jobs.GradingService`)
    defaults to the grading processes ``config`` asks for; a multi-user
    server refuses to start without full isolation (see docs/sandbox.md)."""
    state: dict = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from ..content import catalog
        from ..practice.progress import warm as warm_progress
        from ..practice.session import new_item_order

        catalog.warm()  # static work now, not in the first requests
        new_item_order()
        warm_progress()
        store = Store(config.db)
        own_grader = grader is None
        g = grader
        if g is None:
            g = config.grading_service()
        secret = config.secret()
        state.update(store=store, services=Services(store, g, secret), secret=secret,
                     signin_limit=auth.RateLimiter(config.signin_per_minute),
                     submit_limit=auth.RateLimiter(config.submissions_per_minute))
        app.state.byhand = state
        try:
            yield
        finally:
            if own_grader:
                g.close()
            store.close()

    app = FastAPI(title="byhand", version="0.1.0", lifespan=lifespan,
                  description="Learn the mathematics of AI by hand: the practice API.")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")

    # -- who is asking --------------------------------------------------------------

    def viewer(request: Request) -> Viewer:
        store: Store = state["store"]
        if config.local:
            uid = state.setdefault("local_uid", store.user_id(LOCAL_USER))
            user = store.user(uid)
            return Viewer(uid, LOCAL_USER, user.lang or "en", _anon_csrf(request))
        token = request.cookies.get(auth.COOKIE)
        if token:
            hashed = auth.token_hash(token)
            row = store.session_user(hashed, "web")
            if row is not None:
                uid, username, lang, csrf, role = row
                return Viewer(uid, username, lang or "en", csrf, hashed, role)
        lang = request.cookies.get(LANG_COOKIE, "en")
        return Viewer(None, None, lang if lang in UI else "en", _anon_csrf(request))

    def _anon_csrf(request: Request) -> str:
        return request.cookies.get(CSRF_COOKIE) or request.state.__dict__.setdefault(
            "new_csrf", secrets.token_urlsafe(24))

    def render(request: Request, name: str, v: Viewer, status: int = 200, **context) -> HTMLResponse:
        response = templates.TemplateResponse(
            request, name, {"v": v, "t": UI[v.lang], "local": config.local, **context}, status_code=status)
        return _finish(request, v, response)

    def _finish(request: Request, v: Viewer, response: Response) -> Response:
        if "new_csrf" in request.state.__dict__:
            response.set_cookie(CSRF_COOKIE, request.state.new_csrf, httponly=True, samesite="strict",
                                secure=config.secure_cookies)
        return response

    async def form_with_csrf(request: Request, v: Viewer) -> dict | None:
        form = dict(await request.form())
        return form if auth.csrf_ok(v.csrf, form.get("csrf")) else None

    def need_signin(request: Request) -> RedirectResponse:
        return RedirectResponse(f"/signin?next={quote(str(request.url.path))}", status_code=303)

    def safe_next(target: str | None) -> str:
        return target if target and target.startswith("/") and not target.startswith("//") else "/"

    # -- errors ---------------------------------------------------------------------

    def _is_api(request: Request) -> bool:
        return request.url.path.startswith(("/api", "/openapi"))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        if _is_api(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        v = await run_in_threadpool(viewer, request)
        return render(request, "error.html", v, status=422, message=status_message(v.lang, 422))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        # the traceback goes to the server's log, never to the client
        import logging

        logging.getLogger("byhand.web").exception("unhandled error on %s", request.url.path)
        if _is_api(request):
            return JSONResponse({"detail": "internal error"}, status_code=500)
        try:
            v = await run_in_threadpool(viewer, request)
        except Exception:  # noqa: BLE001 - the store itself may be what failed
            v = Viewer(None, None, "en", "")
        return render(request, "error.html", v, status=500, message=status_message(v.lang, 500))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))  # e.g. Retry-After
        v = await run_in_threadpool(viewer, request)
        return render(request, "error.html", v, status=exc.status_code,
                      message=status_message(v.lang, exc.status_code))

    from .pages import add_pages
    from .api import add_api

    helpers = dict(viewer=viewer, render=render, finish=_finish, form_with_csrf=form_with_csrf,
                   need_signin=need_signin, safe_next=safe_next, state=state, config=config,
                   templates=lambda: templates.env)
    add_pages(app, **helpers)
    add_api(app, **helpers)
    return app
