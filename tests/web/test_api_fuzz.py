"""The JSON API fuzzed against its own OpenAPI schema (Schemathesis): no
input the schema allows, and none it forbids (negative mode: wrong types,
missing fields, out-of-range numbers, invalid strings), may cause a server
error."""

import pytest

from server import running_server

schemathesis = pytest.importorskip("schemathesis", reason="pip install 'byhand[test]' to fuzz the API")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402

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
            "/api/reviews", "/api/token", "/api/cohorts", "/api/cohorts/join", "/api/items/{item_id}/posts",
            "/api/posts/{post_id}/votes", "/api/posts/{post_id}/accept", "/api/notifications"} <= paths


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_fuzz_every_operation(schema, api, subtests, mode):
    """Every operation, many generated requests each, valid and invalid:
    never a 5xx, and the server still serving afterwards."""
    nothing_to_negate = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case):
            case.call_and_validate(base_url=api, checks=[not_a_server_error])

        with subtests.test(operation=operation.label):
            try:
                run()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE, operation.label
                nothing_to_negate.append(operation.label)  # no parameter or body to make invalid
    # GET /api/me, /api/reviews/due, /api/cohorts, DELETE /api/token
    assert len(nothing_to_negate) <= 4, nothing_to_negate
    import httpx

    assert httpx.get(api + "/api/items", timeout=30).status_code == 200
