"""One keep-alive HTTP/1.1 connection to a callback URL, for the sandbox's receipts.

h11 (the HTTP/1.1 state machine uvicorn uses) over asyncio streams: a receipt costs a few
tens of microseconds of client work, where a general client spends milliseconds, so the
sandbox can send receipts as fast as a receiver can take them. Plain http only (the
receiver runs behind the shop's web server); receipts.py uses httpx for https.
"""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import urlsplit

import h11


class CallbackError(Exception):
    """The request did not get an answer: connection refused or dropped, timeout."""


class CallbackConnection:
    def __init__(self, url: str) -> None:
        self.url = url
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._host_header = parts.netloc
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._conn: h11.Connection | None = None

    async def _open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        self._conn = h11.Connection(h11.CLIENT)

    async def close(self) -> None:
        writer, self._writer, self._reader, self._conn = self._writer, None, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def request(
        self, method: str, query: str, body: bytes, content_type: str, timeout: float
    ) -> int:
        """The status the callback answered; CallbackError when there was no answer."""
        try:
            return await asyncio.wait_for(
                self._exchange(method, query, body, content_type), timeout
            )
        except (OSError, TimeoutError, h11.ProtocolError, CallbackError) as exc:
            await self.close()
            raise CallbackError(str(exc)) from None

    async def _exchange(self, method: str, query: str, body: bytes, content_type: str) -> int:
        if self._conn is None or self._conn.our_state is not h11.IDLE:
            await self.close()
            await self._open()
        conn, reader, writer = self._conn, self._reader, self._writer
        assert conn is not None and reader is not None and writer is not None
        target = self.path + (("&" if "?" in self.path else "?") + query if query else "")
        headers = [("Host", self._host_header), ("Content-Length", str(len(body)))]
        if body:
            headers.append(("Content-Type", content_type))
        data = conn.send(h11.Request(method=method, target=target, headers=headers)) or b""
        if body:
            data += conn.send(h11.Data(data=body)) or b""
        data += conn.send(h11.EndOfMessage()) or b""
        writer.write(data)
        await writer.drain()
        status = 0
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                chunk = await reader.read(65536)
                if not chunk:
                    raise CallbackError("connection closed")
                conn.receive_data(chunk)
            elif isinstance(event, h11.Response):
                status = event.status_code
            elif isinstance(event, h11.EndOfMessage):
                break
            elif isinstance(event, h11.ConnectionClosed):
                raise CallbackError("connection closed")
        if conn.our_state is h11.DONE and conn.their_state is h11.DONE:
            conn.start_next_cycle()
        else:
            await self.close()
        return status
