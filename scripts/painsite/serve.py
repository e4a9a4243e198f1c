"""The built site on a local web server, for tests and command line tools that drive Chromium."""
from __future__ import annotations

import functools
import http.server
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


@contextmanager
def serve(site: Path):
    """Yields the base URL, http://127.0.0.1:<free port>/, while the site is served in a thread."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
