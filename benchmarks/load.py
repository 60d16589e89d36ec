"""Load test: the production server on PostgreSQL, all 553 satkers, 50 planners at once.

Run on demand (``make load-test``, or ``.venv/bin/python benchmarks/load.py --help``):

1. (re)creates the database ``renaksi_load`` on the local PostgreSQL and fills it: the 553
   satkers of ``load_satkers`` (KPU RI, 38 provinces, 514 kabupaten/kota), one planner each,
   one plan of 60 lines per satker, and 1,000 lines for KPU RI's and two provinces';
2. starts gunicorn (``--workers``) on 127.0.0.1 with DEBUG off, as ``make serve`` does;
3. drives ``--users`` simulated planners for ``--duration`` seconds on loopback: each signs
   in, then opens its plan, toggles months, edits a cost (form, then save) and now and then
   exports the Excel file, with ``--think`` seconds (±50 %) between actions like a person;
4. prints throughput and, per action, the error count and p50/p95/p99 of the server's time
   (gunicorn's access log: the time in the app) beside the client's (which includes the
   client's own share of the same cores), then stops the server; exits 1 when a request
   failed or an action's server p95 is 300 ms or more. Only 127.0.0.1 is ever contacted;
   the run is bounded in time and requests.
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "beban-uji-renaksi"  # noqa: S105 (throwaway users of a throwaway database)
MAX_REQUESTS = 200_000  # hard bound on top of the duration
ACCESS_LOG = Path(tempfile.gettempdir()) / "renaksi-load-access.log"
SERVER_ACTIONS = [  # (method, path pattern, action) as the access log names them
    ("GET", re.compile(r"^/rencana/\d+/$"), "open plan"),
    ("POST", re.compile(r"^/rencana/\d+/bulan/$"), "toggle month"),
    ("GET", re.compile(r"^/ubah/baris/\d+/$"), "open cost editor"),
    ("POST", re.compile(r"^/ubah/baris/\d+/$"), "save cost"),
    ("GET", re.compile(r"^/rencana/\d+/unduh\.xlsx$"), "export Excel"),
]


BIG_ACTIONS = {"open plan", "export Excel"}  # reported apart for the 1,000-line plans
TARGET_P95_MS = 300


def environment(args):
    return dict(
        os.environ,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}",
        SECRET_KEY="load-test-only-" + "x" * 40,
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        LOG_LEVEL="WARNING",
        LOGIN_FAILURE_LIMIT="1000",
        # A public-looking address and no reset mail: the deploy checks refuse localhost.
        SITE_URL="https://loadtest.invalid",
        PASSWORD_RESET="0",  # noqa: S106 (a switch, not a password)
        DJANGO_SETTINGS_MODULE="renaksi.settings",
    )


def recreate_database(name):
    server = ["-U", "postgres", "-h", "127.0.0.1"]
    subprocess.run(["dropdb", *server, "--if-exists", name], check=True)
    subprocess.run(["createdb", *server, name], check=True)


# KPU RI, then the provinces, then the kabupaten/kota: the first --big-plans get the big plans.
SATKERS_IN_ORDER = """satkers = sorted(
    Satker.objects.all(), key=lambda s: (["ri", "provinsi", "kabkota"].index(s.level), s.code))"""


def django_shell(env, code):
    """Run ``code`` in ``manage.py shell`` against the load database; its output."""
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def planner_names(args, env):
    """The planners who work during the run: those of the big plans first, then kab/kota."""
    code = f"""
from plans.models import Satker
{SATKERS_IN_ORDER}
for s in satkers[:{args.big_plans}] + [s for s in satkers if s.level == "kabkota"]:
    print(f"perencana.{{s.code.lower()}}")
"""
    return django_shell(env, code).split()[: args.users]


def seed(args, env):
    """Runs in a child process so Django is set up against the load database only."""
    code = f"""
import io
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management import call_command
from plans.building import build_tree
from plans.models import RencanaAksi, Satker, SatkerRole
from tests.factories import large_tree

call_command("load_satkers", stdout=io.StringIO())
{SATKERS_IN_ORDER}
hashed = make_password("{PASSWORD}")
users = User.objects.bulk_create(
    [User(username=f"perencana.{{s.code.lower()}}", password=hashed) for s in satkers])
SatkerRole.objects.bulk_create(
    [SatkerRole(user=u, satker=s, role="perencana") for u, s in zip(users, satkers)])
for index, satker in enumerate(satkers):
    plan = RencanaAksi.objects.create(satker=satker, year=2027, title="RENCANA AKSI 2027")
    build_tree(plan, large_tree({args.big_lines} if index < {args.big_plans} else 60))
print(len(satkers), RencanaAksi.objects.count())
"""
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    out = django_shell(env, code).split()
    print(f"seeded {out[0]} satkers, {out[1]} plans in {time.perf_counter() - started:.0f} s")


def start_server(args, env):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    server = subprocess.Popen(
        [
            gunicorn,
            "renaksi.wsgi",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--access-logfile",
            str(ACCESS_LOG),
            "--access-logformat",
            "%(m)s %(U)s %(s)s %(M)s",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    for _ in range(120):
        try:
            if requests.get(f"{base}/sehat/", timeout=10).status_code == 200:
                return server, base
        except requests.RequestException:  # not listening yet, or its workers still booting
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("server did not start")


class Planner(threading.Thread):
    """One person: signs in, then works on their own plan until the time is up."""

    def __init__(self, base, username, deadline, think, results, counter):
        super().__init__(daemon=True)
        self.base, self.username, self.deadline, self.think = base, username, deadline, think
        self.results, self.counter = results, counter
        self.session = requests.Session()
        self.rng = random.Random(username)

    def timed(self, action, method, path, expect=200, **kwargs):
        with self.counter["lock"]:
            if self.counter["n"] >= MAX_REQUESTS:
                return None
            self.counter["n"] += 1
        started = time.perf_counter()
        try:
            response = self.session.request(method, self.base + path, timeout=60, **kwargs)
            ok = response.status_code == expect
        except requests.RequestException:
            response, ok = None, False
        self.results[action].append((time.perf_counter() - started, ok))
        return response

    def csrf(self):
        return self.session.cookies.get("csrftoken", "")

    def run(self):
        self.session.get(f"{self.base}/akun/login/", timeout=60)
        self.session.post(
            f"{self.base}/akun/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
            headers={"Referer": f"{self.base}/akun/login/"},
            timeout=60,
        )
        home = self.session.get(f"{self.base}/", timeout=60).text
        plan_path = re.search(r'href="(/rencana/\d+/)"', home).group(1)
        page = self.session.get(self.base + plan_path, timeout=60).text  # landing, untimed
        lines = re.findall(r'id="baris-(\d+)"', page)
        # The few 1,000-line plans are reported apart, so they do not hide the ordinary ones.
        suffix = " (1000 baris)" if len(lines) > 200 else ""
        if suffix:
            self.counter["big"].add(plan_path)
        while time.monotonic() < self.deadline:
            time.sleep(self.think * self.rng.uniform(0.5, 1.5))
            if time.monotonic() >= self.deadline:
                break
            action = self.rng.choices(["open", "toggle", "cost", "excel"], [30, 45, 20, 5])[0]
            headers = {"X-CSRFToken": self.csrf(), "Referer": self.base + plan_path}
            line = self.rng.choice(lines)
            if action == "open":
                self.timed("open plan" + suffix, "GET", plan_path)
            elif action == "toggle":
                value = f"{line}:{self.rng.randint(1, 12)}:{self.rng.randint(0, 1)}"
                self.timed(
                    "toggle month",
                    "POST",
                    f"{plan_path}bulan/",
                    data={"bulan": value},
                    headers={**headers, "HX-Request": "true"},
                )
            elif action == "cost":
                form = self.timed(
                    "open cost editor",
                    "GET",
                    f"/ubah/baris/{line}/",
                    headers={"HX-Request": "true"},
                )
                if form is None or form.status_code != 200:
                    continue
                fields = dict(
                    re.findall(
                        r'name="(text|akun|ket|lock_version)"[^>]*?value="([^"]*)"', form.text
                    )
                )
                text = re.search(r'<textarea name="text"[^>]*>\n?([^<]*)</textarea>', form.text)
                months = re.findall(r'name="(b\d+)"[^>]*checked', form.text)
                data = {
                    **fields,
                    "text": text.group(1) if text else "x",
                    "biaya": f"{self.rng.randint(1, 900) * 1000:,}".replace(",", "."),
                    **dict.fromkeys(months, "on"),
                }
                self.timed(
                    "save cost",
                    "POST",
                    f"/ubah/baris/{line}/",
                    data=data,
                    headers=headers,
                    expect=302,
                    allow_redirects=False,
                )
            else:
                self.timed("export Excel" + suffix, "GET", f"{plan_path}unduh.xlsx")


def server_times(since, big_plans):
    """Server-side milliseconds per action from gunicorn's access log (time in the app,
    without the client's own share of the two cores); ``big_plans`` are the paths of the
    1,000-line plans, reported apart as the client does."""
    times = defaultdict(list)
    for line in ACCESS_LOG.read_text().splitlines()[since:]:
        method, path, _status, ms = line.split()
        for verb, pattern, action in SERVER_ACTIONS:
            if method == verb and pattern.match(path):
                big = action in BIG_ACTIONS and any(path.startswith(p) for p in big_plans)
                times[action + (" (1000 baris)" if big else "")].append(float(ms))
    return times


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(results, server, elapsed):
    """One row per action: the server's time (access log) and the client's beside it;
    returns the number of errors and the actions whose server p95 is over the target."""
    total = sum(len(samples) for samples in results.values())
    errors = sum(1 for samples in results.values() for _, ok in samples if not ok)
    print(f"\n{total} requests in {elapsed:.0f} s: {total / elapsed:.1f} req/s, {errors} errors")
    print(
        f"{'':<28}{'':>7}{'':>7}{'server (gunicorn log) ms':>27}{'client ms':>27}\n"
        f"{'action':<28}{'count':>7}{'errors':>7}" + f"{'p50':>9}{'p95':>9}{'p99':>9}" * 2
    )
    slow = []
    for action, samples in sorted(results.items()):
        client = [seconds * 1000 for seconds, _ in samples]
        ours = server.get(action) or [float("nan")]
        failed = sum(1 for _, ok in samples if not ok)
        figures = [statistics.median(ours), percentile(ours, 0.95), percentile(ours, 0.99)]
        figures += [statistics.median(client), percentile(client, 0.95), percentile(client, 0.99)]
        print(f"{action:<28}{len(samples):>7}{failed:>7}" + "".join(f"{v:>9.0f}" for v in figures))
        if not figures[1] < TARGET_P95_MS:
            slow.append(action)
    print(f"target: 0 errors, server p95 under {TARGET_P95_MS} ms for every action", end=": ")
    print("met" if not errors and not slow else f"NOT met ({', '.join(slow) or 'errors'})")
    return errors, slow


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="seconds between actions")
    # One sync worker per core, as the README advises: the pages are CPU-bound.
    workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
    parser.add_argument("--workers", type=int, default=workers)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("GUNICORN_THREADS", 1)))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="renaksi_load")
    parser.add_argument("--big-plans", type=int, default=3, help="plans of --big-lines lines")
    parser.add_argument("--big-lines", type=int, default=1000)
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    args = parser.parse_args()
    env = environment(args)
    if not args.reuse:
        recreate_database(args.database)
        seed(args, env)
    ACCESS_LOG.unlink(missing_ok=True)
    server, base = start_server(args, env)
    try:
        results = defaultdict(list)
        counter = {"n": 0, "lock": threading.Lock(), "big": set()}
        names = planner_names(args, env)
        skip = len(ACCESS_LOG.read_text().splitlines()) if ACCESS_LOG.exists() else 0
        started = time.monotonic()
        deadline = started + args.duration
        planners = [Planner(base, name, deadline, args.think, results, counter) for name in names]
        for planner in planners:
            planner.start()
            time.sleep(0.05)  # people do not all sign in in the same millisecond
        for planner in planners:
            planner.join(timeout=max(1.0, deadline + 90 - time.monotonic()))
        elapsed = time.monotonic() - started
        time.sleep(1)  # gunicorn writes the last requests' log lines
        errors, slow = report(results, server_times(skip, counter["big"]), elapsed)
    finally:
        server.terminate()
        server.wait(timeout=30)
    sys.exit(1 if errors or slow else 0)


if __name__ == "__main__":
    main()
