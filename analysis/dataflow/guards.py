"""What a branch condition proves about a variable, besides the guard models.

The packs' guard models (``kind = "guard"``: ``if url_has_allowed_host_and_scheme(u):``)
and allowlists (``if x in ("a", "b"):``) are applied by the engine. The checks
here are the ones safe code writes by hand, which a model cannot express
because what they prove depends on a constant or on what was done to the
value before:

* a regular expression the whole value must match (``re.fullmatch(P, x)``,
  ``re.match(r"^...$", x)``, a compiled pattern's ``fullmatch``; JS
  ``/^[a-z]+$/.test(x)``): the value is safe for every class if the pattern
  allows neither ``.`` nor ``/``, and for every class but path traversal and
  open redirect otherwise; a pattern that lets almost any character through
  (an unescaped ``.``, a negated class, ``\\S``) proves nothing, and one that
  allows a character a class's attack needs (``;``, a quote, a newline for a
  shell command) proves nothing for that class;
* a path made absolute and normal (``os.path.realpath``, ``abspath``,
  ``normpath``, ``Path.resolve()``; Node's ``path.resolve``) then checked to
  lie under a directory (``p.startswith(BASE)``, ``p.is_relative_to(BASE)``,
  ``os.path.commonpath([p, BASE]) == BASE``): safe for path
  traversal. Without the normalisation ``../`` still escapes, so the check
  alone proves nothing;
* ``".." in name`` (JS ``name.includes("..")``) false: safe for path
  traversal; ``ALLOWED.includes(x)`` (JS) true: ``x`` is one of the constants;
* a URL whose host is empty (``not urlparse(u).netloc``) or one the code
  names (``urlparse(u).netloc == HOST``), or that starts with a prefix fixing
  the host (``u.startswith("/accounts/")``), or with ``/`` and not with
  ``//`` (two checks, remembered as flags on the value), or that a pattern
  matches whole whose every match is ``/`` then no second slash or
  backslash (``/(?:[\\w-][\\w/-]*)?``): safe for open redirect.

A call that never returns (``abort(403)``, ``sys.exit()``) ends its branch
like ``return`` and ``raise`` do, so the checks above hold after an
``if not CHECK: abort(...)``. The same checks made in a helper count at its
call (the engine's summaries: a validator's effect on its argument, a check
function's result).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TypeGuard

from graphwarden.analysis.dataflow import ir
from graphwarden.analysis.dataflow.models import CLASSES
from graphwarden.analysis.dataflow.url_prefix import URL_CLASSES, constant_fixes_host
from graphwarden.analysis.dataflow.values import ALL, Taint, Val, deep_taint, sanitize_val

#: Flags a value carries once a check or a call proved something about it.
NORMALIZED_PATH = "normalized-path"
STARTS_WITH_SLASH = "starts-with-slash"
NOT_PROTOCOL_RELATIVE = "not-protocol-relative"

PATH_CLASSES = frozenset({"path-traversal"})
#: Every class but those where `.` and `/` are the attack.
BUT_PATHS = frozenset(CLASSES) - PATH_CLASSES - URL_CLASSES

#: Calls whose result is a normalised absolute path.
PATH_NORMALIZERS = frozenset(
    {
        "os.path.realpath",
        "os.path.abspath",
        "os.path.normpath",
        "posixpath.realpath",
        "posixpath.abspath",
        "posixpath.normpath",
        # Node's path module: `resolve` makes absolute and normal, `normalize` normal.
        "path.resolve",
        "path.normalize",
        "path.posix.resolve",
        "path.posix.normalize",
    }
)
#: Joins of path pieces: the result ends with a separator only when the last
#: piece does (`os.path.join(ROOT, user)`), so as a prefix it admits
#: `/srv/home/alice2/...` for `/srv/home/alice` (`JOINED_PATH`).
PATH_JOINS = frozenset({"os.path.join", "posixpath.join", "path.join", "path.posix.join"})
#: A value a path join made whose last piece ends without a separator.
JOINED_PATH = "joined-path"
#: A label's mark: a check proved its text climbs no directory (``".." in name``
#: false). It is safe for path traversal (`safe_for`), but not as a piece after
#: the first of a join that starts again at an absolute piece
#: (`os.path.join(ROOT, "/etc/passwd")` is `/etc/passwd`), unless its text is also
#: known not to start with `/` (`NOT_ABSOLUTE`, or `/` taken out of it).
NO_PARENT = "@no-parent"
NO_PARENT_STEPS = frozenset({NO_PARENT})
NOT_ABSOLUTE = "@not-absolute"
#: A label's mark: a check proved its text, read as a host name, is a host the
#: code allows (`host.endsWith(".example.com")` in a check function). Safe for
#: nothing by itself (the same text as a whole URL may go anywhere); a caller that
#: passed a URL's host (`isOurHost(url.hostname)`) reads it as a check of that URL.
ALLOWED_HOST = "@allowed-host"
#: A label's mark: a check proved its text holds none of the characters that end
#: a URL's host or start another (`fullmatch(r"[a-z0-9.-]+", host)`). Safe for
#: nothing by itself; with `ALLOWED_HOST` (`host.endswith(".example.com")`) the
#: text, placed as a URL's host, is a host under the code's domain (`settled`):
#: each proof alone admits `evil.net/.example.com` or `evil.example.com.evil.net`.
HOST_NAME_CHARS = "@host-name-chars"
#: What ends a host or starts another in a URL (a WHATWG parser decodes `%` in a
#: host; whitespace is refused, or stripped where a test could not see it).
_HOST_BREAKS = frozenset("/\\?#@:%") | frozenset(" \t\n\r\f\v")
#: Joins of path pieces that start again at an absolute piece (Node's `path.join`
#: does not: it only concatenates); so does pathlib's `/` (the engine's division).
RESTARTING_JOINS = frozenset(
    {"os.path.join", "posixpath.join", "path.resolve", "path.posix.resolve"}
)
#: `commonpath([p, BASE]) == BASE`: a normalised `p` lies under BASE.
COMMON_PATH = frozenset({"os.path.commonpath", "posixpath.commonpath"})
#: `os.path.dirname(p) == BASE`: a normalised `p` is a name right inside BASE.
PATH_DIRNAMES = frozenset(
    {"os.path.dirname", "posixpath.dirname", "path.dirname", "path.posix.dirname"}
)
#: Methods with the same effect (`Path(...).resolve()`, `.absolute()` does not normalise).
PATH_NORMALIZING_METHODS = frozenset({"resolve"})

#: Calls that never return: the branch ends there.
NO_RETURN = frozenset(
    {
        "flask.abort",
        "quart.abort",
        "sanic.exceptions.abort",
        # Bottle's `abort` and `redirect` raise an HTTP response.
        "bottle.abort",
        "bottle.redirect",
        "werkzeug.exceptions.abort",
        # Flask-RESTful's and Flask-RESTX's `abort` raise too.
        "flask_restful.abort",
        "flask_restx.abort",
        "werkzeug.abort",
        "sys.exit",
        "os._exit",
        "os.abort",
        "exit",
        "quit",
        "process.exit",
        # Koa's `ctx.throw(400, "...")` throws an HTTP error.
        "koa.Context.throw",
        # Streamlit's `st.stop()` ends the script's run.
        "streamlit.stop",
        # gRPC's `context.abort(code, details)` raises to end the call.
        "grpc.ServicerContext.abort",
        "grpc.ServicerContext.abort_with_status",
    }
)

#: Regular-expression calls: qualified name -> (argument holding the subject, whole match).
REGEX_CALLS = {
    "re.fullmatch": (1, True),
    "re.match": (1, False),
    "re.search": (1, False),
    "regex.fullmatch": (1, True),
    "regex.match": (1, False),
    "regex.search": (1, False),
}
#: Calls that compile a pattern (their result's methods are below).
REGEX_COMPILERS = frozenset({"re.compile", "regex.compile"})
#: A compiled pattern's methods: method -> whole match.
REGEX_METHODS = {"fullmatch": True, "match": False, "search": False}

#: Prefix checks: Python's `startswith`, JS's `startsWith`, pathlib's `is_relative_to`.
PREFIX_METHODS = frozenset({"startswith", "startsWith", "is_relative_to"})


def regex_classes(pattern: str | None, full: bool, search: bool) -> frozenset[str] | None:
    """The classes a successful match of `pattern` against the whole value makes
    safe (None: the match does not cover the whole value, or nothing is known).

    `full`: the call matches the whole string (`fullmatch`); otherwise the
    pattern must anchor itself (`$` or `\\Z` at the end; for `search`, `^` or
    `\\A` at the start too). A match of the start only proves what the start
    does: a literal start that fixes a URL's host. An unknown pattern of a
    `fullmatch` still proves the value has a shape the code chose.
    """
    if pattern is None:
        return BUT_PATHS if full else None
    if not full:
        if search and not pattern.startswith(("^", "\\A")):
            return None
        alternatives = _top_level_alternatives(pattern)
        if len(alternatives) > 1 and any(
            not alt.endswith(("$", "\\Z")) or (search and not alt.startswith(("^", "\\A")))
            for alt in alternatives
        ):
            # `^pdf|csv|xlsx$`: `^` holds only of the first alternative and `$` of
            # the last; any text holding `csv` (or starting with `pdf`) matches.
            return None
        if not pattern.endswith(("$", "\\Z")) or pattern.endswith("\\$"):
            # Only the value's start matched (`/^https:\\/\\/api\\.example\\.com\\//.test(u)`):
            # a start that fixes the host is all the URL classes ask.
            start = _literal_prefixes(pattern)
            return URL_CLASSES if all(constant_fixes_host(h) for h in start) else None
    heads, rest = _literal_heads(pattern)
    fixed = all(constant_fixes_host(h) for h in heads) or (
        all(_HOST_ONLY.match(h) for h in heads) and _path_or_end(rest)
    )
    host = URL_CLASSES if fixed else frozenset()
    chars = _chars_safe_for(pattern, whole=True)
    return (chars | host) if chars else (host or None)


def match_classes(pattern: str) -> frozenset[str] | None:
    """The classes the text a match of `pattern` found (the match, any of its groups:
    `m.group(1)`, `const [, a, b] = RE.exec(s)`) is safe for, anchored or not: it
    holds only characters the pattern lets through. Unlike `regex_classes`, no
    host nor local path follows (a group of `^https://a\\.com/(\\w+)$` is no URL)."""
    return _chars_safe_for(pattern, whole=False)


def group_classes(pattern: str) -> list[frozenset[str] | None]:
    """Per capturing group of `pattern`, in order, the classes what it captured is
    safe for: a group of literal choices (`(<=|>=|==)`) holds one of them, any
    other only the characters it lets through (`([a-z]+)`); None: nothing known."""
    out: list[frozenset[str] | None] = []
    for inner, _named in capture_groups(pattern) or []:
        if _literal_choices(inner) is not None:
            out.append(ALL)
        else:
            out.append(_chars_safe_for(inner, whole=False))
    return out


def capture_groups(pattern: str) -> list[tuple[str, bool]] | None:
    """Each capturing group of `pattern`, in the order they open: its pattern (after
    a name) and whether it is named; None when a group is not closed."""
    out: list[tuple[str, bool]] = []
    for i in _syntax_positions(pattern):
        if pattern[i] != "(":
            continue
        end = group_end(pattern[i:])
        if end < 0:
            return None
        inner = pattern[i + 1 : i + end]
        named = _NAMED_GROUP.match(inner)
        if named is not None:
            out.append((inner[named.end() :], True))
        elif not inner.startswith("?"):  # `(?:...)`, a lookaround: captures nothing
            out.append((inner, False))
    return out


#: A named group's opening (`?<name>`, `?P<name>`; not a lookbehind).
_NAMED_GROUP = re.compile(r"\?P?<(?![=!])\w+>")


def _chars_safe_for(pattern: str, whole: bool) -> frozenset[str] | None:
    """The classes a text made only of the characters `pattern` lets through is safe
    for (`whole`: the text is the whole match, so a local path's shape counts)."""
    wide, dots, specials, names, climbs, seps = _pattern_reach(pattern)
    if wide:
        # `.`, `[^;]`, `\\S`: almost any character passes, so the check proves nothing.
        return None
    safe = BUT_PATHS if dots else ALL
    if dots and not climbs and (not seps or (whole and _relative_start(pattern))):
        # `^v\d+\.\d+$`, `^[a-z0-9_-]+\.csv$`: one file name, its dots literal and
        # never two in a row, no separator: it names a file under any folder.
        # With separators, a relative path that never climbs (`[a-z0-9]+(?:/[a-z0-9]+)*`).
        safe = frozenset(CLASSES) - URL_CLASSES
    elif (
        dots
        and not seps
        and "\\" not in specials
        and whole
        and (_undotted_first(pattern) or _named_end(pattern))
    ):
        # `^[\w-][\w .-]{0,120}$`: one name with no separator that cannot be `.` or
        # `..` (its first character is no dot, or its last a letter: `^[\w.-]+\.csv$`):
        # `a..b` is a file's name, not a climb.
        safe = frozenset(CLASSES) - URL_CLASSES
    if whole and dots and _local_path(pattern):
        # `/(?:[\w-][\w/-]*)?`: a path of this site, never `//host` or `/\\host`.
        safe = safe | URL_CLASSES
    unsafe = frozenset(cls for cls, chars in _BREAKS_OUT.items() if specials & chars)
    if not names and not specials & _QUOTES:
        # `[0-9+*/() ]+`: arithmetic. Code that can spell no name and no string
        # reaches nothing: parentheses and operators alone call nothing.
        unsafe -= {"code-injection"}
    if not specials & _HOST_BREAKS and safe is not ALL:
        # `^[a-z0-9.-]+$`: read as a host, it ends where it is placed.
        safe = safe | {HOST_NAME_CHARS}
    if not unsafe:
        return safe
    # `^[a-z ;]+$`: a character the class's attack needs passes (`;` ends a command).
    left = (safe if safe is not ALL else frozenset(CLASSES)) - unsafe
    if left and "<" not in specials:
        # `^[\p{L}\s'-]+$` lets `'` through, but no `<`: between tags, as HTML text,
        # no tag can start (`settled`).
        left |= {_TAKEN_OUT + "<"}
    if left:
        # `https://[\w.-]+(?:/[\w.~-]*)*` lets `/` through (an XPath step), but no
        # quote: inside a literal between that quote it cannot end it (`quoted`).
        left |= {_TAKEN_OUT + c for c in "'\"\\" if c not in specials}
    return left or None


#: An absolute URL up to the end of its host (`https://docs.example.com`).
_HOST_ONLY = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#\\@:]+$")


def _path_or_end(rest: str) -> bool:
    """Whether what a whole match has after its literal head (`rest`, the pattern's
    remainder) is nothing or starts a path: `https://docs\\.example\\.com` then
    `(?:/[\\w./-]*)?` ends the host (`.evil.net` or `@evil.net` cannot follow)."""
    rest = rest.removesuffix("$").removesuffix("\\Z") if not rest.endswith("\\$") else rest
    if rest == "" or rest.startswith(("/", "\\/")):
        return True
    if not rest.startswith("("):
        return False
    end = group_end(rest)
    if end < 0:
        return False
    inner = rest[1:end].removeprefix("?:")
    if not inner.startswith(("/", "\\/")) or any(inner[i] == "|" for i in _syntax_positions(inner)):
        return False
    after = rest[end + 1 :]
    # An optional path must end the match; a required one starts whatever follows.
    return after in ("?", "") or (not _optional(after) and not after.startswith("+"))


def _literal_prefixes(pattern: str) -> list[str]:
    """The texts every match of an anchored `pattern` starts with (its literal head:
    `https://hooks\\.slack\\.com/services/[\\w/-]+` -> `https://hooks.slack.com/services/`),
    one per choice of its optional characters (`https?://a\\.b/` -> `http://a.b/` and
    `https://a.b/`); [""] when an alternation could choose another start."""
    return _literal_heads(pattern)[0]


def _literal_heads(pattern: str) -> tuple[list[str], str]:
    """`_literal_prefixes`, and the rest of the pattern after the literal head.

    A group of literal choices is each of them (`(?:www|shop)\\.example\\.com`,
    and an optional one, `(?:www\\.)?`, with and without it); an alternation
    outside a group could start anywhere."""
    p = pattern[2:] if pattern.startswith("\\A") else pattern.removeprefix("^")
    if any(p[j] == "|" and _depth_at(p, j) == 0 for j in _syntax_positions(p)):
        return [""], p
    heads = [""]
    i = 0
    while i < len(p):
        c = p[i]
        if c == "(":
            end = group_end(p[i:])
            choices = _literal_choices(p[i + 1 : i + end]) if end > 0 else None
            after = p[i + end + 1 : i + end + 2] if end > 0 else ""
            if choices is None or (after and after in "*+{"):
                break
            if after == "?":
                choices = ["", *choices]
            if len(heads) * len(choices) > _MAX_PREFIX_CHOICES:
                break
            heads = [h + x for h in heads for x in choices]
            i += end + 1 + (after == "?")
            continue
        if c == "\\" and i + 1 < len(p) and not p[i + 1].isalnum():
            lit, step = p[i + 1], 2
        elif c.isalnum() or c in ":/-_=&%@~,;!'\"<> #":
            lit, step = c, 1
        else:
            break
        after = p[i + step : i + step + 1]
        if after == "?" and len(heads) * 2 <= _MAX_PREFIX_CHOICES:
            # `s?`: the head with it and without it.
            heads = [h + x for h in heads for x in ("", lit)]
            i += step + 1
            continue
        if after and after in "?*{":
            break  # the character may be left out (or repeated: `/+` is still `/`)
        heads = [h + lit for h in heads]
        i += step
    return heads, p[i:]


def _depth_at(p: str, j: int) -> int:
    """How many groups are open at position `j` of `p`."""
    depth = 0
    for i in _syntax_positions(p[:j]):
        depth += {"(": 1, ")": -1}.get(p[i], 0)
    return depth


def _literal_choices(inner: str) -> list[str] | None:
    """The texts a group (its inside, `?:` allowed) of literal alternatives matches
    (`?:www|shop` -> `www`, `shop`; `?:www\\.` -> `www.`); None when a choice
    is more than literal characters."""
    inner = inner.removeprefix("?:")
    if inner.startswith("?"):
        return None  # a lookaround or a named group
    out: list[str] = []
    for alt in inner.split("|"):
        text: list[str] = []
        i = 0
        while i < len(alt):
            c = alt[i]
            if c == "\\" and i + 1 < len(alt) and not alt[i + 1].isalnum():
                text.append(alt[i + 1])
                i += 2
            elif c.isalnum() or c in ":/-_=&%@~,;!'\"<> #":
                text.append(c)
                i += 1
            else:
                return None
        out.append("".join(text))
    return out


#: How many heads a pattern's optional characters and groups of literal
#: choices may expand to (`_literal_prefixes`).
_MAX_PREFIX_CHOICES = 8


#: Escapes that may name a local path's second character: letters, digits, `_`, `-`, `.`.
_PATH_CHAR_ESCAPES = ("\\w", "\\d", "\\-", "\\.", "\\_")


def _local_path(pattern: str) -> bool:
    """Whether every whole match of `pattern` is a path of this site: `/` first,
    then nothing or a character that is no slash, backslash or whitespace
    (browsers drop a tab inside a URL: `/\\t/evil.example` is `//evil.example`),
    as a class says or a lookahead (`/(?!/)[\\w/-]*`). No alternation (`/[a-z]+|.*`
    would let anything through)."""
    p = pattern.removeprefix("\\A").removeprefix("^")
    if p.startswith("\\/"):
        p = p[2:]
    elif p.startswith("/"):
        p = p[1:]
    else:
        return False
    if "|" in p and not _named_sections(p):
        return False
    if _no_slash_lookahead(p):
        # `/(?!/)[...]`: the second character is no slash, whatever the class lets
        # through later; the class must still hold no backslash nor whitespace.
        p = p[group_end(p) + 1 :]
        if p in ("", "$", "\\Z"):
            return True
        found = _class_at(p)
        if found is None or not p.startswith("[") or p.startswith("[^"):
            return False
        inner, after = found
        if not _plain_path_chars(inner, slash=True):
            return False
        # (An optional query string may follow the path: it cannot change where
        # the path points.)
        return _ends_here(after.lstrip("*+?"))
    return _plain_first(p, may_end=True)


#: An optional query string closing a pattern: `(?:\?[...]*)?` (or a capturing
#: group), then its end.
_OPTIONAL_QUERY = re.compile(r"\((?:\?:)?\\\?\[([^\]]*)\][*+]?\)\?(?:\$|\\Z)?")


#: What ends a pattern's match.
_MATCH_ENDS = ("", "$", "\\Z")


def _plain_first(p: str, may_end: bool) -> bool:
    """Whether every match of `p` starts with a character that is no slash,
    backslash nor whitespace: a letter, a digit, an escape of such (`\\w`) or
    a class of such, which may not match nothing. `may_end`: the match may
    end there instead (`/(?:[a-z]+)?` and `/[\\w-]*$` may be `/` alone, a
    path too; `/[a-z]*/x` may be `//x`). A group it starts with is read inside."""
    while p.startswith("("):
        close = group_end(p)
        if close < 0 or (
            _optional(p[close + 1 :]) and not (may_end and _ends_here(p[close + 2 :]))
        ):
            return False
        p = p[3:] if p.startswith("(?:") else p[1:]
    if p in _MATCH_ENDS:
        return may_end
    if p[:1].isalnum() or p.startswith(_PATH_CHAR_ESCAPES):
        return not _optional(p[1 if p[:1].isalnum() else 2 :])
    if not p.startswith("[") or p.startswith("[^"):
        return False
    found = _class_at(p)
    if found is None:
        return False
    inner, after = found
    if _optional(after) and not (may_end and _ends_here(after[1:])):
        return False
    return _plain_path_chars(inner, slash=False)


def _ends_here(rest: str) -> bool:
    r"""Whether a pattern's match ends at `rest`, or goes on only with an optional
    query string (`(?:\?[\w=&%.-]*)?$`: `/?page=2` is a path of this site too)."""
    if rest in _MATCH_ENDS:
        return True
    query = _OPTIONAL_QUERY.fullmatch(rest)
    return query is not None and _plain_path_chars(query.group(1), slash=True)


def _undotted_first(pattern: str) -> bool:
    r"""Whether every whole match of `pattern` starts with a letter, a digit, `_` or
    `-` (`\w`, `[\w-]`, `[a-z0-9]`): never a dot. No alternation at its start."""
    p = _consuming(pattern).removeprefix("\\A").removeprefix("^")
    if p[:1].isalnum() or p.startswith(("\\w", "\\d", "_")):
        return not _optional(p[1 if not p.startswith("\\") else 2 :])
    found = _class_at(p) if p.startswith("[") and not p.startswith("[^") else None
    if found is None:
        return False
    inner, after = found
    chars = _class_chars(inner.replace("\\w", "").replace("\\d", ""))
    return (
        chars is not None
        and "." not in chars
        and "/" not in chars
        and "\\" not in chars
        and not _optional(after)
    )


def _named_end(pattern: str) -> bool:
    r"""Whether every whole match of `pattern` ends with a letter or a digit the
    pattern writes out (`^[\w.-]+\.csv$`): never `.` nor `..`. No alternation."""
    p = _consuming(pattern)
    for end in ("\\Z", "\\z", "$"):
        p = p.removesuffix(end)
    return "|" not in p and p[-1:].isalnum() and p[-2:-1] not in ("\\", "{", ",")


def _relative_start(pattern: str) -> bool:
    r"""Whether every whole match of `pattern` starts with a character that is no
    slash nor backslash (a relative path: `[a-z0-9]+(?:/[a-z0-9-]+)*`), as its
    first element says (`_plain_first`). No alternation but inside a group that
    does not start it (`[\w-]+(?:/[\w-]+)*\.(?:css|png)`)."""
    p = _consuming(pattern).removeprefix("\\A").removeprefix("^")
    depth = 0
    for j in _syntax_positions(p):
        if p[j] == "(":
            if j == 0 and group_end(p) > 0 and "|" in p[: group_end(p)]:
                return False
            depth += 1
        elif p[j] == ")":
            depth -= 1
        elif p[j] == "|" and depth == 0:
            return False
    return _plain_first(p, may_end=False)


def _named_sections(p: str) -> bool:
    """Whether the only alternation of `p` (what follows a path's first `/`) is a
    group it starts with whose every choice starts with a letter or a digit:
    `(dashboard|settings|billing)(/[\\w-]+)*`."""
    if not p.startswith("("):
        return False
    close = group_end(p)
    if close < 0 or "|" in p[close + 1 :] or _optional(p[close + 1 :]):
        return False
    choices = _top_level_alternatives(p[1:close].removeprefix("?:"))
    return bool(choices) and all(
        c[:1].isalnum() and not _optional(c[1:]) and "|" not in c for c in choices
    )


def _no_slash_lookahead(p: str) -> bool:
    """Whether `p` starts with a negative lookahead of one character that is never a
    slash: `(?!/)`, `(?!\\/)`, or a class holding one (`(?![/\\\\])`, `(?![\\/\\\\])`)."""
    if not p.startswith("(?!"):
        return False
    close = group_end(p)
    inner = p[3:close] if close > 0 else ""
    if inner in ("/", "\\/"):
        return True
    found = _class_at(inner) if inner.startswith("[") and not inner.startswith("[^") else None
    return found is not None and found[1] == "" and ("/" in found[0].replace("\\/", "/"))


def _class_at(p: str) -> tuple[str, str] | None:
    """The inside of the character class `p` starts with, and what follows it."""
    inner, i = "", 1
    while i < len(p) and p[i] != "]":
        step = 2 if p[i] == "\\" else 1
        inner += p[i : i + step]
        i += step
    return (inner, p[i + 1 :]) if i < len(p) else None


def _plain_path_chars(inner: str, slash: bool) -> bool:
    """Whether a class's characters hold no backslash, no whitespace and (unless
    `slash`) no slash: letters, digits and `_-.~` as written or escaped."""
    for esc in _PATH_CHAR_ESCAPES:
        inner = inner.replace(esc, "")
    if slash:
        inner = inner.replace("\\/", "").replace("/", "")
    if "\\" in inner or "/" in inner or any(c.isspace() for c in inner):
        return False
    # A range may span a slash or a backslash (`!-~`).
    return not any(
        any(ord(lo) <= ord(c) <= ord(hi) for c in "/\\") for lo, hi in re.findall(r"(.)-(.)", inner)
    )


def starts_with_slash(pattern: str | None, anchored: bool) -> bool:
    """Whether a match of `pattern` (`anchored`: at the value's start, as
    `re.match` is; otherwise only with `^` or `\\A`) starts with `/`."""
    if pattern is None or "|" in pattern:
        return False
    if pattern.startswith(("^", "\\A")):
        pattern = pattern[1:] if pattern[0] == "^" else pattern[2:]
    elif not anchored:
        return False
    return pattern.startswith(("/", "\\/")) and not _optional(
        pattern[1 if pattern[0] == "/" else 2 :]
    )


def _optional(rest: str) -> bool:
    """Whether the element before `rest` may match nothing (`*`, `?`, `{0,...}`)."""
    return rest[:1] in ("*", "?") or rest.startswith("{0")


def _top_level_alternatives(p: str) -> list[str]:
    """`p` split at its `|` outside groups and classes (one item: no alternation;
    none: its groups do not close)."""
    out, start, depth = [], 0, 0
    for i in _syntax_positions(p):
        c = p[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(p[start:i])
            start = i + 1
    out.append(p[start:])
    return out if depth == 0 else []


def _syntax_positions(p: str) -> Iterator[int]:
    """The positions of `p`'s characters outside escapes and character classes: the
    pattern's own syntax (groups, alternations, quantifiers) and its literals."""
    i, in_class = 0, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            yield i
        i += 1


def group_end(p: str) -> int:
    """The index of the `)` closing the group `p` opens (-1: none)."""
    depth = 0
    for i in _syntax_positions(p):
        if p[i] == "(":
            depth += 1
        elif p[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


REGEX_CLASSES = frozenset({"regex-injection"})


def escapes_regex(pattern: str) -> bool:
    """Whether a replacement of `pattern` by `\\$&` escapes the metacharacters that
    make a pattern slow: a character class naming at least `*`, `+`, `?`, `(`, `)`."""
    return (
        pattern.startswith("[")
        and pattern.endswith("]")
        and not pattern.startswith("[^")
        and all(c in pattern for c in "*+?()")
    )


def removal_classes(pattern: str, replacement: str = "") -> frozenset[str] | None:
    """The classes a removal of every match of `pattern` makes safe, when the
    pattern is one negated character class (`[^a-z0-9]`, `[^\\w]+`): what is left
    is made of the class's characters, as `fullmatch("[a-z0-9]*")` would prove;
    or one plain class of characters (`[<>&"']`): what is left has none of them,
    so it is safe for each class whose attacks need one of them. A negated
    class's matches replaced by a constant (`slug.replace(/[^a-z0-9]+/g, "-")`)
    leave the class's characters and the replacement's."""
    body = pattern[:-1] if pattern.endswith(("+", "*")) else pattern
    if not (body.startswith("[") and body.endswith("]")) or body.count("[") != 1:
        return None
    if replacement:
        if not body.startswith("[^") or len(body) < 4 or body.endswith("\\]"):
            return None
        extra = "".join("\\" + c if not c.isalnum() else c for c in sorted(set(replacement)))
        return regex_classes("[" + body[2:-1] + extra + "]*", True, False)
    if not body.startswith("[^"):
        removed = _class_chars(body[1:-1])
        if not removed:
            return None
        return frozenset(c for c, needs in _REMOVAL_NEEDS.items() if needs <= removed) or None
    inner = body[2:-1]
    if not inner or inner.endswith("\\"):
        return None
    return regex_classes("[" + inner + "]*", True, False)


#: A character reference (`&lt;`, `&#39;`, `&#x27;`): what an HTML escape writes.
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
#: A label's mark: this character was taken out of its data (a replacement).
_TAKEN_OUT = "taken-out:"
#: The mark of data placed as HTML text (`text_escaped`).
_IN_TEXT = "in-html-text"
#: The mark of data placed inside a tag or a raw-text element (`in_markup`): it is
#: not text wherever the whole lands, until `<` is taken out of the whole.
_IN_MARKUP = "in-html-markup"
#: The mark of data placed between two of a quote (`"'" + v + "'"`): where the
#: quote is taken out of it too, before or later (a caller's check: `settled`),
#: it cannot leave the literal.
_IN_QUOTES = "in-quotes:"
#: The mark of data encoded as JSON text (`json_encoded`).
_JSON = "json-encoded"
_REGEX_SYNTAX = frozenset(".^$|?*+()[]{}\\")


def replaced_chars(pattern: object, literal: bool) -> frozenset[str]:
    """The characters every match of a replacement's pattern is one of: one
    character (`"<"`, `/</g`, `/\\$/g`) or a plain class of them (`/[<>&]/g`);
    empty when the pattern is anything else."""
    if not isinstance(pattern, str) or not pattern:
        return frozenset()
    if literal:
        return frozenset(pattern) if len(pattern) == 1 else frozenset()
    body = pattern[:-1] if _ends_with_quantifier(pattern) else pattern
    if len(body) == 1 and body not in _REGEX_SYNTAX:
        return frozenset(body)
    if len(body) == 2 and body[0] == "\\" and not body[1].isalnum():
        return frozenset(body[1])
    plain_class = body.startswith("[") and body.endswith("]") and not body.startswith("[^")
    if plain_class and body.count("[") == 1:
        return _class_chars(body[1:-1]) or frozenset()
    return frozenset()


def _ends_with_quantifier(pattern: str) -> bool:
    """Whether a pattern ends with `+` or `*` that repeats what is before it (not an
    escaped one: `/\\*/g` matches a `*`)."""
    if len(pattern) < 2 or not pattern.endswith(("+", "*")):
        return False
    slashes = len(pattern[:-1]) - len(pattern[:-1].rstrip("\\"))
    return slashes % 2 == 0


def brings_none_back(texts: list[str], removed: frozenset[str]) -> bool:
    """Whether writing each of `texts` for a match puts none of the `removed`
    characters back (character references and escapes of a code aside: `&lt;`
    for `<`, `\\28` for `(` in an LDAP filter, `\\x27` in a string literal)."""
    return all(not set(without_escapes(t)) & removed for t in texts)


def without_escapes(text: str) -> str:
    """`text` without its character references and code escapes (`&lt;`, `\\28`,
    `\\x27`): the characters it writes as themselves."""
    return _CODE_ESCAPE.sub("", _ENTITY.sub("", text))


#: A character written as an escape of its code (`\5c`, `\x27`, `&#39;` aside).
_CODE_ESCAPE = re.compile(r"\\(?:x?[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")


def translated_out(table: dict[str, str | None]) -> frozenset[str]:
    """The characters a `str.translate` table (`str.maketrans({"<": "&lt;"})`) takes
    out of a text: each it deletes, writes as a reference or an escape of its code
    (`"\\5c"` for a backslash in an LDAP filter), or replaces with text that brings
    none of the table's characters back."""
    removed = frozenset(table)
    return frozenset(
        c
        for c, text in table.items()
        if text is None or _CODE_ESCAPE.fullmatch(text) or brings_none_back([text], removed)
    )


#: Elements whose content is not HTML text (a `<` escaped does not keep data
#: from being code or markup there).
_RAW_TEXT = re.compile(
    r"<(script|style|textarea|title|xmp|iframe|noscript|noembed|template)\b", re.I
)


def html_text_context(page: str) -> bool:
    """Whether text appended to `page` (the constant HTML written so far) lands
    between tags, as text: every `<` is closed by a `>`, the page has started
    a tag (so it is HTML, not a query or a command), and no raw-text element
    (`<script>`, `<style>`) is open. In `<textarea>` and `<title>` (escapable raw
    text: entities are read, no tag starts but their own end tag, which needs a
    `<`) text lands as text too."""
    opened = _open_element(page)
    return opened is not None and (opened[0] == "" or opened[0] in _ESCAPABLE_RAW_TEXT)


#: Raw-text elements whose text is read with its entities (HTML's "escapable raw
#: text"): data without `<` stays their text.
_ESCAPABLE_RAW_TEXT = frozenset({"textarea", "title"})


def _open_element(page: str) -> tuple[str, int] | None:
    """Where text appended to `page` lands: None inside a tag (or before any);
    ("", -1) between tags; (name, where its start tag ends) in a raw-text
    element opened and not closed since (`<script>`, `<style>`)."""
    lt = page.rfind("<")
    if lt < 0 or page.rfind(">") < lt:
        return None
    opened = None
    for m in _RAW_TEXT.finditer(page):
        opened = m
    if opened is None:
        return ("", -1)
    name = opened.group(1).lower()
    if page.lower().rfind("</" + name) > opened.start():
        return ("", -1)
    return (name, page.find(">", opened.start()) + 1)


#: Functions that write `<`, `>`, `&` and both quotes as entities: what they
#: return is safe as HTML text and as a quoted attribute's value (`in_attribute`).
HTML_ESCAPERS = frozenset(
    {"html.escape", "markupsafe.escape", "markupsafe.Markup.escape", "jinja2.escape"}
    | {"django.utils.html.escape", "django.utils.html.conditional_escape"}
    | {"tornado.escape.xhtml_escape", "escape-html", "he.encode", "he.escape"}
    | {"validator.escape", "lodash.escape", "lodash/escape", "lodash-es.escape"}
    | {"underscore.escape", "html-escaper.escape"}
)
#: Functions that keep an HTML fragment's harmless markup and write quotes as
#: they are: safe between tags, not inside an attribute.
HTML_CLEANERS = frozenset(
    {"bleach.clean", "sanitize-html", "sanitizeHtml", "DOMPurify.sanitize"}
    | {"dompurify.sanitize", "dompurify().sanitize", "isomorphic-dompurify.sanitize"}
    | {"isomorphic-dompurify.default.sanitize", "xss", "xss.filterXSS"}
    | {"xss.FilterXSS().process"}
)
#: The marks of data such functions returned.
HTML_ESCAPED = "html-escaped"
HTML_CLEANED = "html-cleaned"
#: The mark of data placed where an HTML escape does not protect it (an unquoted
#: attribute's value, an event handler, a style): a function's parameter so
#: placed (`value=${code}` in `couponPage(code)`) is unsafe even if the caller
#: escaped what it passed (`after_call`).
_ESCAPE_VOID = "escape-void"


def in_attribute(t: Taint, page: str) -> Taint:
    """Labels placed inside a tag (`page`: the constant HTML written so far): an
    escaped value is safe in a quoted attribute's value only. Unquoted (`<div
    class={v}>`: a space starts another attribute), in an event handler or a
    style (`onclick="go('{v}')"`: entities are decoded before the script runs),
    or cleaned markup in any attribute (its quotes are as they came), it is not.
    (An escaped URL at the start of an `href` may be `javascript:...`: not
    judged, the code's checks of a scheme are not read.)"""
    if not t:
        return t
    found = _attribute_at_end(page)
    if found is None:
        return t
    name, quote = found
    decoded = name.startswith("on") or name in ("style", "srcdoc")
    out: Taint = {}
    for (origin, san), hops in t.items():
        escaped = HTML_ESCAPED in san or HTML_CLEANED in san
        if "xss" in san and escaped and (not quote or decoded or HTML_ESCAPED not in san):
            san = (san - {"xss"}) | {_ESCAPE_VOID}
        elif not escaped and "xss" not in san and (not quote or decoded):
            san = san | {_ESCAPE_VOID}
        out.setdefault((origin, san), hops)
    return out


def _attribute_at_end(page: str) -> tuple[str, str] | None:
    """Where text appended to `page` (which ends inside a tag) lands: (the
    attribute's name, its quote or "" for an unquoted value); None outside an
    attribute's value."""
    tag = page[page.rfind("<") + 1 :]
    n = len(tag)
    i = 0
    while i < n and not tag[i].isspace() and tag[i] not in "/>":
        i += 1  # the tag's name
    while i < n:
        if tag[i] == ">":
            return None  # the tag ended
        if tag[i].isspace() or tag[i] == "/":
            i += 1
            continue
        j = i
        while j < n and not tag[j].isspace() and tag[j] not in "=/>":
            j += 1
        if j == i:
            j += 1  # a stray `=`: no name
        name = tag[i:j].lower()
        k = j
        while k < n and tag[k].isspace():
            k += 1
        if k >= n or tag[k] != "=":
            if k >= n:
                return None
            i = k
            continue
        k += 1
        while k < n and tag[k].isspace():
            k += 1
        if k >= n:
            return name, ""
        if tag[k] in "\"'":
            end = tag.find(tag[k], k + 1)
            if end < 0:
                return name, tag[k]
            i = end + 1
            continue
        end = k
        while end < n and not tag[end].isspace() and tag[end] != ">":
            end += 1
        if end >= n:
            return name, ""
        i = end
    return None


#: JavaScript's URI encoders keep `'` (and `(`, `)`, `!`, `*`): their output is
#: safe as HTML text and in a double-quoted attribute or string, not after a `'`.
#: (Python's `urllib.parse.quote` writes `'` as `%27`.)
URI_ENCODERS_KEEPING_QUOTE = frozenset({"encodeURIComponent", "encodeURI", "querystring.escape"})
#: The mark of data such a function returned.
URI_ENCODED = "uri-encoded"


def uri_encoded_after_quote(t: Taint, page: str) -> Taint:
    """Labels placed after `page` (the constant HTML so far): URI-encoded data
    (`URI_ENCODED`) that lands where a `'` ends what it is in is not safe for
    XSS. That is a string literal a `'` opened in a `<script>` (`var u =
    '/s?q=${encodeURIComponent(q)}'`: `';alert(1)//`), an attribute value a `'`
    opened, or an event handler's (`onclick="go('${...}')"`: its entities are
    decoded before the script runs), or a script's code outside a literal."""
    if not any(URI_ENCODED in san and "xss" in san for _, san in t):
        return t
    where = _open_element(page)
    if where is not None and where[0] == "script":
        # (Outside a literal too: `var n = ${...}` runs `alert(1)`.)
        exposed = _string_quote_at_end(page[where[1] :]) in ("", "'")
    else:
        found = _attribute_at_end(page) if where is None else None
        exposed = found is not None and (found[1] == "'" or found[0].startswith("on"))
    if not exposed:
        return t
    out: Taint = {}
    for (origin, san), hops in t.items():
        if URI_ENCODED in san and HTML_ESCAPED not in san and _JSON not in san:
            # (Made JSON text after: its own quotes hold it, `in_script`.)
            san = san - {"xss"}
        out.setdefault((origin, san), hops)
    return out


def _string_quote_at_end(code: str) -> str:
    """The quote of the string literal open at the end of a script's `code` ("" outside
    one; comments are not read)."""
    quote = ""
    i = 0
    while i < len(code):
        c = code[i]
        if quote and c == "\\":
            i += 2
            continue
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'`":
            quote = c
        i += 1
    return quote


def text_escaped(t: Taint) -> Taint:
    """Labels placed as HTML text (between tags): marked so (`_IN_TEXT`), and those
    whose data had `<` taken out (`take_out`) are safe for XSS: no tag can start.
    The mark keeps the place for what is taken out later, or before it in a
    caller (`frag(text_only(x))` with `def frag(x): return f"<p>{x}</p>"`:
    `settled`)."""
    out: Taint = {}
    for (origin, san), hops in t.items():
        out.setdefault((origin, settled(san | {_IN_TEXT})), hops)
    return out


def in_markup(t: Taint) -> Taint:
    """Labels placed inside a tag or a raw-text element: `<` taken out no longer
    makes them text (`text_escaped` must not count it where the whole lands)."""
    gone = {_TAKEN_OUT + "<", _IN_TEXT}
    out: Taint = {}
    for (origin, san), hops in t.items():
        out.setdefault((origin, (san - gone) | {_IN_MARKUP}), hops)
    return out


def after_call(before: frozenset[str], inside: frozenset[str]) -> frozenset[str]:
    """A label's marks once a call's summary applied its own (`inside`) to what the
    caller's data carried (`before`): `<` taken out inside takes the markup the
    caller had put around it along (`escape("<b title=" + q + ">")`)."""
    if _TAKEN_OUT + "<" in inside and _IN_MARKUP in before:
        before = before - {_IN_MARKUP}
    if (
        _ESCAPE_VOID in inside
        and "xss" not in inside
        and (HTML_ESCAPED in before or HTML_CLEANED in before)
    ):
        # Escaped by the caller, placed by the callee where that does not protect.
        before = before - {"xss"}
    return settled(before | inside)


def at_html_sink(san: frozenset[str]) -> frozenset[str]:
    """A label's marks where it reaches an HTML sink (a response's body, `innerHTML`):
    what is written there starts as HTML text, so data without `<` that no
    markup around it placed inside a tag is safe (`res.send(escapeText(q))`)."""
    return settled(san | {_IN_TEXT})


def starts_no_element(san: frozenset[str]) -> bool:
    """Whether data with these marks, written into HTML that starts a page, can start
    no element: escaped for HTML, or with `<` taken out, and not put inside a
    tag by markup around it. (Cleaned markup keeps its elements: an `<img>` a
    cleaner lets through still loads.)"""
    san = at_html_sink(san)
    return _IN_MARKUP not in san and (HTML_ESCAPED in san or _TAKEN_OUT + "<" in san)


def script_context(page: str) -> bool:
    """Whether text appended to `page` lands as code inside a `<script>` element,
    outside a string literal the page opened (`window.__STATE__ = ` then the
    data; not `var s = "` then the data, where JSON's own quotes end the page's)."""
    where = _open_element(page)
    if where is None or where[0] != "script":
        return False
    code = re.sub(r"\\.", "", page[where[1] :])
    return all(code.count(q) % 2 == 0 for q in "\"'`")


def cut_from_start(t: Taint) -> Taint:
    """Labels of a piece cut after a text's start (`hash.slice(PREFIX.length)`):
    what a check of the start proved of the whole (`startsWith("#/")`: a fragment,
    no URL of another site) is not true of the rest."""
    out: Taint = {}
    for (origin, san), hops in t.items():
        kept = san if "*" in san else san - URL_CLASSES
        out.setdefault((origin, kept), hops)
    return out


def json_encoded(t: Taint) -> Taint:
    """Labels made JSON text (`JSON.stringify`, `json.dumps`): a string's quotes
    and backslashes are escaped; `<` is not (`</script>` still ends the script)."""
    out: Taint = {}
    for (origin, san), hops in t.items():
        out.setdefault((origin, settled(san | {_JSON})), hops)
    return out


def in_script(t: Taint) -> Taint:
    """Labels placed as code in a script (`script_context`): JSON text without
    `<` is a literal there, safe for XSS; anything else is as in markup."""
    out: Taint = {}
    for (origin, san), hops in t.items():
        if _JSON in san and _TAKEN_OUT + "<" in san:
            out.setdefault((origin, san | {"xss"}), hops)
        else:
            out.update(in_markup({(origin, san): hops}))
    return out


def put_back(v: Val, chars: frozenset[str]) -> Val:
    """`v` with `chars` written back into its data: what was taken out of it
    (`take_out`) is no longer gone."""
    back = {_TAKEN_OUT + c for c in chars}
    out: Taint = {}
    for (origin, san), hops in deep_taint(v).items():
        out.setdefault((origin, san - back if san & back else san), hops)
    return Val(out, v.consts, qn=v.qn, cls=v.cls, flags=v.flags)


def quoted(t: Taint, quote: str) -> Taint:
    """Labels placed between two `quote`s: a value without that quote cannot leave
    the literal, which is all an XPath string literal needs (it has no escapes);
    an SQL string also needs no backslash (MySQL's escape); a shell's single
    quotes keep everything literal but `'`, also when each `'` was written as
    `'\\''` (close, an escaped quote, open again: `SHELL_QUOTE_ESCAPED`)."""
    out: Taint = {}
    for (origin, san), hops in t.items():
        out.setdefault((origin, settled(san | {_IN_QUOTES + quote})), hops)
    return out


def _quoted_safe(san: frozenset[str]) -> frozenset[str]:
    """What data placed between quotes (`_IN_QUOTES`) is safe for, by what was taken
    out of it (`quoted`)."""
    for quote in ("'", '"'):
        if _IN_QUOTES + quote not in san:
            continue
        if _TAKEN_OUT + quote in san:
            san = san | {"xpath-injection"}
            if _TAKEN_OUT + "\\" in san:
                san = san | {"sql-injection"}
        if quote == "'" and (_TAKEN_OUT + "'" in san or SHELL_QUOTE_ESCAPED in san):
            san = san | {"command-injection"}
    return san


#: Functions that quote a value as one shell word (`'...'`, each `'` escaped).
SHELL_QUOTERS = frozenset(
    {"shlex.quote", "shlex.join", "pipes.quote", "shell-quote.quote", "shell-escape"}
)
#: The mark of data such a function quoted (`requoted` takes its safety back).
SHELL_QUOTED = "shell-quoted"


def requoted(t: Taint) -> Taint:
    """Labels of shell-quoted data placed inside quotes the command opened: the
    quoting function's quotes close and reopen those, so its safety is gone."""
    out: Taint = {}
    for (origin, san), hops in t.items():
        if SHELL_QUOTED in san:
            san = san - {SHELL_QUOTED, "command-injection"}
        out.setdefault((origin, san), hops)
    return out


def shell_quote_after(text: str) -> str | None:
    """The shell quote (`'` or `"`) `text` leaves open: single quotes keep
    everything literal, a backslash escapes the next character outside them."""
    open_quote: str | None = None
    i = 0
    while i < len(text):
        c = text[i]
        if open_quote == "'":
            if c == "'":
                open_quote = None
        elif c == "\\":
            i += 1
        elif open_quote == '"':
            if c == '"':
                open_quote = None
        elif c in "'\"":
            open_quote = c
        i += 1
    return open_quote


#: The mark of data whose every `'` was written as `'\\''` or `'"'"'`: placed
#: between single quotes, a shell reads it as it is.
SHELL_QUOTE_ESCAPED = "shell-quote-escaped"
#: Those replacements of `'`.
SHELL_QUOTE_ESCAPES = frozenset({"'\\''", "'\"'\"'"})


def safe_for(san: frozenset[str], cls: str) -> bool:
    """Whether a label with these marks is made safe for `cls`."""
    return "*" in san or cls in san or (cls == "path-traversal" and NO_PARENT in san)


def restarted(t: Taint) -> Taint:
    """`t` as a piece after the first of a join that starts again at an absolute
    piece: a label only proved to climb no directory may be `/etc/passwd`."""
    out: Taint = {}
    for (origin, san), hops in t.items():
        if NO_PARENT in san and NOT_ABSOLUTE not in san and _TAKEN_OUT + "/" not in san:
            san = san - {NO_PARENT}
        out.setdefault((origin, san), hops)
    return out


def mark(v: Val, name: str) -> Val:
    """`v` with `name` added to every label of its data (and what it proves with
    the label's other marks: `settled`)."""
    return v.replace(taint={(o, settled(san | {name})): h for (o, san), h in v.taint.items()})


def settled(san: frozenset[str]) -> frozenset[str]:
    """A label's marks once a place and a removal meet: data without `<`, as HTML
    text, is safe for XSS; data without a quote, between two of it, stays a
    literal (`quoted`)."""
    if _IN_TEXT in san and _TAKEN_OUT + "<" in san and "xss" not in san and _IN_MARKUP not in san:
        san = san | {"xss"}
    if any(m.startswith(_IN_QUOTES) for m in san):
        san = _quoted_safe(san)
    if ALLOWED_HOST in san and HOST_NAME_CHARS in san and not san >= URL_CLASSES:
        san = san | URL_CLASSES
    return san


def checked(v: Val, classes: frozenset[str]) -> Val:
    """`v` after a check proved it safe for `classes` (and gave it their marks),
    with what those marks and its earlier ones prove together (`settled`)."""
    out: Taint = {}
    for (origin, san), hops in deep_taint(v).items():
        out.setdefault((origin, settled(san | classes)), hops)
    return Val(out, v.consts, qn=v.qn, cls=v.cls, flags=v.flags)


def take_out(v: Val, chars: frozenset[str]) -> Val:
    """`v` with `chars` taken out of its data: each label remembers what was
    taken out of it (chained replacements add up, a label joined in later has
    none), and is safe for each class whose attack needs only those."""
    out: Taint = {}
    for (origin, san), hops in deep_taint(v).items():
        marks = san | {_TAKEN_OUT + c for c in chars}
        if "<" in chars:
            # (The markup around it went with it: the whole is text now.)
            marks -= {_IN_MARKUP}
        # (So did the quotes around it: it is no literal's now.)
        marks -= {_IN_QUOTES + c for c in chars}
        gone = {m[len(_TAKEN_OUT) :] for m in marks if m.startswith(_TAKEN_OUT)}
        marks |= {cls for cls, needs in _REMOVAL_NEEDS.items() if needs <= gone}
        out.setdefault((origin, settled(frozenset(marks))), hops)
    return Val(out, v.consts, qn=v.qn, cls=v.cls, flags=v.flags)


#: Escapes in a character class that stand for one character.
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "f": "\f", "v": "\v"}
_HEX = frozenset("0123456789abcdefABCDEF")


def _class_chars(inner: str) -> frozenset[str] | None:
    """The characters a plain character class lists (`&<>"'`, `\\'`, `a-z`); None
    when it uses an escape that names a set (`\\w`, `\\s`)."""
    chars: list[str] = []
    i = 0
    while i < len(inner):
        ch = inner[i]
        if ch == "\\":
            if i + 1 >= len(inner):
                return None
            nxt = inner[i + 1]
            if nxt in _CHAR_ESCAPES:
                # `\n`, `\0`: one character, not a set.
                chars.append(_CHAR_ESCAPES[nxt])
                i += 2
                continue
            if nxt in "xu":
                width = 2 if nxt == "x" else 4
                digits = inner[i + 2 : i + 2 + width]
                if len(digits) != width or any(c not in _HEX for c in digits):
                    return None
                chars.append(chr(int(digits, 16)))
                i += 2 + width
                continue
            if nxt.isalnum():
                return None
            chars.append(nxt)
            i += 2
            continue
        if ch == "-" and chars and i + 1 < len(inner):
            lo, hi = chars[-1], inner[i + 1]
            chars.extend(chr(c) for c in range(ord(lo) + 1, ord(hi) + 1))
            i += 2
            continue
        chars.append(ch)
        i += 1
    return frozenset(chars)


#: What removing characters must take away for a value to be safe per class
#: (an HTML text needs no backtick: the classic five of an escape are enough).
_REMOVAL_NEEDS: dict[str, frozenset[str]] = {
    "xss": frozenset("<>\"'&"),
    "sql-injection": frozenset("'\";\\`"),
    "command-injection": frozenset(";|&$`<>()'\"\\\n"),
    # RFC 4515: a value can leave its assertion only with these (`&|=!<>~`
    # are operators only outside one).
    "ldap-injection": frozenset("*()\\"),
    "xpath-injection": frozenset("'\"[]()=|*/"),
}


#: Characters an attack of each class needs (beyond `.`, `/` and `\\`, which
#: `_pattern_reach` counts for paths and URLs): a check that lets one through
#: does not make the value safe for that class.
_BREAKS_OUT: dict[str, frozenset[str]] = {
    "command-injection": frozenset(";|&$`<>()'\"\\\n"),
    "sql-injection": frozenset("'\";\\`"),
    "xss": frozenset("<>\"'`&"),
    "code-injection": frozenset("()'\"`;[]{}=\\"),
    "ldap-injection": frozenset("*()\\"),
    "xpath-injection": frozenset("'\"[]()=|*/"),
    "regex-injection": frozenset("*+?()[]{}|\\"),
}


#: Unicode properties of letters and digits only (`\p{L}`, `\p{Lu}`, `\p{Nd}`,
#: `\p{Letter}`, `\p{Alphabetic}`, a script: `\p{Script=Latin}`, `\p{sc=Greek}`).
_LETTERS_OR_DIGITS = re.compile(
    r"L[ultmo]?|N[d]?|Letter|Number|Decimal_Number|Alpha(?:betic)?"
    r"|(?:Script|sc|Script_Extensions|scx)=[A-Za-z_]+"
)
#: What `\s` allows: harmless but for a shell command, which a newline ends.
_WHITESPACE = frozenset(" \t\n\r\f\v")
#: Characters that open a string or an escape in code.
_QUOTES = frozenset("'\"`\\")


def _pattern_reach(pattern: str) -> tuple[bool, bool, frozenset[str], bool, bool, bool]:
    r"""(lets almost any character through, allows `.` or `/` or `\`, the other
    characters but letters, digits and `_` it allows, lets a letter or `_` of
    the value's choice through: a class or `\w` naming one, may hold a
    backslash or `..`, may hold `/`).

    A match holds no `..` when its only dots are literal ones (`\.`) outside
    classes, none repeated (`\.+`), none right after another, and no group
    repeats (`(\.[a-z])+`): a file name's dots (`v1.2`, `report.csv`).

    Read character by character: an unescaped `.` outside a class, a negated
    class and the negated escapes (`\S`, `\W`, `\D`) are wide; `\s` allows
    whitespace (a newline ends a shell command); a `.`, `/` or backslash that
    a class or an escape allows is a path character. Outside a class, `()|*+?{}^$` are the
    pattern's syntax, not characters it allows.
    """
    pattern = _consuming(pattern)
    wide = dots = names = last_dot = seps = False
    climbs = _repeats_a_dot(pattern)
    specials: set[str] = set()
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt in "pP" and pattern[i + 2 : i + 3] == "{":
                # A Unicode property (`\p{L}`, `\p{Lu}`, `\p{Script=Latin}`): letters
                # or digits of any script; another property, or a negated one
                # (`\P{L}`), lets markup and quotes through.
                close = pattern.find("}", i + 3)
                if close < 0:
                    return True, dots, frozenset(specials), names, climbs, seps
                name = pattern[i + 3 : close]
                if nxt == "P" or not _LETTERS_OR_DIGITS.fullmatch(name):
                    wide = True
                names = names or not name.startswith("N")
                last_dot = False
                i = close + 1
                continue
            if nxt in "SWD":
                wide = True
            elif nxt == "s":
                # Whitespace: a newline ends a shell command; elsewhere it is harmless.
                specials |= _WHITESPACE
            elif nxt == "w":
                names = True
            elif nxt in "./\\":
                dots = True
                specials.add(nxt)
            elif not nxt.isalnum():
                specials.add(nxt)
            if nxt == "." and not in_class:
                climbs = climbs or last_dot or pattern[i + 2 : i + 3] in ("*", "+", "{")
                last_dot = True
            else:
                climbs = climbs or nxt == "\\" or (in_class and nxt == ".")
                seps = seps or nxt == "/"
                last_dot = False
            i += 2
            continue
        last_dot = False
        if in_class:
            if c == "]":
                in_class = False
            elif (
                c == "-"
                and i + 1 < len(pattern)
                and pattern[i + 1] != "]"
                and pattern[i - 1] not in "[^"
            ):
                # A range: what lies between its ends (`!-~` is every printable one).
                lo, hi = pattern[i - 1], pattern[i + 1]
                between = {chr(x) for x in range(ord(lo), ord(hi) + 1)}
                specials |= {x for x in between if not (x.isalnum() or x == "_")}
                names = names or any(x.isalpha() or x == "_" for x in between)
                dots = dots or bool(between & {".", "/", "\\"})
                climbs = climbs or bool(between & {".", "\\"})
                seps = seps or "/" in between
            elif c in "./":
                dots = True
                climbs = climbs or c == "."
                seps = seps or c == "/"
                specials.add(c)
            elif not (c.isalnum() or c == "_" or c == "-"):
                specials.add(c)
            else:
                names = names or c.isalpha() or c == "_"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                wide = True
                i += 1
        elif c == ".":
            wide = True
        elif c == "/":
            dots = seps = True
            specials.add(c)
        elif not (c.isalnum() or c in "_-()|*+?{},^$"):
            specials.add(c)
        i += 1
    return wide, dots, frozenset(specials), names, climbs, seps


#: A group's syntax that is no character of the match: `(?:`, `(?P<name>`, `(?<name>`.
_GROUP_SYNTAX = re.compile(r"\(\?(?::|P?<(?![=!])\w+>)")


def _repeats_a_dot(pattern: str) -> bool:
    r"""Whether a repeated group holds a literal dot (`(\.[a-z])+` may spell `..`;
    `[\w-]+(?:/[\w-]+)*\.css` may not: its one dot is outside the group)."""
    if "\\." not in pattern:
        return False
    for i in _syntax_positions(pattern):
        if pattern[i] != "(":
            continue
        end = group_end(pattern[i:])
        if end < 0:
            return True
        if pattern[i + end + 1 : i + end + 2] in ("*", "+", "{") and "\\." in pattern[i : i + end]:
            return True
    return False


def _consuming(pattern: str) -> str:
    """`pattern` without what matches no character: lookarounds (`(?=.{1,253}$)`,
    `(?!\\.)`, `(?<=x)`) only narrow what the rest lets through, so the rest
    alone says which characters a match may hold; named and non-capturing
    groups become plain ones."""
    out: list[str] = []
    kept = 0  # the pattern before this is in `out`
    for i in _syntax_positions(pattern):
        if i < kept or pattern[i] != "(":
            continue
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            close = group_end(pattern[i:])
            if close > 0:
                out.append(pattern[kept:i])
                kept = i + close + 1
        else:
            m = _GROUP_SYNTAX.match(pattern, i)
            if m is not None:
                out.append(pattern[kept:i] + "(")
                kept = m.end()
    out.append(pattern[kept:])
    return "".join(out)


def end_unanchored(pattern: str) -> str:
    """A pattern without its final `$` (unescaped): what it proves when `$` may
    match at the end of any line (`re.MULTILINE`)."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1]
    return pattern


def is_regex_literal(e: object) -> TypeGuard[list[Any]]:
    """A JS regular-expression literal in the IR: [OPAQUE, REGEX, pattern, flags]."""
    return (
        isinstance(e, list)
        and len(e) == 4
        and e[0] == ir.OPAQUE
        and e[1] == ir.REGEX
        and isinstance(e[2], str)
        and isinstance(e[3], str)
    )


def redirect_safe_prefix(prefixes: frozenset[object]) -> bool:
    """`u.startswith(P)` true for constant prefixes P: the host is fixed."""
    return bool(prefixes) and all(isinstance(p, str) and constant_fixes_host(p) for p in prefixes)


def after_startswith(v: Val, prefixes: frozenset[object] | None, holds: bool) -> Val:
    """`v` in the branch where `v.startswith(prefixes)` is `holds`."""
    if prefixes is None or not prefixes or not all(isinstance(p, str) for p in prefixes):
        return v
    texts = [str(p) for p in prefixes]
    if holds:
        if redirect_safe_prefix(prefixes):
            v = sanitize_val(v, URL_CLASSES)
        elif all(t.startswith("/") for t in texts):
            v = _flag(v, STARTS_WITH_SLASH)
        if NORMALIZED_PATH in v.flags and all(
            t != "/" and t.endswith(_PATH_SEPARATORS) for t in texts
        ):
            # Under a directory the prefix ends with: `"/srv/exports"` without its
            # separator lets `/srv/exports-old/...` through (a partial traversal).
            v = sanitize_val(v, PATH_CLASSES)
    elif all(t in ("//", "/\\", "\\\\", "\\/") for t in texts) or "//" in texts:
        v = _flag(v, NOT_PROTOCOL_RELATIVE)
    elif "/" in texts:
        # `name.startswith("/")` false: no absolute path (a join keeps its root).
        v = mark(v, NOT_ABSOLUTE)
    if STARTS_WITH_SLASH in v.flags and NOT_PROTOCOL_RELATIVE in v.flags:
        v = sanitize_val(v, URL_CLASSES)
    return v


#: What a directory prefix must end with to keep a path under that directory.
_PATH_SEPARATORS = ("/", "\\")


def _flag(v: Val, flag: str) -> Val:
    return v if flag in v.flags else v.replace(flags=v.flags | {flag})


#: What an escape sequence is written with: a prefix (`\\`, `%`, `&#`, `\\u`) and
#: hexadecimal or decimal digits.
_ESCAPE_ALPHABET = frozenset("\\%&#;xXuU0123456789abcdefABCDEF")
#: Calls that make a character a number, and calls that write a number as text.
_CHAR_CODES = frozenset({"charCodeAt", "codePointAt", "ord"})
_NUMBER_TEXT = frozenset(
    {"toString", "padStart", "toUpperCase", "toLowerCase", "upper", "lower", "zfill", "hex", "str"}
)


def encodes_each(body: Any) -> bool:
    """Whether a replacement callback's body (IR) writes each match as an escape
    sequence of its character code (`(ch) => "\\" + ch.charCodeAt(0).toString(16)`,
    `lambda m: "%%%02x" % ord(m.group())`): its text is escape prefixes and the
    digits of a number, never the matched character itself."""
    if isinstance(body, str):
        return all(c in _ESCAPE_ALPHABET for c in body)
    if not isinstance(body, list) or not body:
        return False
    op = body[0]
    if op == ir.BIN and body[1] in ("+", "%"):
        return _escape_part(body[2]) and _escape_part(body[3])
    if op == ir.JOIN:
        return all(_escape_part(p) for p in body[1])
    return False


def _escape_part(e: Any) -> bool:
    return encodes_each(e) or _number_text(e)


def _number_text(e: Any) -> bool:
    """A character's code, possibly written as text (`c.charCodeAt(0).toString(16)`)."""
    if not isinstance(e, list) or not e or e[0] != ir.CALL:
        return False
    func = e[2]
    if isinstance(func, list) and func and func[0] == ir.ATTR:
        if func[2] in _CHAR_CODES:
            return True
        return func[2] in _NUMBER_TEXT and _number_text(func[1])
    if isinstance(func, list) and func and func[0] == ir.NAME:
        if func[1] in _CHAR_CODES:
            return True
        return func[1] in _NUMBER_TEXT and bool(e[3]) and _number_text(e[3][0])
    return False
