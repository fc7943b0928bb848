import os
import tempfile

# Tests assert on English messages unless they ask for Korean.
os.environ["BYHAND_LANG"] = "en"
# `byhand check FILE` and `byhand drill` record progress: never in the real
# per-user folder of whoever runs the tests (a test that cares sets its own)
os.environ["BYHAND_DATA_DIR"] = tempfile.mkdtemp(prefix="byhand-test-data-")

# One BLAS thread, as in byhand's own processes (grading/threads.py): the
# suite's in-process validations run two at a time on the CI's two cores.
from byhand.grading.threads import one_blas_thread  # noqa: E402

one_blas_thread()
