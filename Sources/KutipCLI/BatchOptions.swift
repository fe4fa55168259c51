import ArgumentParser
import Foundation
import Kutip

/// How to read a command's inputs and how many threads to use: shared by
/// `annotate`, `quotes` and `entities`, so they read the same inputs the same way.
struct BatchOptions: ParsableArguments {
    enum InputFormat: String, ExpressibleByArgument, CaseIterable {
        case auto, text, jsonl
    }

    @Argument(help: "Articles: plain-text files, JSONL files (.jsonl), or \"-\" for standard input.")
    var files: [String]

    @Option(
        help: """
            How to read the input: auto (.jsonl files are JSONL; "-" is JSONL when line-per-record \
            output is asked for — --format jsonl, or json for entities — else one plain-text \
            article), text, jsonl.
            """)
    var input: InputFormat = .auto

    @Option(help: "Articles processed in parallel (default: all cores). The output is the same for every value.")
    var jobs: Int?

    @Flag(help: "No progress line on standard error (it is only shown when standard error is a terminal).")
    var quiet = false

    @Option(help: "Publication date (YYYY-MM-DD) of plain-text articles, for resolving relative dates.")
    var published: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one FILE, or \"-\" for standard input") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let published, !ArticleInput.isISODate(published) {
            throw ValidationError("--published must be YYYY-MM-DD, not \"\(published)\"")
        }
    }

    /// Whether `file` is read as JSONL; `stdinIsJSONL` decides `-` under `auto`.
    func isJSONL(_ file: String, stdinIsJSONL: Bool) -> Bool {
        switch input {
        case .jsonl: return true
        case .text: return false
        case .auto: return file == "-" ? stdinIsJSONL : file.hasSuffix(".jsonl")
        }
    }

    /// Reads every input, transforms each record on `--jobs` threads and writes
    /// the results to standard output in input order; failures are reported on
    /// standard error as they are written.
    ///
    /// - Returns: the number of records that failed.
    func run(stdinIsJSONL: Bool, transform: @Sendable (RawArticle) -> BatchResult) -> Int {
        var reader = ArticleReader(files: files, published: published) { isJSONL($0, stdinIsJSONL: stdinIsJSONL) }
        let runner = BatchRunner(jobs: jobs ?? BatchRunner.defaultJobs)
        var progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) != 0, totalBytes: totalInputBytes())
        var sink = OutputSink()
        var failures = 0
        runner.run(&reader, transform: transform) { result in
            sink.write(result.bytes)
            if let failure = result.failure {
                failures += 1
                progress.clear()
                report(failure.message)
            }
            progress.advance(bytes: result.inputBytes)
        }
        sink.flush()
        progress.finish()
        return failures
    }

    /// The size of all inputs when every one is a regular file, for the ETA.
    private func totalInputBytes() -> Int? {
        var total = 0
        for file in files {
            guard file != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let size = attributes[.size] as? Int
            else { return nil }
            total += size
        }
        return total
    }
}

/// Annotates one record and renders it, or renders its error record: the body
/// of every batch worker.
///
/// - Parameter render: the output for an annotated document.
func annotateRecord(
    _ record: RawArticle, pipeline: Pipeline, render: (Document) -> [UInt8]
) -> BatchResult {
    var id = record.id
    do {
        let document = try record.document()
        id = document.id
        return BatchResult(bytes: render(try pipeline.annotate(document)), inputBytes: record.byteCount)
    } catch {
        let failure = BatchFailure(record: record, error: error, id: id)
        return BatchResult(bytes: failure.jsonLine, failure: failure, inputBytes: record.byteCount)
    }
}

extension BatchOptions {
    /// Runs the batch with one view per article (`kutip quotes`, `kutip
    /// entities`): the structured view, or the readable one where a failed
    /// record shows as a line; exit status 1 when any record failed.
    func runViews(
        pipeline: Pipeline, structured: Bool, structuredView: @escaping @Sendable (Document) -> [UInt8],
        textView: @escaping @Sendable (Document) -> [UInt8]
    ) throws {
        let failures = run(stdinIsJSONL: structured) { record in
            var result = annotateRecord(record, pipeline: pipeline) { structured ? structuredView($0) : textView($0) }
            if !structured, let failure = result.failure { result.bytes = errorView(failure) }
            return result
        }
        try exitIfAnyFailed(failures)
    }
}

/// Exit status 1, after one line on standard error, when any record failed.
func exitIfAnyFailed(_ failures: Int) throws {
    if failures > 0 {
        report("\(failures) record(s) failed")
        throw ExitCode(1)
    }
}

/// The `articles, MB/s, ETA` line on standard error, redrawn in place at most
/// a few times a second.
struct ProgressLine {
    let enabled: Bool
    let totalBytes: Int?
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var articles = 0
    private var bytes = 0
    private var drawn = false

    init(enabled: Bool, totalBytes: Int?) {
        self.enabled = enabled
        self.totalBytes = totalBytes
    }

    mutating func advance(bytes count: Int) {
        articles += 1
        bytes += count
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.25 else { return }
        draw()
    }

    /// Wipes the line so that an error message starts at the left margin.
    mutating func clear() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    mutating func finish() {
        guard enabled, articles > 0 else { return }
        draw()
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private mutating func draw() {
        lastDraw = Date()
        let seconds = Swift.max(lastDraw.timeIntervalSince(start), 1e-6)
        let rate = Double(bytes) / seconds / 1_000_000
        var line = String(format: "\r\u{1B}[K%d articles  %.1f MB  %.2f MB/s", articles, Double(bytes) / 1e6, rate)
        if let totalBytes, totalBytes > 0, rate > 0 {
            let remaining = Double(Swift.max(totalBytes - bytes, 0)) / 1_000_000 / rate
            line += String(
                format: "  %.0f%%  ETA %d:%02d", 100 * Double(bytes) / Double(totalBytes), Int(remaining) / 60,
                Int(remaining) % 60)
        }
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }
}
