"""The JSON API's request and response bodies (they are the OpenAPI schema's components)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict

from ..services import teaching

__all__ = ["Accepted", "AttachedAttempt", "AttemptRequest", "AttemptResult", "Cohort",
           "CohortCreate", "CohortCreated", "CohortJoin", "CohortList", "CohortMembership", "CohortToday",
           "CohortUpdate", "Dashboard", "DrillAnswer", "DrillAnswerRequest", "DrillVariant", "DueItem", "Escalated",
           "Failure", "Feedback", "FeedbackRequest", "GaveUp", "GiveUpRequest", "HeatColumn", "HeatRow", "Item",
           "ItemStats", "Lang", "LearnerActivity", "MarkRead", "MarkedRead", "Me", "Member", "Members",
           "MistakeStats", "NotificationOut", "Notifications", "PastAttempt", "PinOut", "PinRequest", "Pinned",
           "PostCreate", "PostEdit", "PostOut", "Posts", "Report", "ReportRequest", "Reports", "ReviewNext",
           "ReviewRequest", "ReviewResult", "Settings", "SettingsUpdate", "StuckLearner", "TokenRequest",
           "TokenResponse", "VoteRequest", "Votes", "Workload"]

Lang = Literal["en", "ko"]


class RequestBody(BaseModel):
    """What a client sends: a field we do not know is a mistake to report
    (422 naming it), not something to drop silently."""

    model_config = ConfigDict(extra="forbid")


class TokenRequest(RequestBody):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class TokenResponse(BaseModel):
    token: str
    token_type: Literal["bearer"] = "bearer"


class Item(BaseModel):
    id: str
    kind: Literal["concept", "exercise", "drill", "why", "track"]
    area: str
    title: str
    concepts: list[str]


class AttemptRequest(RequestBody):
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
    got_marks: list[tuple[int, int]] = Field(default=[], description="(start, end) of each wrong entry in `got`")
    expected_marks: list[tuple[int, int]] = Field(default=[], description="(start, end) of the same entries "
                                                                         "in `expected`")


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
    hint: str = Field("", description="the exercise's hint, after a few failed gradings (Markdown with $math$)")
    stdout: str = Field("", description="what your code printed while it was graded")
    block: str | None = None
    attempt_id: int = Field(description="the recorded attempt (committed before this answer was sent)")
    feedback: list[Feedback] = Field(default_factory=list, description="what the teachers of your cohorts wrote "
                                                                     "on this named mistake")


class DrillVariant(BaseModel):
    id: str
    title: str
    seed: int
    prompt: str
    answer_kind: str = Field(description="number, vector, shape, or choice: answer with one of `letters`")
    letters: list[str] = Field(default_factory=list, description="a choice drill's option letters (the "
                                                                   "options are in the prompt)")
    variant: str = Field(description="send back with your answer: this variant was issued to you, now "
                                     "(valid for a day; answered within 30 s: Easy)")


class DrillAnswerRequest(RequestBody):
    variant: str = Field(max_length=80, description="the `variant` of GET /api/drills/{item_id}/variant")
    answer: str = Field(max_length=200)
    lang: Lang | None = None


class DrillAnswer(BaseModel):
    correct: bool
    ended: bool = Field(description="right, or wrong twice: the variant is over and its solution shown")
    tries: int
    credited: bool = Field(description="whether this answer counted for your review schedule")
    got: str
    why: str | None = Field(None, description="a choice drill answered with a wrong option: why that option "
                                              "is wrong (at every try, like an exercise's named mistake)")
    expected: str | None = Field(description="the right answer, once the variant has ended")
    solution: str | None = Field(description="the worked solution, once the variant has ended")


class DueItem(BaseModel):
    id: str
    kind: str
    new: bool
    title: str


class ReviewRequest(RequestBody):
    item_id: str = Field(max_length=128)
    rating: int = Field(ge=1, le=4, description="1 Again, 2 Hard, 3 Good, 4 Easy")
    seen: str | None = Field(None, max_length=64, description="the `seen` of GET /api/reviews/next: a rating "
                                                             "of a card reviewed since then is refused (409)")


class ReviewNext(BaseModel):
    """The review session now, as /review shows it: the next card, the
    interval each rating would give, and how many are left."""

    card: DueItem | None = Field(description="what to review now; null when nothing is due")
    left: int = Field(description="due now, this card included")
    later: int = Field(description="cards in their learning steps (rated Again) due again later today")
    next_due: datetime | None = Field(description="when the first of those is due")
    next_review: datetime | None = Field(description="with nothing left today: when the next review is due")
    intervals: dict[int, datetime] | None = Field(description="a concept card: rating (1-4) → when it would be "
                                                              "due again")
    seen: str | None = Field(description="a concept card: send back with the rating")
    variant: DrillVariant | None = Field(description="a drill: a fresh variant, answered at "
                                                     "POST /api/drills/{item_id}/answers")


class GiveUpRequest(RequestBody):
    item_id: str = Field(max_length=128)


class GaveUp(BaseModel):
    item_id: str
    due: datetime | None = Field(description="when the exercise is due again (rated Again); null if it was "
                                             "not due, so nothing changed")


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


class PastAttempt(BaseModel):
    """One of your recorded attempts at an exercise (from the web, an API client or the CLI)."""

    id: int
    passed: bool
    status: str
    mistake: str | None
    message: str
    created_at: datetime
    source: str
    feedback: list[Feedback] = Field(default_factory=list, description="what the teachers of your cohorts wrote "
                                                                     "on this named mistake (as under a verdict)")


class SettingsUpdate(RequestBody):
    """The settings to change; a field left out keeps its value.  Out of
    bounds, or a time zone this server does not know: 422 naming the field."""

    daily_new_limit: int | None = Field(None, ge=0, le=100, strict=True, description="new items a day (0: only reviews)")
    desired_retention: float | None = Field(None, ge=0.70, le=0.97, allow_inf_nan=False, strict=True,
                                            description="the probability of recall FSRS schedules reviews for")
    timezone: str | None = Field(None, max_length=64, description="an IANA time zone, e.g. Asia/Seoul: your "
                                                                  "day starts at its midnight")
    lang: Lang | None = None


class Workload(BaseModel):
    """The projected review workload: an estimate (docs/practice.md)."""

    retention: float
    new_per_day: int
    days: int
    mean: float = Field(description="expected reviews a day, averaged over the days")
    peak: float
    per_day: list[float]
    by_kind: dict[str, float]
    new_items: int = Field(description="new items the projection introduces")


class Settings(BaseModel):
    daily_new_limit: int
    desired_retention: float
    timezone: str = Field(description="your time zone (UTC until you choose one)")
    timezone_chosen: bool
    lang: Lang
    workload: Workload


# -- studying together: cohorts, threads, notifications (routers/community.py) ------------------

PostKind = Literal["question", "answer", "stuck"]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]  # a row's id (32-bit on every database)
LONG_TEXT = 100_000  # a hard cap on what is read; the services' own limits say what is allowed, and why


class CohortCreate(RequestBody):
    """A new cohort; a setting left out takes its default.  Out of bounds: 422 saying the bounds."""

    name: str = Field(max_length=1000, description="at most 100 characters")
    capacity: int | None = Field(None, strict=True, description="learners at most (1-1000; default 100)")
    escalate_after_hours: int | None = Field(None, strict=True, description="hours a question waits for peers "
                                                                          "before it may go to the teacher "
                                                                          "(1-720; default 24)")
    max_open_escalations: int | None = Field(None, strict=True, description="questions a learner may have "
                                                                          "waiting for the teacher at once "
                                                                          "(1-20; default 2)")


class CohortUpdate(RequestBody):
    """The settings to change (teachers of the cohort); a field left out keeps its value."""

    name: str | None = Field(None, max_length=1000)
    capacity: int | None = Field(None, strict=True)
    escalate_after_hours: int | None = Field(None, strict=True)
    max_open_escalations: int | None = Field(None, strict=True)


class Cohort(BaseModel):
    """A cohort as one of its members sees it."""

    id: int
    name: str
    role: Literal["learner", "teacher"] = Field(description="yours in this cohort")
    invite_code: str | None = Field(description="what others join with (shown to its teachers only)")
    capacity: int
    learners: int
    escalate_after_hours: int
    max_open_escalations: int


class CohortCreated(BaseModel):
    id: int
    name: str
    invite_code: str
    capacity: int
    escalate_after_hours: int
    max_open_escalations: int


class CohortJoin(RequestBody):
    invite_code: str = Field(max_length=64, description="case-blind; spaces and dashes are ignored")


class CohortMembership(BaseModel):
    id: int
    name: str
    role: Literal["learner", "teacher"] = Field(description="yours in this cohort")


class CohortList(BaseModel):
    cohorts: list[CohortMembership]


class Member(BaseModel):
    username: str
    role: Literal["learner", "teacher"]
    joined_at: datetime


class Members(BaseModel):
    members: list[Member]


class PostCreate(RequestBody):
    kind: PostKind = Field(description="question; stuck (attach an attempt and say what you tried); answer "
                                       "(to parent_id)")
    body: str = Field(max_length=LONG_TEXT, description="Markdown with $math$ and code blocks, at most 10,000 "
                                                       "characters")
    cohort_id: Id | None = Field(None, description="the cohort's thread; null: the item's public thread")
    parent_id: Id | None = Field(None, description="an answer: the question or stuck post it answers")
    attempt_id: Id | None = Field(None, description="one of your attempts at this item (a stuck post needs one)")
    anonymous: bool = Field(False, description="your name hidden from peers (never from the cohort's teachers)")
    title: str | None = Field(None, max_length=LONG_TEXT, description="a question's title, at most 200 "
                                                                     "characters (answers have none)")


class PostEdit(RequestBody):
    """What to change in your post; a field left out stays as it is (title null: none)."""

    body: str | None = Field(None, max_length=LONG_TEXT)
    title: str | None = Field(None, max_length=LONG_TEXT)


class AttachedAttempt(BaseModel):
    id: int
    passed: bool
    status: str
    mistake: str | None = Field(description="the named mistake the grader found, if any")
    message: str
    code: str | None = Field(description="null: it passes, and you have not passed this item yet")
    created_at: datetime


class PostOut(BaseModel):
    """A post as you may see it."""

    id: int
    item_id: str
    cohort_id: int | None
    kind: PostKind
    parent_id: int | None
    title: str | None
    body: str = Field(description="Markdown as written, less code that solves the item if you have not "
                                  "passed it yet")
    html: str = Field(description="the body rendered and sanitized")
    author: str | None = Field(description="null when hidden from you (anonymous) or deleted")
    anonymous: bool
    mine: bool
    master: bool = Field(description="posted by a teacher of the cohort")
    votes: int
    my_vote: int = Field(description="1, -1, or 0 for none")
    accepted: bool
    answers: int
    hidden: bool = Field(description="hidden by a moderator (shown to its author and the moderators only)")
    deleted: bool
    locked: bool = Field(description="something in it is hidden until you pass the item")
    escalation: Literal["open", "resolved"] | None
    escalated_at: datetime | None
    created_at: datetime
    edited_at: datetime | None
    attempt: AttachedAttempt | None


class Posts(BaseModel):
    posts: list[PostOut]


class VoteRequest(RequestBody):
    value: Annotated[int, Strict()] = Field(description="1 or -1")


class Votes(BaseModel):
    post_id: int
    votes: int
    my_vote: int


class Accepted(BaseModel):
    post_id: int
    accepted: bool


class Escalated(BaseModel):
    post_id: int
    escalated_at: datetime


class ReportRequest(RequestBody):
    reason: str = Field("", max_length=LONG_TEXT, description="at most 1,000 characters")


class Report(BaseModel):
    id: int
    post_id: int
    reporter: str
    reason: str
    created_at: datetime


class Reports(BaseModel):
    reports: list[Report]


class NotificationOut(BaseModel):
    id: int
    kind: Literal["answer", "master-answer", "accepted", "escalation", "report"]
    post_id: int | None
    item_id: str | None
    cohort_id: int | None
    created_at: datetime
    read: bool


class Notifications(BaseModel):
    unread: int
    notifications: list[NotificationOut]


class MarkRead(RequestBody):
    ids: list[Id] | None = Field(None, max_length=500, description="null: all of them")


class MarkedRead(BaseModel):
    marked: int
    unread: int


# -- a teacher's view of a cohort and its day (routers/teaching.py) ---------------------------------

class HeatColumn(BaseModel):
    id: str = Field(description="an area, or a concept of the area asked for")
    title: str


class HeatRow(BaseModel):
    username: str
    mastery: list[float] = Field(description="per column, 0-1: services/progress.py's mastery")


class ItemStats(BaseModel):
    item_id: str
    title: str
    kind: str | None
    attempted: int = Field(description="learners with at least one attempt")
    passed: int = Field(description="learners who passed it")
    median_attempts: float | None = Field(description="attempts up to and including the first pass, over "
                                                      "those who passed")
    median_seconds: float | None = Field(description="seconds from the first attempt to the first pass, over "
                                                     "those who passed")


class MistakeStats(BaseModel):
    item_id: str
    title: str
    mistake: str
    message: str = Field(description="what the grader says of it (Markdown with $math$)")
    learners: int = Field(description="learners with at least one attempt naming it")
    attempts: int = Field(description="attempts naming it")
    feedback: str | None = Field(description="the cohort's feedback on it, as written")


class StuckLearner(BaseModel):
    username: str
    reason: Literal["failing", "inactive"]
    item_id: str | None
    title: str | None
    failures: int | None
    last_active: datetime | None


class LearnerActivity(BaseModel):
    username: str
    last_active: datetime | None


class Dashboard(BaseModel):
    cohort_id: int
    name: str
    now: datetime
    by: Literal["area", "concept"]
    area: str | None
    inactive_days: int
    failures: int
    learners: list[LearnerActivity]
    columns: list[HeatColumn]
    heatmap: list[HeatRow]
    items: list[ItemStats]
    mistakes: list[MistakeStats]
    stuck: list[StuckLearner]


class FeedbackRequest(RequestBody):
    item_id: str = Field(max_length=128)
    mistake: str = Field(max_length=64, description="one of the exercise's named mistakes")
    body: str = Field(max_length=LONG_TEXT, description="Markdown with $math$, at most 4,000 characters")


class Feedback(BaseModel):
    """A cohort's feedback on a named mistake, as a learner sees it under a verdict."""

    cohort_id: int
    cohort: str = Field(description="the cohort's name")
    mistake: str
    body: str = Field(description="as written (Markdown with $math$)")
    html: str = Field(description="rendered and sanitized")


class PinRequest(RequestBody):
    item_id: str = Field(max_length=128)
    day: str | None = Field(None, max_length=10, description="YYYY-MM-DD; null: the cohort's today")


class Pinned(BaseModel):
    cohort_id: int
    item_id: str
    day: str


class PinOut(BaseModel):
    item_id: str
    title: str
    kind: str | None
    finished: list[str] = Field(description="learners who passed or reviewed it on the day")


class CohortToday(BaseModel):
    cohort_id: int
    day: str
    zone: str = Field(description="the cohort's time zone (its creator's)")
    learners: int
    pins: list[PinOut]
    agenda: list[teaching.AgendaRow] = Field(description="the week's most frequent named mistakes (with the "
                                                         "grader's message, Markdown), for the peer session")
