"""A local HTTP server for XML-safety tests: it serves entity payloads (an XXE target, an
external DTD) and records every request, so a test can prove nothing was fetched."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def serve(body_for: Callable[[str], bytes], hits: list[str]) -> Iterator[str]:
    """Serve ``body_for(path)`` on 127.0.0.1, append each requested path to ``hits``; yields the
    base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = body_for(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
