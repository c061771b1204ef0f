"""Corpus section: the precision of claimcheck's alarms on real news with no gold of its own, by
verdicts judged by hand in tests/gold/real/judged_corpus.jsonl.

The runs are those the verdicts were made on, each named by its `run` key:
  pair:<id_a>+<id_b>  each `same_story` pair of corpus/id-news/detik_2025_same_story_pairs.tsv on
                      its own (the two JSON lines, a before b)
  detik               the whole Detik file in one run
  bbc                 the whole BBC file in one run
The pair runs are many and short (most of their time is claimcheck loading its rules), so they
run in parallel, one thread each (-j 1), as many at once as there are cores; the two whole-file
runs go first, in the same pool.

Alarms are findings at severity warning or error. An alarm is keyed by its run and the sorted
[doc, start, end] of its facts (the same mapping as the discrepancies section: an exact duplicate
line's facts are the first line's). Its verdict is the judged line with that key, else it is
unjudged: counted and listed, never dropped. Precision = true / (true + false). The cause of a
verdict is its `why` up to the first colon ("update over time: ...")."""
import csv, json, os, time
from concurrent.futures import ThreadPoolExecutor
from .common import parts, load_verdicts, say, run_claimcheck, show_alarm
from .discrepancies import ALARM

PAIRS = "corpus/id-news/detik_2025_same_story_pairs.tsv"
DETIK = "id-news/detik_2025_gabriellaclairine.jsonl"
BBC = "en-news/bbc_2004_2005_greene.jsonl"


def cause(why):
    """The class of a verdict: its `why` up to the first colon, lower case."""
    return (why or "").split(":", 1)[0].strip().lower() or "(no why)"


def runs_of(shared):
    """[(run key, docs)]: the whole-file runs first (the longest), then the pairs in TSV order."""
    runs = [("detik", shared.order[DETIK]), ("bbc", shared.order[BBC])]
    with open(os.path.join(shared.root, PAIRS), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row.get("kind") == "same_story":
                runs.append((f"pair:{row['id_a']}+{row['id_b']}", [row["id_a"], row["id_b"]]))
    return runs


def unjudged_path(args):
    """--write-unjudged FILE, or FILE.corpus.EXT when the discrepancies section writes FILE too."""
    if "discrepancies" not in (getattr(args, "sections", None) or ()):
        return args.write_unjudged
    root, ext = os.path.splitext(args.write_unjudged)
    return root + ".corpus" + (ext or ".jsonl")


def run(args, shared, tmpdir, gold_dir):
    judged = load_verdicts(os.path.join(gold_dir, "judged_corpus.jsonl"), "run")
    runs = runs_of(shared)
    workers = max(1, os.cpu_count() or 1)
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run_claimcheck, args.bin, shared, docs, tmpdir,
                               "corpus-" + key.replace(":", "-").replace("+", "-"), 1) for key, docs in runs]
        results = [f.result() for f in futures]
    wall = time.monotonic() - t0

    alarms, seen, n_info = [], set(), 0
    for (key, _), res in zip(runs, results):
        for fd in res.findings:
            if fd.get("severity") not in ALARM:
                n_info += 1
                continue
            facts = [res.facts[i] for i in fd.get("facts", []) if i in res.facts]
            # One alarm; a merged finding is judged by the verdicts of its copies' parts.
            keys = [(key, tuple(sorted((f["doc"], f["span"][0], f["span"][1]) for f in part
                                       if f.get("doc") is not None and f.get("span")))) for part in parts(fd, facts)]
            k = keys[0]
            if any(x in seen for x in keys):
                continue  # the same facts in one run: one alarm
            seen.update(keys)
            verdicts = [judged[x] for x in keys if x in judged]
            verdict, why = (all(v for v, _ in verdicts), verdicts[0][1]) if verdicts else (None, "")
            alarms.append({"run": key, "key": k, "finding": fd, "facts": facts, "verdict": verdict, "why": why})

    def tally(al):
        t = sum(1 for a in al if a["verdict"] is True)
        f = sum(1 for a in al if a["verdict"] is False)
        return {"alarms": len(al), "true": t, "false": f, "unjudged": len(al) - t - f,
                "precision": round(t / (t + f), 4) if t + f else None}

    def ptxt(x):
        return f"{x:.2f}" if x is not None else "-"

    n_pairs = len(runs) - 2
    out = {"runs": len(runs), "pairs": n_pairs, "info_findings": n_info, "by_run": {}, "by_rule": {}, "by_cause": {}}
    print(f"\n== real news: corpus ({n_pairs} same-story Detik pairs one run each, all Detik, all BBC; "
          "verdicts in tests/gold/real/judged_corpus.jsonl)")
    print(f"{'runs':<8} {'alarms':>6} {'true':>5} {'false':>5} {'unjudged':>8} {'P':>5}")
    for name, sel in (("pairs", "pair:"), ("detik", "detik"), ("bbc", "bbc"), ("all", "")):
        fig = tally([a for a in alarms if a["run"].startswith(sel)])
        print(f"{name:<8} {fig['alarms']:>6} {fig['true']:>5} {fig['false']:>5} {fig['unjudged']:>8} {ptxt(fig['precision']):>5}")
        if sel:
            out["by_run"][name] = fig
        else:
            out.update(fig)
    print(f"corpus alarm precision {ptxt(out['precision'])} = {out['true']} true / {out['true'] + out['false']} judged; "
          f"{out['unjudged']} unjudged; {n_info} info findings (not alarms)")

    rules = sorted({a["finding"].get("rule") or "?" for a in alarms})
    say(args.quiet, f"  {'rule':<28} {'alarms':>6} {'true':>5} {'false':>5} {'unjudged':>8} {'P':>5}")
    for r in rules:
        fig = tally([a for a in alarms if (a["finding"].get("rule") or "?") == r])
        out["by_rule"][r] = fig
        say(args.quiet, f"  {r:<28} {fig['alarms']:>6} {fig['true']:>5} {fig['false']:>5} {fig['unjudged']:>8} "
                        f"{ptxt(fig['precision']):>5}")
    causes = {}
    for a in alarms:
        if a["verdict"] is not None:
            causes.setdefault(cause(a["why"]), []).append(a)
    say(args.quiet, f"  {'cause (why up to its colon)':<40} {'true':>5} {'false':>5} {'P':>5}")
    for c, al in sorted(causes.items(), key=lambda x: (-len(x[1]), x[0])):
        fig = tally(al)
        out["by_cause"][c] = {"true": fig["true"], "false": fig["false"], "precision": fig["precision"]}
        say(args.quiet, f"  {c:<40} {fig['true']:>5} {fig['false']:>5} {ptxt(fig['precision']):>5}")

    un = [a for a in alarms if a["verdict"] is None]
    if not args.quiet:
        fa = [a for a in alarms if a["verdict"] is False]
        print(f"-- corpus: {len(fa)} false alarms")
        for a in fa:
            show_alarm(shared, a["run"], a)
        if un:
            print(f"-- corpus: {len(un)} unjudged alarms (judge them in tests/gold/real/judged_corpus.jsonl)")
            for a in un:
                show_alarm(shared, a["run"], a)
    if args.write_unjudged:
        path = unjudged_path(args)
        with open(path, "w", encoding="utf-8") as fh:
            for a in un:
                fd = a["finding"]
                fh.write(json.dumps({"run": a["run"], "facts": [list(x) for x in a["key"][1]],
                                     "rule": fd.get("rule"), "severity": fd.get("severity"),
                                     "predicate": fd.get("predicate"), "values": fd.get("values"),
                                     "verdict": "", "why": ""}, ensure_ascii=False) + "\n")
        say(args.quiet, f"accuracy: wrote {len(un)} unjudged corpus alarms to {path}")
    out["unjudged_alarms"] = [{"run": a["run"], "rule": a["finding"].get("rule"),
                               "facts": [list(x) for x in a["key"][1]]} for a in un]
    out["claimcheck_seconds"] = round(sum(r.info["seconds"] for r in results), 2)
    out["wall_seconds"] = round(wall, 2)
    return out
