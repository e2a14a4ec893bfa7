#!/usr/bin/env python3
"""Measure the English move detector on outside, human-labelled data.

Pipes every text of the evaluation files through one `coach moves --json
--lang en` process and prints:

  * swda.tsv (Switchboard dialogue acts): precision, recall, F1 and support of
    apology, thanks, greeting and question, and question recall per act;
  * esconv.tsv (emotional-support conversations): the same for question,
    empathy and paraphrase;
  * politeness-wikipedia.tsv (Stanford Politeness Corpus): how often each
    rude move fires on the polite quartile (false positives), how often each
    courtesy move fires on the polite vs the impolite quartile, and how well
    "courtesy minus rudeness" separates the two quartiles.

What the figures mean and the caveats of each data set: docs/detection.md.
Python 3 standard library only.

    swift build -c release && python3 scripts/evaluate-detection.py --markdown
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SWDA_MOVES = ["apology", "thanks", "greeting", "question"]
ESCONV_MOVES = ["question", "empathy", "paraphrase"]
RUDE_MOVES = ["rudeness", "sarcasm", "dismiss", "bare-demand"]
COURTESY_MOVES = ["please", "thanks", "greeting", "apology"]

# Characters that would end a line for `coach moves` or for a reader of its
# output; a reply must stay on one line.
LINE_BREAKS = ["\r\n", "\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c",
               "\\n", "\\r", "\\t", "\t"]


def fail(message):
    print("evaluate-detection: " + message, file=sys.stderr)
    sys.exit(2)


def clean(text):
    for mark in LINE_BREAKS:
        text = text.replace(mark, " ")
    return text


def read_tsv(path, columns):
    """Rows of a tab-separated file with a header, as dicts of `columns`."""
    if not os.path.isfile(path):
        fail("data file not found: %s" % path)
    csv.field_size_limit(1 << 30)
    rows = []
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            fail("empty data file: %s" % path)
        header = [h.strip().lstrip("\ufeff") for h in header]
        missing = [c for c in columns if c not in header]
        if missing:
            fail("%s: missing column(s) %s (header: %s)"
                 % (path, ", ".join(missing), ", ".join(header)))
        index = {c: header.index(c) for c in columns}
        for number, fields in enumerate(reader, start=2):
            if not fields:
                continue
            if len(fields) < len(header):
                fields = fields + [""] * (len(header) - len(fields))
            row = {c: fields[i].strip() for c, i in index.items()}
            row["text"] = clean(fields[index["text"]]).strip()
            row["line"] = number
            rows.append(row)
    return rows


def detect(coach, lexicons, texts):
    """One `coach moves` process for all texts; a set of move ids per text."""
    command = [coach, "moves", "--json", "--lang", "en"]
    if lexicons:
        command += ["--lexicons", lexicons]
    try:
        result = subprocess.run(command, input="\n".join(texts) + "\n",
                                capture_output=True, text=True,
                                encoding="utf-8", errors="replace")
    except OSError as error:
        fail("cannot run %s: %s" % (coach, error))
    if result.returncode != 0:
        fail("`%s` exited with %d:\n%s" % (" ".join(command), result.returncode,
                                          result.stderr.strip()))
    lines = result.stdout.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(texts):
        fail("coach printed %d results for %d texts" % (len(lines), len(texts)))
    found = []
    for text, line in zip(texts, lines):
        try:
            obj = json.loads(line)
        except ValueError:
            fail("coach printed a line that is not JSON: %r" % line[:200])
        if obj.get("text", "").strip() != text.strip() and "\ufffd" not in text:
            fail("coach output out of step with its input at %r" % text[:80])
        found.append({m["id"]: m.get("evidence", "") for m in obj.get("moves", [])})
    return found


# ---------------------------------------------------------------- statistics

def ratio(a, b):
    return a / b if b else 0.0


def prf(rows, move):
    tp = sum(1 for r in rows if r["move"] == move and move in r["found"])
    fn = sum(1 for r in rows if r["move"] == move and move not in r["found"])
    fp_other = sum(1 for r in rows if r["move"] not in ("", move) and move in r["found"])
    fp_none = sum(1 for r in rows if r["move"] == "" and move in r["found"])
    precision = ratio(tp, tp + fp_other + fp_none)
    recall = ratio(tp, tp + fn)
    f1 = ratio(2 * precision * recall, precision + recall)
    return {"move": move, "p": precision, "r": recall, "f1": f1,
            "support": tp + fn, "tp": tp, "fn": fn,
            "fp_other": fp_other, "fp_none": fp_none}


def ranks(values):
    """Average ranks (1-based) of values, ties sharing their mean rank."""
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


def auc(positives, negatives):
    """P(score of a positive > score of a negative), ties counting half
    (Mann-Whitney U / (n1 n2))."""
    if not positives or not negatives:
        return 0.0
    r = ranks(list(positives) + list(negatives))
    n1, n2 = len(positives), len(negatives)
    u = sum(r[:n1]) - n1 * (n1 + 1) / 2
    return u / (n1 * n2)


def spearman(xs, ys):
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return ratio(cov, vx * vy)


# ---------------------------------------------------------------- output

def table(headers, rows, markdown):
    cells = [[str(c) for c in row] for row in rows]
    if markdown:
        out = ["| " + " | ".join(headers) + " |",
               "|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|"]
        out += ["| " + " | ".join(row) + " |" for row in cells]
        return "\n".join(out)
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
              for i, h in enumerate(headers)]
    def line(row):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(row, widths)))
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells])


def pct(x):
    return "%.1f %%" % (100 * x)


def heading(text, markdown):
    return ("### " + text) if markdown else (text + "\n" + "=" * len(text))


def labelled_report(name, rows, moves, markdown):
    stats = [prf(rows, m) for m in moves]
    body = table(["move", "precision", "recall", "F1", "support", "TP", "FN",
                  "FP (other label)", "FP (no label)"],
                 [[s["move"], "%.3f" % s["p"], "%.3f" % s["r"], "%.3f" % s["f1"],
                   s["support"], s["tp"], s["fn"], s["fp_other"], s["fp_none"]]
                  for s in stats], markdown)
    return "%s\n\n%d rows.\n\n%s\n" % (heading(name, markdown), len(rows), body), stats


# SwDA act tags of the `question` rows (the `source` column, "swda:<tag>"), with names.
QUESTION_ACTS = [("qy", "yes/no"), ("qw", "wh-"), ("qo", "open"), ("br", '"pardon?"'),
                 ("qrr", "or-question"), ("^g", "tag"), ("qy^d", "declarative"),
                 ("qw^d", "declarative wh-")]


def question_acts_report(rows):
    """Recall of `question` per SwDA act, and without the two declarative kinds."""
    def recall(selected):
        return ratio(sum("question" in r["found"] for r in selected), len(selected))
    by_act = {}
    for r in rows:
        if r["move"] == "question" and r["source"].startswith("swda:"):
            by_act.setdefault(r["source"][len("swda:"):], []).append(r)
    parts = ["%s `%s` %.0f %%" % (name, tag, 100 * recall(by_act[tag]))
             for tag, name in QUESTION_ACTS if by_act.get(tag)]
    plain = [r for tag, selected in by_act.items() if not tag.endswith("^d") for r in selected]
    return ("Question recall by SwDA act: %s; %.0f %% without the two declarative kinds.\n"
            % (", ".join(parts), 100 * recall(plain)))


def politeness_report(rows, markdown):
    by_q = {q: [r for r in rows if r["quartile"] == q] for q in ("polite", "middle", "impolite")}
    polite, impolite = by_q["polite"], by_q["impolite"]
    out = [heading("politeness-wikipedia.tsv", markdown), ""]
    out.append("%d rows: %d polite, %d middle, %d impolite.\n"
               % (len(rows), len(polite), len(by_q["middle"]), len(impolite)))

    def rate(group, moves):
        return ratio(sum(1 for r in group if any(m in r["found"] for m in moves)), len(group))

    out.append("Rude moves (false positives on the polite quartile; target: any <= 2 %):\n")
    rude_rows = [[m, pct(rate(polite, [m])), pct(rate(by_q["middle"], [m])),
                  pct(rate(impolite, [m]))] for m in RUDE_MOVES]
    rude_rows.append(["any rude move", pct(rate(polite, RUDE_MOVES)),
                      pct(rate(by_q["middle"], RUDE_MOVES)), pct(rate(impolite, RUDE_MOVES))])
    out.append(table(["move", "polite", "middle", "impolite"], rude_rows, markdown))
    out.append("\nCourtesy moves (should fire far more often on polite than on impolite):\n")
    courtesy_rows = []
    for m in COURTESY_MOVES + [None]:
        moves = [m] if m else COURTESY_MOVES
        p, i = rate(polite, moves), rate(impolite, moves)
        courtesy_rows.append([m or "any courtesy move", pct(p), pct(rate(by_q["middle"], moves)),
                              pct(i), ("%.1f" % (p / i)) if i else "-"])
    out.append(table(["move", "polite", "middle", "impolite", "polite / impolite"],
                     courtesy_rows, markdown))

    def score(r):
        return (sum(1 for m in COURTESY_MOVES if m in r["found"])
                - sum(1 for m in RUDE_MOVES if m in r["found"]))
    sp = [score(r) for r in polite]
    si = [score(r) for r in impolite]
    area = auc(sp, si)
    correct = sum(1 for s in sp if s > 0) + sum(1 for s in si if s <= 0)
    accuracy = ratio(correct, len(sp) + len(si))
    rho = spearman([score(r) for r in rows], [float(r["score"] or 0) for r in rows])
    out.append("\nSeparation of polite from impolite by s = (courtesy moves) - (rude moves),"
               " each move counted once per text:\n")
    out.append(table(["measure", "value"], [
        ["AUC, polite vs impolite (0.5 = chance)", "%.3f" % area],
        ["accuracy of 's > 0 means polite' (balanced quartiles)", pct(accuracy)],
        ["polite rows with s > 0", pct(ratio(sum(1 for s in sp if s > 0), len(sp)))],
        ["impolite rows with s < 0", pct(ratio(sum(1 for s in si if s < 0), len(si)))],
        ["Spearman rho of s with the human score, all rows", "%.3f" % rho],
    ], markdown))
    summary = {"rude_fp": rate(polite, RUDE_MOVES), "auc": area, "accuracy": accuracy}
    return "\n".join(out) + "\n", summary


def samples(name, rows, moves, count, seed, kinds=("missed", "false")):
    rnd = random.Random(seed)
    out = []
    for m in moves:
        fn = [r for r in rows if r["move"] == m and m not in r["found"]]
        fp = [r for r in rows if r["move"] != m and m in r["found"]]
        for kind, group in (("missed", fn), ("false", fp)):
            if kind not in kinds:
                continue
            pick = group if len(group) <= count else rnd.sample(group, count)
            out.append("--- %s: %s %s (%d)" % (name, kind, m, len(group)))
            for r in pick:
                extra = "" if kind == "missed" else "  [label=%s; evidence=%r]" % (
                    r["move"] or "-", r["found"][m])
                out.append("  %s%s" % (r["text"][:200], extra))
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coach", default=".build/release/coach",
                        help="the coach binary (default: .build/release/coach of the repo)")
    parser.add_argument("--lexicons", help="lexicon folder passed to coach moves --lexicons")
    parser.add_argument("--data", default=None,
                        help="the eval-data folder (default: ../shared/eval-data from the repo root)")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also print up to N sampled misses and false hits per move")
    parser.add_argument("--seed", type=int, default=1, help="seed for --errors sampling")
    args = parser.parse_args()

    coach = args.coach
    if not os.path.isabs(coach) and args.coach == parser.get_default("coach"):
        coach = os.path.join(REPO, coach)
    if not (os.path.isfile(coach) and os.access(coach, os.X_OK)):
        fail("coach binary not found or not executable: %s (build it with "
             "`swift build -c release`, or pass --coach PATH)" % coach)
    data = args.data or os.path.join(REPO, "..", "shared", "eval-data")
    data = os.path.normpath(data)
    if not os.path.isdir(data):
        fail("data folder not found: %s (pass --data DIR)" % data)
    if args.lexicons and not os.path.isdir(args.lexicons):
        fail("lexicon folder not found: %s" % args.lexicons)

    swda = read_tsv(os.path.join(data, "swda.tsv"), ["text", "move", "source"])
    esconv = read_tsv(os.path.join(data, "esconv.tsv"), ["text", "move"])
    polite = read_tsv(os.path.join(data, "politeness-wikipedia.tsv"),
                      ["text", "score", "quartile"])
    everything = swda + esconv + polite
    found = detect(coach, args.lexicons, [r["text"] for r in everything])
    for row, moves in zip(everything, found):
        row["found"] = moves

    print(heading("Move detection on outside data", args.markdown).replace("###", "##"))
    print()
    print("coach: `%s`; lexicons: %s; data: `%s`.\n" % (
        coach, ("`%s`" % args.lexicons) if args.lexicons else "the library built into the binary", data))
    text, _ = labelled_report("swda.tsv", swda, SWDA_MOVES, args.markdown)
    print(text)
    print(question_acts_report(swda))
    text, _ = labelled_report("esconv.tsv", esconv, ESCONV_MOVES, args.markdown)
    print(text)
    text, _ = politeness_report(polite, args.markdown)
    print(text)
    if args.errors:
        print(samples("swda", swda, SWDA_MOVES, args.errors, args.seed))
        print(samples("esconv", esconv, ESCONV_MOVES, args.errors, args.seed))
        pol = [r for r in polite if r["quartile"] == "polite"]
        for r in pol:
            r["move"] = ""
        print(samples("politeness(polite)", pol, RUDE_MOVES, args.errors, args.seed,
                      kinds=("false",)))


if __name__ == "__main__":
    main()
