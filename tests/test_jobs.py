"""The grading service's plain data: requests and results survive a trip
through JSON (as they will to a grader on another machine), and a forged
request is refused."""

from __future__ import annotations

import json

import pytest

from byhand.grading.result import Failure, GradeResult
from byhand.jobs import GradeRequest


def test_grade_request_round_trip():
    r = GradeRequest("softmax", "def softmax(x, axis=-1):\n    return x\n", seed=2**32 - 1, lang="ko",
                     blocks=("\n# block\ndef relu(x):\n    return x\n",), time_limit=0.5)
    back = GradeRequest.from_dict(json.loads(json.dumps(r.to_dict())))
    assert back == r and back.full_source().endswith("return x\n")


@pytest.mark.parametrize("bad", [
    [], {"exercise_id": "softmax"}, {"exercise_id": 1, "source": "", "seed": 0},
    {"exercise_id": "softmax", "source": "", "seed": -1}, {"exercise_id": "softmax", "source": "", "seed": 2**32},
    {"exercise_id": "softmax", "source": "", "seed": 0, "lang": "fr"},
    {"exercise_id": "softmax", "source": "", "seed": 0, "blocks": [1]},
    {"exercise_id": "softmax", "source": "", "seed": 0, "time_limit": 1e9},
    {"exercise_id": "softmax", "source": "", "seed": 1.5},
])
def test_a_malformed_request_is_refused(bad):
    with pytest.raises(ValueError):
        GradeRequest.from_dict(bad)


def test_grade_result_round_trip():
    r = GradeResult(exercise_id="softmax", passed=False, status="failed", message="Wrong values", lang="en",
                    mistake="no-max-shift", failure=Failure(case="huge", reason="value", inputs="[1000.]",
                                                            expected="[1.]", got="[nan]", max_abs_error=1.0),
                    tolerance="atol 1e-06", cases_passed=3, cases_total=11, seed=7,
                    protections=("seccomp-filter",))
    assert GradeResult.from_dict(json.loads(json.dumps(r.to_dict()))) == r
