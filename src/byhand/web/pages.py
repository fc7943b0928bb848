"""HTML pages.  Every action is a plain form POST with a CSRF token, so the
site works without JavaScript; with it, equations are typeset (KaTeX) and the
code box becomes an editor (CodeMirror)."""

from __future__ import annotations

import secrets
from functools import lru_cache

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..content import loader
from ..errors import ByhandError, UnknownItem
from ..grading.drills import BadAnswer
from . import auth
from .i18n import UI
from .services import SubmissionRefused

KIND_PATHS = {"concept": "concepts", "exercise": "exercises", "drill": "drills", "why": "why"}


def _item_or_404(item_id: str, kind: str):
    try:
        item = loader.load_item(item_id)
    except UnknownItem:
        raise HTTPException(404) from None
    if item.kind != kind:
        raise HTTPException(404)
    return item


@lru_cache(maxsize=256)
def _plot(why_id: str, params: tuple) -> bytes:
    from ..experiments import figure_bytes

    return figure_bytes(loader.load_item(why_id), dict(params), fmt="svg")


def add_pages(app: FastAPI, *, viewer, render, finish, form_with_csrf, need_signin, safe_next, state,
              config, templates) -> None:
    def services():
        return state["services"]

    def signed_in(request):
        v = viewer(request)
        return v, (None if v.user_id is not None else need_signin(request))

    async def signed_in_form(request):
        """(viewer, form, None) for a signed-in POST whose CSRF token is right,
        else (viewer, None, the response to send instead).  The session lookup
        runs off the event loop, like every database call of an async page."""
        v, redirect = await run_in_threadpool(signed_in, request)
        if redirect:
            return v, None, redirect
        form = await form_with_csrf(request, v)
        if form is None:
            return v, None, render(request, "error.html", v, status=403, message=UI[v.lang]["csrf"])
        return v, form, None

    # -- accounts -------------------------------------------------------------------

    @app.get("/signup", response_class=HTMLResponse, include_in_schema=False)
    def signup_page(request: Request):
        return render(request, "signin.html", viewer(request), mode="signup", error=None)

    @app.post("/signup", response_class=HTMLResponse, include_in_schema=False)
    async def signup(request: Request):
        v = await run_in_threadpool(viewer, request)
        form = await form_with_csrf(request, v)
        if form is None:
            return render(request, "signin.html", v, status=403, mode="signup", error="csrf")
        username, password = form.get("username", "").strip(), form.get("password", "")
        if not state["signin_limit"].allow(f"ip:{request.client.host}"):
            return render(request, "signin.html", v, status=429, mode="signup", error="rate-limited")
        problem = auth.validate_signup(username, password)
        if problem:
            return render(request, "signin.html", v, status=400, mode="signup", error=problem, username=username)
        store = state["store"]
        hashed = await run_in_threadpool(auth.hash_password, password)  # ~50 ms of argon2: never on the loop
        uid = await run_in_threadpool(store.create_user, username, hashed, v.lang)
        if uid is None:
            return render(request, "signin.html", v, status=400, mode="signup", error="taken", username=username)
        return await _start_session(request, uid, "/")

    async def _start_session(request, uid: int, target: str) -> Response:
        token, _csrf = await run_in_threadpool(auth.new_session, state["store"], uid, "web", config.session_days)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(auth.COOKIE, token, httponly=True, samesite="lax", secure=config.secure_cookies,
                            max_age=config.session_days * 86400)
        return response

    @app.get("/signin", response_class=HTMLResponse, include_in_schema=False)
    def signin_page(request: Request, next: str = "/"):
        return render(request, "signin.html", viewer(request), mode="signin", error=None, next=safe_next(next))

    @app.post("/signin", response_class=HTMLResponse, include_in_schema=False)
    async def signin(request: Request):
        v = await run_in_threadpool(viewer, request)
        form = await form_with_csrf(request, v)
        if form is None:
            return render(request, "signin.html", v, status=403, mode="signin", error="csrf")
        username, password = form.get("username", "").strip(), form.get("password", "")
        target = safe_next(form.get("next"))
        limiter = state["signin_limit"]
        if not (limiter.allow(f"ip:{request.client.host}") and limiter.allow(f"user:{username.lower()}")):
            return render(request, "signin.html", v, status=429, mode="signin", error="rate-limited",
                          username=username, next=target)
        user = await run_in_threadpool(state["store"].user_by_name, username)
        ok = await run_in_threadpool(auth.verify_password, user.password_hash if user else None, password)
        if not ok:
            return render(request, "signin.html", v, status=400, mode="signin", error="bad-login",
                          username=username, next=target)
        return await _start_session(request, user.id, target)

    @app.post("/signout", include_in_schema=False)
    async def signout(request: Request):
        v = await run_in_threadpool(viewer, request)
        if await form_with_csrf(request, v) is None:
            raise HTTPException(403)
        if v.session_token_hash:
            await run_in_threadpool(state["store"].delete_session, v.session_token_hash)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(auth.COOKIE)
        return response

    @app.post("/lang", include_in_schema=False)
    async def switch_lang(request: Request):
        v = await run_in_threadpool(viewer, request)
        form = await form_with_csrf(request, v)
        if form is None:
            raise HTTPException(403)
        lang = form.get("lang") if form.get("lang") in UI else "en"
        if v.user_id is not None:
            await run_in_threadpool(state["store"].set_user_fields, v.user_id, lang=lang)
        response = RedirectResponse(safe_next(form.get("next")), status_code=303)
        response.set_cookie("byhand_lang", lang, samesite="lax", max_age=365 * 86400)
        return response

    # -- home, catalog, items -------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        v = viewer(request)
        if v.user_id is None:
            return render(request, "landing.html", v)
        return render(request, "home.html", v, home=services().home(v.user_id, v.lang))

    @lru_cache(maxsize=128)
    def catalog_list(lang: str, kind: str | None, area: str | None) -> str:
        """The list is the same for everyone: render it once per filter."""
        items = services().items(lang, kind=kind, area=area)
        return templates().get_template("catalog_list.html").render(items=items, t=UI[lang], paths=KIND_PATHS)

    @app.get("/items", response_class=HTMLResponse, include_in_schema=False)
    def catalog(request: Request, kind: str | None = None, area: str | None = None):
        v = viewer(request)
        areas = sorted({r["area"] for r in loader.summaries()})
        kind = kind if kind in KIND_PATHS else None
        area = area if area in areas else None
        return render(request, "catalog.html", v, list_html=catalog_list(v.lang, kind, area), kind=kind,
                      area=area, areas=areas)

    @app.get("/items/{item_id}", include_in_schema=False)
    def item_redirect(item_id: str):
        try:
            kind = loader.kind_of(item_id)
        except UnknownItem:
            raise HTTPException(404) from None
        return RedirectResponse(f"/{KIND_PATHS[kind]}/{item_id}", status_code=307)

    @app.get("/concepts/{item_id}", response_class=HTMLResponse, include_in_schema=False)
    def concept(request: Request, item_id: str):
        _item_or_404(item_id, "concept")
        v = viewer(request)
        info = services().item(item_id, v.lang)
        titles = {r["id"]: (r["title"][v.lang], r["kind"]) for r in loader.summaries()}
        return render(request, "concept.html", v, item=info, titles=titles, paths=KIND_PATHS)

    # -- exercises --------------------------------------------------------------------

    def _exercise_page(request, v, item_id, source=None, result=None, status=200):
        info = services().item(item_id, v.lang)
        attempts = services().attempts(v.user_id, item_id) if v.user_id is not None else []
        if source is None:
            source = attempts[0]["source"] if attempts else _starter(item_id, v.lang)
        return render(request, "exercise.html", v, status=status, item=info, source=source, result=result,
                      attempts=attempts)

    @app.get("/exercises/{item_id}", response_class=HTMLResponse, include_in_schema=False)
    def exercise(request: Request, item_id: str):
        _item_or_404(item_id, "exercise")
        v, redirect = signed_in(request)
        return redirect or _exercise_page(request, v, item_id)

    @app.post("/exercises/{item_id}", response_class=HTMLResponse, include_in_schema=False)
    async def submit(request: Request, item_id: str):
        _item_or_404(item_id, "exercise")
        v, form, refusal = await signed_in_form(request)
        if refusal:
            return refusal
        source = str(form.get("source", ""))
        if not state["submit_limit"].allow(f"user:{v.user_id}"):
            return render(request, "error.html", v, status=429, message=UI[v.lang]["rate-limited"])
        try:
            result = await services().submit(v.user_id, item_id, source, v.lang)
        except SubmissionRefused as exc:
            response = render(request, "error.html", v, status=exc.status, message=UI[v.lang][exc.key])
            response.headers["Retry-After"] = str(exc.retry_after)
            return response
        return await run_in_threadpool(_exercise_page, request, v, item_id, source, result)  # reads attempts

    # -- drills -----------------------------------------------------------------------

    @app.get("/drills/{item_id}", response_class=HTMLResponse, include_in_schema=False)
    def drill(request: Request, item_id: str, seed: int | None = None):
        _item_or_404(item_id, "drill")
        v, redirect = signed_in(request)
        if redirect:
            return redirect
        seed = secrets.randbits(31) if seed is None or not 0 <= seed < 2**32 else seed
        return render(request, "drill.html", v, drill=services().drill(item_id, seed, v.lang), outcome=None)

    @app.post("/drills/{item_id}", response_class=HTMLResponse, include_in_schema=False)
    async def answer(request: Request, item_id: str):
        _item_or_404(item_id, "drill")
        v, form, refusal = await signed_in_form(request)
        if refusal:
            return refusal
        try:
            seed = int(form.get("seed", ""))
        except ValueError:
            raise HTTPException(400) from None
        if not 0 <= seed < 2**32:  # numpy refuses negative seeds
            raise HTTPException(400)
        info = services().drill(item_id, seed, v.lang)
        try:
            outcome = await run_in_threadpool(services().answer_drill, v.user_id, item_id, seed,
                                              str(form.get("answer", "")), v.lang, str(form.get("shown", "")))
        except BadAnswer as exc:
            return render(request, "drill.html", v, status=400, drill=info, outcome=None, error=str(exc),
                          typed=form.get("answer", ""))
        return render(request, "drill.html", v, drill=info, outcome=outcome, typed=form.get("answer", ""))

    # -- card review ------------------------------------------------------------------

    @app.get("/review", response_class=HTMLResponse, include_in_schema=False)
    def review(request: Request, reveal: str | None = None, item: str | None = None):
        v, redirect = signed_in(request)
        if redirect:
            return redirect
        item_id = item if item and loader.summaries() and _is_concept(item) else services().next_card(v.user_id)
        info = services().item(item_id, v.lang) if item_id else None
        return render(request, "review.html", v, card=info, reveal=bool(reveal))

    def _is_concept(item_id: str) -> bool:
        try:
            return loader.kind_of(item_id) == "concept"
        except UnknownItem:
            return False

    @app.post("/review", include_in_schema=False)
    async def rate(request: Request):
        v, form, refusal = await signed_in_form(request)
        if refusal:
            return refusal
        item_id, rating = form.get("item_id", ""), form.get("rating", "")
        if not _is_concept(item_id) or rating not in ("1", "2", "3", "4"):
            raise HTTPException(400)
        await run_in_threadpool(services().rate, v.user_id, item_id, int(rating))
        return RedirectResponse("/review", status_code=303)

    # -- why-questions ----------------------------------------------------------------

    def _why_params(item, query) -> dict:
        from ..experiments import resolve_params

        given = {p.name: query[p.name] for p in item.params if p.name in query and query[p.name] != ""}
        return resolve_params(item, given)

    @app.get("/why/{item_id}", response_class=HTMLResponse, include_in_schema=False)
    def why(request: Request, item_id: str):
        item = _item_or_404(item_id, "why")
        v = viewer(request)
        try:
            params = _why_params(item, request.query_params)
            error = None
        except ByhandError as exc:
            params, error = {p.name: p.default for p in item.params}, str(exc)
        query = "&".join(f"{k}={v_}" for k, v_ in params.items())
        return render(request, "why.html", v, status=400 if error else 200, item=services().item(item_id, v.lang),
                      params=params, query=query, error=error)

    @app.get("/why/{item_id}/plot.svg", include_in_schema=False)
    async def why_plot(request: Request, item_id: str):
        item = _item_or_404(item_id, "why")
        try:
            params = _why_params(item, request.query_params)
        except ByhandError:
            raise HTTPException(400) from None
        svg = await run_in_threadpool(_plot, item_id, tuple(sorted(params.items())))
        return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=3600"})

    # -- progress ---------------------------------------------------------------------

    @app.get("/progress", response_class=HTMLResponse, include_in_schema=False)
    def progress(request: Request):
        v, redirect = signed_in(request)
        if redirect:
            return redirect
        report = services().progress(v.user_id)
        weakest = sorted((m, c) for c, m in report.concepts.items() if m > 0)[:8]
        return render(request, "progress.html", v, report=report, weakest=weakest)

    @app.get("/progress/map.svg", include_in_schema=False)
    def progress_map(request: Request):
        import tempfile
        from pathlib import Path

        from ..practice.progress import write_svg

        v, redirect = signed_in(request)
        if redirect:
            return redirect
        report = services().progress(v.user_id)
        with tempfile.TemporaryDirectory() as d:
            svg = write_svg(report, Path(d) / "map.svg", v.lang).read_bytes()
        return Response(svg, media_type="image/svg+xml")


def _starter(item_id: str, lang: str) -> str:
    from ..practice.workspace import stub

    ex = loader.load_exercise(item_id)
    return "import numpy as np\n\n\n" + stub(ex, lang)
