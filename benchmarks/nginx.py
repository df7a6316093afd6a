"""deploy/nginx/vitrine.conf run for real, outside a server: the committed server block with
temporary paths and a loopback port in place of the installed ones, inside a main configuration
of its own (the part Debian's /etc/nginx/nginx.conf plays on a server).

One home for this, used by `manage.py benchmark_stack` (benchmarks.stack) and by the test of the
configuration (tests/deploy/test_nginx.py). Also here: a DATABASE_URL for another process that
names the database this process uses.
"""

import os
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

NGINX = Path("/usr/sbin/nginx")
CONF = Path(settings.BASE_DIR) / "deploy" / "nginx" / "vitrine.conf"
INSTALLED = "/srv/vitrine"  # where deploy/ installs Vitrine


def render_site(*, static_root: Path, media_root: Path, socket: Path, port: int) -> str:
    """deploy/nginx/vitrine.conf with these paths and port in place of the installed ones.
    Raises ValueError when the configuration no longer says what is replaced."""
    text = CONF.read_text()
    for installed, here in [
        ("listen 80;\n    listen [::]:80;", f"listen 127.0.0.1:{port};"),
        (f"{INSTALLED}/staticfiles/", f"{static_root}/"),
        (f"{INSTALLED}/media/", f"{media_root}/"),
        ("unix:/run/vitrine-web/gunicorn.sock", f"unix:{socket}"),
    ]:
        if installed not in text:
            raise ValueError(f"{CONF} no longer says {installed!r}")
        text = text.replace(installed, here)
    return text


def render_main(directory: Path, site: Path, *, workers: str = "1", connections: int = 64) -> Path:
    """A main nginx configuration in `directory` that includes the server block `site`, with
    `workers` worker processes ("auto": one per core, as Debian's) of `connections` each."""
    temp = {name: directory / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(exist_ok=True)
    # As root, nginx's workers run as `user`; only root reads private temporary directories.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = directory / "nginx.conf"
    main.write_text(
        f"""{user}worker_processes {workers};
pid {directory}/nginx.pid;
error_log {directory}/error.log;
events {{ worker_connections {connections}; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {directory}/access.log;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {site};
}}
"""
    )
    return main


def nginx_command(directory: Path, main: Path, *args: str) -> list[str]:
    """The command line that runs nginx with `main`, its prefix and error log in `directory`."""
    return [
        str(NGINX),
        "-p",
        f"{directory}/",
        "-e",
        f"{directory}/error.log",
        "-c",
        str(main),
        *args,
    ]


def database_url(directory: Path) -> str:
    """A DATABASE_URL naming the database this process uses, for another process: PostgreSQL's
    over the network; SQLite's copied to a file in `directory` first (a test run's is in
    memory), so only what is committed now is in it."""
    if connection.vendor == "sqlite":
        path = directory / "db.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(path)])
        return f"sqlite:///{path}"
    db = connection.settings_dict
    credentials = quote(db["USER"], safe="") + (
        ":" + quote(db["PASSWORD"], safe="") if db["PASSWORD"] else ""
    )
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
