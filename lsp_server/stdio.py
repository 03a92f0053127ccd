"""The client's messages read from stdin on the event loop, not through threads.

pygls reads every header line and every body with a call in its thread pool:
three thread hand-overs per message, each waiting for the interpreter lock
when a thread of ours holds it (decoding an edited document ahead of its
first hover). While a developer types into a 100 kB module, the client sends
20 full-text changes a second and every hover queued behind one waited for
those hand-overs (Django: hover p99 15 ms while typing, the handler itself
2 ms). `PipeReader` reads the same bytes with an asyncio stream on the pipe;
where stdin is no pipe (a regular file), it falls back to pygls's reader.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from typing import BinaryIO

from pygls.io_ import StdinAsyncReader, StdoutWriter, run_async
from pygls.lsp.server import LanguageServer

log = logging.getLogger(__name__)

#: No limit on a header line but memory, as pygls's own `readline`.
_LINE_LIMIT = 1 << 31


class PipeReader:
    """pygls's `AsyncReader` over stdin: an asyncio stream on the pipe."""

    def __init__(self, stdin: BinaryIO, fallback: StdinAsyncReader) -> None:
        self.stdin = stdin
        self.fallback = fallback
        self._stream: asyncio.StreamReader | None = None
        self._use_fallback = False

    async def _open(self) -> asyncio.StreamReader | None:
        if self._stream is None and not self._use_fallback:
            loop = asyncio.get_running_loop()
            stream = asyncio.StreamReader(limit=_LINE_LIMIT, loop=loop)
            try:
                await loop.connect_read_pipe(
                    lambda: asyncio.StreamReaderProtocol(stream, loop=loop), self.stdin
                )
            except (ValueError, OSError) as exc:  # a regular file: no pipe transport
                log.debug("stdin is no pipe (%s): reading it in a thread", exc)
                self._use_fallback = True
                return None
            self._stream = stream
        return self._stream

    async def readline(self) -> bytes:
        stream = await self._open()
        if stream is None:
            return await self.fallback.readline()
        return await stream.readline()

    async def readexactly(self, n: int) -> bytes:
        stream = await self._open()
        if stream is None:
            return await self.fallback.readexactly(n)
        try:
            return await stream.readexactly(n)
        except asyncio.IncompleteReadError as exc:  # the client went away mid-message
            return exc.partial


def serve_stdio(server: LanguageServer) -> None:
    """`server.start_io()` with stdin read by `PipeReader` (pygls 2's `_start_io_async`
    otherwise: the same message loop, writer, error handler and shutdown)."""
    server._stop_event = threading.Event()
    fallback = StdinAsyncReader(sys.stdin.buffer, server.thread_pool)
    reader = PipeReader(sys.stdin.buffer, fallback)
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
    try:
        asyncio.run(
            run_async(
                stop_event=server._stop_event,
                reader=reader,
                protocol=server.protocol,
                logger=logging.getLogger("pygls.server"),
                error_handler=server.report_server_error,
            )
        )
    except BrokenPipeError:
        log.error("the connection to the client is lost: shutting down")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
