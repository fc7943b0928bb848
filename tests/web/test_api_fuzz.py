"""The JSON API fuzzed against its own OpenAPI schema (Schemathesis): no
input the schema allows may cause a server error or an undocumented reply."""

import pytest

from server import running_server

schemathesis = pytest.importorskip("schemathesis", reason="pip install 'byhand[test]' to fuzz the API")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

pytestmark = pytest.mark.slow  # a real browser / fuzzing every operation: integration


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("fuzz"), "--local", "--workers", "1",
                        "--submissions-per-minute", "100000") as url:
        yield url


@pytest.fixture(scope="module")
def schema(api):
    return schemathesis.openapi.from_url(api + "/openapi.json")


def test_schema_lists_the_api(schema):
    paths = set(schema.raw_schema["paths"])
    assert {"/api/items", "/api/items/{item_id}", "/api/exercises/{item_id}/attempts", "/api/reviews/due",
            "/api/reviews", "/api/token"} <= paths


def test_fuzz_every_operation(schema, api, subtests):
    """Every operation, many generated requests each: never a 5xx."""
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def run(case):
            case.call_and_validate(base_url=api, checks=[not_a_server_error])

        with subtests.test(operation=operation.label):
            run()
