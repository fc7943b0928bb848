"""A client cannot dodge the per-address limit with X-Forwarded-For: only
proxies named by --forwarded-allow-ips are believed (real servers)."""

from __future__ import annotations

import httpx
import pytest

from server import running_server
from web_support import csrf_of

pytestmark = pytest.mark.slow  # real servers


def _signup_statuses(url: str, n: int) -> list[int]:
    """``n`` sign-ups (each a guessable password: refused, but counted), each
    claiming a different forwarded address."""
    out = []
    with httpx.Client(base_url=url, timeout=30) as c:
        csrf = csrf_of(c.get("/signup").text)
        for i in range(n):
            r = c.post("/signup", data={"username": f"u{i}", "password": "password", "csrf": csrf},
                       headers={"X-Forwarded-For": f"203.0.113.{i}"})
            out.append(r.status_code)
    return out


def test_forwarded_addresses_are_ignored_unless_the_proxy_is_trusted(tmp_path):
    with running_server(tmp_path / "direct", "--workers", "1", "--signins-per-minute", "3") as url:
        assert _signup_statuses(url, 5) == [400, 400, 400, 429, 429]  # one address: the connection's
    with running_server(tmp_path / "proxied", "--workers", "1", "--signins-per-minute", "3",
                        "--forwarded-allow-ips", "127.0.0.1") as url:
        assert _signup_statuses(url, 5) == [400] * 5  # behind a trusted proxy: each client its own
