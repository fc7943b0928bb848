"""The grader's own sentences, in English and Korean.

Kept in one table so that both languages are always present (a test checks
that every key has both) and so that a translator sees them side by side.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "passed": {
        "en": "Passed all {n} cases.",
        "ko": "{n}개 케이스를 모두 통과했습니다.",
    },
    "mistake": {
        "en": "Known mistake `{id}`: {text}",
        "ko": "자주 하는 실수 `{id}`: {text}",
    },
    "shape": {
        "en": "Wrong shape on case '{case}'{where}: you returned shape {got}, expected {expected}. Shapes must match exactly (no broadcasting).",
        "ko": "'{case}' 케이스{where}에서 shape가 다릅니다: 반환한 shape는 {got}, 기대한 shape는 {expected}입니다. 브로드캐스팅 없이 shape가 정확히 같아야 합니다.",
    },
    "dtype": {
        "en": "Wrong kind of number on case '{case}'{where}: you returned {got} values ({dtype}), expected {expected} values.",
        "ko": "'{case}' 케이스{where}에서 수의 종류가 다릅니다: {got} 값({dtype})을 반환했지만 {expected} 값이어야 합니다.",
    },
    "nonfinite": {
        "en": "Case '{case}'{where}: your output has {what} in {count} of {total} entries where the expected value is finite. Look for overflow (exp of a large number), log(0), or 0/0.",
        "ko": "'{case}' 케이스{where}: 기댓값이 유한한데 출력 {total}개 중 {count}개가 {what}입니다. 큰 수의 exp에서 생기는 오버플로, log(0), 0/0을 확인해 보세요.",
    },
    "value": {
        "en": "Wrong values on case '{case}'{where} (the smallest failing case): {count} of {total} entries are outside the tolerance; largest error {max_abs:.3g} (relative {max_rel:.3g}).",
        "ko": "'{case}' 케이스{where}(실패한 것 중 가장 작은 케이스)에서 값이 다릅니다: {total}개 중 {count}개가 허용 오차를 벗어났고, 최대 오차는 {max_abs:.3g} (상대 오차 {max_rel:.3g})입니다.",
    },
    "value-rule": {
        "en": "Case '{case}' breaks the exercise's rule: {detail}.",
        "ko": "'{case}' 케이스가 이 문제의 규칙을 어깁니다: {detail}.",
    },
    "rule-tolerance": {
        "en": "random output: judged by the rule stated in the exercise, not by closeness to one answer",
        "ko": "무작위 출력: 하나의 정답과의 차이가 아니라 문제에 적힌 규칙으로 판정합니다",
    },
    "where": {"en": " (output {i})", "ko": " (출력 {i})"},
    "kind.f": {"en": "float", "ko": "실수"},
    "kind.i": {"en": "integer", "ko": "정수"},
    "kind.u": {"en": "integer", "ko": "정수"},
    "kind.b": {"en": "bool", "ko": "불리언"},
    "kind.c": {"en": "complex", "ko": "복소수"},
    "error": {
        "en": "Your function raised an exception on case '{case}':\n{error}",
        "ko": "'{case}' 케이스에서 함수가 예외를 일으켰습니다:\n{error}",
    },
    "not-plain": {
        "en": "Case '{case}': your function returned {error}. Return a NumPy array of numbers (or plain Python numbers).",
        "ko": "'{case}' 케이스: 함수가 {error}을(를) 반환했습니다. 숫자로 된 NumPy 배열(또는 파이썬 숫자)을 반환하세요.",
    },
    "timeout": {
        "en": "Timed out: case '{case}' did not return within {limit:g} s. Look for a loop that never ends.",
        "ko": "시간 초과: '{case}' 케이스가 {limit:g}초 안에 끝나지 않았습니다. 끝나지 않는 반복문이 없는지 확인하세요.",
    },
    "crashed": {
        "en": "Your code stopped the process on case '{case}' (for example with os._exit or a crash in C code).",
        "ko": "'{case}' 케이스에서 코드가 프로세스를 종료시켰습니다 (os._exit 호출이나 C 코드의 충돌 등).",
    },
    "setup-exception": {
        "en": "Your file raised an exception while loading:\n{error}",
        "ko": "파일을 불러오는 중에 예외가 발생했습니다:\n{error}",
    },
    "setup-missing-function": {
        "en": "Your code does not define a function named `{function}`. Define `def {function}{signature}:`.",
        "ko": "코드에 `{function}` 함수가 없습니다. `def {function}{signature}:` 를 정의하세요.",
    },
    "setup-timeout": {
        "en": "Timed out while loading your file (more than {limit:g} s). Is there a loop at the top level?",
        "ko": "파일을 불러오는 데 {limit:g}초가 넘게 걸려 중단했습니다. 최상위에 끝나지 않는 반복문이 있나요?",
    },
    "setup-crashed": {
        "en": "Your file stopped the process while loading (for example with os._exit or sys.exit at the top level).",
        "ko": "파일을 불러오는 중에 프로세스가 종료되었습니다 (최상위의 os._exit나 sys.exit 등).",
    },
    "too-large": {
        "en": "an output too large to send back (more data than the expected shape could hold)",
        "ko": "돌려보내기에는 너무 큰 출력(기대한 shape에 담길 수 있는 것보다 많은 데이터)",
    },
    "setup-unavailable": {
        "en": "The grader is busy or restarting and could not take your code. Try again in a few seconds.",
        "ko": "채점기가 바쁘거나 다시 시작하는 중이라 코드를 받지 못했습니다. 몇 초 뒤에 다시 시도하세요.",
    },
    "syntax": {
        "en": "Syntax error in {filename}, line {line}: {msg}",
        "ko": "{filename} {line}번째 줄에 문법 오류가 있습니다: {msg}",
    },
    # labels used when rendering a result
    "label.passed": {"en": "PASSED", "ko": "통과"},
    "label.failed": {"en": "FAILED", "ko": "실패"},
    "label.case": {"en": "case", "ko": "케이스"},
    "label.inputs": {"en": "inputs", "ko": "입력"},
    "label.expected": {"en": "expected", "ko": "기대값"},
    "label.got": {"en": "got", "ko": "내 출력"},
    "label.max_error": {"en": "largest error", "ko": "최대 오차"},
    "label.tolerance": {"en": "tolerance", "ko": "허용 오차"},
    "label.hint": {"en": "hint", "ko": "힌트"},
    "label.output": {"en": "printed", "ko": "출력한 내용"},
    "label.cases": {"en": "cases passed", "ko": "통과한 케이스"},
}


def msg(key: str, lang: str, **fields) -> str:
    table = MESSAGES[key]
    template = table.get(lang) or table["en"]
    return template.format(**fields)
