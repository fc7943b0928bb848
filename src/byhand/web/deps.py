"""What the routes depend on: the app's state, who is asking (a page's viewer
from the session cookie, an API user from a bearer token), roles, and the
helpers every page uses.

Dependencies that touch the database are plain ``def``s: FastAPI runs them in
its threadpool, so no session lookup ever blocks the event loop."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Annotated, Callable
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ..content import prose
from ..storage import LOCAL_USER, Store
from . import auth
from .budget import KnownCredentials
from .config import ServeConfig
from .hashing import HashingBusy, PasswordHashing
from .i18n import UI
from .plots import Plots
from .ratelimit import RateLimit
from .services import Services

__all__ = [
    "CSRF_COOKIE", "LANG_COOKIE", "ApiUser", "ApiUserDep", "AppState", "ServicesDep", "StateDep", "StoreDep",
    "Viewer", "ViewerDep", "form_with_csrf", "get_api_user", "get_services", "get_state", "get_store",
    "get_viewer", "here", "is_api", "need_signin", "password_work", "render", "require_role", "safe_next",
    "signed_in_form",
]

CSRF_COOKIE = "byhand_csrf"
LANG_COOKIE = "byhand_lang"


@dataclass
class AppState:
    """What one app holds while it runs: built in its lifespan, kept on
    ``app.state.byhand``."""

    config: ServeConfig
    store: Store
    services: Services
    templates: Jinja2Templates
    signin_limit: RateLimit
    submit_limit: RateLimit
    plot_limit: RateLimit  # new why-plots per learner
    post_limit: RateLimit  # posts, edits, reports and cohort joins per user
    known: KnownCredentials = field(default_factory=KnownCredentials)  # credentials verified lately (budget.py)
    hashing: PasswordHashing = field(default_factory=PasswordHashing)  # argon2 one at a time, at low priority
    plots: Plots = field(default_factory=Plots)  # the why-questions' plots: drawn in a drawing process, kept

    def __post_init__(self) -> None:
        # every prose field goes through one renderer (content/prose.py): Markdown + math, sanitized
        self.templates.env.filters["prose"] = lambda text: Markup(prose.to_html(text or ""))
        self.templates.env.filters["prose_inline"] = lambda text: Markup(prose.to_inline_html(text or ""))
        self.templates.env.globals["here"] = here  # where a form (the language switch) comes back to


@dataclass
class Viewer:
    """Who is looking at a page, and in which language."""

    user_id: int | None
    username: str | None
    lang: str
    csrf: str
    session_token_hash: str | None = None
    role: str = "learner"
    unread: int = 0  # notifications (the header's count)


@dataclass
class ApiUser:
    """Who an API request comes from (a bearer token, or the local user)."""

    user_id: int
    lang: str
    username: str = ""
    role: str = "learner"
    token_hash: str | None = None  # None in local mode


# -- the app's state ------------------------------------------------------------------
# (async: they only read attributes, so a threadpool hop would cost more than they do)

async def get_state(request: Request) -> AppState:
    return request.app.state.byhand


StateDep = Annotated[AppState, Depends(get_state)]


async def get_services(state: StateDep) -> Services:
    return state.services


async def get_store(state: StateDep) -> Store:
    return state.store


ServicesDep = Annotated[Services, Depends(get_services)]
StoreDep = Annotated[Store, Depends(get_store)]


# -- who is asking ----------------------------------------------------------------------

def get_viewer(request: Request, state: StateDep) -> Viewer:
    """The local user, the user of a live web session, or an anonymous
    viewer in the language of their cookie."""
    store = state.store
    if state.config.local:
        uid = store.user_id(LOCAL_USER)
        user = store.user(uid)
        return Viewer(uid, LOCAL_USER, user.lang or "en", _anon_csrf(request))
    token = request.cookies.get(auth.COOKIE)
    if token:
        hashed = auth.token_hash(token)
        row = store.session_user(hashed, "web", idle=state.config.session_idle, unread=True)
        if row is not None:
            uid, username, lang, csrf, role, unread = row
            state.known.remember(hashed, uid)
            return Viewer(uid, username, lang or "en", csrf, hashed, role, unread)
    lang = request.cookies.get(LANG_COOKIE, "en")
    return Viewer(None, None, lang if lang in UI else "en", _anon_csrf(request))


def _anon_csrf(request: Request) -> str:
    # a new token is remembered on the request; render() sets its cookie
    return request.cookies.get(CSRF_COOKIE) or request.state.__dict__.setdefault(
        "new_csrf", secrets.token_urlsafe(24))


def get_api_user(request: Request, state: StateDep) -> ApiUser:
    """The user of the bearer token (no cookies, so no CSRF); 401 without one."""
    store = state.store
    if state.config.local:
        uid = store.user_id(LOCAL_USER)
        user = store.user(uid)
        return ApiUser(uid, user.lang or "en", user.username, user.role)
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        hashed = auth.token_hash(header[7:].strip())
        row = store.session_user(hashed, "api", idle=state.config.session_idle)
        if row is not None:
            state.known.remember(hashed, row[0])
            return ApiUser(row[0], row[2] or "en", row[1], row[4], token_hash=hashed)
    raise HTTPException(401, "sign in: POST /api/token, then send Authorization: Bearer <token>")


ViewerDep = Annotated[Viewer, Depends(get_viewer)]
ApiUserDep = Annotated[ApiUser, Depends(get_api_user)]


def is_api(request: Request) -> bool:
    """Whether the client expects JSON (the API and its schema), not a page."""
    return request.url.path.startswith(("/api", "/openapi"))


def require_role(*roles: str) -> Callable[..., Viewer | ApiUser]:
    """A dependency for a page or an API route only ``roles`` may use: the
    signed-in viewer or API user, else 403 (an API call without a token: 401)."""

    def signed_in_with_role(request: Request, state: StateDep) -> Viewer | ApiUser:
        user = get_api_user(request, state) if is_api(request) else get_viewer(request, state)
        if user.user_id is None or user.role not in roles:
            raise HTTPException(403)
        return user

    return signed_in_with_role


# -- password hashing -------------------------------------------------------------------

async def password_work(state: AppState, fn: Callable, *args):
    """``fn(*args)``, an argon2 hash or check, on the hashing thread
    (web/hashing.py); 503 when too many are waiting for it."""
    try:
        return await state.hashing.run(fn, *args)
    except HashingBusy:
        raise HTTPException(503, headers={"Retry-After": "5"}) from None


# -- pages --------------------------------------------------------------------------------

def render(request: Request, name: str, v: Viewer, status: int = 200, **context) -> HTMLResponse:
    """A template with the viewer, their language's words and the mode."""
    state: AppState = request.app.state.byhand
    response = state.templates.TemplateResponse(
        request, name, {"v": v, "t": UI[v.lang], "local": state.config.local, **context}, status_code=status)
    if "new_csrf" in request.state.__dict__:
        response.set_cookie(CSRF_COOKIE, request.state.new_csrf, httponly=True, samesite="strict",
                            secure=state.config.secure_cookies)
    return response


async def form_with_csrf(request: Request, v: Viewer) -> dict | None:
    """The posted form, or None if its CSRF token is not the viewer's.  Every
    field must be text: a file part where a field is expected is a 400."""
    form = dict(await request.form())
    if any(not isinstance(value, str) for value in form.values()):
        raise HTTPException(400, "a form field was sent as a file")
    return form if auth.csrf_ok(v.csrf, form.get("csrf")) else None


def here(request: Request) -> str:
    """The page's path with its query: where to come back to."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def need_signin(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/signin?next={quote(here(request), safe='/')}", status_code=303)


MAX_NEXT = 2048  # characters of a path and query to return to


def safe_next(target: str | None) -> str:
    """A local path (with its query) to go to after a form, never another
    site: browsers read a backslash as a slash ("/\\evil.example") and drop
    tabs and newlines, so neither may appear."""
    if (not target or len(target) > MAX_NEXT or not target.startswith("/") or target.startswith("//")
            or any(c == "\\" or ord(c) < 32 or ord(c) == 127 for c in target)):
        return "/"
    return target


async def signed_in_form(request: Request, v: Viewer) -> tuple[dict | None, Response | None]:
    """(form, None) for a signed-in viewer's POST whose CSRF token is right,
    else (None, the response to send instead)."""
    if v.user_id is None:
        return None, need_signin(request)
    form = await form_with_csrf(request, v)
    if form is None:
        return None, render(request, "error.html", v, status=403, message=UI[v.lang]["csrf"])
    return form, None
