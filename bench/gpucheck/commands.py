"""Running the check's commands: each stage has a time limit, and each command gets what is left of it. Every
command's output goes to its own log file under the output directory, so a failure on a GPU host can be read later."""
import os
import re
import signal
import socket
import subprocess
import time


class StageFailed(Exception):
    """A stage's check failed; the message says what, in one line."""


class FiguresFailed(StageFailed):
    """A failed check whose figures were measured all the same: they still go into the report."""

    def __init__(self, figures, message):
        super().__init__(message)
        self.figures = figures


class StageClock:
    def __init__(self, name, limit_seconds, logs):
        self.name = name
        self.limit = limit_seconds
        self.logs = logs
        self.started = time.monotonic()
        self.commands = 0

    @property
    def elapsed(self):
        return time.monotonic() - self.started

    @property
    def remaining(self):
        return self.limit - self.elapsed

    def log_path(self, label):
        self.commands += 1
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-")
        return os.path.join(self.logs, f"{self.name}-{self.commands:02d}-{safe}.log")


def run(clock, label, argv, env=None, cwd=None, check=True):
    """Runs argv to its end within the stage's remaining time; returns (exit code, stdout, stderr)."""
    timeout = clock.remaining
    if timeout <= 1:
        raise StageFailed(f"{label}: no time left of the stage's {clock.limit} s")
    log = clock.log_path(label)
    with open(log, "w") as out:
        out.write("$ " + " ".join(argv) + "\n")
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
                                   start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process)
            stdout, stderr = process.communicate()
            out.write(stdout + "\n--- stderr ---\n" + stderr)
            raise StageFailed(f"{label}: still running when the stage's {clock.limit} s ran out (log {log})")
        except BaseException:
            kill_group(process)
            raise
        out.write(stdout + "\n--- stderr ---\n" + stderr + f"\n--- exit code {process.returncode}\n")
    if check and process.returncode != 0:
        raise StageFailed(f"{label}: exit code {process.returncode}: {last_line(stderr) or last_line(stdout)} (log {log})")
    return process.returncode, stdout, stderr


class Background:
    """A long-running process (a silo) in a process group of its own, with its output in a log file."""

    def __init__(self, clock, label, argv, env, cwd):
        self.log = clock.log_path(label)
        self.label = label
        self._file = open(self.log, "w")
        self._file.write("$ " + " ".join(argv) + "\n")
        self._file.flush()
        self.process = subprocess.Popen(argv, stdout=self._file, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                                        start_new_session=True)

    def exited(self):
        return self.process.poll() is not None

    def stop(self, grace_seconds):
        """SIGTERM (the silo checkpoints its runs and leaves), then SIGKILL to the whole group after the grace period."""
        try:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=grace_seconds)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            kill_group(self.process)
            self._file.close()


def kill_group(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def last_line(text):
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
