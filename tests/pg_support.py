"""A fresh PostgreSQL database for one test, on the server that
BYHAND_TEST_POSTGRES_URL names (CI starts one).  Without it the test skips,
or fails where BYHAND_REQUIRE_POSTGRES=1 (a skip must not pass for a run)."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator

import pytest

PG = os.environ.get("BYHAND_TEST_POSTGRES_URL")


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    if not PG:
        if os.environ.get("BYHAND_REQUIRE_POSTGRES") == "1":
            pytest.fail("BYHAND_TEST_POSTGRES_URL must name a PostgreSQL server in CI")
        pytest.skip("no PostgreSQL server: set BYHAND_TEST_POSTGRES_URL")
    import sqlalchemy

    name = f"byhand_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield PG.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()
