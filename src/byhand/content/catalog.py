"""Relations between items: what practises a concept, what builds on it.

Computed from the items themselves (each names its concepts and
prerequisites), so nothing is stored twice.
"""

from __future__ import annotations

from functools import lru_cache

from .loader import summaries


@lru_cache(maxsize=None)
def _reverse() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    practised: dict[str, list[str]] = {}
    dependents: dict[str, list[str]] = {}
    for row in summaries():
        for c in row["concepts"]:
            practised.setdefault(c, []).append(row["id"])
        for p in row.get("prerequisites", []):
            dependents.setdefault(p, []).append(row["id"])
    return practised, dependents


def practised_by(concept_id: str) -> list[str]:
    """Exercises, drills and why-questions that name this concept."""
    return list(_reverse()[0].get(concept_id, []))


def dependents(concept_id: str) -> list[str]:
    """Concepts that list this one as a prerequisite."""
    return list(_reverse()[1].get(concept_id, []))


def warm() -> None:
    """Read the whole curriculum now, once: a server calls this at start-up so
    that its first requests do not all parse the same TOML files at once."""
    from .loader import exercise_ids, function_index, load_exercise

    _reverse()
    function_index()
    for item_id in exercise_ids():
        load_exercise(item_id)
