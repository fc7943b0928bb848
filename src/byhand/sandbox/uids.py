"""Unprivileged uids for sandbox children, never shared by two live workers
on this host.

A child's uid is what keeps it from signalling, tracing or sharing
per-user kernel limits with any other child; two children with one uid could
``kill(-1)`` each other.  A worker (zygote) takes a *slot* (two uids: its
running child and its spare) by holding an exclusive ``flock`` on the slot's
file, and gives it back only after its processes are gone.  ``flock`` locks
belong to the open file and vanish when the holder dies, so slots are unique
across every grading process on the host, and a crashed one frees its slots.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import random
import tempfile
import threading

SLOTS = 32_768  # slots of two uids each: uid_base .. uid_base + 65535 by default


def lock_dir() -> str:
    """One folder per host (root) or per user: /run when it can be written."""
    base = "/run" if os.access("/run", os.W_OK) else tempfile.gettempdir()
    path = os.path.join(base, f"byhand-sandbox-uids-{os.geteuid()}")
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


class UidSlots:
    """Claims and frees slots; ``claim`` never returns a slot another live
    worker holds (in this process or any other)."""

    def __init__(self, uid_base: int, folder: str | None = None, slots: int = SLOTS):
        self.uid_base, self.slots = uid_base, slots
        self.folder = folder or lock_dir()
        self._held: dict[int, int] = {}  # uid -> the locked fd
        self._lock = threading.Lock()
        # start at a random slot so that grading processes rarely probe the same files
        self._next = itertools.count(random.randrange(slots))

    def claim(self) -> int:
        """The first uid of a free slot (the worker uses it and the next)."""
        with self._lock:
            for _ in range(self.slots):
                slot = next(self._next) % self.slots
                fd = os.open(os.path.join(self.folder, f"{slot}.lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC,
                             0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                uid = self.uid_base + 2 * slot
                self._held[uid] = fd
                return uid
        raise OSError("every sandbox uid slot on this host is in use")

    def release(self, uid: int) -> None:
        """Only once the worker's processes are gone."""
        with self._lock:
            fd = self._held.pop(uid, None)
        if fd is not None:
            os.close(fd)  # closing the only descriptor drops the lock

    def held(self) -> set[int]:
        with self._lock:
            return set(self._held)
