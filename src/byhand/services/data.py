"""Where a learner's progress lives: one rule for the CLI, `byhand practice`
and `byhand serve`, so that one learner has one history.

The folder: a workspace's ``.byhand/``; else ``$BYHAND_DATA_DIR``; else the
per-user data folder (e.g. ``~/.local/share/byhand``).  The database:
``progress.db`` in it (a server started before this rule kept ``byhand.db``,
which is used while no ``progress.db`` exists).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DATABASE", "progress_database", "progress_folder"]

DATABASE = "progress.db"
_LEGACY = "byhand.db"


def progress_folder(workspace_data_dir: Path | None = None) -> Path:
    if workspace_data_dir is not None:
        return workspace_data_dir
    env = os.environ.get("BYHAND_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("byhand", appauthor=False))


def progress_database(folder: Path) -> Path:
    path, legacy = Path(folder) / DATABASE, Path(folder) / _LEGACY
    return legacy if legacy.exists() and not path.exists() else path
