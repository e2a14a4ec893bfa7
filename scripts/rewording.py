#!/usr/bin/env python3
"""Play strong conversations reworded and compare their scores with the originals.

A rewording set is a folder of `<scenario>.yaml` files, each a YAML list of
transcript tests named "reworded strong N (style)": the conversation of the
scenario's test "blind strong N", the same acts turn by turn in other words
(eval/rewordings/README.md). For each file the script copies the library
to a temporary folder, adds the rewordings to the scenario's `tests:`, runs
`coach test --verbose` on it, and prints the original's score beside each
rewording's, the spread (highest less lowest, original included) and how many
reach 85, the strong band. Fairness asks that wording not move the score.

    swift build && python3 scripts/rewording.py [--coach PATH] [--library DIR] [--markdown] SET_DIR ...
    python3 scripts/rewording.py --moves SET_DIR ...

With `--moves` it prints instead, for each rewording, the replies whose moves differ from
the original's same reply (the acts are the same turn by turn, so a move the original
has and the rewording lacks is most often a misread): `-` moves lost, `+` moves gained,
and the state each went to. For the tuning set only: the measure set is never read.

Python 3 standard library only; the YAML lists are read by coach itself, so
the script only splices text.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

# A scenario with one strong blind test may call it "blind strong", read as "blind strong 1".
LINE = re.compile(r"^(?:PASS|FAIL) (\S+) › (blind strong(?: (\d+))?|reworded strong (\d+) \(([^)]*)\))\s+\(score (\d+), ([^)]*)\)")


def splice(scenario_text, tests_text):
    """The scenario with the rewordings' list items added at the top of its `tests:`."""
    marker = "\ntests:\n"
    at = scenario_text.index(marker) + len(marker)
    items = "".join("  " + line if line.strip() else line for line in tests_text.splitlines(True))
    return scenario_text[:at] + items + "\n" + scenario_text[at:]


REPLY = re.compile(r'^\s+(\d+)\s+"(.*)"$')
FIELD = re.compile(r"^\s+(moves|state)\s+(.*)$")


def replies_by_test(verbose):
    """Per test name (as LINE reads it), its replies: (number, text, moves, state)."""
    tests, current = {}, None
    for line in verbose.splitlines():
        match = LINE.match(line)
        if match:
            _, test, blind_n, reworded_n, style, _, _ = match.groups()
            current = ("1" if blind_n is None else blind_n, None) if test.startswith("blind") else (reworded_n, style)
            tests[current] = []
            continue
        if current is None:
            continue
        reply = REPLY.match(line)
        if reply:
            tests[current].append([int(reply.group(1)), reply.group(2), set(), ""])
            continue
        field = FIELD.match(line)
        if field and tests[current]:
            if field.group(1) == "moves":
                value = field.group(2).strip()
                tests[current][-1][2] = set() if value.startswith("(") else {m.strip() for m in value.split(",")}
            else:
                tests[current][-1][3] = field.group(2).strip()
    return tests


def print_move_differences(scenario, verbose):
    """The replies of each rewording whose moves differ from the original's same reply."""
    tests = replies_by_test(verbose)
    for (number, style), replies in sorted(tests.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        if style is None:
            continue
        original = tests.get((number, None), [])
        print(f"{scenario} strong {number} ({style})")
        for index, (reply_number, text, moves, state) in enumerate(replies):
            if index >= len(original):
                break
            base = original[index]
            lost, gained = sorted(base[2] - moves), sorted(moves - base[2])
            if lost or gained:
                changes = " ".join([f"-{m}" for m in lost] + [f"+{m}" for m in gained])
                print(f"  {reply_number:>2} {changes}")
                print(f"     \"{text}\"")
                print(f"     state {state}   (original: {base[3]})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--coach", default=".build/debug/coach")
    parser.add_argument("--library", default="scenarios")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--moves", action="store_true", help="per reply, the moves each rewording lost or gained")
    parser.add_argument("sets", nargs="+")
    args = parser.parse_args()
    if not os.path.exists(args.coach):
        sys.exit(f"rewording.py: no coach binary at {args.coach} (swift build first, or --coach PATH)")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        library = os.path.join(scratch, "library")
        shutil.copytree(args.library, library)
        for folder in args.sets:
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".yaml"):
                    continue
                scenario = os.path.join(library, name)
                if not os.path.exists(scenario):
                    sys.exit(f"rewording.py: {folder}/{name}: no scenario {name} in {args.library}")
                original = open(scenario, encoding="utf-8").read()
                rewordings = open(os.path.join(folder, name), encoding="utf-8").read()
                with open(scenario, "w", encoding="utf-8") as out:
                    out.write(splice(original, rewordings))
                run = subprocess.run([args.coach, "test", "--verbose", scenario], capture_output=True, text=True)
                with open(scenario, "w", encoding="utf-8") as out:
                    out.write(original)
                if run.returncode == 2:
                    sys.exit(f"rewording.py: {folder}/{name}: {run.stdout.strip()[-2000:]}")
                if args.moves:
                    print_move_differences(name[:-5], run.stdout)
                    continue
                originals, reworded = {}, {}
                for line in run.stdout.splitlines():
                    match = LINE.match(line)
                    if not match:
                        continue
                    _, test, blind_n, reworded_n, style, score, ending = match.groups()
                    if test.startswith("blind"):
                        originals[blind_n or "1"] = (int(score), ending)
                    else:
                        reworded.setdefault(reworded_n, []).append((style, int(score), ending))
                for number, plays in reworded.items():
                    base = originals.get(number)
                    rows.append((name[:-5], number, base, plays))
    if args.moves:
        return
    total = sum(len(plays) for _, _, _, plays in rows)
    strong = sum(1 for _, _, _, plays in rows for _, score, _ in plays if score >= 85)
    spreads = []
    if args.markdown:
        print("| scenario | original | rewordings | spread | ≥ 85 |")
        print("|---|---:|---|---:|---:|")
    for scenario, number, base, plays in rows:
        scores = [score for _, score, _ in plays] + ([base[0]] if base else [])
        spread = max(scores) - min(scores)
        spreads.append(spread)
        reached = sum(1 for _, score, _ in plays if score >= 85)
        listed = ", ".join(f"{style} {score}" + ("" if ending in ("resolved", "grudging-truce", "escalated") else f" ({ending})") for style, score, ending in plays)
        base_text = f"{base[0]}" if base else "?"
        if args.markdown:
            print(f"| {scenario} (strong {number}) | {base_text} | {listed} | {spread} | {reached}/{len(plays)} |")
        else:
            print(f"{scenario:22} strong {number}: original {base_text:>3}  {listed}  spread {spread}  >=85 {reached}/{len(plays)}")
    if total:
        print(f"\n{strong} of {total} rewordings reach 85; largest spread {max(spreads)}, median {sorted(spreads)[len(spreads) // 2]}")


if __name__ == "__main__":
    main()
