"""Start `byhand serve` as a real process on a free loopback port."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served(str):
    """The server's address, with its process (``.proc``) for the tests that stop it rudely."""

    proc: subprocess.Popen


@contextmanager
def running_server(data_dir, *args, warm_plots: bool = False):
    """``byhand serve`` with ``args``; the why-questions' plots are drawn when
    it starts only with ``warm_plots`` (26 plots a start: only for the tests
    and benchmarks about it)."""
    port = free_port()
    warm = "--warm-plots" if warm_plots else "--no-warm-plots"
    proc = subprocess.Popen([sys.executable, "-m", "byhand", "serve", "--port", str(port), "--data", str(data_dir),
                             warm, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "BYHAND_LANG": "en"})
    url = Served(f"http://127.0.0.1:{port}")
    url.proc = proc
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(url + "/openapi.json", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()  # its output ends only when it does
                    raise RuntimeError(f"server did not start: {proc.stdout.read()}")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
