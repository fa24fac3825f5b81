#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Where a boot's time goes, from the console's timestamps.

    bench/boot_phases.py [--runs N] [--until REGEX] [--arch aarch64|riscv64] IMAGE...

Boots each IMAGE N times under QEMU (the machine bench/run_boot_bench.sh
uses) and prints, per phase, the median and minimum of the wall time and
of QEMU's CPU time (all its threads, from /proc/PID/task/*/schedstat):

  qemu     QEMU's start to the first console byte (the loader's first line)
  loader   to the kernel's first line (a line not starting LDR|)
  kernel   to the monitor's first line (MON|)
  monitor  to the first line of a PD (not LDR|, MON| or seL4's own)
  total    QEMU's start to that PD line

An image that prints one line and no LDR|/MON| lines (a floor image) has
only the qemu phase. --until REGEX ends a boot at the first line matching
it instead of the first PD line (e.g. 'PD 59' for the last PD of a
generated system). Timings are the host's: read the minimum and the CPU
columns on a loaded machine.
"""
import argparse
import glob
import os
import re
import select
import statistics
import subprocess
import sys
import time

PHASES = ["qemu", "loader", "kernel", "monitor", "total"]
SEL4 = re.compile(rb"^(LDR|MON)\||^<<seL4|^Bootstrapping|^Booting all|^Warning|^ *$")


def qemu_cmd(arch, image):
    if arch == "riscv64":
        return ["qemu-system-riscv64", "-machine", "virt", "-m", "2G", "-nographic",
                "-kernel", image]
    return ["qemu-system-aarch64", "-machine", "virt,virtualization=on", "-cpu", "cortex-a53",
            "-m", "2G", "-nographic", "-device",
            "loader,file=%s,addr=0x70000000,cpu-num=0" % image]


def cpu_ns(pid):
    """QEMU's CPU time so far, every thread, in ns."""
    total = 0
    for f in glob.glob("/proc/%d/task/*/schedstat" % pid):
        try:
            with open(f) as s:
                total += int(s.read().split()[0])
        except OSError:
            pass
    return total


def classify(line, seen):
    """The phase mark a console line sets, or None."""
    if "first" not in seen:
        return "first"
    if line.startswith(b"LDR|"):
        return None
    if "kernel" not in seen:
        return "kernel"
    if b"Booting all finished" in line:
        seen["booted"] = True
        return None
    if "booted" not in seen:
        return None
    if line.startswith(b"MON|"):
        return "monitor" if "monitor" not in seen else None
    if not SEL4.match(line):
        return "pd"
    return None


def one(cmd, until, timeout):
    """Marks -> (wall s, cpu s) for one boot."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    marks, buf = {}, b""
    try:
        while "pd" not in marks:
            left = t0 + timeout - time.monotonic()
            if left <= 0 or not select.select([p.stdout], [], [], left)[0]:
                break
            chunk = os.read(p.stdout.fileno(), 65536)
            now, cpu = time.monotonic() - t0, cpu_ns(p.pid) / 1e9
            if not chunk:
                break
            if "first" not in marks:
                marks["first"] = (now, cpu)
            buf += chunk
            *done, buf = buf.split(b"\n")
            for line in done:
                line = line.rstrip(b"\r")
                if until is not None:
                    if until.search(line):
                        marks["pd"] = (now, cpu)
                        break
                    kind = classify(line, marks)
                    if kind != "pd" and kind is not None:
                        marks.setdefault(kind, (now, cpu))
                    continue
                kind = classify(line, marks)
                if kind is not None:
                    marks.setdefault(kind, (now, cpu))
                if kind == "pd":
                    break
    finally:
        p.kill()
        p.wait()
    return marks


def phases(marks):
    """Phase -> (wall, cpu) durations from one boot's marks."""
    order = ["first", "kernel", "monitor", "pd"]
    out, prev = {}, (0.0, 0.0)
    for name, mark in zip(PHASES, order):
        if mark not in marks:
            break
        out[name] = (marks[mark][0] - prev[0], marks[mark][1] - prev[1])
        prev = marks[mark]
    last = marks.get("pd", marks.get("first"))
    out["total"] = last
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--until")
    ap.add_argument("--arch", default="aarch64")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("images", nargs="+")
    a = ap.parse_args()
    until = re.compile(a.until.encode()) if a.until else None
    print("%-24s %-8s %9s %9s %9s %9s" % ("image", "phase", "wall med", "wall min", "cpu med",
                                          "cpu min"))
    for image in a.images:
        runs = [phases(one(qemu_cmd(a.arch, image), until, a.timeout)) for _ in range(a.runs)]
        for ph in PHASES:
            vals = [r[ph] for r in runs if ph in r]
            if not vals:
                continue
            w = [v[0] * 1e3 for v in vals]
            c = [v[1] * 1e3 for v in vals]
            print("%-24s %-8s %9.1f %9.1f %9.1f %9.1f" % (
                os.path.basename(image)[:24], ph, statistics.median(w), min(w),
                statistics.median(c), min(c)))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
