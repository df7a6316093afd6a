"""The production stack, run for real on this machine to be measured (`manage.py benchmark_stack`):
static files collected, gunicorn (config.wsgi, 2 workers on a unix socket, DEBUG off), Debian's
nginx in front with deploy/nginx/vitrine.conf (benchmarks.nginx), and the task worker
(`manage.py run_worker`), all serving the database this process uses; load from `wrk`.

Every process is started in a session of its own and stopped (its whole process group) when the
Stack's block ends, whatever happened. The measurements themselves (which pages, which figures)
are in benchmarks/management/commands/benchmark_stack.py; here are the parts: starting and
stopping, requests, wrk runs, a crawl of the sitemap and the memory of the processes.
"""

import contextlib
import gzip
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from lxml import etree

from benchmarks import nginx

START_TIMEOUT = 60  # seconds for a process to be ready
STOP_TIMEOUT = 10
MEDIA_PREFIX = "/_media/"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# A browser's request: pages and static files are compressed by nginx.
HEADERS = {"Host": "localhost", "Accept-Encoding": "gzip"}


class StackError(Exception):
    """A part of the stack did not start, or answered what it should not."""


def wrk_path() -> str | None:
    return shutil.which("wrk")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    def content(self) -> bytes:
        """The body, decompressed when nginx compressed it."""
        if self.headers.get("Content-Encoding") == "gzip":
            return gzip.decompress(self.body)
        return self.body


@dataclass
class WrkResult:
    requests: int
    requests_per_second: float
    non_2xx_3xx: int
    socket_errors: int  # connect, read, write and timeout errors
    output: str

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + self.socket_errors


def parse_wrk(output: str) -> WrkResult:
    """The figures of wrk's text report."""
    requests = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s*([\d.]+)", output, re.MULTILINE)
    if not requests or not rate:
        raise StackError(f"wrk's report was not understood:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return WrkResult(
        requests=int(requests.group(1)),
        requests_per_second=float(rate.group(1)),
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
        output=output,
    )


def lua_script(paths: list[str]) -> str:
    """A wrk script requesting `paths` in turn (each thread from its own start), with HEADERS."""
    quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    headers = "\n".join(f'wrk.headers["{name}"] = "{value}"' for name, value in HEADERS.items())
    return f"""{headers}
local paths = {{{quoted}}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
"""


def process_tree() -> dict[int, list[int]]:
    """Each running process's children, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    tree = process_tree()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += tree.get(current, [])
    return found


def command_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def pss_kib(pid: int) -> int:
    """The proportional set size of a process (/proc/<pid>/smaps_rollup), in KiB; 0 once gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else 0


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return -1
    return int(fields[11]) + int(fields[12])  # utime + stime


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path

    def stop(self) -> None:
        """Stop the process and everything in its process group."""
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=STOP_TIMEOUT)
        # Whatever is left of its group (a worker's Node child).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=STOP_TIMEOUT)


@dataclass
class Stack:
    """nginx on `port` in front of gunicorn on `sock`, and the task worker. Use as a context
    manager: `with Stack.start(directory) as stack: …` stops everything at the end."""

    directory: Path
    env: dict[str, str]
    sock: Path
    port: int
    web: Process | None = None
    worker: Process | None = None
    proxy: Process | None = None
    web_logs: list[Path] = field(default_factory=list)

    @classmethod
    def prepare(cls, directory: Path) -> "Stack":
        """Collect static files and write nginx's configuration; start nothing yet."""
        static_root = directory / "static"
        env = dict(os.environ)
        env.update(
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="0",
            BEHIND_PROXY="1",
            DATABASE_URL=nginx.database_url(directory),
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            STATIC_ROOT=str(static_root),
            VITRINE_STORAGE="local",
            VITRINE_MEDIA_ACCEL_REDIRECT=MEDIA_PREFIX,
            CACHE_URL="",
            REDIS_URL="",
            LOG_FORMAT="plain",
        )
        env.pop("VITRINE_PAGE_CACHE", None)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
        # A unix socket's path must be short (108 bytes).
        sock = Path(tempfile.mkdtemp(prefix="vitrine-stack-")) / "gunicorn.sock"
        port = free_port()
        site = directory / "vitrine.conf"
        site.write_text(
            nginx.render_site(
                static_root=static_root,
                media_root=Path(settings.MEDIA_ROOT),
                socket=sock,
                port=port,
            )
        )
        nginx.render_main(directory, site, workers="auto", connections=1024)
        return cls(directory=directory, env=env, sock=sock, port=port)

    def __enter__(self) -> "Stack":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        for process in (self.proxy, self.web, self.worker):
            if process is not None:
                process.stop()
        shutil.rmtree(self.sock.parent, ignore_errors=True)

    def _spawn(self, name: str, command: list[str], env: dict[str, str]) -> Process:
        log = self.directory / f"{name}.log"
        with log.open("w") as out:
            popen = subprocess.Popen(  # noqa: S603 (fixed arguments)
                command,
                cwd=settings.BASE_DIR,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, stopped as one
            )
        return Process(name, popen, log)

    def start_web(self, *, page_cache: bool = True, warm: bool = True) -> None:
        """(Re)start gunicorn as vitrine-web.service runs it. With `warm`, wait for an answer to
        `/` (straight from gunicorn); else only until both workers have loaded the application
        and gone idle, no request made (for timing a fresh worker's first request)."""
        if self.web is not None:
            self.web.stop()
        env = dict(self.env, VITRINE_PAGE_CACHE="1" if page_cache else "0")
        name = f"gunicorn-{len(self.web_logs) + 1}"
        self.web = self._spawn(
            name,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                f"--bind=unix:{self.sock}",
                "--workers=2",
                "--no-control-socket",
                "--access-logfile=-",
            ],
            env,
        )
        self.web_logs.append(self.web.log)
        if warm:
            self._wait(self.web, self._web_answers)
        else:
            self._wait(self.web, self._workers_idle)

    def start_worker(self) -> None:
        self.worker = self._spawn(
            "worker",
            [sys.executable, "manage.py", "run_worker", "--no-reload", "--queue-name", "*"],
            self.env,
        )
        time.sleep(0.5)
        if self.worker.popen.poll() is not None:
            raise StackError(f"the task worker exited:\n{self.worker.log.read_text()}")

    def start_proxy(self) -> None:
        main = self.directory / "nginx.conf"
        self.proxy = self._spawn(
            "nginx", nginx.nginx_command(self.directory, main, "-g", "daemon off;"), self.env
        )

        def listens() -> bool:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return True
            except OSError:
                return False

        self._wait(self.proxy, listens, log=self.directory / "error.log")

    def _wait(self, process: Process, ready, log: Path | None = None) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not ready():
            if process.popen.poll() is not None:
                raise StackError(f"{process.name} exited:\n{(log or process.log).read_text()}")
            if time.monotonic() > deadline:
                raise StackError(
                    f"{process.name} was not ready in {START_TIMEOUT}s:\n"
                    f"{(log or process.log).read_text()}"
                )
            time.sleep(0.1)

    def _web_answers(self) -> bool:
        connection = _UnixConnection(str(self.sock))
        try:
            connection.request("GET", "/", headers=HEADERS)
            connection.getresponse().read()
            return True
        except OSError:
            return False
        finally:
            connection.close()

    def web_workers(self) -> list[int]:
        if self.web is None:
            return []
        return [pid for pid in descendants(self.web.popen.pid) if pid != self.web.popen.pid]

    def _workers_idle(self) -> bool:
        """Both workers exist and used no CPU for half a second (the application loaded)."""
        workers = self.web_workers()
        if len(workers) < 2 or not self.sock.exists():
            return False
        before = [cpu_ticks(pid) for pid in workers]
        time.sleep(0.5)
        return before == [cpu_ticks(pid) for pid in workers] and -1 not in before

    def get(self, path: str) -> Answer:
        """GET `path` through nginx, as a browser would (HEADERS)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            started = time.perf_counter()
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            body = response.read()
            seconds = time.perf_counter() - started
            return Answer(response.status, response.headers, body, seconds)
        finally:
            connection.close()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wrk(self, paths: list[str], *, duration: int, connections: int) -> WrkResult:
        """Run wrk against `paths` (in turn) through nginx for `duration` seconds. Its request
        timeout is gunicorn's (30 s): a slow answer counts as slow, not as an error."""
        program = wrk_path()
        if program is None:
            raise StackError("wrk is not installed (Debian: apt-get install wrk)")
        script = self.directory / "paths.lua"
        script.write_text(lua_script(paths))
        result = subprocess.run(  # noqa: S603 (fixed arguments)
            [
                program,
                f"--threads={min(2, connections)}",
                f"--connections={connections}",
                f"--duration={duration}s",
                "--timeout=30s",
                f"--script={script}",
                self.url(paths[0]),
            ],
            capture_output=True,
            text=True,
            timeout=duration + 60,
        )
        if result.returncode != 0:
            raise StackError(f"wrk failed:\n{result.stdout}{result.stderr}")
        return parse_wrk(result.stdout)

    def worker_timeouts(self) -> int:
        """Gunicorn's "WORKER TIMEOUT" lines in the logs of every gunicorn started."""
        return sum(log.read_text().count("WORKER TIMEOUT") for log in self.web_logs)

    def crawl(self) -> tuple[int, int]:
        """Request every page the sitemap lists (through nginx, four at a time); returns the
        number of pages and how many did not answer 200."""
        pages: list[str] = []
        sitemaps = _locations(self.get("/sitemap.xml"), "sm:sitemap/sm:loc")
        for sitemap in sitemaps:
            pages += _locations(self.get(_path(sitemap)), "sm:url/sm:loc")
        with ThreadPoolExecutor(4) as pool:
            statuses = list(pool.map(lambda loc: self.get(_path(loc)).status, pages))
        return len(pages), sum(1 for status in statuses if status != 200)

    def memory(self) -> dict[str, tuple[int, int]]:
        """PSS in KiB and the number of processes: gunicorn (master and workers), the task
        worker and any Node.js process below either."""
        groups = {"gunicorn": (0, 0), "task worker": (0, 0), "node": (0, 0)}
        for process, name in ((self.web, "gunicorn"), (self.worker, "task worker")):
            if process is None:
                continue
            for pid in descendants(process.popen.pid):
                group = "node" if command_name(pid) in ("node", "nodejs") else name
                kib, count = groups[group]
                groups[group] = (kib + pss_kib(pid), count + 1)
        return groups


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str) -> None:
        super().__init__("localhost", timeout=30)
        self.socket_path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _locations(answer: Answer, xpath: str) -> list[str]:
    if answer.status != 200:
        raise StackError(f"a sitemap answered {answer.status}")
    root = etree.fromstring(answer.content())
    return [loc.text.strip() for loc in root.findall(xpath, SITEMAP_NS)]
