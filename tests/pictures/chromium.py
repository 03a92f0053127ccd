"""Headless Chromium for the page tests and the benchmark: Debian's browser, driven by Playwright.

Playwright's own browser download cannot work here, so Playwright drives the
system Chromium (`apt-get install chromium`, done by `.ci/run`). A missing
browser is a failure, never a skip: the page is only tested if it runs.
The flags keep Chromium off the network (no background services, updates,
sync) on a machine that has none, and let it run as root without a GPU.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

CHROMIUM = Path(os.environ.get("GRAPHWARDEN_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class ChromiumMissing(RuntimeError):
    pass


@contextmanager
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        raise ChromiumMissing(
            f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium), as .ci/run does"
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageLog:
    """What a page said and fetched while a test used it."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if message.type in ("error", "warning"):
                self.errors.append(f"console {message.type}: {message.text}")

        def on_request(request: Request) -> None:
            self.requests.append(request.url)

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("request", on_request)


def open_page(
    browser: Browser, url: str, *, width: int = 1280, height: int = 800
) -> tuple[Page, PageLog]:
    """A new page at `url`, once its script has laid the graph out (body[data-ready])."""
    page = browser.new_page(viewport={"width": width, "height": height})
    log = PageLog()
    log.watch(page)
    page.goto(url)
    page.wait_for_selector("body[data-ready='true']", state="attached")
    return page, log
