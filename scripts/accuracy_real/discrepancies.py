"""Discrepancies section: claimcheck's findings on story clusters against
tests/gold/real/discrepancies.jsonl, one claimcheck run per cluster (its docs and their copies).

Alarms are findings at severity warning or error; info findings are counted apart. A gold
discrepancy is found by a finding when the finding's facts overlap the spans of at least two of
its claims, with two different facts, the two claims in two docs or at two places; a finding
about one fact (a weekday that does not match its date) finds a date or weekday entry by
touching one of its claims. Facts of a
near-duplicate copy are carried to its representative (claims cite representatives) where the
copy's text around the fact is found there.

Alarm precision: an alarm that finds a flag or minor entry is true, else one that finds a reject
entry is false, else its verdict is looked up in judged_findings.jsonl by cluster and the sorted
(doc, start, end) list of its facts. Unjudged alarms are counted and listed, never dropped."""
import json, os
from .common import parts, load_verdicts, overlaps, prf, say, run_claimcheck, show_alarm

ALARM = {"warning", "error"}


def map_to_rep(shared, copy, rep, span):
    """A copy's byte span carried to its representative: the same span when the texts are the
    same, else where the copy's bytes around the span occur once in the representative."""
    a, b = shared.text_bytes(copy), shared.text_bytes(rep)
    if a == b:
        return span
    for pad in (80, 40, 16, 0):
        lo, hi = max(0, span[0] - pad), min(len(a), span[1] + pad)
        piece = a[lo:hi]
        if len(piece) < 8:
            continue
        i = b.find(piece)
        if i >= 0 and b.find(piece, i + 1) < 0:
            return [i + span[0] - lo, i + span[1] - lo]
    return None


def finds(entry, places):
    """places: [(fact_id, doc, span)] of one finding (copies carried to representatives). A
    finding about one fact (a weekday that does not match its date) finds a date or weekday entry
    when that fact is one of its claims: the error is in that claim alone."""
    cl = entry["claims"]
    if len({fid for fid, _, _ in places}) == 1 and entry.get("kind") in ("date", "weekday"):
        return any(d == c["doc"] and overlaps(s, c["span"]) for _, d, s in places for c in cl)
    cover = [{fid for fid, d, s in places if d == c["doc"] and overlaps(s, c["span"])} for c in cl]
    for i in range(len(cl)):
        for j in range(i + 1, len(cl)):
            if cl[i]["doc"] == cl[j]["doc"] and overlaps(cl[i]["span"], cl[j]["span"]):
                continue
            if any(a != b for a in cover[i] for b in cover[j]):
                return True
    return False


def run(args, shared, tmpdir, gold_dir):
    clusters = [json.loads(l) for l in open(os.path.join(gold_dir, "discrepancies.jsonl"), encoding="utf-8")
                if l.strip()]
    judged_path = os.path.join(gold_dir, "judged_findings.jsonl")
    judged = load_verdicts(judged_path, "cluster")
    entries = []     # (cluster, entry, found_by_alarm, found_by_info)
    alarms = []      # dicts
    n_info = 0
    seconds = 0.0
    def docs_of(c):
        return list(c["docs"]) + [cp for copies in (c.get("copies") or {}).values() for cp in copies]

    # One run per cluster, one after the other: claimcheck already uses every core, and two runs
    # at once took longer on a 2-core machine.
    runs = [run_claimcheck(args.bin, shared, docs_of(c), tmpdir, "cluster-" + c["cluster"]) for c in clusters]
    for c, res in zip(clusters, runs):
        rep_of = {cp: rep for rep, copies in (c.get("copies") or {}).items() for cp in copies}
        seconds += res.info["seconds"]
        found_alarm = [False] * len(c["discrepancies"])
        found_info = [False] * len(c["discrepancies"])
        for fd in res.findings:
            facts = [res.facts[i] for i in fd.get("facts", []) if i in res.facts]
            # A merged finding (the same slip in copies of one article) is one alarm, matched and
            # judged part by part, as each copy's finding was.
            hit, touch, keys = [], [], []
            for part in parts(fd, facts):
                places, key = [], []
                for f in part:
                    if f.get("doc") is None or not f.get("span"):
                        continue
                    key.append((f["doc"], f["span"][0], f["span"][1]))
                    d, s = f["doc"], f["span"]
                    if d in rep_of:
                        s2 = map_to_rep(shared, d, rep_of[d], s)
                        if s2 is None:
                            continue
                        d, s = rep_of[d], s2
                    places.append((f["id"], d, s))
                keys.append((c["cluster"], tuple(sorted(key))))
                hit += [i for i, e in enumerate(c["discrepancies"]) if finds(e, places) and i not in hit]
                touch += [i for i, e in enumerate(c["discrepancies"]) if i not in hit and i not in touch and any(
                    d == cl["doc"] and overlaps(sp, cl["span"]) for _, d, sp in places for cl in e["claims"])]
            touch = [i for i in touch if i not in hit]
            is_alarm = fd.get("severity") in ALARM
            for i in hit:
                if is_alarm:
                    found_alarm[i] = True
                else:
                    found_info[i] = True
            if not is_alarm:
                n_info += 1
                continue
            editors = {c["discrepancies"][i]["editor"] for i in hit}
            key = keys[0]
            judged_parts = [judged[k] for k in keys if k in judged]
            if editors & {"flag", "minor"}:
                verdict, why = True, "finds a %s entry" % ("flag" if "flag" in editors else "minor")
            elif "reject" in editors:
                verdict, why = False, "finds a reject entry: " + "; ".join(
                    c["discrepancies"][i]["why"] for i in hit if c["discrepancies"][i]["editor"] == "reject")
            elif judged_parts:
                verdict, why = all(v for v, _ in judged_parts), judged_parts[0][1]
                why = "judged: " + why
            else:
                verdict, why = None, ""
            alarms.append({"cluster": c["cluster"], "finding": fd, "facts": facts, "key": key,
                           "verdict": verdict, "why": why, "hit": hit,
                           "touches": [(c["discrepancies"][i]["editor"], c["discrepancies"][i]["what"]) for i in touch]})
        for i, e in enumerate(c["discrepancies"]):
            entries.append((c, e, found_alarm[i], found_info[i]))

    def recall(editors, src=None):
        es = [x for x in entries if x[1]["editor"] in editors and (src is None or x[0]["cluster"].startswith(src))]
        n, f, fi = len(es), sum(1 for x in es if x[2]), sum(1 for x in es if not x[2] and x[3])
        return {"entries": n, "found": f, "found_by_info_only": fi, "recall": round(f / n, 4) if n else 1.0}

    def precision(src=None):
        al = [a for a in alarms if src is None or a["cluster"].startswith(src)]
        t = sum(1 for a in al if a["verdict"] is True)
        f = sum(1 for a in al if a["verdict"] is False)
        u = sum(1 for a in al if a["verdict"] is None)
        return {"alarms": len(al), "true": t, "false": f, "unjudged": u,
                "precision": round(t / (t + f), 4) if t + f else None}

    out = {"clusters": len(clusters), "info_findings": n_info, "by_source": {}}
    print(f"\n== real news: discrepancies ({len(clusters)} clusters, one claimcheck run each, "
          "tests/gold/real/discrepancies.jsonl)")
    print(f"{'source':<7} {'flag':>9} {'R':>5} {'flag+minor':>11} {'R':>5} {'reject hit':>10} "
          f"{'alarms':>6} {'true':>5} {'false':>5} {'unjudged':>8} {'P':>5}")
    for src in ("detik", "bbc", "seeds", None):
        fl, fm, rj, pr = recall({"flag"}, src), recall({"flag", "minor"}, src), recall({"reject"}, src), precision(src)
        name = src or "all"
        p = f"{pr['precision']:.2f}" if pr["precision"] is not None else "-"
        print(f"{name:<7} {fl['found']:>4}/{fl['entries']:<4} {fl['recall']:>5.2f} {fm['found']:>5}/{fm['entries']:<5} "
              f"{fm['recall']:>5.2f} {rj['found']:>4}/{rj['entries']:<5} {pr['alarms']:>6} {pr['true']:>5} "
              f"{pr['false']:>5} {pr['unjudged']:>8} {p:>5}")
        fig = {"flag": fl, "flag_minor": fm, "reject": rj, "alarms": pr}
        if src:
            out["by_source"][src] = fig
        else:
            out.update(fig)
    pr = out["alarms"]
    ptxt = f"{pr['precision']:.2f}" if pr["precision"] is not None else "n/a"
    print(f"alarm precision {ptxt} = {pr['true']} true / {pr['true'] + pr['false']} judged; "
          f"{pr['unjudged']} unjudged; {n_info} info findings (not alarms) "
          f"found {out['flag_minor']['found_by_info_only']} more flag/minor entries")
    say(args.quiet, "  (R: share of gold entries found by an alarm; reject hit: reject entries an alarm finds, "
                    "each a false alarm)")

    if not args.quiet:
        for ed in ("flag", "minor"):
            miss = [(c, e) for c, e, fa, _ in entries if e["editor"] == ed and not fa]
            print(f"-- discrepancies: {len(miss)} {ed} entries no alarm finds")
            for c, e in miss:
                print(f"  {c['cluster']} {e['kind']}: {e['what']}")
                for cl in e["claims"]:
                    print(f"      {cl['doc']}:{cl['span'][0]}-{cl['span'][1]} {cl['value']} | "
                          f"{shared.cut(cl['doc'], cl['sentence'])}")
        for title, sel in (("false alarms", False), ("true alarms", True)):
            al = [a for a in alarms if a["verdict"] is sel]
            print(f"-- discrepancies: {len(al)} {title}")
            for a in al:
                if sel:
                    fd = a["finding"]
                    print(f"  {a['cluster']} {fd.get('rule')} {fd.get('severity')} values={fd.get('values')} -> {a['why']}")
                else:
                    show_alarm(shared, a["cluster"], a)
    un = [a for a in alarms if a["verdict"] is None]
    if un and not args.quiet:
        print(f"-- discrepancies: {len(un)} unjudged alarms (judge them in tests/gold/real/judged_findings.jsonl)")
        for a in un:
            show_alarm(shared, a["cluster"], a)
    if args.write_unjudged:
        with open(args.write_unjudged, "w", encoding="utf-8") as fh:
            for a in un:
                fd = a["finding"]
                fh.write(json.dumps({"cluster": a["cluster"], "facts": [list(x) for x in a["key"][1]],
                                     "rule": fd.get("rule"), "severity": fd.get("severity"),
                                     "predicate": fd.get("predicate"), "values": fd.get("values"),
                                     "touches": [f"{ed}: {what}" for ed, what in a["touches"]],
                                     "verdict": "", "why": ""}, ensure_ascii=False) + "\n")
        say(args.quiet, f"accuracy: wrote {len(un)} unjudged alarms to {args.write_unjudged}")
    out["unjudged"] = [{"cluster": a["cluster"], "rule": a["finding"].get("rule"),
                        "facts": [list(x) for x in a["key"][1]]} for a in un]
    out["claimcheck_seconds"] = round(seconds, 2)
    return out
