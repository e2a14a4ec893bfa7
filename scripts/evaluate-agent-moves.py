#!/usr/bin/env python3
"""Measure the move detector on in-domain agent replies labelled with moves.

Reads `agent-moves-<lang>.tsv` (expected, allowed, customer, text; see
AGENT-MOVES.md beside the data) and runs one `coach moves --json --lang LANG
--customer SURNAME` process per customer. Scoring follows the data's README:
a detected move in `expected` is a true positive, one in neither column a
false positive, an expected move not detected a false negative; `allowed`
moves count for nothing. Prints per-move precision, recall and F1, the
macro-F1 over the moves that occur, and exact-set accuracy (the detected set
less `allowed` equals `expected`).

Every row falls in one of two fixed halves by a hash of its text: `dev`, the
half a developer looks at while fixing rules (`--errors` lists its misses
and false hits), and `held-out`, only ever scored. Both are reported, with
the whole file. Blind sets written outside the data folder (same format) are
scored with `--file`.

    swift build -c release && python3 scripts/evaluate-agent-moves.py --lang en --markdown

Python 3 standard library only.
"""

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(message):
    print("evaluate-agent-moves: " + message, file=sys.stderr)
    sys.exit(2)


def split_of(text):
    """`dev` or `held-out`, fixed by the text alone so that the halves never move."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "held-out"


def read_rows(path):
    if not os.path.isfile(path):
        fail("data file not found: %s" % path)
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for number, fields in enumerate(reader, start=1):
            if not fields or fields[0].startswith("#"):
                continue
            if len(fields) < 4:
                fail("%s:%d: expected 4 tab-separated columns, found %d" % (path, number, len(fields)))
            expected, allowed, customer, text = fields[0], fields[1], fields[2], "\t".join(fields[3:])

            def ids(cell):
                return {m.strip() for m in cell.split(",") if m.strip()}
            rows.append({"line": number, "expected": ids(expected), "allowed": ids(allowed),
                         "customer": customer.strip(), "text": text.strip(),
                         "split": split_of(text.strip())})
    return rows


def detect(coach, lang, customer, texts, lexicons=None):
    command = [coach, "moves", "--json", "--lang", lang]
    if lexicons:
        command += ["--lexicons", lexicons]
    if customer:
        command += ["--customer", customer]
    result = subprocess.run(command, input="\n".join(texts) + "\n", capture_output=True,
                            text=True, encoding="utf-8")
    if result.returncode != 0:
        fail("`%s` exited with %d:\n%s" % (" ".join(command), result.returncode, result.stderr.strip()))
    lines = [line for line in result.stdout.split("\n") if line]
    if len(lines) != len(texts):
        fail("coach printed %d results for %d texts" % (len(lines), len(texts)))
    return [{m["id"]: m.get("evidence", "") for m in json.loads(line)["moves"]} for line in lines]


def score(rows):
    moves = sorted({m for r in rows for m in r["expected"]})
    stats = {}
    for move in moves:
        tp = sum(1 for r in rows if move in r["expected"] and move in r["found"])
        fn = sum(1 for r in rows if move in r["expected"] and move not in r["found"])
        fp = sum(1 for r in rows if move not in r["expected"] and move not in r["allowed"]
                 and move in r["found"])
        p = tp / (tp + fp) if tp + fp else 1.0
        rc = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        stats[move] = (p, rc, f1, tp, fn, fp)
    macro = sum(s[2] for s in stats.values()) / len(stats) if stats else 0.0
    exact = sum(1 for r in rows if set(r["found"]) - r["allowed"] == r["expected"]) / len(rows)
    return stats, macro, exact


def table(headers, rows, markdown):
    cells = [[str(c) for c in row] for row in rows]
    if markdown:
        out = ["| " + " | ".join(headers) + " |",
               "|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|"]
        return "\n".join(out + ["| " + " | ".join(r) + " |" for r in cells])
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    fmt = lambda row: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                for i, (c, w) in enumerate(zip(row, widths)))
    return "\n".join([fmt(headers), fmt(["-" * w for w in widths])] + [fmt(r) for r in cells])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="en")
    parser.add_argument("--coach", default=os.path.join(REPO, ".build", "release", "coach"))
    parser.add_argument("--data", default=os.path.normpath(os.path.join(REPO, "..", "shared", "eval-data")))
    # The working tree's lexicons, not the copy bundled into the binary at build time, so
    # that an edit is measured without rebuilding.
    parser.add_argument("--lexicons", default=os.path.join(REPO, "scenarios", "lexicons"),
                        help="lexicon folder passed to coach moves --lexicons")
    parser.add_argument("--file", help="score this file instead of agent-moves-LANG.tsv (no split)")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--per-move", action="store_true", help="print the per-move table of every split")
    parser.add_argument("--dev-only", action="store_true",
                        help="score the dev half alone, so that whoever tunes rules never sees held-out figures")
    parser.add_argument("--errors", action="store_true",
                        help="list the dev half's misses and false hits (or all rows of --file)")
    args = parser.parse_args()
    if not os.access(args.coach, os.X_OK):
        fail("coach binary not found: %s (swift build -c release, or --coach PATH)" % args.coach)

    path = args.file or os.path.join(args.data, "agent-moves-%s.tsv" % args.lang)
    rows = read_rows(path)
    by_customer = {}
    for row in rows:
        by_customer.setdefault(row["customer"], []).append(row)
    for customer, group in by_customer.items():
        for row, found in zip(group, detect(args.coach, args.lang, customer, [r["text"] for r in group],
                                      args.lexicons)):
            row["found"] = found

    splits = [("all", rows)] if args.file else [
        ("dev", [r for r in rows if r["split"] == "dev"])] if args.dev_only else [
        ("dev", [r for r in rows if r["split"] == "dev"]),
        ("held-out", [r for r in rows if r["split"] == "held-out"]),
        ("all", rows)]
    print("%s (%s), %d rows\n" % (os.path.basename(path), args.lang, len(rows)))
    summary = []
    for name, group in splits:
        stats, macro, exact = score(group)
        summary.append([name, len(group), "%.3f" % macro, "%.1f %%" % (100 * exact)])
        if args.per_move or name == "all":
            print("%s:\n" % name)
            print(table(["move", "precision", "recall", "F1", "TP", "FN", "FP"],
                        [[m, "%.3f" % s[0], "%.3f" % s[1], "%.3f" % s[2], s[3], s[4], s[5]]
                         for m, s in stats.items()], args.markdown))
            print()
    print(table(["split", "rows", "macro-F1", "exact-set accuracy"], summary, args.markdown))

    if args.errors:
        shown = rows if args.file else [r for r in rows if r["split"] == "dev"]
        print()
        for r in shown:
            found = set(r["found"])
            missed = r["expected"] - found
            false = found - r["expected"] - r["allowed"]
            if missed or false:
                parts = []
                if missed:
                    parts.append("missed " + ",".join(sorted(missed)))
                if false:
                    parts.append("false " + ",".join("%s[%s]" % (m, r["found"][m]) for m in sorted(false)))
                print("%d: %s\n    %s" % (r["line"], r["text"], "; ".join(parts)))


if __name__ == "__main__":
    main()
