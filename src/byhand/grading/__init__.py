"""The grader: run a submission, compare with the reference, diagnose mistakes."""
