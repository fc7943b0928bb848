"""byhand's Korean glossary (``glossary.toml`` beside this file): the one
Korean term for each concept, and the spellings, translations and calques
that Korean text must not use.  tests/test_glossary.py runs ``findings``
over every Korean text byhand shows.

    findings("우도를 최대화합니다")
    # [Finding(variant='우도', use='가능도', term='likelihood', context='우도를 최대화합니다')]
    problems()   # what is wrong with the glossary itself ([] when well-formed)
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["Finding", "Rule", "findings", "load", "problems", "rules"]

PATH = Path(__file__).resolve().parent / "glossary.toml"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_TERM_FIELDS = {"ko", "forbid", "also", "except"}


@dataclass(frozen=True)
class Rule:
    """One string Korean text must not contain (outside the allowed contexts)."""

    variant: str
    use: str  # what to write instead
    term: str  # the English term, "spacing" or "phrase"
    gloss_only: bool = False  # allowed inside parentheses, as a gloss
    allowed: tuple[str, ...] = ()  # longer words in which the variant is another word


@dataclass(frozen=True)
class Finding:
    variant: str
    use: str
    term: str
    context: str  # the variant with a few characters around it

    def __str__(self) -> str:
        return f"{self.variant!r} ({self.term}): write {self.use!r}, in …{self.context}…"


@lru_cache(maxsize=None)
def load(path: Path = PATH) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _spaced_variants(term: str) -> list[str]:
    """The term with one or more of its spaces left out."""
    parts = term.split(" ")
    out = []
    for joins in itertools.product((" ", ""), repeat=len(parts) - 1):
        if "" in joins:
            out.append(parts[0] + "".join(j + p for j, p in zip(joins, parts[1:])))
    return out


def _joined_variants(word: str) -> list[str]:
    """The word split in two, each part at least two syllables."""
    return [word[:i] + " " + word[i:] for i in range(2, len(word) - 1)]


@lru_cache(maxsize=None)
def rules(path: Path = PATH) -> tuple[Rule, ...]:
    data = load(path)
    preferred = _preferred(data)
    out = []
    for en, entry in data.get("terms", {}).items():
        ko = entry["ko"]
        for variant in entry.get("also", []):
            out.append(Rule(variant, ko, en, gloss_only=True, allowed=tuple(entry.get("except", []))))
        for variant in entry.get("forbid", []):
            out.append(Rule(variant, ko, en, allowed=tuple(entry.get("except", []))))
    spacing = data.get("spacing", {})
    for term in spacing.get("spaced", []):
        out += [Rule(v, term, "spacing") for v in _spaced_variants(term)]
    for word in spacing.get("joined", []):
        out += [Rule(v, word, "spacing") for v in _joined_variants(word)]
    for phrase, instead in data.get("phrases", {}).items():
        out.append(Rule(phrase, instead, "phrase"))
    # a variant inside a preferred term of another entry is that term, not the variant
    return tuple(Rule(r.variant, r.use, r.term, r.gloss_only,
                      r.allowed + tuple(p for p in preferred if r.variant in p and p != r.variant))
                 for r in out)


def _preferred(data: dict[str, Any]) -> tuple[str, ...]:
    spacing = data.get("spacing", {})
    return tuple([e["ko"] for e in data.get("terms", {}).values() if isinstance(e, dict) and "ko" in e]
                 + list(spacing.get("spaced", [])) + list(spacing.get("joined", [])))


def _covered(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether text[start:end] lies inside an occurrence of one of ``words``."""
    for word in words:
        for m in re.finditer(re.escape(word), text):
            if m.start() <= start and end <= m.end():
                return True
    return False


def _in_parentheses(text: str, pos: int) -> bool:
    depth = 0
    for ch in text[:pos]:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
    return depth > 0


def findings(text: str, path: Path = PATH) -> list[Finding]:
    """Every forbidden variant or phrase in ``text``."""
    out = []
    for rule in rules(path):
        for m in re.finditer(re.escape(rule.variant), text):
            if _covered(text, m.start(), m.end(), rule.allowed):
                continue
            if rule.gloss_only and _in_parentheses(text, m.start()):
                continue
            context = text[max(0, m.start() - 12):m.end() + 12].replace("\n", " ")
            out.append(Finding(rule.variant, rule.use, rule.term, context))
    return out


def problems(path: Path = PATH) -> list[str]:
    """What is wrong with the glossary itself."""
    try:
        data = load(path)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return [f"{path}: {exc}"]
    out = []
    unknown = set(data) - {"terms", "spacing", "phrases"}
    if unknown:
        out.append(f"unknown tables: {sorted(unknown)}")

    def strings(value, where) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() == s and s for s in value):
            out.append(f"{where}: must be a list of non-empty strings without outer spaces")
            return []
        return value

    for en, entry in data.get("terms", {}).items():
        if not isinstance(entry, dict):
            out.append(f"terms.{en}: must be a table {{ ko = ..., forbid = [...] }}")
            continue
        if set(entry) - _TERM_FIELDS:
            out.append(f"terms.{en}: unknown fields {sorted(set(entry) - _TERM_FIELDS)}")
        ko = entry.get("ko")
        if not isinstance(ko, str) or not _HANGUL.search(ko):
            out.append(f"terms.{en}: ko must be Korean text")
            continue
        variants = strings(entry.get("forbid", []), f"terms.{en}.forbid") + strings(entry.get("also", []),
                                                                                  f"terms.{en}.also")
        if not variants:
            out.append(f"terms.{en}: no variant to reject (an entry records a term with more than one spelling)")
        for exc in strings(entry.get("except", []), f"terms.{en}.except"):
            if not any(v in exc and v != exc for v in variants):
                out.append(f"terms.{en}.except: {exc!r} contains none of its variants")
        for v in variants:
            if v == ko:
                out.append(f"terms.{en}: {v!r} is both the term and a variant")
    spacing = data.get("spacing", {})
    for word in strings(spacing.get("spaced", []), "spacing.spaced"):
        if " " not in word:
            out.append(f"spacing.spaced: {word!r} has no space")
    for word in strings(spacing.get("joined", []), "spacing.joined"):
        if " " in word or len(word) < 4:
            out.append(f"spacing.joined: {word!r} must be one word of four syllables or more")
    for phrase, instead in data.get("phrases", {}).items():
        if not (isinstance(instead, str) and instead.strip()):
            out.append(f"phrases.{phrase}: say what to write instead")
    if out:
        return out
    seen: dict[str, str] = {}
    for rule in rules(path):
        if rule.variant in seen and seen[rule.variant] != rule.use:
            out.append(f"{rule.variant!r} is a variant of both {seen[rule.variant]!r} and {rule.use!r}")
        seen[rule.variant] = rule.use
    for term in _preferred(data):  # the glossary's own terms pass the glossary
        for f in findings(term, path):
            out.append(f"the preferred term {term!r} contains a variant: {f}")
    return out
