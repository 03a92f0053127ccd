"""pygls's protocol with changes: prefer UTF-8, never leave a request unanswered, keep
LSP's order (nothing before initialize but exit, initialize once, nothing after shutdown),
and forget each notification once it is handled."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Generator
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidRequest,
    JsonRpcServerNotInitialized,
)
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from graphwarden.lsp_server.positions import UTF8

log = logging.getLogger(__name__)


class GraphwardenProtocol(LanguageServerProtocol):
    """Negotiates UTF-8 when offered; answers undecodable requests; tolerates stray didChange."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Whether an initialize request has arrived: before it, LSP allows only exit.
        self.initialize_received = False

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        error: JsonRpcException
        if (
            isinstance(method, str)
            and not self.initialize_received
            and method not in (types.INITIALIZE, types.EXIT)
        ):
            # LSP: before initialize, a request is answered with -32002 and a
            # notification is dropped (pygls would run either, on no workspace).
            if hasattr(message, "id"):
                error = JsonRpcServerNotInitialized(f"{method} before initialize")
                self._send_response(message.id, error=error.to_response_error())
            else:
                log.warning("%s before initialize: dropped", method)
            return
        if method == types.INITIALIZE and self.initialize_received and hasattr(message, "id"):
            # Once only: a second one would renegotiate the position encoding
            # under the client's feet.
            error = JsonRpcInvalidRequest("initialize may only be sent once")
            self._send_response(message.id, error=error.to_response_error())
            return
        if self._shutdown and hasattr(message, "id") and isinstance(method, str):
            # pygls drops these without an answer; LSP: Invalid Request.
            error = JsonRpcInvalidRequest(f"{method} after shutdown: only exit is accepted")
            self._send_response(message.id, error=error.to_response_error())
            return
        super().handle_message(message)

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Generator[Any, Any, Any]:
        self.initialize_received = True
        # pygls takes the client's first supported encoding; we prefer UTF-8
        # whenever it is offered at all (no conversion for ASCII-free files).
        general = params.capabilities.general
        if (
            general is not None
            and general.position_encodings
            and UTF8 in general.position_encodings
        ):
            general.position_encodings = [UTF8] + [
                e for e in general.position_encodings if e != UTF8
            ]
        return (yield from super().lsp_initialize(params))

    def structure_message(self, data: dict[str, Any]) -> Any:
        if (
            isinstance(data, dict)
            and "jsonrpc" in data
            and "method" in data
            and isinstance(data.get("id"), dict | list)
        ):
            # JSON-RPC: an id is a string, a number or null. pygls would run the
            # request and then fail to file its answer (an unhashable id): no
            # answer at all. Invalid Request, answered to id null as the spec
            # says (written as it is: pygls's own responses leave a null id out).
            error = JsonRpcInvalidRequest("a message's id must be a string, a number or null")
            response = {"code": error.code, "message": error.message}
            with contextlib.suppress(Exception):
                self._send_data({"jsonrpc": "2.0", "id": None, "error": response})
            raise error
        if _is_notification_with_id(data):
            # A message with an id is a request and must be answered; pygls would
            # run it as the notification and leave the client waiting forever.
            error = JsonRpcInvalidRequest(
                f"{data['method']} is a notification: it is sent without an id"
            )
            with contextlib.suppress(Exception):
                self._send_response(data["id"], error=error.to_response_error())
            raise error
        if isinstance(data, dict) and "jsonrpc" in data and "method" in data:
            if not isinstance(data["method"], str):
                error = JsonRpcInvalidRequest("a message's method must be a string")
                if "id" in data:
                    with contextlib.suppress(Exception):
                        self._send_response(data["id"], error=error.to_response_error())
                raise error
            if "params" not in data and self.get_message_type(data["method"]) is None:
                # JSON-RPC params are optional; pygls's generic message needs them
                # (else an internal error instead of Method Not Found).
                data = {**data, "params": None}
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            # pygls logs a request it cannot decode but never answers it; a
            # client would wait forever. Answer with the error, then let pygls
            # drop the message as before.
            if isinstance(data, dict) and "id" in data and "method" in data:
                with contextlib.suppress(Exception):
                    self._send_response(data["id"], error=exc.to_response_error())
            raise

    def _handle_notification(self, method_name: str, params: Any) -> None:
        # pygls 2.1 files the future of a notification whose handler is a
        # generator or a coroutine (didOpen, didChange, didSave...) under a
        # random id in `_request_futures` and never takes it out, as it does a
        # request's once answered: about 2 KB per keystroke, 1.4 MB a minute
        # at ten edits a second (found by the soak). Take out what this
        # notification filed, once it is done.
        futures = self._request_futures
        before = set(futures)
        super()._handle_notification(method_name, params)
        for msg_id in [m for m in futures if m not in before]:
            future = futures[msg_id]
            if future.done():
                futures.pop(msg_id, None)
            else:
                future.add_done_callback(_forget(futures, msg_id))

    def _handle_cancel_notification(self, msg_id: Any) -> None:
        # lsprotocol lets any JSON through its `int | str` ids; a list or an object
        # would be looked up in pygls's dict of requests (TypeError).
        if isinstance(msg_id, int | str):
            super()._handle_cancel_notification(msg_id)
        else:
            log.warning("$/cancelRequest with an id that is no int or string: %r", msg_id)

    @lsp_method(types.WINDOW_WORK_DONE_PROGRESS_CANCEL)
    def lsp_work_done_progress_cancel(
        self, params: types.WorkDoneProgressCancelParams
    ) -> Generator[Any, Any, Any]:
        # The same for a progress token (pygls looks it up in a dict). Its type
        # says int | str; what arrives is whatever JSON the client sent.
        token: object = params.token
        if not isinstance(token, int | str):
            log.warning("progress cancel with a token that is no int or string: %r", token)
            return None
        return (yield from super().lsp_work_done_progress_cancel(params))

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, Any]:
        # A change to a document the client never opened cannot be applied
        # (there is no base text); pygls would raise. Log it and carry on.
        if unquote(params.text_document.uri) not in self.workspace.text_documents:
            log.warning("didChange for a document that is not open: %s", params.text_document.uri)
            return None
        return (yield from super().lsp_text_document__did_change(params))


def _forget(futures: dict[Any, Any], msg_id: Any) -> Callable[[Any], None]:
    """A done-callback taking a finished notification's future out of `futures`."""

    def done(_future: Any) -> None:
        futures.pop(msg_id, None)

    return done


def _is_notification_with_id(data: Any) -> bool:
    """A JSON-RPC request (it has an id) for a method LSP defines as a notification."""
    if not (isinstance(data, dict) and "jsonrpc" in data and "id" in data):
        return False
    method = data.get("method")
    if not isinstance(method, str) or "error" in data:
        return False
    known = types.METHOD_TO_TYPES.get(method)
    # (message type, response type, params, registration options): no response type
    # means a notification.
    return known is not None and known[1] is None
