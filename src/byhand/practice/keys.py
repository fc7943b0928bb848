"""Keys pressed while `byhand watch` waits, rustlings-style.

On a terminal the keys are read one at a time, without Enter: the terminal
is put in cbreak mode (no echo, no line buffering; Ctrl+C still interrupts
and output still ends lines as usual) and its settings are restored on
every way out: a return, an exception, Ctrl+C, SIGTERM, and Ctrl+Z (restored
while stopped, cbreak again on ``fg``).

When stdin is not a terminal (a pipe, a file, an editor's task runner) a
key is a line: the key, then Enter.  When that input ends (``< /dev/null``),
the session only watches.
"""

from __future__ import annotations

import codecs
import os
import select
import signal
import sys
from typing import IO

try:  # POSIX only; elsewhere keys are lines
    import termios
    import tty
except ImportError:  # pragma: no cover - not on Linux or macOS
    termios = tty = None  # type: ignore[assignment]

__all__ = ["Keys", "normalize"]

# the same keys typed with a Korean (두벌식) layout still active: h ㅗ, n ㅜ, l ㅣ, r ㄱ, q ㅂ
_HANGUL = {"ㅗ": "h", "ㅜ": "n", "ㅣ": "l", "ㄱ": "r", "ㅂ": "q"}


def normalize(key: str) -> str:
    """A key as a command letter: lower case, a Korean-layout letter as its Latin key."""
    key = key.lower()
    return _HANGUL.get(key, key)


class Keys:
    """``with Keys() as keys: ... keys.poll()`` returns the keys pressed since the last poll."""

    def __init__(self, stream: IO[str] | None = None):
        stream = sys.stdin if stream is None else stream
        try:
            self.fd: int | None = stream.fileno()
        except (AttributeError, ValueError, OSError):  # no descriptor (a test harness's StringIO)
            self.fd = None
        self.tty = self.fd is not None and termios is not None and os.isatty(self.fd)
        self.ended = self.fd is None  # no more keys can come: watch only
        self._saved: list | None = None
        self._signals: dict[int, object] = {}
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._line = ""

    # -- the terminal's mode ---------------------------------------------------

    def __enter__(self) -> "Keys":
        if self.tty:
            self._saved = termios.tcgetattr(self.fd)
            self._cbreak()
            self._handle(signal.SIGTERM, self._terminated)
            self._handle(signal.SIGTSTP, self._stopped)
            self._handle(signal.SIGCONT, self._continued)
        return self

    def __exit__(self, *exc) -> None:
        self.restore()
        for signum, previous in self._signals.items():
            signal.signal(signum, previous)
        self._signals.clear()

    def restore(self) -> None:
        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def _cbreak(self) -> None:
        tty.setcbreak(self.fd, termios.TCSADRAIN)

    def _handle(self, signum: int, handler) -> None:
        try:
            self._signals[signum] = signal.signal(signum, handler)
        except ValueError:  # not the main thread: leave the signals alone
            pass

    def _terminated(self, signum, frame):
        raise SystemExit(128 + signum)  # unwinds through __exit__, which restores the terminal

    def _stopped(self, signum, frame):
        self.restore()  # the shell gets its terminal back as it was
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)  # stops here until `fg`
        signal.signal(signal.SIGTSTP, self._stopped)

    def _continued(self, signum, frame):
        if self._saved is not None:
            self._cbreak()

    # -- reading ---------------------------------------------------------------

    def poll(self, timeout: float = 0.0) -> list[str]:
        """The keys pressed (or, off a terminal, the lines typed) since the last poll."""
        if self.ended:
            return []
        try:
            ready, _, _ = select.select([self.fd], [], [], timeout)
        except InterruptedError:  # pragma: no cover - retried by Python since 3.5
            return []
        if not ready:
            return []
        data = os.read(self.fd, 1024)
        if not data:
            self.ended = True
            return []
        text = self._decoder.decode(data)
        if self.tty:
            if text.startswith("\x1b"):  # an arrow or function key: not a command
                return []
            return [normalize(ch) for ch in text if ch.isprintable() and not ch.isspace()]
        self._line += text
        *lines, self._line = self._line.split("\n")
        return [normalize(line.strip()[0]) for line in lines if line.strip()]
