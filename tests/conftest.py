import os
import tempfile

# Tests assert on English messages unless they ask for Korean.
os.environ["BYHAND_LANG"] = "en"
# `byhand check FILE` and `byhand drill` record progress: never in the real
# per-user folder of whoever runs the tests (a test that cares sets its own)
os.environ["BYHAND_DATA_DIR"] = tempfile.mkdtemp(prefix="byhand-test-data-")
