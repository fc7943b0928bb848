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
    assert "Streak: 1 day(s)" in proc.stdout and "3× softmax: no-max-shift" in proc.stdout
    assert "linalg" in proc.stdout and (tmp_path / "cli.svg").exists()
