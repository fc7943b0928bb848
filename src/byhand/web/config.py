"""How the server runs: where its data lives, which database, local or multi-user."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from ..services.data import progress_database


@dataclass
class ServeConfig:
    data_dir: Path
    database_url: str | None = None  # default: SQLite in data_dir
    local: bool = False  # single user on their own machine: no sign-in
    secure_cookies: bool = False  # set behind TLS
    grader_workers: int = 2  # sandbox workers in each grading process
    grading_processes: int = 1  # grading processes per web process (the judge runs there, not in the web)
    broker: str | None = None  # a Redis URL: grade on the fleet of `byhand worker`s behind it instead
    require_full_isolation: bool = True  # a multi-user server refuses to run without it
    signin_per_minute: int = 10
    rate_limit_storage: str | None = None  # a `limits` storage URL; None: the database (shared by every process)
    submissions_per_minute: int = 60
    anonymous_requests: int = 100  # per client address in 10 seconds, checked at the door (web/budget.py); 0: none
    learner_requests: int = 300  # per signed-in learner in 10 seconds, the same way
    anonymous_total: int = 30  # pages and API calls a second, all addresses together, per web process
    shed_on_delay: bool = True  # while pages are delayed here, let fewer submissions, then pages, in (web/shedding.py)
    plots_per_minute: int = 20  # new why-experiment drawings per learner (each up to seconds of CPU)
    posts_per_minute: int = 10  # posts, edits, reports and cohort joins per user (routers/community.py)
    plot_cache: str | None = None  # where default plots are kept on disk (None: the per-user cache folder; "": not kept)
    warm_plots: bool = False  # draw every default plot when the app starts (`byhand serve` does)
    session_days: int = 30  # a session or token ends this long after sign-in, however used
    session_idle_days: int = 7  # ... or this long after it was last used
    extra: dict = field(default_factory=dict)

    @property
    def session_idle(self) -> timedelta:
        return timedelta(days=self.session_idle_days)

    @property
    def db(self) -> str:
        """A database URL, else the SQLite file `byhand practice` uses in the same folder."""
        return self.database_url or str(progress_database(Path(self.data_dir)))

    ENV = "BYHAND_SERVE_CONFIG"  # how `byhand serve --web-workers N` hands the config to its processes

    def to_env(self) -> str:
        import json

        data = {k: v for k, v in self.__dict__.items() if k != "extra"}
        data["data_dir"] = str(self.data_dir)
        return json.dumps(data)

    @classmethod
    def from_env(cls, environ=None) -> "ServeConfig":
        import json
        import os

        text = (environ or os.environ).get(cls.ENV)
        if not text:
            raise RuntimeError(f"${cls.ENV} is not set: start the app with `byhand serve`")
        data = json.loads(text)
        data["data_dir"] = Path(data["data_dir"])
        return cls(**data)

    def plot_cache_dir(self) -> Path | None:
        if self.plot_cache == "":
            return None
        from .plots import default_cache_dir

        return Path(self.plot_cache).expanduser() if self.plot_cache else default_cache_dir()

    def grading_service(self):
        """The grading processes this configuration asks for (started now), or the fleet behind its broker."""
        if self.broker:
            from ..jobs.fleet import GradingFleet

            return GradingFleet(self.broker)
        from ..jobs import GradingHosts

        return GradingHosts(self.grading_processes, workers=self.grader_workers,
                            require_full_isolation=self.require_full_isolation and not self.local)

    def secret(self) -> str:
        """A per-installation secret, created once and kept in the data dir."""
        path = Path(self.data_dir) / "secret.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip()
