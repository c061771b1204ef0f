"""Times section: claimcheck's temporal facts, and python3-dateparser on the same sentences,
against tests/gold/real/times.jsonl.

A temporal fact is a fact of type weekday, date, date_range, year or time, or a duration (its
`dimension` is "duration", or its unit is a time unit), whose span lies inside a gold sentence.
Facts at the same span are one item (the item is right when one of them is). An item is
detected for a gold mention when their spans overlap, and right when its value agrees:
  date      the fact's `date` equals `resolved` (`value` when unresolved; a yearless --MM-DD
            gold value is compared on month and day)
  weekday   the weekday equals and, when both are resolved, the date
  relative  the date equals `resolved` (unresolved: detection is enough)
  time      HH:MM
  duration  the same number of minutes within 1 % (PT3H = 180; Y = 365 d, M = 30 d; vague
            durations such as PXD: detection is enough)
  year, month, period, range, and any other kind: the fact's date or value starts with the
            gold `resolved` or written `value` (a yearless written value, --02, on month and day)
P = right items / items, R = right gold mentions / gold mentions, F1 on those. dateparser's
hits are items too (their date, weekday and HH:MM; never a duration)."""
import datetime, json, os, re, subprocess, sys
from .common import overlaps, inside, say, run_claimcheck

TEMPORAL_TYPES = {"weekday", "date", "date_range", "year", "time"}
UNIT_MINUTES = {
    "s": 1 / 60, "sec": 1 / 60, "secs": 1 / 60, "second": 1 / 60, "seconds": 1 / 60,
    "min": 1, "mins": 1, "minute": 1, "minutes": 1,
    "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
    "d": 1440, "day": 1440, "days": 1440,
    "w": 10080, "wk": 10080, "week": 10080, "weeks": 10080,
    "mo": 43200, "month": 43200, "months": 43200,
    "y": 525600, "yr": 525600, "year": 525600, "years": 525600,
    "decade": 5256000, "decades": 5256000,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ISO_DUR = re.compile(r"^P(?:(?P<Y>[\d.]+)Y)?(?:(?P<M>[\d.]+)M)?(?:(?P<W>[\d.]+)W)?(?:(?P<D>[\d.]+)D)?"
                     r"(?:(?P<DE>[\d.]+)DE)?(?:T(?:(?P<h>[\d.]+)H)?(?:(?P<m>[\d.]+)M)?(?:(?P<s>[\d.]+)S)?)?$")
HHMM = re.compile(r"^T?(\d{1,2}):(\d{2})")


def iso_minutes(v):
    """PT3H -> 180; P1W -> 10080; None for vague (PXD) or unreadable values."""
    if not isinstance(v, str):
        return None
    m = ISO_DUR.match(v.strip())
    if not m or v.strip() in ("P", "PT"):
        return None
    k = {"Y": 525600, "M": 43200, "W": 10080, "D": 1440, "DE": 5256000, "h": 60, "m": 1, "s": 1 / 60}
    total, any_ = 0.0, False
    for name, f in k.items():
        if m.group(name):
            total += float(m.group(name)) * f
            any_ = True
    return total if any_ else None


def is_temporal(f):
    if f.get("type") in TEMPORAL_TYPES:
        return True
    if f.get("dimension") == "duration":
        return True
    u = f.get("unit")
    return isinstance(u, str) and u.strip().lower() in UNIT_MINUTES and u.strip() != "M"


def fact_minutes(f):
    for key in ("value", "measure"):
        m = iso_minutes(f.get(key)) if isinstance(f.get(key), str) else None
        if m is not None:
            return m
    meas = f.get("measure")
    if isinstance(meas, dict):
        n, u = meas.get("value", meas.get("number")), meas.get("unit")
        if isinstance(n, (int, float)) and isinstance(u, str) and u.lower() in UNIT_MINUTES:
            return float(n) * UNIT_MINUTES[u.lower()]
    n, u = f.get("number"), f.get("unit")
    if isinstance(n, (int, float)) and isinstance(u, str) and u.strip().lower() in UNIT_MINUTES:
        return float(n) * UNIT_MINUTES[u.strip().lower()]
    m = re.match(r"^\s*([\d.]+)\s*([A-Za-z]+)\s*$", str(f.get("value") or ""))
    if m and m.group(2).lower() in UNIT_MINUTES:
        return float(m.group(1)) * UNIT_MINUTES[m.group(2).lower()]
    return None


def cand_of_fact(f):
    """What the scorer compares: date, weekday, HH:MM, minutes, written value."""
    val = f.get("value")
    val = val if isinstance(val, str) else ("" if val is None else str(val))
    wd = f.get("weekday") or (val.lower() if val.lower() in WEEKDAYS else None)
    tm = None
    if f.get("type") == "time" or HHMM.match(val):
        m = HHMM.match(val)
        if m:
            tm = f"{int(m.group(1)):02d}:{m.group(2)}"
    if f.get("time") and isinstance(f.get("time"), str) and HHMM.match(f["time"]):
        m = HHMM.match(f["time"])
        tm = f"{int(m.group(1)):02d}:{m.group(2)}"
    mins = fact_minutes(f) if (f.get("dimension") == "duration" or f.get("type") not in TEMPORAL_TYPES) else None
    return {"date": f.get("date"), "weekday": wd, "time": tm, "minutes": mins, "value": val,
            "show": f"{f.get('type')}:{val}" + (f" date={f.get('date')}" if f.get("date") and f.get("date") != val else "")}


def cand_of_hit(iso):
    dt = datetime.datetime.fromisoformat(iso)
    d = dt.date().isoformat()
    return {"date": d, "weekday": WEEKDAYS[dt.weekday()], "time": dt.strftime("%H:%M"), "minutes": None,
            "value": d, "show": iso}


def _full_date(s):
    return isinstance(s, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", s) is not None


def date_eq(target, got):
    if not target or not got:
        return False
    if target == got:
        return True
    if target.startswith("--") and len(target) == 7 and _full_date(got):
        return got[4:] == target[1:]
    return False


def right(m, c):
    """Does candidate c get gold mention m right? (detection is assumed)"""
    kind, gv, res = m["kind"], str(m.get("value", "")), m.get("resolved")
    if kind == "date":
        return date_eq(res or gv, c["date"]) or (not c["date"] and date_eq(res or gv, c["value"]))
    if kind == "weekday":
        if c["weekday"] != gv.lower():
            return False
        return not (res and _full_date(c["date"])) or c["date"] == res
    if kind == "relative":
        return True if not res else date_eq(res, c["date"])
    if kind == "time":
        g = HHMM.match(gv)
        return bool(g) and c["time"] == f"{int(g.group(1)):02d}:{g.group(2)}"
    if kind == "duration":
        g = iso_minutes(gv)
        if g is None:
            return True
        s = c["minutes"]
        return s is not None and abs(g - s) <= 0.01 * max(abs(g), abs(s))
    targets = [t for t in (res, gv) if t]
    gots = [str(x) for x in (c["date"], c["value"]) if x]
    if any(g.startswith(t) for g in gots for t in targets):
        return True
    # a yearless written value (--02, --09-10/--09-13) against a dated one: month and day only
    return gv.startswith("--") and any(re.sub(r"(^|/)\d{4}-", r"\1--", g).startswith(gv) for g in gots)


def score(mentions_by_doc, items_by_doc):
    """mentions_by_doc: doc -> [mention]; items_by_doc: doc -> [(span, [cand])].
    Returns per-mention (detected, right) and per-item right flags."""
    mres, ires = {}, {}
    for doc, ms in mentions_by_doc.items():
        items = items_by_doc.get(doc, [])
        for mi, m in enumerate(ms):
            det = ok = False
            for ii, (span, cands) in enumerate(items):
                if overlaps(span, m["span"]):
                    det = True
                    if any(right(m, c) for c in cands):
                        ok = True
                        ires[(doc, ii)] = True
            mres[(doc, mi)] = (det, ok)
        for ii in range(len(items)):
            ires.setdefault((doc, ii), False)
    return mres, ires


def dateparser_hits(payload):
    """Runs dateparser_hits.py under an interpreter that has dateparser; None when none does."""
    helper = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dateparser_hits.py")
    tried = []
    for py in (sys.executable, "/usr/bin/python3", "python3"):
        if py in tried:
            continue
        tried.append(py)
        try:
            chk = subprocess.run([py, "-c", "import dateparser.search"], capture_output=True)
        except OSError:
            continue
        if chk.returncode != 0:
            continue
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
        r = subprocess.run([py, helper], input=json.dumps(payload), capture_output=True, text=True,
                           encoding="utf-8", env=env)
        if r.returncode != 0:
            sys.exit(f"accuracy: dateparser helper failed: {r.stderr.strip()[-500:]}")
        return json.loads(r.stdout), py
    return None, None


def run(args, shared, tmpdir, gold_dir):
    rows = [json.loads(l) for l in open(os.path.join(gold_dir, "times.jsonl"), encoding="utf-8") if l.strip()]
    docs = []
    for r in rows:
        if r["doc"] not in docs:
            docs.append(r["doc"])
    res = run_claimcheck(args.bin, shared, docs, tmpdir, "times")
    sents = {}
    mentions = {}
    lang_of = {}
    for r in rows:
        sents.setdefault(r["doc"], []).append(r["sentence"])
        lang_of[r["doc"]] = r["lang"]
        for m in r["mentions"]:
            mentions.setdefault(r["doc"], []).append(m)

    # claimcheck items: temporal facts inside gold sentences, one item per (doc, span)
    by_span = {}
    for f in res.facts.values():
        if f["doc"] is None or not f.get("span") or not is_temporal(f):
            continue
        if any(inside(f["span"], s) for s in sents.get(f["doc"], [])):
            by_span.setdefault((f["doc"], tuple(f["span"])), []).append(cand_of_fact(f))
    cc_items = {}
    for (doc, span), cands in sorted(by_span.items()):
        cc_items.setdefault(doc, []).append((list(span), cands))

    # dateparser items
    payload = []
    for r in rows:
        t = shared.text_bytes(r["doc"])[r["sentence"][0]:r["sentence"][1]].decode("utf-8", "replace")
        pub = r.get("published") if r.get("published") else None
        if pub and len(pub) > 16:
            pub = pub[:19]
        payload.append({"text": t, "lang": r["lang"], "published": pub})
    hits, py = dateparser_hits(payload)
    dp_items = None
    if hits is not None:
        dp_items = {}
        for r, hs in zip(rows, hits):
            for b0, b1, iso in hs:
                span = [r["sentence"][0] + b0, r["sentence"][0] + b1]
                dp_items.setdefault(r["doc"], []).append((span, [cand_of_hit(iso)]))

    cc_m, cc_i = score(mentions, cc_items)
    dp_m, dp_i = score(mentions, dp_items) if dp_items is not None else ({}, {})

    kinds = sorted({m["kind"] for ms in mentions.values() for m in ms})
    table = {}
    for k in kinds + ["all"]:
        keys = [(d, i) for d, ms in mentions.items() for i, m in enumerate(ms) if k == "all" or m["kind"] == k]
        row = {"gold": len(keys)}
        for name, mres in (("claimcheck", cc_m), ("dateparser", dp_m)):
            row[name] = {"detected": sum(1 for x in keys if mres.get(x, (False, False))[0]),
                         "right": sum(1 for x in keys if mres.get(x, (False, False))[1])}
        table[k] = row

    def overall(mres, ires, lang=None):
        mk = [(d, i) for d, ms in mentions.items() for i in range(len(ms)) if lang in (None, lang_of[d])]
        ik = [x for x in ires if lang in (None, lang_of[x[0]])]
        right_m = sum(1 for x in mk if mres.get(x, (False, False))[1])
        right_i = sum(1 for x in ik if ires[x])
        det_m = sum(1 for x in mk if mres.get(x, (False, False))[0])
        p = right_i / len(ik) if ik else 1.0
        r = right_m / len(mk) if mk else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"gold": len(mk), "items": len(ik), "items_right": right_i, "detected": det_m,
                "right": right_m, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

    print(f"\n== real news: times ({len(rows)} sentences, {sum(map(len, mentions.values()))} mentions, "
          "tests/gold/real/times.jsonl)")
    dp_note = "" if dp_items is not None else "  (dateparser: not installed, its columns are empty)"
    print(f"{'kind':<10} {'gold':>5} | {'claimcheck det':>14} {'right':>6} | {'dateparser det':>14} {'right':>6}{dp_note}")
    for k in kinds + ["all"]:
        row = table[k]
        c, d = row["claimcheck"], row["dateparser"]
        dcol = f"{d['detected']:>14} {d['right']:>6}" if dp_items is not None else f"{'-':>14} {'-':>6}"
        print(f"{k:<10} {row['gold']:>5} | {c['detected']:>14} {c['right']:>6} | {dcol}")
    out = {"kinds": table, "claimcheck": {}, "dateparser": {}}
    print(f"{'tool':<11} {'lang':<4} {'items':>5} {'right':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, mres, ires in (("claimcheck", cc_m, cc_i), ("dateparser", dp_m, dp_i)):
        if name == "dateparser" and dp_items is None:
            out[name] = None
            print(f"{name:<11} (not run: no python with dateparser; apt-get install python3-dateparser)")
            continue
        for lang in (None, "id", "en"):
            o = overall(mres, ires, lang)
            out[name][lang or "all"] = o
            print(f"{name:<11} {lang or 'all':<4} {o['items']:>5} {o['items_right']:>5} "
                  f"{o['precision']:>6.2f} {o['recall']:>6.2f} {o['f1']:>6.2f}")
    say(args.quiet, "  (det: a fact/hit overlaps the mention; right: its value agrees; P = right items / items)")

    if not args.quiet:
        def sent_of(doc, span):
            for s in sents.get(doc, []):
                if overlaps(span, s) or inside(span, s):
                    return s
            return span
        miss = [(d, i) for d, ms in mentions.items() for i in range(len(ms)) if not cc_m[(d, i)][1]]
        print(f"-- times: {len(miss)} gold mentions claimcheck does not get right")
        for d, i in sorted(miss, key=lambda x: (x[0], mentions[x[0]][x[1]]["span"])):
            m = mentions[d][i]
            got = [c["show"] for sp, cs in cc_items.get(d, []) if overlaps(sp, m["span"]) for c in cs]
            det = f" got {', '.join(got)}" if got else " not detected"
            dpok = " [dateparser right]" if dp_m.get((d, i), (False, False))[1] else ""
            resv = f" resolved={m['resolved']}" if m.get("resolved") else ""
            print(f"  miss  {d}:{m['span'][0]}-{m['span'][1]} {m['kind']} {m['value']}{resv};{det}{dpok}"
                  f" | {shared.cut(d, sent_of(d, m['span']))}")
        extra = [(d, i) for (d, i), ok in cc_i.items() if not ok]
        print(f"-- times: {len(extra)} claimcheck items not right for any gold mention")
        for d, i in sorted(extra, key=lambda x: (x[0], cc_items[x[0]][x[1]][0])):
            span, cands = cc_items[d][i]
            print(f"  extra {d}:{span[0]}-{span[1]} {', '.join(c['show'] for c in cands)}"
                  f" | {shared.cut(d, sent_of(d, span))}")
    out["dateparser_python"] = py
    out["claimcheck_seconds"] = round(res.info["seconds"], 2)
    return out
