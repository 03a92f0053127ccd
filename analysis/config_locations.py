"""Where each key and string of a TOML document is written: the lines config errors point at.

`tomllib` gives values without positions. `locate(text)` scans a document
(one `tomllib` accepted: it does not validate) and records the line of
every key path: tables and arrays of tables (`[tool.graphwarden]`,
`[[guarantees]]`, numbered: ``("guarantees", 2, "rule")``), dotted and
quoted keys (`enrichers.calls`, `"import-cycle"`), keys inside inline
tables and arrays of inline tables (`contracts = [{ name = "x" }]`), and
array elements. For each string value it also records the line every line
of the decoded string comes from, escapes (`\\n`), line-ending backslashes
and the newline TOML drops after an opening `'''` or `\"\"\"` included, so an
error at line 3 of a Datalog rule points at the file line holding it.

Invariants: the scan is iterative (nesting costs no Python stack), always
moves forward, and never raises, whatever the text.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

#: A key's path from the document's root: names, and indices into arrays.
KeyPath = tuple[str | int, ...]

_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SIMPLE_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "e": "\x1b",
}
#: Where a scalar (number, boolean, date) ends.
_SCALAR_END = frozenset(",]}#\n")


@dataclass
class Locations:
    """The lines (1-based) of a document's keys and of its strings' lines."""

    keys: dict[KeyPath, int] = field(default_factory=dict)
    #: For a string value: the file line of each line of the decoded string.
    strings: dict[KeyPath, list[int]] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int:
        """The line of `path`, else of its nearest written ancestor; 0 if none is written."""
        for end in range(len(path), 0, -1):
            line = self.keys.get(path[:end])
            if line is not None:
                return line
        return 0

    def string_line(self, path: KeyPath, inner: int) -> int:
        """The file line of line `inner` (1-based) of the string at `path` (its key's line if
        unknown)."""
        lines = self.strings.get(path)
        if not lines:
            return self.line(path)
        return lines[min(max(inner, 1), len(lines)) - 1]


@dataclass
class _Frame:
    """An array or inline table being scanned."""

    kind: str  # "array" | "table"
    path: KeyPath
    index: int = 0


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.lineno = 1
        self.out = Locations()
        #: Arrays of tables (resolved path) -> index of their last table.
        self.arrays: dict[KeyPath, int] = {}

    # -- characters ---------------------------------------------------------------------

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.text[j] if j < self.n else ""

    def advance(self, k: int = 1) -> None:
        end = min(self.i + k, self.n)
        self.lineno += self.text.count("\n", self.i, end)
        self.i = end

    def skip_blank(self, *, newlines: bool) -> None:
        """Spaces and tabs; with `newlines`, also line ends and comments."""
        while self.i < self.n:
            c = self.text[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self.advance()
            elif newlines and c == "#":
                end = self.text.find("\n", self.i)
                self.advance((self.n if end == -1 else end) - self.i)
            else:
                return

    def skip_line(self) -> None:
        end = self.text.find("\n", self.i)
        self.advance((self.n if end == -1 else end + 1) - self.i)

    def record(self, path: KeyPath, line: int) -> None:
        self.out.keys.setdefault(path, line)

    # -- keys ---------------------------------------------------------------------------

    def simple_key(self) -> str | None:
        c = self.peek()
        if c == '"':
            return self.string(None)
        if c == "'":
            return self.string(None)
        start = self.i
        while self.i < self.n and self.text[self.i] in _BARE_KEY:
            self.i += 1
        return self.text[start : self.i] if self.i > start else None

    def key(self) -> tuple[str, ...] | None:
        parts: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            part = self.simple_key()
            if part is None:
                return tuple(parts) if parts else None
            parts.append(part)
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.advance()

    # -- strings ------------------------------------------------------------------------

    def string(self, path: KeyPath | None) -> str:
        """Scan the string at the cursor; record its lines under `path`; return its value."""
        text = self.text
        if text.startswith('"""', self.i) or text.startswith("'''", self.i):
            quote = text[self.i]
            self.advance(3)
            # A newline right after the opening quotes is not part of the value.
            if text.startswith("\r\n", self.i):
                self.advance(2)
            elif self.peek() == "\n":
                self.advance()
            return self._string_body(quote, multiline=True, path=path)
        quote = self.peek()
        self.advance()
        return self._string_body(quote, multiline=False, path=path)

    def _string_body(self, quote: str, *, multiline: bool, path: KeyPath | None) -> str:
        text = self.text
        basic = quote == '"'
        chars: list[str] = []
        lines = [self.lineno]
        while self.i < self.n:
            c = text[self.i]
            if c == quote and (not multiline or text.startswith(quote * 3, self.i)):
                if multiline:
                    run = 3
                    while self.peek(run) == quote and run < 5:
                        run += 1
                    chars.append(quote * (run - 3))  # up to two quotes end the content
                    self.advance(run)
                else:
                    self.advance()
                break
            if c == "\n" and not multiline:
                break  # not valid TOML: stop at the line's end
            if basic and c == "\\":
                self._escape(chars, lines, multiline=multiline)
                continue
            if c == "\n":
                chars.append("\n")
                self.advance()
                lines.append(self.lineno)
                continue
            if c == "\r" and self.peek(1) == "\n":
                self.advance()  # CRLF is one line end in the value
                continue
            chars.append(c)
            self.advance()
        if path is not None:
            self.out.strings.setdefault(path, lines)
        return "".join(chars)

    def _escape(self, chars: list[str], lines: list[int], *, multiline: bool) -> None:
        nxt = self.peek(1)
        if nxt in _SIMPLE_ESCAPES:
            chars.append(_SIMPLE_ESCAPES[nxt])
            self.advance(2)
            if nxt == "n":
                lines.append(self.lineno)  # a line of the value on the same file line
            return
        if nxt in ("u", "U"):
            width = 4 if nxt == "u" else 8
            digits = self.text[self.i + 2 : self.i + 2 + width]
            with contextlib.suppress(ValueError, OverflowError):
                chars.append(chr(int(digits, 16)))
            self.advance(2 + width)
            return
        if multiline:
            # A line-ending backslash: the line end and the blanks after it vanish.
            j = self.i + 1
            while j < self.n and self.text[j] in " \t":
                j += 1
            if j < self.n and self.text[j] in "\r\n":
                self.advance(j - self.i)
                self.skip_blank(newlines=True)
                return
        chars.append("\\")
        self.advance()

    # -- values -------------------------------------------------------------------------

    def value(self, path: KeyPath, frames: list[_Frame]) -> None:
        """Scan the value at the cursor: scalars and strings now, containers as frames."""
        c = self.peek()
        if c == "[":
            self.advance()
            frames.append(_Frame("array", path))
        elif c == "{":
            self.advance()
            frames.append(_Frame("table", path))
        elif c in ('"', "'"):
            self.string(path)
        else:
            start = self.i
            while self.i < self.n and self.text[self.i] not in _SCALAR_END:
                self.i += 1
            if self.i == start and self.i < self.n:
                self.advance()  # always move forward

    def containers(self, frames: list[_Frame]) -> None:
        """Scan arrays and inline tables until the outermost one is closed."""
        while frames and self.i < self.n:
            frame = frames[-1]
            before = (self.i, len(frames))
            self.skip_blank(newlines=True)
            c = self.peek()
            if c in "]}":
                self.advance()
                frames.pop()
            elif c == ",":
                self.advance()
                frame.index += 1
            elif frame.kind == "array":
                element = (*frame.path, frame.index)
                self.record(element, self.lineno)
                self.value(element, frames)
            else:
                line = self.lineno
                parts = self.key()
                if parts is None:
                    self.advance()
                    continue
                full = (*frame.path, *parts)
                for end in range(len(frame.path) + 1, len(full) + 1):
                    self.record(full[:end], line)
                self.skip_blank(newlines=False)
                if self.peek() == "=":
                    self.advance()
                self.skip_blank(newlines=False)
                self.value(full, frames)
            if (self.i, len(frames)) == before:
                self.advance()

    # -- statements ---------------------------------------------------------------------

    def resolve(self, parts: tuple[str, ...]) -> KeyPath:
        """A header's path, through the last table of each array of tables on the way."""
        out: KeyPath = ()
        for part in parts:
            out = (*out, part)
            if out in self.arrays:
                out = (*out, self.arrays[out])
        return out

    def header(self) -> KeyPath:
        line = self.lineno
        array = self.text.startswith("[[", self.i)
        self.advance(2 if array else 1)
        parts = self.key() or ()
        self.skip_blank(newlines=False)
        self.advance(2 if array and self.text.startswith("]]", self.i) else 1)
        if not array:
            base = self.resolve(parts)
            for end in range(1, len(base) + 1):
                self.record(base[:end], line)
            return base
        table = (*self.resolve(parts[:-1]), *parts[-1:])
        index = self.arrays.get(table, -1) + 1
        self.arrays[table] = index
        for end in range(1, len(table) + 1):
            self.record(table[:end], line)
        self.record((*table, index), line)
        return (*table, index)

    def run(self) -> Locations:
        base: KeyPath = ()
        while self.i < self.n:
            before = self.i
            self.skip_blank(newlines=True)
            if self.i >= self.n:
                break
            if self.peek() == "[":
                base = self.header()
                self.skip_line()
                continue
            line = self.lineno
            parts = self.key()
            if parts is None:
                self.skip_line()
                continue
            full = (*base, *parts)
            for end in range(len(base) + 1, len(full) + 1):
                self.record(full[:end], line)
            self.skip_blank(newlines=False)
            if self.peek() == "=":
                self.advance()
                self.skip_blank(newlines=False)
                frames: list[_Frame] = []
                self.value(full, frames)
                self.containers(frames)
            if self.i == before:
                self.advance()
        return self.out


def nesting_past(text: str, limit: int) -> int:
    """The line where arrays and inline tables first nest deeper than `limit` (0: never).

    `tomllib` parses nested values recursively: a hostile document nested
    thousands deep would exhaust Python's stack. Strings and comments are
    skipped; the text need not be valid TOML.
    """
    depth = 0
    line = 1
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == "#":
            end = text.find("\n", i)
            i = n if end == -1 else end
            continue
        elif c in "\"'":
            triple = text.startswith(c * 3, i)
            close = c * 3 if triple else c
            j = i + len(close)
            while j < n and not text.startswith(close, j):
                if text[j] == "\\" and c == '"':
                    j += 1
                elif text[j] == "\n" and not triple:
                    break
                j += 1
            end = min(j + len(close), n)
            line += text.count("\n", i, end)
            i = end
            continue
        elif c in "[{":
            depth += 1
            if depth > limit:
                return line
        elif c in "]}":
            depth = max(depth - 1, 0)
        i += 1
    return 0


def locate(text: str) -> Locations:
    """The lines of every key and string value of a TOML document."""
    return _Scanner(text).run()
