"""The built site on a local web server, for tests and command line tools that drive Chromium."""
from __future__ import annotations

import functools
import http.server
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from . import languages


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Quiet, and serves the site at / and also under the path of site_url (/living-with-pain/),
    where the 404 pages' absolute links point."""

    site_path = urlsplit(languages.site_url()).path

    def translate_path(self, path):
        if path.startswith(self.site_path):
            path = "/" + path[len(self.site_path):]
        return super().translate_path(path)

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that goes offline or moves on drops its connection in the middle of a file:
        # that is the test doing its job, not a fault of the site, so no traceback is printed.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _Handler):
    """Yields the base URL, http://127.0.0.1:<free port>/, while the site is served in a thread.
    handler may be a subclass of _Handler (a test that records requests)."""
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
