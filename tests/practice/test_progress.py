"""`byhand progress`: mastery, streak, mistakes, and the concept map."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from byhand.services import scheduling
from byhand.render.progress import write_svg
from byhand.services.progress import compute
from byhand.storage import Store


def test_progress_reflects_reviews_and_mistakes(tmp_path):
    data = tmp_path / "data"
    store = Store(data / "progress.db")
    user = store.user_id()
    for item in ("vector", "dot-product", "matrix"):
        scheduling.review(store, user, item, "concept", 4)
    scheduling.review(store, user, "matrix", "concept", 1)  # forgotten right away
    for _ in range(3):
        store.record_attempt(user, "softmax", "exercise", context="check", passed=False, status="failed",
                             mistake="no-max-shift")
    report = compute(store, user)
    assert report.items["vector"].mastery > 0.9 and report.items["vector"].label in ("learned", "due")
    assert report.items["matrix"].label in ("due", "weak")
    assert report.concepts["vector"] > 0 and report.areas["linalg"] > 0
    assert report.areas.get("audio", 0) == 0
    assert report.streak == 1 and report.mistakes[0] == ("softmax", "no-max-shift", 3)
    svg = write_svg(report, tmp_path / "map.svg", "en")
    root = ET.parse(svg).getroot()  # well-formed SVG
    rects = root.findall(".//{http://www.w3.org/2000/svg}rect")
    assert len(rects) == len(report.concepts)
    assert len({r.get("fill") for r in rects}) >= 2  # coloured by mastery
    store.close()
    proc = subprocess.run([sys.executable, "-m", "byhand", "progress", "--map", str(tmp_path / "cli.svg")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120,
                          env={**os.environ, "BYHAND_DATA_DIR": str(data), "BYHAND_LANG": "en"})
    assert proc.returncode == 0, proc.stderr
    assert "Streak: 1 day(s)" in proc.stdout and "3× Softmax (softmax): no-max-shift" in proc.stdout  # by title
    assert "linalg" in proc.stdout and (tmp_path / "cli.svg").exists()


def test_progress_tells_the_truth(tmp_path):
    """Issue 13: a concept rated Again is not mastered, however fresh; passing
    an exercise raises the concepts it practises (softmax-function showed 14 %
    right after passing softmax); the weakest are the studied items with the
    lowest predicted recall, not whatever was started."""
    from datetime import datetime, timezone

    from byhand.services.attempts import review_if_due

    store = Store(tmp_path / "progress.db")
    user = store.user_id()
    scheduling.review(store, user, "vector", "concept", 1)  # Again: forgotten
    scheduling.review(store, user, "matrix", "concept", 3)
    review_if_due(store, user, "softmax", "exercise", 4, datetime.now(timezone.utc))  # a pass, reviewed Easy
    report = compute(store, user)
    assert report.items["vector"].mastery == 0 and report.items["vector"].label in ("weak", "due")
    assert report.concepts["vector"] == 0  # nothing else of it studied
    assert report.items["matrix"].mastery > 0.9
    assert report.concepts["softmax-function"] > 0.9  # softmax practises it
    assert [s.item_id for s in report.weakest(2)] == ["vector", "matrix"]
    assert "softmax-function" not in {s.item_id for s in report.weakest(10)}  # never studied itself
    store.close()
