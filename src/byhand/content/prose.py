"""Prose: the curriculum's text format, and the one way byhand turns it into
what a learner reads.

Every prose field (a concept's definition and where_used, an exercise's
explanation, where_used and hint, a mistake's message, a why-question's
answer and derivation) is CommonMark with LaTeX math:

- ``$...$`` inline math, ``$$...$$`` display math (its own lines, or inside a
  paragraph); the math reaches KaTeX untouched by Markdown (``$a_i^2$`` is
  never emphasis);
- ``*emphasis*``, ``**strong**``, `` `code` `` (identifiers such as
  ``np.linalg.norm`` or ``ddof=0``), lists, links (http, https, mailto or a
  path on this site);
- no raw HTML: it is shown as text.

The format belongs to the content, so this module lives beside the item
model, below every layer that shows an item's text: the web, the terminal,
and the verdict itself (``grading.result``: a known mistake's message and the
hint in a terminal and in Jupyter).

:func:`to_html` gives HTML for the web pages and for Jupyter: Markdown by
``markdown-it-py`` (CommonMark) with the ``dollarmath`` plugin of
``mdit-py-plugins``, then sanitized by ``nh3`` (Ammonia), which keeps only the
tags and classes this module emits.  Math becomes ``<span class="math
inline">$...$</span>`` or ``<div class="math display">$$...$$</div>``,
typeset in the browser by KaTeX auto-render (the pages' ``$``/``$$``
delimiters, ``static/app.js``; also ``static/vendor/math.js``), and in a
notebook by the MathJax of JupyterLab, the classic Notebook and nbconvert's
pages, which look for the same delimiters in HTML output.  A ``$`` or ``\\``
that is not math stays text: it is put in an element of its own, and
auto-render and MathJax, which pair delimiters only within one run of text,
can never pair it with another.

:func:`to_terminal` gives the same text for the terminal: Markdown for Rich's
``Markdown``, with the math lightly converted to Unicode (``\\sigma_i^2`` →
``σᵢ²``).  :func:`to_plain` gives it as plain text without Markdown's marks
(``str()`` of a verdict).

Curriculum packs may come from third parties and some texts carry a
learner's words, so input is treated as hostile: it is cut at
:data:`MAX_CHARS`, nesting is bounded by the parser, links are checked by
the parser and by the sanitizer, and the sanitizer has the last word.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.dollarmath import dollarmath_plugin

__all__ = ["MAX_CHARS", "math_spans", "tex_to_unicode", "to_html", "to_inline_html", "to_plain", "to_terminal"]

MAX_CHARS = 20_000  # the longest derivation is about 6,000 characters; longer input is cut
_CUT = " …"
_SURROGATE = re.compile("[\ud800-\udfff]")

# what the renderer emits, and so all the sanitizer lets through
_TAGS = {"p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote", "hr", "span", "div"}
_CLASSES = {"span": {"math", "inline", "display", "no-math"}, "div": {"math", "display"}}
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}


def _math(content: str, options: dict) -> str:
    tex = escapeHtml(content)
    return f"$${tex}$$" if options.get("display_mode") else f"${tex}$"


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False,
                                   "maxNesting": 20})
    # headings and images have no place in an item's prose: `# x` and `![x](y)` stay text
    md.disable(["heading", "lheading", "image"])
    # $...$ as pandoc reads it: no space inside the dollars, no digit after the closing one
    # (so "$5 and $6" is not math); $$...$$ inside a paragraph too
    dollarmath_plugin(md, allow_labels=False, allow_space=False, allow_digits=False,
                      allow_blank_lines=False, double_inline=True, renderer=_math)

    def math_div(self, tokens, idx, options, env):
        return f'<div class="math display">{_math(tokens[idx].content.strip(), {"display_mode": True})}</div>\n'

    def math_span(self, tokens, idx, options, env):  # $$...$$ inside a paragraph: KaTeX makes it a block
        return f'<span class="math display">{_math(tokens[idx].content.strip(), {"display_mode": True})}</span>'

    md.add_render_rule("math_block", math_div)
    md.add_render_rule("math_inline_double", math_span)

    def text(self, tokens, idx, options, env):  # a literal $ or \ can never start math in the browser
        return re.sub(r"([$\\])", r'<span class="no-math">\1</span>', escapeHtml(tokens[idx].content))

    md.add_render_rule("text", text)
    return md


_MD = _parser()


def _cut(text: str) -> str:
    """At most MAX_CHARS characters, lone surrogates (not text, and not encodable) replaced."""
    text = _SURROGATE.sub("\ufffd", str(text or ""))
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - len(_CUT)] + _CUT


def _clean(html: str) -> str:
    return nh3.clean(html, tags=_TAGS, allowed_classes=_CLASSES, attributes=_ATTRIBUTES,
                     url_schemes=_SCHEMES, link_rel="noopener noreferrer nofollow",
                     strip_comments=True)


@lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Block HTML (paragraphs, lists, display math) of a prose text, sanitized."""
    return _clean(_MD.render(_cut(text))).strip()


@lru_cache(maxsize=4096)
def to_inline_html(text: str) -> str:
    """Inline HTML of a one-paragraph text (a hint inside a sentence): no
    paragraphs or lists; line breaks as in the source become spaces."""
    return _clean(_MD.renderInline(_cut(text))).strip()


# -- finding the math in a text (for the terminal and for checks) ---------------------------

# a code span, $$...$$, or $...$ as the parser reads it: a non-space after the opening $,
# a non-space before the closing one, no digit right after it
_SPAN = re.compile(r"(`+)(?:.+?)\1|\$\$(?:.+?)\$\$|(?<![\\$])\$(?=[^\s$])(?:\\.|[^$\\])*?(?<=[^\s\\])\$(?!\d)", re.S)


def math_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every code span ("code"), inline math ("math")
    and display math ("display") in ``text``."""
    out = []
    for m in _SPAN.finditer(text):
        s = m.group(0)
        kind = "code" if s.startswith("`") else "display" if s.startswith("$$") else "math"
        out.append((m.start(), m.end(), kind))
    return out


# -- the terminal ------------------------------------------------------------------------------

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "sum": "Σ", "prod": "Π", "int": "∫", "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓",
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "~",
    "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫", "in": "∈", "notin": "∉", "subset": "⊂",
    "subseteq": "⊆", "cup": "∪", "cap": "∩", "emptyset": "∅", "forall": "∀", "exists": "∃",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "iff": "⇔", "mapsto": "↦",
    "infty": "∞", "partial": "∂", "nabla": "∇", "top": "ᵀ", "intercal": "ᵀ", "dagger": "†",
    "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "circ": "∘", "star": "⋆", "ast": "∗",
    "ldots": "…", "cdots": "⋯", "dots": "…", "vdots": "⋮", "ddots": "⋱",
    "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖", "|": "‖", "langle": "⟨", "rangle": "⟩",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "{": "{", "}": "}", "%": "%", "$": "$",
    "_": "_", "&": "&", "#": "#", "quad": "  ", "qquad": "    ", ",": " ", ";": " ", ":": " ", "!": "",
    " ": " ", "left": "", "right": "", "big": "", "Big": "", "bigg": "", "Bigg": "", "bigl": "",
    "bigr": "", "Bigl": "", "Bigr": "", "displaystyle": "", "limits": "", "nolimits": "",
    "ell": "ℓ", "hbar": "ħ", "prime": "′", "neg": "¬", "land": "∧", "lor": "∨", "mid": "|",
    "setminus": "∖", "perp": "⊥", "parallel": "∥", "angle": "∠", "degree": "°",
}
_NAMED = {"log", "ln", "exp", "max", "min", "sup", "inf", "arg", "argmax", "argmin", "sin", "cos", "tan",
          "tanh", "sinh", "cosh", "det", "tr", "lim", "sgn", "Pr", "dim", "ker", "deg", "gcd", "mod", "bmod"}
_FONTS = {"mathbb": {"R": "ℝ", "E": "𝔼", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ", "1": "𝟙"}}
_WORD = {"operatorname", "mathrm", "text", "textrm", "textit", "mathit", "mathbf", "boldsymbol", "bm",
         "mathcal", "mathsf", "mathtt", "textbf", "mbox", "mathbb", "operatorname*"}
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305", "tilde": "\u0303",
            "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308", "vec": "\u20d7"}
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
_SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡ"))
_SUP["ᵀ"] = "ᵀ"
_SUP["′"] = "′"
_SUB["−"], _SUP["−"] = _SUB["-"], _SUP["-"]  # the reader writes a minus as − before it looks a script up
# symbols that read as a letter: a space after one, before a letter, only ends its name
_LETTERS = {name for name, sym in _SYMBOLS.items() if "α" <= sym <= "ω" or "Γ" <= sym <= "Ω"} - {"sum", "prod"} | {
    "partial", "nabla", "ell", "hbar"}
# a matrix or cases environment: its rows on one line, between its delimiters
_ENVIRONMENT = re.compile(r"\\begin\{(p|b|v|V|B|small|)(matrix|cases|aligned|array)\}(?:\{[^}]*\})?(.*?)"
                          r"\\end\{\1\2\}", re.S)
_DELIMITERS = {"p": ("(", ")"), "b": ("[", "]"), "v": ("|", "|"), "V": ("‖", "‖"), "B": ("{", "}")}


class _Tex:
    """A small reader of the LaTeX byhand writes, for the terminal: not a
    typesetter, only readable Unicode text."""

    def __init__(self, s: str):
        self.s, self.i = s, 0

    def group(self) -> str:
        """The next argument: {…}, a command, or one character."""
        s = self.s
        while self.i < len(s) and s[self.i] == " ":
            self.i += 1
        if self.i >= len(s):
            return ""
        if s[self.i] == "{":
            depth, j = 0, self.i
            while j < len(s):
                depth += {"{": 1, "}": -1}.get(s[j], 0)
                if s[j] == "\\":
                    j += 1
                elif depth == 0:
                    break
                j += 1
            inner, self.i = s[self.i + 1:j], j + 1
            return _Tex(inner).run()
        if s[self.i] == "\\":
            return self.command()
        self.i += 1
        return s[self.i - 1]

    def command(self) -> str:
        s = self.s
        env = _ENVIRONMENT.match(s, self.i)
        if env:
            self.i = env.end()
            return _environment(env)
        m = re.compile(r"\\([A-Za-z]+\*?|.)").match(s, self.i)
        if not m:
            self.i += 1
            return "\\"
        self.i = m.end()
        name = m.group(1)
        if name in _SYMBOLS:
            after = re.compile(r" +(?=\w)").match(s, self.i)
            if name in _LETTERS and after:  # a letter follows: \lambda I is λI, \sigma = 1 keeps its spaces
                self.i = after.end()
            return _SYMBOLS[name]
        if name in _NAMED:
            return "mod" if name == "bmod" else name
        if name == "frac" or name in ("dfrac", "tfrac"):
            a, b = self.group(), self.group()
            return f"{_paren(a)}/{_paren(b)}"
        if name == "sqrt":
            return "√" + _paren(self.group())
        if name in _FONTS:
            arg = self.group()
            return "".join(_FONTS[name].get(ch, ch) for ch in arg)
        if name in _WORD:
            return self.group()
        if name in _ACCENTS:
            arg = self.group()
            return arg + _ACCENTS[name] if len(arg) == 1 else arg
        return name  # an unknown command: its name, readable enough

    def script(self, table: dict, mark: str) -> str:
        arg = self.group()
        if arg and all(ch in table for ch in arg):
            return "".join(table[ch] for ch in arg)
        return mark + (arg if len(arg) == 1 else f"({arg})")

    def run(self) -> str:
        out = []
        while self.i < len(self.s):
            ch = self.s[self.i]
            if ch == "_":
                self.i += 1
                out.append(self.script(_SUB, "_"))
            elif ch == "^":
                self.i += 1
                out.append(self.script(_SUP, "^"))
            elif ch in "{}":
                self.i += 1
                if ch == "{":
                    self.i -= 1
                    out.append(self.group())
            elif ch == "\\":
                out.append(self.command())
            elif ch == "-":
                self.i += 1
                out.append("−")
            elif ch == "&":
                self.i += 1
            else:
                self.i += 1
                out.append(ch)
        return re.sub(r" {2,}(?! )", "  ", "".join(out)) if out else ""


def _paren(s: str) -> str:
    s = s.strip()
    atom = r"[\w.′\u0300-\u036f]+|[^\s]|√?\(.*\)|\|[^|]*\||‖[^‖]*‖|√[\w.\u0300-\u036f]+"
    return s if re.fullmatch(atom, s) and s.count("(") == s.count(")") else f"({s})"


def _environment(m: re.Match) -> str:
    """A matrix as (a b; c d), cases as {a, x > 0; b, otherwise: rows on one line."""
    kind = "cases" if m.group(2) == "cases" else "matrix"
    left, right = ("{", "") if kind == "cases" else _DELIMITERS.get(m.group(1), ("", ""))
    rows = [r for r in re.split(r"\\\\(?:\[[^]]*\])?", m.group(3)) if r.strip()]
    cells = ", " if kind == "cases" else " "
    text = "; ".join(cells.join(_Tex(c).run().strip() for c in row.split("&")) for row in rows)
    return f"{left}{text}{right}"


def tex_to_unicode(tex: str) -> str:
    """LaTeX math as plain Unicode text: ``\\sqrt{d_k}`` → ``√dₖ``."""
    parts, at = [], 0
    for env in _ENVIRONMENT.finditer(tex):  # a line break \\ is a space, except between an environment's rows
        parts += [tex[at:env.start()].replace("\\\\", " "), env.group(0)]
        at = env.end()
    tex = "".join(parts) + tex[at:].replace("\\\\", " ")
    return re.sub(r"\s+", " ", _Tex(tex).run()).strip()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


@lru_cache(maxsize=1024)
def to_terminal(text: str) -> str:
    """The prose as Markdown for Rich's ``Markdown``: math converted to
    Unicode (display math on a line of its own), Markdown kept."""
    text = _cut(text)
    out, last = [], 0
    for start, end, kind in math_spans(text):
        out.append(text[last:start])
        if kind == "code":
            out.append(text[start:end])
        else:
            tex = text[start + 2:end - 2] if kind == "display" else text[start + 1:end - 1]
            plain = _MD_SPECIAL.sub(r"\\\1", tex_to_unicode(tex))
            out.append(f"\n\n{plain}\n\n" if kind == "display" else plain)
        last = end
    out.append(text[last:])
    return re.sub(r"\n{3,}", "\n\n", "".join(out)).strip()


@lru_cache(maxsize=1024)
def to_plain(text: str) -> str:
    """The prose as plain text, for output that is not Markdown (``str()`` of
    a verdict): math as Unicode, code, emphasis and links without their marks
    (a link's address after its text), a blank line between paragraphs, and
    ``- `` or ``1. `` before a list item."""
    out: list[str] = []
    depth = 0
    for tok in _MD.parse(_cut(text)):
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            out.append("" if depth else "\n")
        elif kind == "list_item_open":
            out.append("  " * (depth - 1) + (f"{tok.info}{tok.markup} " if tok.info else "- "))
        elif kind == "inline":
            out.append(_plain_inline(tok.children or []))
        elif kind == "paragraph_close":
            out.append("\n" if tok.hidden else "\n\n")
        elif kind == "math_block":
            out.append(tex_to_unicode(tok.content) + "\n\n")
        elif kind in ("code_block", "fence"):
            out.append("".join(f"    {line}\n" for line in tok.content.rstrip("\n").split("\n")) + "\n")
        elif kind == "hr":
            out.append("---\n\n")
    return re.sub(r"\n{3,}", "\n\n", "".join(out)).strip()


def _plain_inline(children) -> str:
    parts: list[str] = []
    links: list[tuple[int, str]] = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            parts.append(tok.content)
        elif tok.type in ("math_inline", "math_inline_double"):
            parts.append(tex_to_unicode(tok.content))
        elif tok.type == "softbreak":
            parts.append(" ")
        elif tok.type == "hardbreak":
            parts.append("\n")
        elif tok.type == "link_open":
            links.append((len(parts), str(tok.attrs.get("href", ""))))
        elif tok.type == "link_close" and links:
            start, href = links.pop()
            if href and href != "".join(parts[start:]):
                parts.append(f" ({href})")
    return "".join(parts)
