"""Whether the start of a URL fixes where it goes, whatever text follows it.

An open redirect, and a server-side request forgery, need the attacker to
choose the start of the URL: its scheme and host. Data appended after
``/accounts/login/?next=``, after ``https://api.example.com/`` or after the
application's own URL (``reverse("login") + "?next=" + target``) can only
change a path or a query on a host the code chose, so string building that
puts untrusted data behind such a prefix makes it safe for the
``open-redirect`` and ``ssrf`` classes (`URL_CLASSES`; and for no other
class: the same string can still carry script or SQL).

A prefix fixes the host when it is not a constant the attacker can complete
into another host: any value the code computes itself (untainted, not a
constant: a reversed route, a setting), or a constant that holds ``?`` or
``#``, a path on this host (``/x``, not ``//`` nor ``/\\``), a relative path
(``static/``), or an absolute URL whose host has ended (``https://a.b/``).
Not: ``""``, ``"/"``, ``"https://"``, ``"https://a.b"`` (``@evil.com`` or
``.evil.com`` still chooses the host), ``"javascript:"``.
"""

from __future__ import annotations

import re

from graphwarden.analysis.dataflow.values import Val, deep_taint, merge_taint, sanitize

#: The taint classes a host-fixing prefix makes safe: where the attacker must
#: choose the start of a URL (a redirect's target, a server-side request's host).
URL_CLASSES = frozenset({"open-redirect", "ssrf"})

_ABSOLUTE_WITH_PATH = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#\\]+[/?#\\]")


def constant_fixes_host(text: str) -> bool:
    """Whether a URL that starts with the constant `text` has its host chosen."""
    if text.lstrip().startswith("<"):
        # Markup, not a URL (an HTML page rendered to PDF fetches the URLs in it).
        return False
    if "?" in text or "#" in text:
        return True
    if text.startswith(("/", "\\")):
        return len(text) >= 2 and text[1] not in "/\\"
    if _ABSOLUTE_WITH_PATH.match(text):
        return True
    head, slash, _ = text.partition("/")
    # `static/`, `../x/`: relative to this page; a scheme (`javascript:`) has a colon first.
    return bool(slash) and bool(head) and ":" not in head and "\\" not in head


_ORIGIN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#\\]+")


def open_origin(v: Val) -> bool:
    """Whether every value `v` can take is a constant scheme and host with nothing
    after it (`https://api.example.com`): text appended to it can still choose
    the host (`@evil.com`), unlike the computed values this module trusts."""
    return (
        not v.taint
        and not v.fields
        and bool(v.consts)
        and all(isinstance(c, str) and _ORIGIN.fullmatch(c) for c in v.consts or ())
    )


def names_a_host(prefix: Val) -> bool:
    """Whether every value `prefix` can take is a scheme and a host, its path still
    to come (`https://www.example.com`): a path that starts with `/` after it
    leaves the host as it is."""
    return (
        not deep_taint(prefix)
        and bool(prefix.consts)
        and all(isinstance(c, str) and constant_fixes_host(c + "/") for c in prefix.consts or ())
    )


def fixes_host(prefix: Val) -> bool:
    """Whether every value `prefix` can take fixes the host of a URL it starts."""
    if any(not (classes & URL_CLASSES or "*" in classes) for _, classes in deep_taint(prefix)):
        # The attacker's own data starts the URL.
        return False
    if prefix.consts is None:
        # Computed by the code itself (a route, a setting): not the attacker's.
        return prefix.fn is None
    return bool(prefix.consts) and all(
        isinstance(c, str) and constant_fixes_host(c) for c in prefix.consts
    )


def format_prefix(template: Val) -> Val | None:
    """The constant text before the first ``%`` directive of a ``%`` template (None if unknown)."""
    if template.consts is None or not template.consts or deep_taint(template):
        return None
    heads = set()
    for c in template.consts:
        if not isinstance(c, str):
            return None
        heads.add(c.split("%", 1)[0])
    return Val(consts=frozenset(heads))


#: Functions that build a URL from its parts; parts from this position on
#: (params, query, fragment) come after the path and cannot choose the host.
URL_FROM_PARTS = {
    "urllib.parse.urlunsplit": 3,
    "urllib.parse.urlunparse": 3,
}


def url_from_parts(parts: Val, first_safe: int) -> Val:
    """`urlunsplit(parts)`: its data, made safe for redirects where it is a query or
    a fragment (a list or tuple whose positions are known, or set one by one:
    ``parsed[3] = urlencode(qs)``)."""
    t = parts.taint
    if parts.elems is not None:
        t = merge_taint(t, deep_taint(parts.elems))
    items = list(enumerate(parts.seq or ()))
    items += [
        (k, v)
        for k, v in (parts.fields or {}).items()
        if isinstance(k, int) and not isinstance(k, bool)
    ]
    for k, v in (parts.fields or {}).items():
        if not isinstance(k, int) or isinstance(k, bool):
            t = merge_taint(t, deep_taint(v))
    # A scheme and a host the code fixed (`("https", host, ...)` with `host` one of
    # an allow-list): the path cannot move the host either (`//evil` stays a path).
    fixed = dict(items)
    if (
        parts.elems is None
        and _fixed_text(fixed.get(0))
        and (_fixed_text(fixed.get(1)) or _checked_host(fixed.get(1)))
    ):
        first_safe = 2
    for i, v in items:
        part = deep_taint(v)
        t = merge_taint(t, sanitize(part, URL_CLASSES) if i >= first_safe else part)
    return Val(t)


def _checked_host(v: Val | None) -> bool:
    """Whether `v` is data a check made safe as a URL's host (`host not in
    PARTNER_HOSTS` raised): every label of it is safe for the URL classes."""
    t = deep_taint(v) if v is not None else {}
    return bool(t) and all(san >= URL_CLASSES for _, san in t)


def _fixed_text(v: Val | None) -> bool:
    """Whether `v` is one of a few non-empty constant texts and carries no data."""
    return (
        v is not None
        and not deep_taint(v)
        and bool(v.consts)
        and all(isinstance(c, str) and c for c in v.consts or ())
    )
