"""Shared pieces of the real-news sections of scripts/accuracy: the articles in ../shared (read at
run time, never copied into the project), running claimcheck on exactly the original JSON lines,
mapping its report back to doc ids, spans, and precision/recall/F1.

Article text only ever goes to the terminal (the sentence after a miss or an extra) and to
files in a temporary directory that is removed when the run ends."""
import json, os, subprocess, sys

CORPORA = {  # gold `file` values -> path under ../shared
    "id-news/detik_2025_gabriellaclairine.jsonl": "corpus/id-news/detik_2025_gabriellaclairine.jsonl",
    "en-news/bbc_2004_2005_greene.jsonl": "corpus/en-news/bbc_2004_2005_greene.jsonl",
}


def prf(tp, made, gold):
    """precision, recall, F1 from correct items, items the system made, items in the gold."""
    p = tp / made if made else 1.0
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def inside(span, outer):
    return outer[0] <= span[0] and span[1] <= outer[1]


def say(quiet, *args):
    if not quiet:
        print(*args)


class Shared:
    """The articles of ../shared: the two JSONL corpora (raw line kept byte for byte) and the seeds."""

    def __init__(self, root):
        self.root = root
        self.raw = {}        # doc id -> the original JSON line (no newline)
        self.rec = {}        # doc id -> parsed record
        self.seed_path = {}  # seed stem ("000_...") -> file path
        self.order = {}      # gold `file` value (CORPORA key) -> its doc ids in file order
        for key, rel in CORPORA.items():
            self.order[key] = []
            with open(os.path.join(root, rel), encoding="utf-8", newline="") as fh:
                for line in fh:
                    line = line.rstrip("\r\n")
                    if not line.strip():
                        continue
                    obj = json.loads(line)
                    self.order[key].append(obj["id"])
                    self.raw[obj["id"]] = line
                    self.rec[obj["id"]] = obj
        seeds = os.path.join(root, "seeds")
        for name in sorted(os.listdir(seeds)):
            if name.endswith(".txt"):
                self.seed_path[name[:-4]] = os.path.join(seeds, name)
        self._bytes = {}

    @staticmethod
    def seed_stem(doc):
        """Gold doc id of a seed: facts/times use the stem, discrepancies prefix it with 'seed-'."""
        return doc[5:] if doc.startswith("seed-") else doc

    def is_seed(self, doc):
        return self.seed_stem(doc) in self.seed_path

    def text_bytes(self, doc):
        """The bytes spans refer to: the UTF-8 `text` of a corpus record, the whole seed file."""
        b = self._bytes.get(doc)
        if b is None:
            if self.is_seed(doc):
                with open(self.seed_path[self.seed_stem(doc)], "rb") as fh:
                    b = fh.read()
            else:
                b = self.rec[doc]["text"].encode("utf-8")
            self._bytes[doc] = b
        return b

    def cut(self, doc, span):
        """The text of a byte span, one line (for the terminal only)."""
        s = self.text_bytes(doc)[span[0]:span[1]].decode("utf-8", "replace")
        return " ".join(s.split())

    def published(self, doc):
        if self.is_seed(doc):
            return None
        return self.rec[doc].get("published")


class Run:
    """One claimcheck run over some docs; facts and findings carry the gold doc ids."""

    def __init__(self, facts, findings, info):
        self.facts = facts        # fact id -> fact dict, with "doc" added (None when unmapped)
        self.findings = findings  # findings as reported
        self.info = info          # {"articles": n, "seconds": t}


def run_claimcheck(binary, shared, docs, tmpdir, name, jobs=None):
    """Writes the corpus docs of `docs` as one JSONL file (original lines, in the given order),
    runs `claimcheck check` on it plus the seed files among `docs`, and maps the report back.
    `jobs` is claimcheck's -j (default: its own, every core).

    claimcheck stores an exact duplicate (same text) once: the later line then has no article in
    the report. Its facts are those of the first line with the same text, so they are given to
    both doc ids (the copy's facts get ids suffixed with '+doc')."""
    import time
    seen, corpus_docs, seed_docs = set(), [], []
    for d in docs:
        if d in seen:
            continue
        seen.add(d)
        (seed_docs if shared.is_seed(d) else corpus_docs).append(d)
    paths = []
    jsonl = os.path.join(tmpdir, name + ".jsonl")
    if corpus_docs:
        with open(jsonl, "w", encoding="utf-8", newline="\n") as fh:
            for d in corpus_docs:
                fh.write(shared.raw[d] + "\n")
        paths.append(jsonl)
    seed_of_path = {}
    for d in seed_docs:
        p = shared.seed_path[shared.seed_stem(d)]
        paths.append(p)
        seed_of_path[os.path.realpath(p)] = d
    t0 = time.monotonic()
    cmd = [binary, "check", *paths, "--format", "json", "--fail-on", "never"]
    if jobs is not None:
        cmd += ["-j", str(jobs)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.monotonic() - t0
    if run.returncode != 0:
        sys.exit(f"accuracy: claimcheck failed on {name} ({run.returncode}): {run.stderr.strip()[:500]}")
    out = json.loads(run.stdout)
    doc_of_article = {}
    line_seen = set()
    for a in out.get("articles", []):
        path = a.get("path", "")
        doc = None
        if path in seed_of_path or os.path.realpath(path) in seed_of_path:
            doc = seed_of_path.get(path) or seed_of_path[os.path.realpath(path)]
        else:
            head, _, line = path.rpartition(":")
            if line.isdigit() and os.path.realpath(head) == os.path.realpath(jsonl):
                n = int(line)
                if 1 <= n <= len(corpus_docs):
                    doc = corpus_docs[n - 1]
                    line_seen.add(n)
        doc_of_article[a["id"]] = doc
    # Lines merged into an earlier identical text.
    aliases = {}  # representative doc -> [docs without an article of their own]
    first_by_text = {}
    for n, d in enumerate(corpus_docs, 1):
        t = shared.rec[d]["text"]
        if n in line_seen:
            first_by_text.setdefault(t, d)
    for n, d in enumerate(corpus_docs, 1):
        if n not in line_seen:
            rep = first_by_text.get(shared.rec[d]["text"])
            if rep:
                aliases.setdefault(rep, []).append(d)
    facts = {}
    for f in out.get("facts", []):
        f = dict(f)
        f["doc"] = doc_of_article.get(f.get("article"))
        facts[f["id"]] = f
        for other in aliases.get(f["doc"], []):
            g = dict(f)
            g["doc"] = other
            g["id"] = f["id"] + "+" + other
            facts[g["id"]] = g
    return Run(facts, out.get("findings", []), {"articles": len(out.get("articles", [])), "seconds": secs})


def parts(fd, facts):
    """The facts of a finding as the alarms they were judged as: a finding that stands for its
    copies' findings too (its "merged" ids: the same slip in copies of one article) is one part
    per article, each judged and matched as the copy's own finding was; any other, one part."""
    if not fd.get("merged"):
        return [facts]
    by_doc = {}
    for f in facts:
        by_doc.setdefault(f.get("doc") or f.get("article"), []).append(f)
    return list(by_doc.values())


def load_verdicts(path, key):
    """(line[key], sorted facts) -> (verdict is true, why) of a judged-alarms file; lines without
    a true/false verdict (written by --write-unjudged, not judged yet) are skipped."""
    judged = {}
    if not os.path.exists(path):
        return judged
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            j = json.loads(line)
            v = str(j.get("verdict", "")).strip().lower()
            if v in ("true", "false"):
                judged[(j[key], tuple(tuple(x) for x in sorted(j["facts"])))] = (v == "true", j.get("why", ""))
    return judged


def show_alarm(shared, label, a):
    """Prints an alarm to the terminal: its run or cluster (`label`), rule, message, each fact's
    doc, span, value and sentence, the verdict's why and the gold entries it touches."""
    fd = a["finding"]
    print(f"  {label} {fd.get('rule')} {fd.get('severity')} {fd.get('predicate')} "
          f"[{fd.get('subject')}] values={fd.get('values')}")
    print(f"      {fd.get('message')}")
    for f in a["facts"]:
        where = f"{f.get('doc')}:{f['span'][0]}-{f['span'][1]}" if f.get("span") else f"{f.get('doc')}:?"
        sent = f.get("sentence") or (shared.cut(f["doc"], f["span"]) if f.get("doc") and f.get("span") else "")
        print(f"      {where} {f.get('value')} | {' '.join(str(sent).split())}")
    if a.get("why"):
        print(f"      -> {a['why']}")
    for ed, what in a.get("touches", ()):
        print(f"      (its facts touch one claim of the {ed} entry: {what})")
