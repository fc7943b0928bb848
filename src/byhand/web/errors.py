"""Errors as each client expects them: JSON for the API and its schema, an
error page per status in the viewer's language everywhere else.  A
traceback goes to the server's log, never to the client."""

from __future__ import annotations

import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .deps import Viewer, get_viewer, is_api, render
from .i18n import status_message

__all__ = ["add_error_handlers"]

log = logging.getLogger("byhand.web")


async def _viewer(request: Request) -> Viewer:
    return await run_in_threadpool(get_viewer, request, request.app.state.byhand)


def _error_page(request: Request, v: Viewer, status: int) -> Response:
    return render(request, "error.html", v, status=status, message=status_message(v.lang, status))


async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
    if is_api(request):
        # what was wrong and where, never the input itself (it may be NaN or a lone surrogate)
        detail = [{"loc": [str(part)[:64] for part in e.get("loc", ())], "msg": str(e.get("msg", "")),
                   "type": str(e.get("type", ""))} for e in exc.errors()[:20]]
        return Response(json.dumps({"detail": detail}, ensure_ascii=True), status_code=422,
                        media_type="application/json")
    return _error_page(request, await _viewer(request), 422)


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if is_api(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))  # e.g. Retry-After
    return _error_page(request, await _viewer(request), exc.status_code)


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path)
    if is_api(request):
        return JSONResponse({"detail": "internal error"}, status_code=500)
    try:
        v = await _viewer(request)
    except Exception:  # noqa: BLE001 - the store itself may be what failed
        v = Viewer(None, None, "en", "")
    return _error_page(request, v, 500)


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, server_error)
