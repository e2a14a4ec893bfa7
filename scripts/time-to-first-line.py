#!/usr/bin/env python3
"""Time from starting a command to the first output line that contains a marker.

Start-up as a trainee feels it: how long `coach play` takes to show the customer's
opening line (docs/performance.md). Standard input is a pipe kept open, so the session
waits for a reply as it would for a person; it is closed once the marker was seen.

    python3 scripts/time-to-first-line.py --runs 9 --until "Anna Varga:" -- .build/release/coach play late-parcel --no-record
    python3 scripts/time-to-first-line.py --runs 9 --until "Hello" -- ./hello
"""
import argparse
import statistics
import subprocess
import sys
import time


def once(command, marker):
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seen = None
    for line in process.stdout:
        if marker.encode() in line:
            seen = time.perf_counter() - started
            break
    process.stdin.close()
    process.stdout.read()
    process.wait()
    if seen is None:
        sys.exit(f"the output never contained {marker!r}")
    return seen


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--until", required=True, help="text of the line to wait for")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    times = [once(args.command, args.until) for _ in range(args.runs)]
    print(f"median {statistics.median(times) * 1000:.1f} ms  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, {args.runs} runs)")


if __name__ == "__main__":
    main()
