"""The learner's own folder and the terminal: the workspace (workspace.py),
grading in it (checking.py) and `byhand practice` (tui.py).  Today's plan and
mastery are application rules and live in ``byhand.services``."""
