"""Your account: change your password, see where you are signed in (browsers
and API tokens) and end any of them, or all.  Changing the password ends
every other session and token."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...storage.store import session_id
from .. import auth
from ..audit import security_event
from ..deps import ApiUserDep, StateDep, Viewer, ViewerDep, need_signin, password_work, render, signed_in_form

__all__ = ["router"]

router = APIRouter()


def _page(request: Request, v: Viewer, state, *, status: int = 200, notice: str | None = None,
          error: str | None = None) -> Response:
    sessions = state.store.sessions_of(v.user_id)
    current = session_id(v.session_token_hash) if v.session_token_hash else None
    return render(request, "account.html", v, status=status, sessions=sessions, current=current,
                  notice=notice, error=error)


@router.get("/account", response_class=HTMLResponse, include_in_schema=False)
def account(request: Request, v: ViewerDep, state: StateDep):
    if v.user_id is None or state.config.local:
        return need_signin(request) if v.user_id is None else RedirectResponse("/", status_code=303)
    return _page(request, v, state)


@router.post("/account/password", response_class=HTMLResponse, include_in_schema=False)
async def change_password(request: Request, v: ViewerDep, state: StateDep):
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    current, new = form.get("current", ""), form.get("new", "")
    user = await run_in_threadpool(state.store.user, v.user_id)
    if not await password_work(state, auth.verify_password, user.password_hash, current):
        security_event("password-change-failed", request, username=v.username)
        return await run_in_threadpool(lambda: _page(request, v, state, status=400, error="bad-current-password"))
    problem = await run_in_threadpool(auth.password_problem, new, v.username)
    if problem:
        return await run_in_threadpool(lambda: _page(request, v, state, status=400, error=problem))
    hashed = await password_work(state, auth.hash_password, new)
    await run_in_threadpool(lambda: state.store.set_password(v.user_id, hashed, keep=v.session_token_hash))
    security_event("password-changed", request, username=v.username)
    return await run_in_threadpool(lambda: _page(request, v, state, notice="password-changed"))


@router.post("/account/sessions/end", include_in_schema=False)
async def end_session(request: Request, v: ViewerDep, state: StateDep):
    """End one session or token (its id from the list), or all of them
    (``id=all``, this browser too: "sign out everywhere")."""
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    which = str(form.get("id", ""))[:32]
    if which == "all":
        await run_in_threadpool(lambda: state.store.revoke_sessions(v.user_id))
    else:
        await run_in_threadpool(lambda: state.store.revoke_sessions(v.user_id, only=which))
    security_event("sessions-ended", request, username=v.username, which=which)
    signed_out = which == "all" or (v.session_token_hash and which == session_id(v.session_token_hash))
    response = RedirectResponse("/" if signed_out else "/account", status_code=303)
    if signed_out:
        response.delete_cookie(auth.COOKIE, httponly=True, samesite="lax", secure=state.config.secure_cookies)
    return response


@router.delete("/api/token", status_code=204, tags=["auth"])
def revoke_token(request: Request, user: ApiUserDep, state: StateDep):
    """End the token this request is made with (sign out of the API)."""
    if user.token_hash:
        state.store.delete_session(user.token_hash)
        state.known.forget(user.token_hash)
        security_event("token-revoked", request, username=user.username)
    return Response(status_code=204)
