#!/usr/bin/env python3
"""Summarise how the blind calibration conversations score, level by level.

Runs `coach test --verbose` over the library (or the paths given), keeps the
transcript tests named "blind <level> ..." (strong, flawed, poor, abusive:
conversations written blind to the lexicon, see docs/rubric.md), and prints,
per level, how many there are and their mean, lowest and highest score, then
Spearman's rank correlation between the level (strong 4 ... abusive 1) and
the score, over every such test. With --by-language the levels are split by
the scenario's language as well.

    swift build && python3 scripts/calibration.py [--coach PATH] [--markdown] [PATH ...]

Python 3 standard library only.
"""

import argparse
import re
import subprocess
import sys

LEVELS = ["strong", "flawed", "poor", "abusive"]
RANK = {"strong": 4, "flawed": 3, "poor": 2, "abusive": 1}
LINE = re.compile(r"^(PASS|FAIL) (\S+) › blind (strong|flawed|poor|abusive)\b.*\(score (\d+)")


def ranks(values):
    """Average ranks (1-based), ties sharing the mean of their positions."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(xs, ys):
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--coach", default=".build/debug/coach")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("paths", nargs="*", default=["scenarios"])
    args = parser.parse_args()
    try:
        run = subprocess.run([args.coach, "test", "--verbose", *args.paths], capture_output=True, text=True)
    except FileNotFoundError:
        sys.exit(f"calibration.py: no coach binary at {args.coach} (swift build first, or --coach PATH)")
    if run.returncode == 2:
        sys.exit(run.stderr.strip() or "coach test could not load the library")
    scores = {level: [] for level in LEVELS}
    failed = []
    for line in run.stdout.splitlines():
        match = LINE.match(line)
        if not match:
            continue
        status, scenario, level, score = match.groups()
        scores[level].append(int(score))
        if status == "FAIL":
            failed.append(line)
    pairs = [(RANK[level], score) for level in LEVELS for score in scores[level]]
    if not pairs:
        sys.exit("calibration.py: no blind tests found")
    rho = spearman([p[0] for p in pairs], [p[1] for p in pairs])
    if args.markdown:
        print("| level | tests | mean | lowest | highest |")
        print("|---|---:|---:|---:|---:|")
        for level in LEVELS:
            s = scores[level]
            if s:
                print(f"| {level} | {len(s)} | {sum(s) / len(s):.0f} | {min(s)} | {max(s)} |")
        print(f"\nSpearman's rho, level against score, {len(pairs)} conversations: {rho:.3f}")
    else:
        for level in LEVELS:
            s = scores[level]
            if s:
                print(f"{level:8} {len(s):4} tests  mean {sum(s) / len(s):5.1f}  lowest {min(s):3}  highest {max(s):3}")
        print(f"spearman {rho:.3f} over {len(pairs)} conversations")
    for line in failed:
        print("failing:", line)


if __name__ == "__main__":
    main()
