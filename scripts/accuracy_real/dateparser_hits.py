"""Runs dateparser.search.search_dates on sentences, as a child process (so that the interpreter
that has python3-dateparser, /usr/bin/python3 on Debian, can run it when the one running
scripts/accuracy lacks it).

stdin: JSON list of {"text": sentence, "lang": "id"|"en", "published": "YYYY-MM-DDTHH:MM" | null}
stdout: JSON list, per sentence, of hits [start_byte, end_byte, "YYYY-MM-DDTHH:MM:SS"] in the
sentence's UTF-8 bytes. Prints no text."""
import datetime, json, sys, warnings


def main():
    warnings.simplefilter("ignore")
    from dateparser.search import search_dates
    items = json.load(sys.stdin)
    out = []
    for it in items:
        text = it["text"]
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if it.get("published"):
            try:
                settings["RELATIVE_BASE"] = datetime.datetime.fromisoformat(it["published"])
            except ValueError:
                pass
        try:
            found = search_dates(text, languages=[it["lang"]], settings=settings) or []
        except Exception:  # dateparser raises on some inputs; count as no hit
            found = []
        hits, pos = [], 0
        for sub, dt in found:
            i = text.find(sub, pos)
            if i < 0:
                i = text.find(sub)
            if i < 0:
                continue
            pos = i + len(sub)
            b0 = len(text[:i].encode("utf-8"))
            b1 = b0 + len(sub.encode("utf-8"))
            hits.append([b0, b1, dt.isoformat()])
        out.append(hits)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
