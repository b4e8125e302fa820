"""Large texts: the finding stage's regexes run by RE2 through pyarrow.compute.

RE2 scans in C++ and never backtracks, so a 2 MB article is split and triaged without a Python
step per sentence. The patterns here mean exactly what the `re` patterns in text.py and check.py
mean (tests/claims/test_finding.py checks both paths give the same answer); every function returns
None where it cannot promise that, and the caller takes the pure-Python path.
"""

from __future__ import annotations

from functools import lru_cache

# Below this many characters the pure-Python path is as fast, and pyarrow need not be imported.
FAST_MIN = 200_000

# White space as Python's `\s` and str.isspace() see it, spelled out: RE2's `\s` is ASCII only.
_WS = "[" + "".join(f"\\x{{{c:x}}}" for c in range(0x3001) if chr(c).isspace()) + "]"
_CLOSERS = "[\"'\\x{201d}\\x{2019})\\]]"
# The union of text._END and text._BLANK_LINE: a full stop, ! or ? (closing quotes and brackets
# allowed) before white space, or a blank line; with all the white space that follows.
_BREAK = f"([.!?]{_CLOSERS}*{_WS}{_WS}*|\\n[ \\t\\r]*\\n{_WS}*)"
# text._BULLET_LINE: a list item at the start of a line (RE2 has no look-ahead: the item's
# marker is captured and written back after the break).
_BULLET = "(\\n[ \\t]*)((?:[-*\\x{2022}\\x{b7}\\x{25aa}\\x{2013}]|\\d{1,2}[.)])[ \\t])"
_MARK = "\x00"


@lru_cache(maxsize=1)
def _compute():
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow is a dependency; stay correct without it
        return None
    return pa, pc


def _strings(values: list[str]):
    """(pyarrow.compute, VALUES as an Arrow array), or None: no pyarrow, or text Arrow cannot hold
    (lone surrogates are not UTF-8)."""
    lib = _compute()
    if lib is None:
        return None
    pa, pc = lib
    try:
        return pc, pa.array(values, type=pa.large_string())
    except (UnicodeEncodeError, pa.ArrowInvalid):
        return None


def break_ends(text: str) -> list[int] | None:
    """End offsets of every sentence break in TEXT (text._END and text._BLANK_LINE together)."""
    ready = None if len(text) < FAST_MIN or _MARK in text else _strings([text])
    if ready is None:
        return None
    pc, arr = ready
    # Mark each break's end, split there, and add up the pieces' lengths in code points.
    marked = pc.replace_substring_regex(arr, pattern=_BREAK, replacement="\\1" + _MARK)
    marked = pc.replace_substring_regex(marked, pattern=_BULLET,
                                        replacement="\\1" + _MARK + "\\2")
    pieces = pc.list_flatten(pc.split_pattern(marked, _MARK))
    ends = pc.cumulative_sum(pc.utf8_length(pieces)).to_pylist()
    return ends[:-1]  # the last piece is what follows the last break


def matching(folded: str, spans: list[tuple[int, int]], pattern: str) -> list[int] | None:
    """Indices of the SPANS of FOLDED in which PATTERN (a plain alternation of literals, the same
    in `re` and RE2) occurs."""
    ready = None if len(folded) < FAST_MIN else _strings([folded[s:e] for s, e in spans])
    if ready is None:
        return None
    pc, pieces = ready
    return pc.indices_nonzero(pc.match_substring_regex(pieces, pattern)).to_pylist()
