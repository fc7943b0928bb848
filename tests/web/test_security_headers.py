"""Every response carries the security headers, and every cookie is Secure
under --secure-cookies."""

from __future__ import annotations

from web_support import PassingGrader, csrf_of, make_client, signup

PATHS = ["/", "/items", "/signin", "/exercises/softmax", "/no-such-page", "/static/style.css",
         "/api/items", "/api/me", "/openapi.json", "/why/why-minibatch-sgd/plot.svg?lr=nan"]


def test_every_response_has_the_security_headers(tmp_path):
    with make_client(tmp_path, PassingGrader()) as client:
        for path in PATHS:
            r = client.get(path)
            csp = r.headers.get("content-security-policy", "")
            assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, path
            assert "unsafe-eval" not in csp and "script-src 'self' 'unsafe-inline'" not in csp, path
            assert r.headers["x-content-type-options"] == "nosniff", path
            assert r.headers["referrer-policy"] == "same-origin", path
            assert r.headers["x-frame-options"] == "DENY", path
            assert "strict-transport-security" not in r.headers, path  # plain HTTP: no HSTS
            if path.startswith("/static/"):
                assert "no-store" not in r.headers.get("cache-control", "") and r.headers["etag"], path
            else:
                assert r.headers["cache-control"] == "no-store", path  # a learner's page stays out of caches
        docs = client.get("/docs")  # Swagger UI from /static: the same policy, plus its one inline script by hash
        csp = docs.headers["content-security-policy"]
        assert docs.status_code == 200 and "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
        sources = csp.split("script-src ", 1)[1].split(";", 1)[0].split()
        assert sources[0] == "'self'" and len(sources) == 2 and sources[1].startswith("'sha256-")
        assert "cdn" not in docs.text and "https://" not in docs.text  # nothing from elsewhere
        assert client.get("/redoc").status_code == 404


def test_every_cookie_is_secure_under_secure_cookies(tmp_path):
    with make_client(tmp_path, PassingGrader(), secure_cookies=True) as client:
        client.base_url = "https://testserver"  # a browser sends Secure cookies back over TLS only
        page = client.get("/signup")
        assert "Secure" in page.headers["set-cookie"]  # the CSRF cookie before sign-in
        signup(client, "sam", "a-long-passphrase")
        r = client.post("/lang", data={"lang": "ko", "csrf": csrf_of(client.get("/").text)})
        assert r.status_code == 303 and "byhand_lang=ko" in r.headers["set-cookie"]
        assert "Secure" in r.headers["set-cookie"]
        r = client.post("/signout", data={"csrf": csrf_of(client.get("/").text)})
        assert "byhand_session" in r.headers["set-cookie"] and "Secure" in r.headers["set-cookie"]
        assert r.headers["strict-transport-security"] == "max-age=31536000"  # behind TLS: HTTPS only
