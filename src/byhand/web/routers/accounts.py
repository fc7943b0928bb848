"""Accounts: sign up, sign in and out, the language of the pages; API
tokens and who a token belongs to."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from .. import auth
from ..audit import security_event
from ..deps import (LANG_COOKIE, ApiUserDep, AppState, StateDep, ViewerDep, form_with_csrf, password_work,
                    render, safe_next)
from ..i18n import UI
from ..schemas import Me, TokenRequest, TokenResponse

__all__ = ["router"]

router = APIRouter()


@router.get("/signup", response_class=HTMLResponse, include_in_schema=False)
def signup_page(request: Request, v: ViewerDep):
    return render(request, "signin.html", v, mode="signup", error=None)


@router.post("/signup", response_class=HTMLResponse, include_in_schema=False)
async def signup(request: Request, v: ViewerDep, state: StateDep):
    form = await form_with_csrf(request, v)
    if form is None:
        return render(request, "signin.html", v, status=403, mode="signup", error="csrf")
    username, password = form.get("username", "").strip(), form.get("password", "")
    if not await run_in_threadpool(state.signin_limit.allow, f"ip:{request.client.host}"):
        security_event("signup-limited", request, username=username)
        return render(request, "signin.html", v, status=429, mode="signup", error="rate-limited")
    problem = await run_in_threadpool(auth.validate_signup, username, password)
    if problem:
        return render(request, "signin.html", v, status=400, mode="signup", error=problem, username=username)
    hashed = await password_work(state, auth.hash_password, password)
    uid = await run_in_threadpool(state.store.create_user, username, hashed, v.lang)
    if uid is None:
        return render(request, "signin.html", v, status=400, mode="signup", error="taken", username=username)
    security_event("signup", request, username=username)
    return await _start_session(state, uid, "/")


async def _start_session(state: AppState, uid: int, target: str) -> Response:
    config = state.config
    token, _csrf = await run_in_threadpool(auth.new_session, state.store, uid, "web", config.session_days)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(auth.COOKIE, token, httponly=True, samesite="lax", secure=config.secure_cookies,
                        max_age=config.session_days * 86400)
    return response


@router.get("/signin", response_class=HTMLResponse, include_in_schema=False)
def signin_page(request: Request, v: ViewerDep, next: str = "/"):
    return render(request, "signin.html", v, mode="signin", error=None, next=safe_next(next))


@router.post("/signin", response_class=HTMLResponse, include_in_schema=False)
async def signin(request: Request, v: ViewerDep, state: StateDep):
    form = await form_with_csrf(request, v)
    if form is None:
        return render(request, "signin.html", v, status=403, mode="signin", error="csrf")
    username, password = form.get("username", "").strip(), form.get("password", "")
    target = safe_next(form.get("next"))
    if len(username) > 64 or len(password) > 1024:  # no account has such a name or password: no work for it
        return render(request, "signin.html", v, status=400, mode="signin", error="bad-login", next=target)
    limiter = state.signin_limit
    allowed = await run_in_threadpool(
        lambda: limiter.allow(f"ip:{request.client.host}") and limiter.allow(f"user:{username.lower()}"))
    if not allowed:
        security_event("signin-limited", request, username=username)
        return render(request, "signin.html", v, status=429, mode="signin", error="rate-limited",
                      username=username, next=target)
    user = await run_in_threadpool(state.store.user_by_name, username)
    ok = await password_work(state, auth.verify_password, user.password_hash if user else None, password)
    if not ok:
        security_event("signin-failed", request, username=username)
        return render(request, "signin.html", v, status=400, mode="signin", error="bad-login",
                      username=username, next=target)
    security_event("signin", request, username=user.username)
    return await _start_session(state, user.id, target)


@router.post("/signout", include_in_schema=False)
async def signout(request: Request, v: ViewerDep, state: StateDep):
    if await form_with_csrf(request, v) is None:
        raise HTTPException(403)
    if v.session_token_hash:
        await run_in_threadpool(state.store.delete_session, v.session_token_hash)
        state.known.forget(v.session_token_hash)
        security_event("signout", request, username=v.username)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(auth.COOKIE, httponly=True, samesite="lax", secure=state.config.secure_cookies)
    return response


@router.post("/lang", include_in_schema=False)
async def switch_lang(request: Request, v: ViewerDep, state: StateDep):
    form = await form_with_csrf(request, v)
    if form is None:
        raise HTTPException(403)
    lang = form.get("lang") if form.get("lang") in UI else "en"
    if v.user_id is not None:
        await run_in_threadpool(state.store.set_user_fields, v.user_id, lang=lang)
    response = RedirectResponse(safe_next(form.get("next")), status_code=303)
    response.set_cookie(LANG_COOKIE, lang, samesite="lax", max_age=365 * 86400,
                        secure=state.config.secure_cookies)
    return response


# -- the API ----------------------------------------------------------------------------

@router.post("/api/token", response_model=TokenResponse, tags=["auth"])
async def token(body: TokenRequest, request: Request, state: StateDep):
    """Exchange a username and password for a bearer token."""
    limiter = state.signin_limit
    address = request.client.host if request.client else "?"
    if not await run_in_threadpool(
            lambda: limiter.allow(f"ip:{address}") and limiter.allow(f"user:{body.username.lower()}")):
        security_event("token-limited", request, username=body.username)
        raise HTTPException(429, "too many sign-in attempts; wait a minute")
    user = await run_in_threadpool(state.store.user_by_name, body.username)
    if not await password_work(state, auth.verify_password, user.password_hash if user else None, body.password):
        security_event("token-failed", request, username=body.username)
        raise HTTPException(401, "wrong username or password")
    security_event("token", request, username=user.username)
    tok, _csrf = await run_in_threadpool(auth.new_session, state.store, user.id, "api", state.config.session_days)
    return TokenResponse(token=tok)


@router.get("/api/me", response_model=Me, tags=["account"])
def me(user: ApiUserDep):
    """Who this token belongs to, and their role (`byhand admin role` grants one)."""
    return Me(username=user.username, role=user.role, lang=user.lang)
