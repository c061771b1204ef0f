"""Facts section: claimcheck's predicate facts against tests/gold/real/facts.jsonl.

Scope: per predicate of the gold, the system's facts of that predicate whose span lies inside a
gold sentence (of the same doc). A system fact and a gold fact of the same doc and predicate
match when their spans overlap (one to one; pairs whose values agree are taken first); the pair
is correct when the values agree. P = correct / system facts, R = correct / gold facts.
Subject agreement is reported apart, over the span-matched pairs."""
import json, re
from .common import overlaps, inside, prf, say, run_claimcheck

NUM = re.compile(r"^[+-]?\d+(\.\d+)?$")


def _num(x):
    if isinstance(x, (int, float)):
        return float(x)
    if isinstance(x, str) and NUM.match(x.strip()):
        return float(x.strip())
    return None


def value_agrees(gold, fact):
    """gold: a gold fact; fact: a claimcheck fact. Numbers as floats within 0.5 %; weekdays,
    words and places case-insensitive (a site's town after a comma aside); a gold ISO date also
    against the fact's `date`."""
    gv = str(gold.get("value", "")).strip()
    g = _num(gv)
    if g is not None:
        s = fact.get("number")
        s = float(s) if isinstance(s, (int, float)) else _num(str(fact.get("value", "")))
        if s is None:
            return False
        if g == s:
            return True
        return abs(g - s) <= 0.005 * max(abs(g), abs(s))
    cands = {str(fact.get(k)).strip().casefold() for k in ("value", "weekday", "date") if fact.get(k)}
    if gv.casefold() in cands:
        return True
    # A site with its town agrees with the site alone, as claimcheck's own checks have it:
    # "Istana Merdeka, Jakarta" and "Istana Merdeka".
    # (When both name a town, the towns must agree too.)
    g = gv.casefold()
    return any(g.split(", ")[0] == c.split(", ")[0] and ("," not in g or "," not in c or g == c) for c in cands)


def _subject_parts(s):
    s = " ".join(str(s or "").split(" (")[0].split()).casefold()
    parts = [p.strip() for p in re.split(r"\s*[\u2013\u2014]\s*", s) if p.strip()]
    return s, parts


def subject_agrees(gold_subject, fact_subject):
    """Case-insensitive; the gold subject's part before ' ('; a meeting's pair in either order;
    a subject that contains the other counts."""
    g, gp = _subject_parts(gold_subject)
    s, sp = _subject_parts(fact_subject)
    if not g or not s:
        return False
    if g == s or sorted(gp) == sorted(sp):
        return True
    return g in s or s in g


def match(gold_facts, sys_facts):
    """One-to-one pairs by span overlap, value-agreeing pairs first, then by largest overlap.
    Returns [(gi, si, correct)]."""
    cands = []
    for gi, g in enumerate(gold_facts):
        for si, f in enumerate(sys_facts):
            if overlaps(g["span"], f["span"]):
                ok = value_agrees(g, f)
                ov = min(g["span"][1], f["span"][1]) - max(g["span"][0], f["span"][0])
                cands.append((not ok, -ov, gi, si, ok))
    cands.sort()
    used_g, used_s, pairs = set(), set(), []
    for _, _, gi, si, ok in cands:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gi, si, ok))
    return pairs


def load_gold(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]


def run(args, shared, tmpdir, gold_dir):
    rows = load_gold(gold_dir + "/facts.jsonl")
    docs = []
    for r in rows:
        if r["doc"] not in docs:
            docs.append(r["doc"])
    res = run_claimcheck(args.bin, shared, docs, tmpdir, "facts")
    predicates = sorted({f["predicate"] for r in rows for f in r["facts"]})
    sentences = {}  # doc -> [sentence spans]
    for r in rows:
        sentences.setdefault(r["doc"], []).append(r["sentence"])

    def sentence_of(doc, span):
        for s in sentences.get(doc, []):
            if inside(span, s) or overlaps(span, s):
                return s
        return span

    gold = {}  # (doc, predicate) -> [gold facts]
    for r in rows:
        for f in r["facts"]:
            gold.setdefault((r["doc"], f["predicate"]), []).append(f)
    sysf = {}
    for f in res.facts.values():
        if f["doc"] is None or f.get("predicate") not in predicates or not f.get("span"):
            continue
        if any(inside(f["span"], s) for s in sentences.get(f["doc"], [])):
            sysf.setdefault((f["doc"], f["predicate"]), []).append(f)
    for v in sysf.values():
        v.sort(key=lambda f: (f["span"][0], f["span"][1], str(f.get("value"))))

    per = {p: {"gold": 0, "made": 0, "matched": 0, "correct": 0, "subject_ok": 0} for p in predicates}
    misses, extras = [], []
    for key in sorted(set(gold) | set(sysf)):
        doc, p = key
        g, s = gold.get(key, []), sysf.get(key, [])
        pairs = match(g, s)
        st = per[p]
        st["gold"] += len(g)
        st["made"] += len(s)
        st["matched"] += len(pairs)
        ok_g = {gi for gi, _, ok in pairs if ok}
        ok_s = {si for _, si, ok in pairs if ok}
        st["correct"] += len(ok_g)
        got_for = {gi: si for gi, si, _ in pairs}
        gold_for = {si: gi for gi, si, _ in pairs}
        for gi, si, _ in pairs:
            if subject_agrees(g[gi].get("subject"), s[si].get("subject")):
                st["subject_ok"] += 1
        for gi, f in enumerate(g):
            if gi not in ok_g:
                other = s[got_for[gi]] if gi in got_for else None
                misses.append((doc, f["span"], p, f.get("value"), f.get("subject"),
                               None if other is None else other.get("value")))
        for si, f in enumerate(s):
            if si not in ok_s:
                other = g[gold_for[si]] if si in gold_for else None
                extras.append((doc, f["span"], p, f.get("value"), f.get("subject"),
                               None if other is None else other.get("value")))

    tot = {k: sum(st[k] for st in per.values()) for k in ("gold", "made", "matched", "correct", "subject_ok")}
    print(f"\n== real news: facts ({len(rows)} sentences in {len(docs)} docs, tests/gold/real/facts.jsonl)")
    print(f"{'predicate':<18} {'gold':>5} {'made':>5} {'match':>5} {'right':>5} {'P':>6} {'R':>6} {'F1':>6} {'subj':>6}")
    out = {"predicates": {}}
    for p in predicates + [None]:
        st = per[p] if p else tot
        pp, rr, ff = prf(st["correct"], st["made"], st["gold"])
        subj = st["subject_ok"] / st["matched"] if st["matched"] else None
        name = p or "facts (all)"
        print(f"{name:<18} {st['gold']:>5} {st['made']:>5} {st['matched']:>5} {st['correct']:>5} "
              f"{pp:>6.2f} {rr:>6.2f} {ff:>6.2f} {('%.2f' % subj) if subj is not None else '-':>6}")
        fig = dict(st, precision=round(pp, 4), recall=round(rr, 4), f1=round(ff, 4),
                   subject_agreement=None if subj is None else round(subj, 4))
        if p:
            out["predicates"][p] = fig
        else:
            out["overall"] = fig
    say(args.quiet, "  (match: spans overlap; right: the value agrees too; subj: share of matches whose subject agrees)")
    if not args.quiet:
        for title, items, word in (("misses", misses, "miss "), ("extras", extras, "extra")):
            print(f"-- facts: {len(items)} {title}")
            for doc, span, p, val, subj, other in sorted(items, key=lambda x: (x[2], x[0], x[1])):
                hint = f" (span matched; {'gold' if word == 'extra' else 'got'} {other})" if other is not None else ""
                sent = sentence_of(doc, span)
                print(f"  {word} {doc}:{span[0]}-{span[1]} {p} {val} [{subj}]{hint} | {shared.cut(doc, sent)}")
    out["misses"] = [[d, s[0], s[1], p, v] for d, s, p, v, _, _ in misses]
    out["extras"] = [[d, s[0], s[1], p, v] for d, s, p, v, _, _ in extras]
    out["claimcheck_seconds"] = round(res.info["seconds"], 2)
    return out
