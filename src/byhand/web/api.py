"""The JSON API under /api: the same actions as the pages, for other clients
(the CLI, a notebook).  Authentication is a bearer token from POST /api/token
(no cookies, so no CSRF); in local mode no token is needed."""

from __future__ import annotations

from typing import Literal

from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..content import loader
from ..errors import UnknownItem
from ..grading.drills import BadAnswer
from ..storage import LOCAL_USER
from . import auth
from .i18n import UI
from .services import NotSelfRated, SubmissionRefused

Lang = Literal["en", "ko"]


class TokenRequest(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class TokenResponse(BaseModel):
    token: str
    token_type: Literal["bearer"] = "bearer"


class Item(BaseModel):
    id: str
    kind: Literal["concept", "exercise", "drill", "why"]
    area: str
    title: str
    concepts: list[str]


class AttemptRequest(BaseModel):
    source: str = Field(max_length=64 * 1024, description="Python source that defines the exercise's function")
    lang: Lang | None = None


class Failure(BaseModel):
    case: str
    reason: str
    inputs: str = ""
    expected: str = ""
    got: str = ""
    max_abs_error: float | None = None
    max_rel_error: float | None = None


class AttemptResult(BaseModel):
    exercise_id: str
    passed: bool
    status: str
    mistake: str | None
    message: str
    failure: Failure | None
    tolerance: str
    cases_passed: int
    cases_total: int
    seed: int = Field(description="the seed of this grading's random cases (fresh for every grading)")
    block: str | None = None


class DrillVariant(BaseModel):
    id: str
    title: str
    seed: int
    prompt: str
    answer_kind: str
    shown: str = Field(description="send back with the answer: how long you took counts (within 30 s: Easy)")


class DrillAnswerRequest(BaseModel):
    seed: int = Field(ge=0, lt=2**32)
    answer: str = Field(max_length=200)
    lang: Lang | None = None
    shown: str | None = Field(default=None, max_length=64)


class DrillAnswer(BaseModel):
    correct: bool
    expected: str
    got: str
    solution: str


class DueItem(BaseModel):
    id: str
    kind: str
    new: bool
    title: str


class ReviewRequest(BaseModel):
    item_id: str = Field(max_length=128)
    rating: int = Field(ge=1, le=4, description="1 Again, 2 Hard, 3 Good, 4 Easy")


class ReviewResult(BaseModel):
    item_id: str
    rating: int
    due: str
    state: int
    stability: float | None
    difficulty: float | None


class Me(BaseModel):
    username: str
    role: Literal["learner", "teacher", "admin"]
    lang: Lang


class ApiUser:
    def __init__(self, user_id: int, lang: str, username: str = "", role: str = "learner"):
        self.user_id = user_id
        self.lang = lang
        self.username = username
        self.role = role


def add_api(app: FastAPI, *, state, config, **_helpers) -> None:
    def api_user(request: Request) -> ApiUser:
        store = state["store"]
        if config.local:
            uid = store.user_id(LOCAL_USER)
            user = store.user(uid)
            return ApiUser(uid, user.lang or "en", user.username, user.role)
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            row = store.session_user(auth.token_hash(header[7:].strip()), "api")
            if row is not None:
                return ApiUser(row[0], row[2] or "en", row[1], row[4])
        raise HTTPException(401, "sign in: POST /api/token, then send Authorization: Bearer <token>")

    def known(item_id: str, kind: str | None = None) -> str:
        try:
            k = loader.kind_of(item_id)
        except UnknownItem:
            raise HTTPException(404, f"unknown item {item_id!r}") from None
        if kind and k != kind:
            raise HTTPException(404, f"{item_id!r} is not a {kind}")
        return k

    @app.post("/api/token", response_model=TokenResponse, tags=["auth"])
    def token(body: TokenRequest, request: Request):
        """Exchange a username and password for a bearer token."""
        limiter = state["signin_limit"]
        if not (limiter.allow(f"ip:{request.client.host if request.client else '?'}")
                and limiter.allow(f"user:{body.username.lower()}")):
            raise HTTPException(429, "too many sign-in attempts; wait a minute")
        user = state["store"].user_by_name(body.username)
        if not auth.verify_password(user.password_hash if user else None, body.password):
            raise HTTPException(401, "wrong username or password")
        tok, _csrf = auth.new_session(state["store"], user.id, "api", config.session_days)
        return TokenResponse(token=tok)

    @app.get("/api/items", response_model=list[Item], tags=["curriculum"])
    def items(kind: Literal["concept", "exercise", "drill", "why"] | None = None, area: str | None = None,
              lang: Lang = "en"):
        """Every item, optionally filtered by kind and area."""
        return state["services"].items(lang, kind=kind, area=area)

    @app.get("/api/me", response_model=Me, tags=["account"])
    def me(user: ApiUser = Depends(api_user)):
        """Who this token belongs to, and their role (`byhand admin role` grants one)."""
        return Me(username=user.username, role=user.role, lang=user.lang)

    @app.get("/api/items/{item_id}", tags=["curriculum"])
    def item(item_id: str, lang: Lang = "en") -> dict:
        """One item: its texts (no reference code, no hidden cases)."""
        known(item_id)
        return state["services"].item(item_id, lang)

    @app.post("/api/exercises/{item_id}/attempts", response_model=AttemptResult, tags=["practice"])
    async def attempt(item_id: str, body: AttemptRequest, user: ApiUser = Depends(api_user)):
        """Grade a submission in the sandbox and record it."""
        known(item_id, "exercise")
        if not state["submit_limit"].allow(f"user:{user.user_id}"):
            raise HTTPException(429, "too many submissions; wait a minute")
        try:
            result = await state["services"].submit(user.user_id, item_id, body.source, body.lang or user.lang)
        except SubmissionRefused as exc:
            raise HTTPException(exc.status, UI[body.lang or user.lang][exc.key],
                                headers={"Retry-After": str(exc.retry_after)}) from None
        data = result.to_dict()
        return AttemptResult(**{k: data[k] for k in AttemptResult.model_fields})

    @app.get("/api/drills/{item_id}/variant", response_model=DrillVariant, tags=["practice"])
    def drill_variant(item_id: str, seed: int = 0, lang: Lang = "en"):
        """A variant of a drill (the same seed gives the same numbers)."""
        known(item_id, "drill")
        if not 0 <= seed < 2**32:
            raise HTTPException(422, "seed must be in [0, 2**32)")
        return state["services"].drill(item_id, seed, lang)

    @app.post("/api/drills/{item_id}/answers", response_model=DrillAnswer, tags=["practice"])
    async def drill_answer(item_id: str, body: DrillAnswerRequest, user: ApiUser = Depends(api_user)):
        """Check a typed answer; the worked solution comes back."""
        known(item_id, "drill")
        try:
            out = await run_in_threadpool(state["services"].answer_drill, user.user_id, item_id, body.seed,
                                          body.answer, body.lang or user.lang, body.shown)
        except BadAnswer as exc:
            raise HTTPException(422, str(exc)) from None
        return DrillAnswer(**{k: out[k] for k in DrillAnswer.model_fields})

    @app.get("/api/reviews/due", response_model=list[DueItem], tags=["review"])
    def due(user: ApiUser = Depends(api_user), lang: Lang | None = None):
        """Today's queue: due reviews interleaved with new items."""
        return state["services"].due(user.user_id, lang or user.lang)

    @app.post("/api/reviews", response_model=ReviewResult, tags=["review"])
    def record_review(body: ReviewRequest, user: ApiUser = Depends(api_user)):
        """Record a self-rated review of a concept card (FSRS).  Drills and
        exercises are rated from their answers and gradings, not here."""
        known(body.item_id)
        try:
            return state["services"].rate(user.user_id, body.item_id, body.rating)
        except NotSelfRated as exc:
            raise HTTPException(422, f"only concept cards are rated directly; a {exc} is rated when "
                                     "you answer or pass it") from None
