#!/usr/bin/env python3
"""Fault runs against the release server: writers post comments while a fault is made, then every
comment answered 201 is looked for in the database. Prints one Markdown table row per run.

Called by bench/faults.sh (which builds the server and knows where PostgreSQL is); standard library
only. Every loop is bounded in time and every address is on loopback.
"""
import argparse
import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid

BINARY = os.environ.get("SPOLUPLAN_BIN", "target/release/spoluplan")
PG = "postgres://postgres@127.0.0.1:5432"


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout.strip()


class Server:
    """`spoluplan serve` on a free port with the demo data, as a child process."""

    def __init__(self, database_url, data_dir, extra_env=None):
        self.port = free_port()
        self.env = dict(os.environ, DATABASE_URL=database_url, SPOLUPLAN_DATA_DIR=data_dir,
                        SPOLUPLAN_BIND=f"127.0.0.1:{self.port}", SPOLUPLAN_DEMO="1", RUST_LOG="warn",
                        SPOLUPLAN_ANONYMOUS_COMMENTS_PER_ADDRESS="1000000",
                        SPOLUPLAN_WRITES_PER_ACCOUNT="1000000", **(extra_env or {}))
        # The log stays off the file system under test, so a failing disk fails the database only.
        self.log = tempfile.NamedTemporaryFile("w", prefix="spoluplan-server-", suffix=".log", delete=False)
        self.process = subprocess.Popen([BINARY, "serve", "--init"], env=self.env, stdout=self.log, stderr=self.log)
        for _ in range(200):
            if self.status("/api/v1/health/ready") == 200:
                return
            time.sleep(0.1)
        raise SystemExit(f"the server did not become ready; see {self.log.name}")

    def request(self, method, path, body=None, token=None, timeout=60):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        try:
            connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            answer = connection.getresponse()
            return answer.status, answer.read()
        finally:
            connection.close()

    def status(self, path):
        try:
            return self.request("GET", path, timeout=5)[0]
        except OSError:
            return None

    def sign_in(self):
        status, body = self.request("POST", "/api/v1/auth/login",
                                    {"email": "koordinator@example.cz", "password": os.environ.get("DEMO_PASSWORD", "spoluplan-demo")})
        assert status == 200, body
        token = json.loads(body)["access_token"]
        status, body = self.request("GET", "/api/v1/plans?status=consultation&limit=1", token=token)
        return token, json.loads(body)["items"][0]["id"]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


class Writers:
    """`count` threads posting comments on one connection each until stopped; records every id
    answered 201, every other status, and the longest wait for an answer."""

    def __init__(self, server, token, plan, count):
        self.server, self.token, self.plan = server, token, plan
        self.acknowledged, self.statuses, self.longest = [], {}, 0.0
        self.lock, self.running = threading.Lock(), True
        self.threads = [threading.Thread(target=self.write, args=(i,), daemon=True) for i in range(count)]
        for thread in self.threads:
            thread.start()

    def write(self, writer):
        connection = None
        i = 0
        while self.running:
            i += 1
            body = json.dumps({"target_type": "plan", "target_id": self.plan, "body": f"Zápis {writer}/{i}"})
            started = time.monotonic()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=120)
                connection.request("POST", "/api/v1/comments", body=body,
                                   headers={"content-type": "application/json", "authorization": f"Bearer {self.token}"})
                answer = connection.getresponse()
                data = answer.read()
                status = answer.status
            except OSError:
                connection, status, data = None, "no answer", b""
                time.sleep(0.05)
            took = time.monotonic() - started
            with self.lock:
                self.longest = max(self.longest, took)
                self.statuses[status] = self.statuses.get(status, 0) + 1
                if status == 201:
                    self.acknowledged.append(json.loads(data)["id"])
            if status == 503:
                time.sleep(0.05)

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=150)
        return self

    @property
    def total(self):
        return sum(self.statuses.values())

    def share(self, status):
        return self.statuses.get(status, 0) / max(self.total, 1)


def sqlite_ids(path):
    with sqlite3.connect(path) as db:
        return {row[0] if isinstance(row[0], str) else str(uuid.UUID(bytes=row[0])) for row in db.execute("SELECT id FROM comments")}


def postgres_ids(database):
    out = run("psql", "-qAt", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", "SELECT id FROM comments")
    return set(out.split())


def row(fault, writers, present, extra):
    lost = len([i for i in writers.acknowledged if i not in present])
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(writers.statuses.items(), key=str))
    print(f"| {fault} | {len(writers.acknowledged)} | {len(writers.acknowledged) - lost} | {lost} | {statuses} | "
          f"{writers.longest:.1f} s | {extra} |", flush=True)


def sqlite_server(directory, extra_env=None):
    return Server(f"sqlite://{directory}/spoluplan.db?mode=rwc", directory, extra_env)


def no_fault(seconds, count):
    with tempfile.TemporaryDirectory() as directory:
        server = sqlite_server(directory)
        token, plan = server.sign_in()
        writers = Writers(server, token, plan, count)
        time.sleep(seconds)
        writers.stop()
        server.stop()
        row(f"none, {count} SQLite writers", writers, sqlite_ids(f"{directory}/spoluplan.db"),
            f"503 share {writers.share(503):.1%}, {writers.total / seconds:.0f} writes/s")


def wait_ready(server, want, within):
    started = time.monotonic()
    while time.monotonic() - started < within:
        if server.status("/api/v1/health/ready") == want:
            return f"{time.monotonic() - started:.1f} s"
        time.sleep(0.1)
    return f"not within {within} s"


def mounted(kind):
    directory = tempfile.mkdtemp(prefix="spoluplan-fault-")
    if kind == "tmpfs":
        run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", directory)
        return directory, None
    image = directory + ".img"
    run("truncate", "-s", "256M", image)
    device = run("losetup", "-f", "--show", image)
    run("blockdev", "--setrw", device)
    run("mkfs.ext4", "-q", device)
    run("mount", device, directory)
    return directory, (device, image)


def unmount(directory, loop):
    subprocess.run(["umount", "-l", directory])
    if loop:
        subprocess.run(["losetup", "-d", loop[0]])
        os.remove(loop[1])


def shut_down(directory):
    import fcntl
    import struct

    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.ioctl(fd, 0x8004587D, struct.pack("I", 2))  # EXT4_IOC_SHUTDOWN, NOLOGFLUSH
    finally:
        os.close(fd)


def on_disk(image):
    """The database as the failed disk holds it: the image copied, checked, mounted read-only."""
    work = tempfile.mkdtemp(prefix="spoluplan-disk-")
    copy = os.path.join(work, "disk.img")
    run("cp", "--sparse=always", image, copy)
    subprocess.run(["e2fsck", "-fy", copy], capture_output=True)
    mnt = os.path.join(work, "mnt")
    os.mkdir(mnt)
    run("mount", "-o", "loop,ro", copy, mnt)
    out = os.path.join(work, "out")
    os.mkdir(out)
    for name in ("spoluplan.db", "spoluplan.db-wal"):
        if os.path.exists(os.path.join(mnt, name)):
            run("cp", os.path.join(mnt, name), out)
    run("umount", mnt)
    return os.path.join(out, "spoluplan.db")


def failing_disk(seconds):
    directory, loop = mounted("ext4")
    try:
        server = sqlite_server(directory)
        token, plan = server.sign_in()
        writers = Writers(server, token, plan, 8)
        time.sleep(seconds / 2)
        shut_down(directory)
        noticed = wait_ready(server, 503, 10)
        time.sleep(seconds / 2)
        writers.stop()
        server.stop()
        row("disk fails (ext4 shut down), SQLite", writers, sqlite_ids(on_disk(loop[1])), f"readiness 503 after {noticed}")
    finally:
        unmount(directory, loop)


def full_disk(seconds):
    directory, _ = mounted("tmpfs")
    try:
        server = sqlite_server(directory)
        token, plan = server.sign_in()
        writers = Writers(server, token, plan, 8)
        time.sleep(seconds / 3)
        subprocess.run(["dd", "if=/dev/zero", f"of={directory}/filler", "bs=1M"], capture_output=True)
        noticed = wait_ready(server, 503, 10)
        time.sleep(seconds / 3)
        os.remove(f"{directory}/filler")
        recovered = wait_ready(server, 200, 15)
        time.sleep(seconds / 3)
        writers.stop()
        server.stop()
        row("disk full, then freed, SQLite", writers, sqlite_ids(f"{directory}/spoluplan.db"),
            f"readiness 503 after {noticed}, 200 again {recovered} after the space came back")
    finally:
        unmount(directory, None)


def deleted_data(seconds):
    directory = tempfile.mkdtemp(prefix="spoluplan-gone-")
    server = sqlite_server(directory)
    token, plan = server.sign_in()
    writers = Writers(server, token, plan, 8)
    time.sleep(seconds / 2)
    with writers.lock:
        before = len(writers.acknowledged)
    subprocess.run(["rm", "-rf", directory])
    noticed = wait_ready(server, 503, 10)
    time.sleep(seconds / 2)
    writers.stop()
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(timeout=40)
    after = len(writers.acknowledged) - before
    os.makedirs(directory, exist_ok=True)
    restart = subprocess.run([BINARY, "serve"], env=dict(server.env, RUST_BACKTRACE="0"), capture_output=True, text=True, timeout=30)
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(writers.statuses.items(), key=str))
    print(f"| data folder deleted (rm -rf), SQLite | {len(writers.acknowledged)} | {before} before the deletion | "
          f"{after} acknowledged after it | {statuses} | {writers.longest:.1f} s | readiness 503 after {noticed}; "
          f"restart exits {restart.returncode}: \"{next((l for l in restart.stderr.splitlines() if 'does not exist' in l), '?')[:90]}…\" |", flush=True)
    subprocess.run(["rm", "-rf", directory])


class Relay:
    """socat between the server and PostgreSQL: SIGSTOP makes a database that takes connections
    but answers nothing; killing it makes one that is gone."""

    def __init__(self):
        self.port = free_port()
        self.start()

    def start(self):
        self.process = subprocess.Popen(["socat", f"TCP-LISTEN:{self.port},fork,reuseaddr,bind=127.0.0.1", "TCP:127.0.0.1:5432"],
                                        start_new_session=True)
        time.sleep(0.3)

    def signal(self, sig):
        os.killpg(self.process.pid, sig)

    def stop(self):
        self.signal(signal.SIGKILL)
        self.process.wait()


def postgres_fault(kind, seconds, pause):
    database = f"spoluplan_fault_{uuid.uuid4().hex[:8]}"
    run("psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {database}", "postgres")
    relay = Relay()
    directory = tempfile.mkdtemp(prefix="spoluplan-pg-")
    try:
        server = Server(f"postgres://postgres@127.0.0.1:{relay.port}/{database}", directory)
        token, plan = server.sign_in()
        writers = Writers(server, token, plan, 8)
        time.sleep(seconds)
        if kind == "hang":
            relay.signal(signal.SIGSTOP)
        else:
            relay.stop()
        noticed = wait_ready(server, 503, 10)
        time.sleep(max(pause - 1, 0))
        if kind == "hang":
            relay.signal(signal.SIGCONT)
        else:
            relay.start()
        recovered = wait_ready(server, 200, 30)
        time.sleep(seconds)
        writers.stop()
        server.stop()
        what = f"PostgreSQL hangs {pause} s (takes connections, answers nothing)" if kind == "hang" else f"PostgreSQL gone {pause} s"
        row(what, writers, postgres_ids(database), f"readiness 503 after {noticed}, ready again {recovered} after it came back")
    finally:
        relay.stop()
        run("psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", "postgres")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--postgres", action="store_true", help="also the PostgreSQL faults")
    args = parser.parse_args()
    print("| fault | acknowledged (201) | present afterwards | lost | answers | longest request | notes |")
    print("|---|---|---|---|---|---|---|")
    for count in (2, 4, 8):
        no_fault(args.seconds, count)
    failing_disk(args.seconds)
    full_disk(args.seconds)
    deleted_data(args.seconds)
    if args.postgres:
        postgres_fault("hang", args.seconds / 2, 30)
        postgres_fault("stop", args.seconds / 2, 10)


if __name__ == "__main__":
    sys.exit(main())
