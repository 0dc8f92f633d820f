"""Faults under load against `make stack`: break one part at a time while people use the site, then count.

    .venv/bin/python bench/stack_faults.py                                   # every fault, 32 people
    .venv/bin/python bench/stack_faults.py --faults worker,gunicorn --users 8 --hold 15    # a short try

For each fault a fresh load (bench/stack_load.py's journeys: reading, searching, the report form with a photo,
status checks, the API with Idempotency-Key) runs for --warmup seconds, then the fault is injected and held for
--hold seconds, then repaired; the load goes on for --tail seconds after the stack has recovered, every journey
under way finishes (clients retry 502/503/504 and dropped connections, waiting Retry-After, as a careful client
does), and the reports are checked in the stack's database: every accepted report stored exactly once, with its
photo.

After every fault the background work must drain (no task or index update waiting, /readyz) within 4 minutes
of the end of the load; the table says how long it took, or that it did not.

The faults, one at a time:
  es-replica   stop the Elasticsearch node that is not the elected master; start it again
  es-master    stop the elected master (a two-node cluster cannot elect another); start it again
  es-both      stop both nodes (the site falls back to the database); start them; recovered when the cluster
               is green and the search outbox is empty; after the load `manage.py search_index --check` must say
               the indexes match the database
  worker       SIGKILL the db_worker (its supervisor, like systemd's Restart=always, starts it again after 5 s);
               recovered when no background task or index update is waiting
  gunicorn     hold PostgreSQL's lock on the report attachments table so report submissions with a photo stop
               inside their transaction, SIGKILL the gunicorn workers running them, release the lock
  postgresql   `pg_ctlcluster <version> main restart` (the machine's shared cluster: run it once, keep it short)

It prints a table: fault, requests, errors by status, journeys given up, reports accepted / stored, lost,
duplicates, time to recover, and what was seen. A benchmark, not a test: exit status 1 when a report was lost or
duplicated, or a page answered 500.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stack_load  # noqa: E402
from stack_load import STACK, Load, Stack, check_reports, is_error, load_average, say  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ES_PORTS = (9211, 9212)


class Probe:
    """Plain requests to the stack (not counted in the load), for recovery checks."""

    def __init__(self, stack):
        self.stack = stack
        self.session = requests.Session()

    def get(self, path, timeout=10):
        return self.session.get(self.stack.url + path, timeout=timeout, verify=self.stack.certificate)

    def readyz(self):
        try:
            return self.get("/readyz").json()
        except (requests.RequestException, ValueError):
            return {}


def es_get(port, path, timeout=5):
    try:
        return requests.get(f"http://127.0.0.1:{port}{path}", timeout=timeout)
    except requests.RequestException:
        return None


def es_health(port):
    answer = es_get(port, "/_cluster/health?filter_path=status,number_of_nodes")
    return answer.json() if answer is not None and answer.ok else {}


def es_master_index():
    """0 or 1: the node that is the elected master."""
    for port in ES_PORTS:
        answer = es_get(port, "/_cat/master?h=node")
        if answer is not None and answer.ok and answer.text.strip():
            return int(answer.text.strip().rsplit("-", 1)[1]) - 1
    raise SystemExit("no elected Elasticsearch master: is the stack's cluster running?")


def stack_command(*args, check=True):
    return subprocess.run([str(STACK), *args], capture_output=True, text=True, check=check)


def wait_until(condition, timeout, interval=0.5):
    """Seconds until condition() is true, or None after timeout."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(interval)
    return None


def backends_between(recorder, start, end):
    with recorder.lock:
        return Counter(name for t, name in recorder.backends if start <= t <= end)


# ---------------------------------------------------------------------------------------------------------------
# The faults: inject, repair, recovered. Each returns notes for the table.


class Fault:
    key = ""
    title = ""
    # Recovery is timed from the repair, or for faults the stack heals by itself (no hold, no repair) from the
    # injection (self.origin when set).
    timed_from_injection = False
    recover_timeout = 300

    def __init__(self, runner):
        self.runner = runner
        self.stack = runner.stack
        self.probe = runner.probe
        self.notes = []

    def prepare(self):
        """Before the load starts."""

    def inject(self):
        raise NotImplementedError

    def repair(self):
        pass

    def recovered(self):
        raise NotImplementedError

    def after(self):
        """Checks once the load has finished."""


class ElasticsearchNode(Fault):
    which = "replica"

    def inject(self):
        master = es_master_index()
        self.node = 1 - master if self.which == "replica" else master
        self.other = 1 - self.node
        self.title = (
            f"Elasticsearch node stack-{self.node + 1} stopped ({'not ' if self.which == 'replica' else ''}the master)"
        )
        stack_command("es-node", str(self.node), "stop")
        time.sleep(3)
        health = es_get(ES_PORTS[self.other], "/_cluster/health?timeout=1s")
        self.notes.append(
            f"the other node's health while it was away: "
            f"{health.status_code if health is not None else 'no answer'} "
            f"{(health.text[:80] if health is not None else '')}"
        )

    def repair(self):
        stack_command("es-node", str(self.node), "start", check=False)

    def recovered(self):
        health = es_health(ES_PORTS[self.other]) or es_health(ES_PORTS[self.node])
        return health.get("status") == "green" and health.get("number_of_nodes") == 2


class ElasticsearchReplica(ElasticsearchNode):
    key = "es-replica"
    which = "replica"


class ElasticsearchMaster(ElasticsearchNode):
    key = "es-master"
    which = "master"


class ElasticsearchBoth(Fault):
    key = "es-both"
    title = "both Elasticsearch nodes stopped, then started"
    recover_timeout = 600

    def prepare(self):
        """Convergence is judged by `search_index --check`: the indexes must match the database before the fault."""
        if self.index_check().returncode:
            say("   the indexes differ from the database before the fault: rebuilding them first")
            for _attempt in range(3):  # right after another fault the cluster may still be settling
                rebuild = subprocess.run(
                    self.manage("search_index", "--rebuild"),
                    cwd=ROOT,
                    env=self.stack.manage_env(),
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if rebuild.returncode == 0:
                    break
                say("   rebuild failed: " + " / ".join(rebuild.stderr.strip().splitlines()[-2:]))
                time.sleep(15)
            self.notes.append("indexes rebuilt before the fault (they differed from the database)")

    def manage(self, *args):
        return [str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args]

    def index_check(self):
        return subprocess.run(
            self.manage("search_index", "--check"),
            cwd=ROOT,
            env=self.stack.manage_env(),
            capture_output=True,
            text=True,
            check=False,
        )

    def inject(self):
        threads = [
            threading.Thread(target=stack_command, args=("es-node", str(n), "stop"), kwargs={"check": False})
            for n in (0, 1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def repair(self):
        self.repair_started = time.monotonic()
        threads = [
            threading.Thread(target=stack_command, args=("es-node", str(n), "start"), kwargs={"check": False})
            for n in (0, 1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.green = None

    def recovered(self):
        if self.green is None:
            health = es_health(ES_PORTS[0])
            if health.get("status") != "green" or health.get("number_of_nodes") != 2:
                return False
            self.green = time.monotonic() - self.repair_started
            self.notes.append(f"cluster green with 2 nodes {self.green:.0f} s after the start")
        # Caught up: the outbox is empty (every update made while the cluster was away has been sent).
        outbox = self.probe.readyz().get("checks", {}).get("search_outbox", {})
        return outbox.get("waiting") == 0

    def after(self):
        """Once the load has ended: the indexes match the database (`search_index --check`)."""
        for _attempt in range(3):
            check = self.index_check()
            if check.returncode == 0:
                self.notes.append("`search_index --check` afterwards: the indexes match the database")
                return
            time.sleep(10)
        lines = [line for line in (check.stdout + check.stderr).splitlines() if not line.startswith("{")]
        self.notes.append("`search_index --check` afterwards FAILED: " + " / ".join(lines[-4:]))


def children(parent):
    """Process ids whose parent is `parent`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


def command_line(pid):
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


class Worker(Fault):
    key = "worker"
    title = "db_worker killed (SIGKILL); restarted by its supervisor after 5 s"
    timed_from_injection = True

    def supervisor(self):
        return int((Path(self.stack.env["STATIC_ROOT"]).parent / "run" / "worker.pid").read_text())

    def worker(self):
        return next((pid for pid in children(self.supervisor()) if "db_worker" in command_line(pid)), None)

    def inject(self):
        self.killed = self.worker()
        if self.killed is None:
            raise SystemExit("no db_worker runs under scripts/stack.sh worker")
        os.kill(self.killed, signal.SIGKILL)
        self.notes.append(f"killed db_worker {self.killed}")
        time.sleep(4)
        checks = self.probe.readyz().get("checks", {})
        self.notes.append(
            f"waiting 4 s later: {checks.get('background_tasks', {}).get('waiting')} tasks,"
            f" {checks.get('search_outbox', {}).get('waiting')} index updates"
        )

    def recovered(self):
        if self.worker() in (None, self.killed):
            return False
        checks = self.probe.readyz().get("checks", {})
        return (
            checks.get("background_tasks", {}).get("waiting") == 0
            and checks.get("search_outbox", {}).get("waiting") == 0
        )


class GunicornMidSubmit(Fault):
    key = "gunicorn"
    title = "gunicorn workers killed mid-submit (SIGKILL inside the report's transaction)"
    timed_from_injection = True

    def master_pid(self):
        return int((Path(self.stack.env["STATIC_ROOT"]).parent / "run" / "gunicorn.pid").read_text())

    def workers(self):
        return children(self.master_pid())

    def inject(self):
        """Lock the attachments table, wait for submissions stuck inside their transaction, kill their workers."""
        killed = set()
        self.workers_before = len(self.workers())
        # Who waits is read on a connection of its own: inside a transaction pg_stat_activity does not change.
        stuck = (
            "SELECT pid, client_port FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND query ILIKE '%%reports_attachment%%'"
        )
        with (
            psycopg.connect(self.stack.database_url, autocommit=False) as lock,
            psycopg.connect(self.stack.database_url, autocommit=True) as watch,
        ):
            lock.execute("LOCK TABLE reports_attachment IN EXCLUSIVE MODE")
            deadline = time.monotonic() + 30
            waiting = []
            while time.monotonic() < deadline and not waiting:
                time.sleep(0.1)
                waiting = watch.execute(stuck).fetchall()
            time.sleep(1)  # a moment for others to arrive (the site gives up waiting for a lock after 10 s)
            waiting = watch.execute(stuck).fetchall()
            workers = set(self.workers())
            for _backend, port in waiting:
                owner = subprocess.run(
                    ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],
                    capture_output=True,
                    text=True,
                    check=False,
                ).stdout
                for pid in map(int, re.findall(r"pid=(\d+)", owner)):
                    if pid in workers and pid not in killed:
                        os.kill(pid, signal.SIGKILL)
                        killed.add(pid)
            self.origin = time.monotonic()  # recovery is timed from the kill
            lock.rollback()
        self.notes.append(
            f"{len(waiting)} submissions stopped inside their transaction; killed {len(killed)} of"
            f" {self.workers_before} workers"
        )
        if not killed:
            self.notes.append("no submission was caught mid-transaction: nothing killed")

    def recovered(self):
        if len(self.workers()) < self.workers_before:
            return False
        try:
            return self.probe.get("/report/").status_code == 200
        except requests.RequestException:
            return False

    def after(self):
        """Files written by a killed submission have no row; purge_report_uploads removes them after an hour."""
        root = Path(self.stack.report_files_root) / "reports"
        with psycopg.connect(self.stack.database_url) as connection:
            known = {row[0] for row in connection.execute("SELECT file FROM reports_attachment")}
        started = self.runner.fault_started_wall
        orphans = [
            path
            for path in root.rglob("*")
            if path.is_file()
            and path.stat().st_mtime >= started
            and str(path.relative_to(self.stack.report_files_root)) not in known
        ]
        self.notes.append(f"{len(orphans)} file(s) of killed submissions left without a row (the hourly purge's)")


class PostgreSQL(Fault):
    key = "postgresql"
    title = "PostgreSQL restarted (pg_ctlcluster restart)"
    timed_from_injection = True  # from the start of the restart

    def inject(self):
        clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True).stdout
        version = sorted(line.split()[0] for line in clusters.splitlines() if line.split()[1] == "main")[-1]
        started = time.monotonic()
        subprocess.run(["pg_ctlcluster", version, "main", "restart"], check=True)
        self.notes.append(f"pg_ctlcluster {version} main restart took {time.monotonic() - started:.1f} s")

    def recovered(self):
        return self.probe.readyz().get("checks", {}).get("database", {}).get("status") == "ok"


FAULTS = {
    f.key: f
    for f in (ElasticsearchReplica, ElasticsearchMaster, ElasticsearchBoth, Worker, GunicornMidSubmit, PostgreSQL)
}


# ---------------------------------------------------------------------------------------------------------------


class Runner:
    def __init__(self, stack, args):
        self.stack = stack
        self.args = args
        self.probe = Probe(stack)
        self.rows = []
        self.fault_started_wall = time.time()

    def backlog(self):
        checks = self.probe.readyz().get("checks", {})
        return checks.get("background_tasks", {}).get("waiting"), checks.get("search_outbox", {}).get("waiting")

    def run(self, fault_class, number):
        fault = fault_class(self)
        stamp = datetime.now(UTC).strftime("%H%M%S")
        load = Load(
            self.stack,
            users=self.args.users,
            duration=10**6,
            seed=self.args.seed + number,
            run_id=f"{fault.key}-{stamp}",
        )
        say(
            f"== {fault.key}: {self.args.users} people, warm-up {self.args.warmup} s (load average {load_average():.1f})"
        )
        fault.prepare()
        load_before = load_average()
        load.start()
        time.sleep(self.args.warmup)
        self.fault_started_wall = time.time()
        injected = time.monotonic()
        fault.inject()
        say(f"   injected: {fault.title or fault.key} {'; '.join(fault.notes)}")
        if not fault.timed_from_injection:
            time.sleep(self.args.hold)
        repaired = time.monotonic()
        fault.repair()
        say("   repaired; waiting for recovery")
        waiting_from = time.monotonic()
        recovered_in = wait_until(
            fault.recovered, fault.recover_timeout, interval=2 if fault.key == "es-both" else 0.5
        )
        if recovered_in is not None:
            origin = getattr(fault, "origin", injected) if fault.timed_from_injection else repaired
            recovered_in = waiting_from + recovered_in - origin
        end_of_fault = time.monotonic()
        backends = backends_between(load.recorder, injected, end_of_fault)
        say(f"   recovered: {recovered_in}")
        time.sleep(self.args.tail)
        load.finish()
        fault.after()
        # Whatever the fault, the background work must resume: every task and index update taken, in time.
        drained = wait_until(lambda: self.backlog() == (0, 0), 240, interval=2)
        if drained is None:
            tasks, updates = self.backlog()
            fault.notes.append(
                f"background work NOT drained 4 minutes after the load: {tasks} tasks, {updates} index updates wait"
            )
        else:
            fault.notes.append(f"background work drained {drained:.0f} s after the load ended")
        check = check_reports(self.stack, load)
        samples = load.recorder.snapshot()
        errors = Counter(str(status) for _t, _route, status, _s in samples if is_error(status))
        if load.recorder.retried:
            fault.notes.append(stack_load.retried_text(load.recorder))
        if backends:
            fault.notes.append("API searches answered by " + ", ".join(f"{k} {v}" for k, v in backends.items()))
        problems = Counter(load.recorder.problems)
        row = {
            "fault": fault.title or fault.key,
            "requests": len(samples),
            "errors": dict(errors),
            "gave_up": load.recorder.journeys.get("gave up", 0),
            "journeys": sum(load.recorder.journeys.values()),
            "accepted": check["accepted"],
            "stored": check["stored"],
            "lost": len(check["lost"]),
            "duplicates": len(check["duplicates"]),
            "without_photo": len(check["without_photo"]),
            "unacknowledged": len(check["unexpected"]),
            "recovered_in": recovered_in,
            "notes": fault.notes,
            "problems": [f"{n}x {p}" for p, n in problems.items()],
            "load": f"{load_before:.1f}-{load_average():.1f}",
            "route_table": stack_load.route_table(samples),
        }
        self.rows.append(row)
        say(
            f"   {row['requests']} requests, errors {row['errors'] or 0}, reports {row['accepted']} accepted /"
            f" {row['stored']} stored, lost {row['lost']}, duplicates {row['duplicates']}"
        )
        say(f"   recovered in {recovered_in}; {'; '.join(fault.notes)}")
        for problem in row["problems"][:10]:
            say(f"   problem: {problem}")
        time.sleep(self.args.pause)


def table(rows):
    lines = [
        "| Fault | Requests | Errors by status | Journeys given up | Reports accepted / stored | Lost | Duplicates"
        " | Time to recover | Load avg | What happened |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        errors = ", ".join(f"{n}x {s}" for s, n in sorted(row["errors"].items())) or "0"
        recovered = f"{row['recovered_in']:.0f} s" if row["recovered_in"] is not None else "not recovered"
        notes = "; ".join(row["notes"])
        if row["without_photo"]:
            notes += f"; {row['without_photo']} stored without their photo"
        if row["unacknowledged"]:
            notes += f"; {row['unacknowledged']} stored whose answer the client never heard"
        lines.append(
            f"| {row['fault']} | {row['requests']} | {errors} | {row['gave_up']} of {row['journeys']} |"
            f" {row['accepted']} / {row['stored']} | {row['lost']} | {row['duplicates']} | {recovered} |"
            f" {row['load']} | {notes} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faults", default=",".join(FAULTS), help=f"comma-separated, from {', '.join(FAULTS)}")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=20, help="seconds of load before the fault (20)")
    parser.add_argument("--hold", type=int, default=30, help="seconds the fault lasts before the repair (30)")
    parser.add_argument("--tail", type=int, default=15, help="seconds of load after recovery (15)")
    parser.add_argument("--pause", type=int, default=5, help="seconds between faults (5)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--output", help="also write the table (and per-route tables) to this Markdown file")
    args = parser.parse_args()
    keys = [key.strip() for key in args.faults.split(",") if key.strip()]
    unknown = [key for key in keys if key not in FAULTS]
    if unknown:
        parser.error(f"unknown fault(s): {', '.join(unknown)}")
    if os.geteuid() != 0 and "postgresql" in keys:
        parser.error("restarting PostgreSQL needs root (pg_ctlcluster); leave out postgresql")
    stack = Stack.read()
    runner = Runner(stack, args)
    for number, key in enumerate(keys):
        runner.run(FAULTS[key], number)
    text = table(runner.rows)
    say("")
    say(text)
    if args.output:
        details = "\n\n".join(
            f"### {row['fault']}\n\n{row['route_table']}\n\nproblems: {row['problems']}" for row in runner.rows
        )
        Path(args.output).write_text(
            text
            + "\n\n"
            + details
            + "\n\n"
            + json.dumps([{k: v for k, v in row.items() if k != "route_table"} for row in runner.rows], indent=1)
            + "\n"
        )
    bad = any(
        row["lost"] or row["duplicates"] or row["without_photo"] or "500" in row["errors"] for row in runner.rows
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
