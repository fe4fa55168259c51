"""Kutip under Apache Spark: `rdd.pipe` through `kutip annotate --input jsonl --format jsonl -`.

Two subcommands, both invoked by run-spark:

  spark    reads a JSONL corpus with `sc.textFile`, pipes every partition through one
           kutip process, and writes the kutip/1 records with `saveAsTextFile`.
  compare  checks that the Spark output (its part files, in partition order) equals a
           local run of kutip over the same input, record for record.

The same `annotate_rdd` works on a cluster; see README.md beside this file for how to
ship the binary and its lexicon bundle to the executors.
"""
import argparse
import json
import os
import shlex
import shutil
import sys
import time


def annotate_command(kutip, extra_args=()):
    """The command each partition is piped through.

    `kutip annotate` exits 1 when some record failed (it still writes an error record in
    that record's place, so the output stays complete) and 2 when it cannot start at all
    (no lexicons, bad option). The `sh` wrapper maps 1 to 0, so that with checkCode=True a
    task fails only when kutip could not run, instead of silently yielding no records.
    """
    args = " ".join(["annotate", "--input", "jsonl", "--format", "jsonl", *map(shlex.quote, extra_args), "-"])
    script = f'"$0" {args} || [ $? -eq 1 ]'
    return f"/bin/sh -c {shlex.quote(script)} {shlex.quote(kutip)}"


def annotate_rdd(lines, kutip, lexicon_dir=None, extra_args=()):
    """kutip/1 JSON lines for an RDD of JSONL article lines, one output per input, in order.

    Blank lines (nothing but spaces and tabs) are dropped first: kutip skips them without
    writing anything, which would break the one-record-in, one-record-out correspondence.
    """
    # rdd.pipe starts the command with exactly `env` as its environment (nothing inherited).
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin"}
    if lexicon_dir:
        env["KUTIP_LEXICON_DIR"] = lexicon_dir
    return lines.filter(lambda line: line.strip(" \t") != "").pipe(
        annotate_command(kutip, extra_args), env=env, checkCode=True
    )


def is_local(path):
    return "://" not in path


def run_spark(args):
    from pyspark.sql import SparkSession

    started = time.perf_counter()
    builder = (
        SparkSession.builder.master(args.master)
        .appName("kutip-annotate")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if args.archives:
        # Unpacked into each executor's working directory: --kutip ./NAME/kutip.
        builder = builder.config("spark.archives", args.archives)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    ready = time.perf_counter()
    source = os.path.abspath(args.input) if is_local(args.input) else args.input
    target = os.path.abspath(args.output) if is_local(args.output) else args.output
    if is_local(target) and os.path.exists(target):
        shutil.rmtree(target)
    # "./…" names a file shipped with the job, relative to the executor's working
    # directory; any other path must exist on every node (and here).
    kutip = args.kutip if args.kutip.startswith("./") else os.path.abspath(args.kutip)
    lines = sc.textFile(source, minPartitions=args.partitions)
    annotated = annotate_rdd(lines, kutip, args.lexicon_dir, args.kutip_arg)
    annotated.saveAsTextFile(target)
    done = time.perf_counter()
    partitions = annotated.getNumPartitions()
    spark.stop()
    print(
        f"spark: {args.master}, {partitions} partitions, kutip {kutip}; session start {ready - started:.1f} s, "
        f"job (read, pipe, write) {done - ready:.1f} s"
    )


def read_records(path):
    """Lines of a file, or of a Spark output folder's part files in partition order."""
    if os.path.isdir(path):
        files = [os.path.join(path, p) for p in sorted(os.listdir(path)) if p.startswith("part-")]
    else:
        files = [path]
    for name in files:
        with open(name, encoding="utf-8") as handle:
            for line in handle:
                yield line.rstrip("\n")


def record_id(line):
    try:
        return json.loads(line).get("id")
    except ValueError:
        return None


def compare(args):
    with open(args.input, encoding="utf-8") as handle:
        inputs = sum(1 for line in handle if line.rstrip("\r\n").strip(" \t"))
    spark_records = list(read_records(args.spark))
    local_records = list(read_records(args.local))
    errors = sum(1 for line in local_records if '"error":{' in line and "error" in json.loads(line))
    print(
        f"records: input {inputs}, spark {len(spark_records)}, local {len(local_records)}; "
        f"error records (local) {errors}"
    )
    ok = len(spark_records) == len(local_records) == inputs
    mismatches = 0
    for number, (a, b) in enumerate(zip(spark_records, local_records), 1):
        if a != b:
            mismatches += 1
            if mismatches <= 3:
                print(f"  record {number} differs: spark id {record_id(a)!r}, local id {record_id(b)!r}")
    if mismatches:
        print(f"  {mismatches} record(s) differ")
        ok = False
    size = sum(len(line) + 1 for line in local_records)
    print(f"compared {min(len(spark_records), len(local_records))} records ({size / 1e6:.1f} MB of output)")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("spark", help="annotate a JSONL corpus with Spark")
    run.add_argument("--kutip", required=True, help="the kutip executable (its lexicon bundle beside it); ./… = shipped with --archives")
    run.add_argument("--input", required=True, help="JSONL articles, one {\"id\",\"text\",…} per line (path or URI, globs allowed)")
    run.add_argument("--output", required=True, help="output folder (path or URI; a local one is replaced): Spark part files")
    run.add_argument("--partitions", type=int, default=6)
    run.add_argument("--master", default="local[2]")
    run.add_argument("--archives", help="spark.archives, e.g. kutip-linux.tgz#kutip (from pack-kutip)")
    run.add_argument("--lexicon-dir", help="passed to kutip as KUTIP_LEXICON_DIR")
    run.add_argument("--kutip-arg", action="append", default=[], help="extra kutip annotate option (repeatable)")
    check = sub.add_parser("compare", help="compare Spark's output with a local run")
    check.add_argument("--input", required=True)
    check.add_argument("--spark", required=True, help="the Spark output folder")
    check.add_argument("--local", required=True, help="the local kutip output file")
    args = parser.parse_args()
    if args.command == "spark":
        run_spark(args)
    else:
        ok = compare(args)
        print("OK: Spark output equals the local run" if ok else "FAIL: Spark output differs from the local run")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
