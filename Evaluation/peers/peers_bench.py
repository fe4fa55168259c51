"""Speed of Kutip's Python peers on the same corpus, bytes and machine as `kutip bench`.

Loads every "text" of the benchmark corpus exactly as `kutip bench` does (each non-blank
JSONL line's "text" field; MB = UTF-8 bytes of those texts / 1,000,000; reading and JSON
decoding not timed), warms each peer up on the first 20 articles, then times it from the
article's `str` to its output on one thread. Kutip's own figures come from running
`kutip bench` (whole pipeline, and `--through tokenize`) on the same corpus.

Prints one Markdown table and writes it, with how it was measured, to peers-report.md.
Invoked by run-peers.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))


def load_corpus(path):
    """(text, published) per non-blank line, as kutip bench reads it."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            published = record.get("published") or record.get("date")
            records.append((record["text"], published[:10] if isinstance(published, str) else None))
    return records


def megabytes(texts):
    return sum(len(text.encode("utf-8")) for text in texts) / 1e6


# Each peer: a function from the list of (text, published) to a number it
# produced (tokens, sentences, dates), so the work cannot be skipped.


def spacy_peer():
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")

    def run(records):
        count = 0
        for text, _ in records:
            doc = nlp(text)
            count += len(doc) + sum(1 for _ in doc.sents)
        return count

    return run, f"spaCy {spacy.__version__}"


def nlp_id_peer():
    from importlib.metadata import version

    from nlp_id.tokenizer import Tokenizer

    tokenizer = Tokenizer()

    def run(records):
        return sum(len(tokenizer.tokenize(text)) for text, _ in records)

    return run, f"nlp-id {version('nlp-id')}"


def icu_peer(sentences=False):
    def make():
        import icu

        words = icu.BreakIterator.createWordInstance(icu.Locale("id"))
        sentence_iterator = icu.BreakIterator.createSentenceInstance(icu.Locale("id"))

        def run(records):
            count = 0
            for text, _ in records:
                words.setText(text)
                for _ in words:
                    count += 1
                if sentences:
                    sentence_iterator.setText(text)
                    for _ in sentence_iterator:
                        count += 1
            return count

        return run, f"PyICU {icu.VERSION}, ICU {icu.ICU_VERSION}"

    return make


def dateparser_peer():
    from importlib.metadata import version

    from dateparser.search import search_dates

    def run(records):
        count = 0
        for text, published in records:
            settings = {}
            if published:
                settings["RELATIVE_BASE"] = datetime.datetime.strptime(published, "%Y-%m-%d")
            try:
                count += len(search_dates(text, languages=["id"], settings=settings) or [])
            except Exception:
                pass
        return count

    return run, f"dateparser {version('dateparser')}"


PEERS = [
    # key, tool, what it does, factory, slow (timed on a slice, once)
    ("spacy", 'spaCy `blank("id")` + `sentencizer`', "rule tokenizer + punctuation sentence splitter", spacy_peer, False),
    ("nlp-id", "nlp-id `Tokenizer().tokenize`", "regex/rule word tokenizer (no sentences)", nlp_id_peer, False),
    ("icu-word", "PyICU word-break loop", "bare ICU word boundaries (no rules, no token objects)", icu_peer(False), False),
    ("icu-word-sentence", "PyICU word + sentence-break loops", "bare ICU word and sentence boundaries", icu_peer(True), False),
    ("dateparser", "dateparser `search_dates(languages=['id'])`", "date finding and normalization", dateparser_peer, True),
]


def time_peer(run, records, passes):
    run(records[:20])  # warm-up, as kutip bench does
    best, total = float("inf"), 0.0
    for _ in range(passes):
        start = time.perf_counter()
        run(records)
        seconds = time.perf_counter() - start
        best = min(best, seconds)
        total += seconds
    return best, total / passes


def kutip_bench(kutip, corpus, through, passes):
    command = [kutip, "bench", "--corpus", corpus, "--passes", str(passes)]
    if through:
        command += ["--through", through]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    best = float(re.search(r"best ([0-9.]+) MB/s", output).group(1))
    mean = float(re.search(r"mean ([0-9.]+) MB/s", output).group(1))
    size = float(re.search(r"documents, ([0-9.]+) MB", output).group(1))
    stages = re.search(r"stages: (.*)", output).group(1)
    return best, mean, size, stages


def fmt(speed):
    return f"{speed:.1f}" if speed >= 10 else f"{speed:.2f}" if speed >= 0.1 else f"{speed:.3f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kutip", required=True, help="the kutip executable (release build)")
    parser.add_argument("--corpus", default=os.path.join(root, "Evaluation", "corpus", "indosum.jsonl"))
    parser.add_argument("--passes", type=int, default=3, help="passes over the whole corpus per peer (best reported)")
    parser.add_argument("--kutip-passes", type=int, default=5, help="kutip bench --passes")
    parser.add_argument("--slow-articles", type=int, default=500, help="first N articles for slow peers (one pass)")
    parser.add_argument("--only", action="append", help="run only these peers (keys: " + ", ".join(p[0] for p in PEERS) + ")")
    parser.add_argument("--report", default=os.path.join(here, "peers-report.md"))
    args = parser.parse_args()

    kutip_version = subprocess.run([args.kutip, "--version"], capture_output=True, text=True).stdout.strip()
    records = load_corpus(args.corpus)
    size = megabytes(text for text, _ in records)
    corpus_name = os.path.relpath(os.path.abspath(args.corpus), root)
    load_before = os.getloadavg()
    print(f"corpus: {corpus_name}: {len(records)} documents, {size:.2f} MB of text; load average {load_before[0]:.2f}", flush=True)

    kutip_rows = []
    for through, what in ((None, "whole pipeline"), ("tokenize", "tokenization only")):
        best, mean, kutip_size, stages = kutip_bench(args.kutip, args.corpus, through, args.kutip_passes)
        if abs(kutip_size - size) > 0.006:
            sys.exit(f"peers_bench: kutip bench counts {kutip_size} MB, this script {size:.2f} MB: not the same bytes")
        print(f"kutip ({what}): best {best:.1f} MB/s, mean {mean:.1f}", flush=True)
        kutip_rows.append((through, stages, best, mean))
    pipeline_speed = kutip_rows[0][2]

    rows = []
    for key, tool, what, factory, slow in PEERS:
        if args.only and key not in args.only:
            continue
        try:
            run, version = factory()
        except ImportError as error:
            print(f"{key}: skipped ({error})", flush=True)
            rows.append((tool, what, None, None, f"not installed: {error}"))
            continue
        subset = records[: args.slow_articles] if slow else records
        passes = 1 if slow else args.passes
        best, mean = time_peer(run, subset, passes)
        subset_size = megabytes(text for text, _ in subset)
        speed = subset_size / best
        if slow:
            how = f"first {len(subset)} articles ({subset_size:.2f} MB), one pass after warm-up"
        else:
            how = f"whole corpus, best of {passes} (mean {fmt(subset_size / mean)})"
        print(f"{key}: {speed:.3f} MB/s ({how}; {version})", flush=True)
        rows.append((tool, what, speed, version, how))

    load_after = os.getloadavg()

    lines = [
        "| tool | what it does | MB/s | Kutip pipeline ÷ peer | measured |",
        "|---|---|---:|---:|---|",
    ]
    for through, stages, best, mean in kutip_rows:
        name = "**Kutip** (whole pipeline)" if through is None else "Kutip `--through tokenize`"
        lines.append(
            f"| {name} | {stages} | {fmt(best)} | {pipeline_speed / best:.2f} | "
            f"`kutip bench`, whole corpus, best of {args.kutip_passes} (mean {fmt(mean)}) |"
        )
    for tool, what, speed, version, how in rows:
        if speed is None:
            lines.append(f"| {tool} | {what} | – | – | skipped: {how} |")
        else:
            ratio = pipeline_speed / speed
            lines.append(f"| {tool} | {what} | {fmt(speed)} | {ratio:.2f} | {how}; {version} |" if ratio < 10 else f"| {tool} | {what} | {fmt(speed)} | {ratio:.1f} | {how}; {version} |")
    table = "\n".join(lines)
    print()
    print(table)

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    with open(args.report, "w", encoding="utf-8") as handle:
        handle.write("# Kutip beside its Python peers: speed\n\n")
        handle.write(
            f"Written by `Evaluation/peers/run-peers` on {stamp}: {corpus_name}, {len(records)} documents, "
            f"{size:.2f} MB of article text (UTF-8 bytes of the `text` fields; MB = 10^6 bytes, the bytes "
            "`kutip bench` counts). One thread each, timed from the article string to the tool's output, "
            "after a warm-up on the first 20 articles; reading and JSON decoding are not timed. Python "
            f"{platform.python_version()}; kutip {kutip_version} (release build). {os.cpu_count()} cores shared with other work (load average "
            f"{load_before[0]:.2f} before, {load_after[0]:.2f} after): expect ±10–20% between runs.\n\n"
        )
        handle.write(table + "\n\n")
        handle.write(
            "The ratio column is Kutip's whole-pipeline MB/s divided by the row's MB/s: above 1, Kutip's "
            "whole pipeline (tokens, sentences, boilerplate, abbreviations, dates) is that many times faster "
            "than the row does its single job. The peers do less than Kutip's pipeline (no boilerplate, "
            "abbreviations or dates, except dateparser, which does dates only). The PyICU loops only step "
            "through the boundaries of a UTF-16 copy of the text and build no tokens: they bound from above "
            "what any ICU-based tokenizer in Python can reach.\n"
        )
    print(f"\nwrote {os.path.relpath(args.report, root)}")
    update_readme(os.path.join(here, "README.md"), table, stamp, load_before[0])


def update_readme(path, table, stamp, load):
    """Puts the latest table between the markers of README.md, when it has them."""
    start, end = "<!-- peers-table:start -->", "<!-- peers-table:end -->"
    if not os.path.exists(path):
        return
    text = open(path, encoding="utf-8").read()
    if start not in text or end not in text:
        return
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    body = f"\n_Latest run: {stamp}, load average {load:.2f} at start._\n\n{table}\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(before + start + body + end + after)
    print(f"updated the table in {os.path.relpath(path, root)}")


if __name__ == "__main__":
    main()
