#!/usr/bin/env python3
"""Play conversations reworded and compare their scores with the originals.

A rewording set is a folder of `<scenario>.yaml` files, each a YAML list of
transcript tests named "reworded TIER N (style)": the conversation of the
scenario's test "blind TIER N" (TIER is strong, flawed, poor or abusive), the
same acts turn by turn in other words (eval/rewordings/README.md). For each
file the script copies the library to a temporary folder, adds the rewordings
to the scenario's `tests:`, runs
`coach test --verbose` on it, and prints the original's score beside each
rewording's, the spread (highest less lowest, original included) and, for a
strong conversation, how many reach 85, the strong band. Fairness asks that wording
not move the score, in any tier. A set of new conversations (`tuning-fresh*`, named
"reworded strong 3" or "4" where the scenario has no such blind test) has no original:
its column prints `?` and only the strong band counts.

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

# A scenario with one blind test of a tier may call it "blind strong", read as "blind strong 1".
TIERS = "strong|flawed|poor|abusive"
LINE = re.compile(
    rf"^(?:PASS|FAIL) (\S+) › (?:blind ({TIERS})(?: (\d+))?|reworded ({TIERS}) (\d+) \(([^)]*)\))"
    r"\s+\(score (\d+), ([^)]*)\)"
)


def key(match):
    """(tier, number, style) of a LINE match; style is None for the original."""
    _, blind_tier, blind_n, reworded_tier, reworded_n, style, _, _ = match.groups()
    if blind_tier:
        return (blind_tier, blind_n or "1", None)
    return (reworded_tier, reworded_n, style)


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
            current = key(match)
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
    for (tier, number, style), replies in sorted(tests.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or "")):
        if style is None:
            continue
        original = tests.get((tier, number, None), [])
        print(f"{scenario} {tier} {number} ({style})")
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
                    tier, number, style = key(match)
                    score, ending = int(match.group(7)), match.group(8)
                    if style is None:
                        originals[(tier, number)] = (score, ending)
                    else:
                        reworded.setdefault((tier, number), []).append((style, score, ending))
                for (tier, number), plays in reworded.items():
                    rows.append((name[:-5], tier, number, originals.get((tier, number)), plays))
    if args.moves:
        return
    total = sum(len(plays) for _, tier, _, _, plays in rows if tier == "strong")
    strong = sum(1 for _, tier, _, _, plays in rows if tier == "strong" for _, score, _ in plays if score >= 85)
    spreads = []
    if args.markdown:
        print("| scenario | original | rewordings | spread | ≥ 85 |")
        print("|---|---:|---|---:|---:|")
    for scenario, tier, number, base, plays in rows:
        scores = [score for _, score, _ in plays] + ([base[0]] if base else [])
        spread = max(scores) - min(scores)
        spreads.append(spread)
        reached = f"{sum(1 for _, score, _ in plays if score >= 85)}/{len(plays)}" if tier == "strong" else "–"
        listed = ", ".join(f"{style} {score}" + ("" if ending in ("resolved", "grudging-truce", "escalated") else f" ({ending})") for style, score, ending in plays)
        base_text = f"{base[0]}" if base else "?"
        if args.markdown:
            print(f"| {scenario} ({tier} {number}) | {base_text} | {listed} | {spread} | {reached} |")
        else:
            print(f"{scenario:22} {tier} {number}: original {base_text:>3}  {listed}  spread {spread}  >=85 {reached}")
    if spreads:
        reach = f"{strong} of {total} strong rewordings reach 85; " if total else ""
        print(f"\n{reach}largest spread {max(spreads)}, median {sorted(spreads)[len(spreads) // 2]}")


if __name__ == "__main__":
    main()
