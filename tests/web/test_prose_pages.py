"""Prose on the exercise page and in its verdict goes through the one renderer
(content/prose.py): the explanation's math reaches KaTeX as a math span, a
known mistake's message is Markdown (its id as code), while a message built
around the learner's own output is shown as plain text."""

import pytest

from web_support import csrf_of, make_client, signup

BAD = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
RAISES = "def softmax(x, axis=-1):\n    raise ValueError('**not bold** and x_1')\n"


@pytest.fixture
def client(tmp_path, grader):
    with make_client(tmp_path, grader) as c:
        yield c


def test_exercise_prose_and_verdicts(client):
    signup(client, "grace")
    page = client.get("/exercises/gram_schmidt")
    assert '<span class="math inline">$a_1, \\dots, a_n$</span>' in page.text  # the explanation, as math
    page = client.get("/exercises/softmax")
    r = client.post("/exercises/softmax", data={"source": BAD, "csrf": csrf_of(page.text)})
    message = r.text.split('<p class="message">')[1].split("</p>")[0]
    assert "<code>no-max-shift</code>" in message and "`" not in message
    r = client.post("/exercises/softmax", data={"source": RAISES, "csrf": csrf_of(r.text)})
    message = r.text.split('<p class="message">')[1].split("</p>")[0]
    assert "**not bold**" in message and "<strong>" not in message  # the learner's words stay text
