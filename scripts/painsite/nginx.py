"""Debian's nginx serving a built site with the project's own configuration (deploy/nginx.conf,
made by painsite.security), unprivileged, in a temporary folder: as the site is served in
production, with its headers, gzip and caching. Used by tests/test_deploy.py and by
scripts/lighthouse.py (Lighthouse scores depend on what the server sends).

    with nginx.serve(site, tmp) as (url, access_log):
        ...  # url is http://127.0.0.1:<port>/living-with-pain/
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from . import languages, security

BINARY = shutil.which("nginx") or "/usr/sbin/nginx"


class NginxError(Exception):
    pass


def site_path() -> str:
    """The path of site_url (/living-with-pain/): the 404 pages link to it absolutely."""
    return urlsplit(languages.site_url()).path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def whole_config(tmp: Path, site_conf: str) -> Path:
    """A whole nginx.conf around deploy/nginx.conf that runs unprivileged in tmp, in the foreground."""
    (tmp / "site.conf").write_text(site_conf)
    temp_paths = "\n".join(f"    {kind}_temp_path {tmp / kind};"
                           for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would run as nobody, who cannot read private temporary folders.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"daemon off;\nworker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'} warn;\n"
        f"{user}events {{ worker_connections 64; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n{temp_paths}\n    include {tmp / 'site.conf'};\n}}\n")
    return conf


def require() -> None:
    if not Path(BINARY).exists():
        raise NginxError("nginx is missing: run `make test`, which installs it (apt-get install nginx).")


@contextlib.contextmanager
def serve(site: Path, tmp: Path):
    """Serve site at site_path() on a free local port; yields (url, access log path)."""
    require()
    www = tmp / "www"
    mount = www / site_path().strip("/")
    mount.parent.mkdir(parents=True, exist_ok=True)
    mount.symlink_to(Path(site).resolve(), target_is_directory=True)
    port = free_port()
    conf = whole_config(tmp, security.nginx_config(path=site_path(), www_root=str(www),
                                                   listen=f"127.0.0.1:{port}", server_name="127.0.0.1",
                                                   access_log=str(tmp / "access.log")))
    with open(tmp / "output.log", "wb") as output:
        proc = subprocess.Popen([BINARY, "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(conf)],
                                stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 10
            while True:
                if proc.poll() is not None:
                    log = (tmp / "error.log").read_text() if (tmp / "error.log").exists() else ""
                    raise NginxError(f"nginx did not start:\n{(tmp / 'output.log').read_text()}\n{log}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise NginxError("nginx did not start listening within 10 s") from None
                    time.sleep(0.05)
            yield f"http://127.0.0.1:{port}{site_path()}", tmp / "access.log"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
