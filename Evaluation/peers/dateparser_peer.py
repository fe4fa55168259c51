"""Runs dateparser's search_dates over the gold articles as a peer of Kutip's date stage.

Writes one kutip/1 document per gold article (dates layer only) to out/dateparser/,
so that `kutip score` scores it exactly as Kutip is scored, and measures
dateparser's speed on the benchmark corpus. Invoked by run-dateparser.
"""
import datetime
import glob
import json
import os
import sys
import time

from dateparser.search import search_dates

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
out = os.path.join(here, "out", "dateparser")
os.makedirs(out, exist_ok=True)


def predict(text, published):
    base = None
    if published:
        base = datetime.datetime.strptime(published[:10], "%Y-%m-%d")
    settings = {"RELATIVE_BASE": base} if base else {}
    try:
        found = search_dates(text, languages=["id"], settings=settings) or []
    except Exception:
        found = []
    spans, cursor = [], 0
    for substring, moment in found:
        start = text.find(substring, cursor)
        if start < 0:
            continue
        end = start + len(substring)
        cursor = end
        if moment.hour or moment.minute:
            kind, value = "TIME", moment.strftime("%Y-%m-%dT%H:%M")
        else:
            kind, value = "DATE", moment.strftime("%Y-%m-%d")
        spans.append({"start": start, "end": end, "text": substring, "type": kind, "value": value})
    return spans


def main():
    for path in sorted(glob.glob(os.path.join(root, "Evaluation", "gold", "*", "*.json"))):
        gold = json.load(open(path, encoding="utf-8"))
        doc = {
            "schema": "kutip/1",
            "id": gold["id"],
            "text": gold["text"],
            "meta": gold["meta"],
            "dates": predict(gold["text"], gold["meta"].get("published")),
        }
        with open(os.path.join(out, gold["id"] + ".json"), "w", encoding="utf-8") as handle:
            json.dump(doc, handle, ensure_ascii=False)
    # Speed on the first articles of the benchmark corpus (search_dates is slow).
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    texts = []
    with open(os.path.join(root, "Evaluation", "corpus", "indosum.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts.append((record["text"], record.get("date")))
            if len(texts) >= limit:
                break
    size = sum(len(t.encode("utf-8")) for t, _ in texts)
    start = time.perf_counter()
    for text, published in texts:
        predict(text, published)
    seconds = time.perf_counter() - start
    print(f"dateparser search_dates: {len(texts)} articles, {size / 1e6:.3f} MB in {seconds:.1f} s = {size / 1e6 / seconds:.3f} MB/s")


if __name__ == "__main__":
    main()
