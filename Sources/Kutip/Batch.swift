import Dispatch
import Foundation

/// One input record before it is parsed: a JSONL line or a whole plain-text
/// file, with where it came from.
///
/// Parsing is left to ``document()`` so that it runs in the batch workers, in
/// parallel, rather than on the thread that reads the input.
public struct RawArticle: Sendable {
    /// What was read.
    public enum Body: Sendable {
        /// One line of a JSONL file, without its line end.
        case jsonLine([UInt8])
        /// A whole plain-text article.
        case plainText([UInt8])
        /// The input could not be read at all; the reason.
        case unreadable(String)
    }

    /// The file, or `-` for standard input.
    public var origin: String
    /// The 1-based line of a JSONL record; `nil` for a plain-text article.
    public var line: Int?
    /// The id known before parsing: a plain-text file's name without extension.
    public var id: String?
    /// The publication date given for plain-text articles.
    public var published: String?
    /// The record itself.
    public var body: Body

    /// Creates a record.
    public init(origin: String, line: Int? = nil, id: String? = nil, published: String? = nil, body: Body) {
        self.origin = origin
        self.line = line
        self.id = id
        self.published = published
        self.body = body
    }

    /// The number of input bytes the record holds, for progress reports.
    public var byteCount: Int {
        switch body {
        case .jsonLine(let bytes), .plainText(let bytes): return bytes.count + (line == nil ? 0 : 1)
        case .unreadable: return 0
        }
    }

    /// The record as a document, not yet annotated.
    ///
    /// - Throws: ``InputError`` with the place, the id when it could be read,
    ///   and what is wrong.
    public func document() throws -> Document {
        switch body {
        case .jsonLine(let bytes):
            return try ArticleInput.document(jsonLine: bytes, origin: origin, line: line ?? 0)
        case .plainText(let bytes):
            do {
                return try ArticleInput.document(plainText: bytes, origin: origin, id: id, published: published)
            } catch var error as InputError {
                error.id = id
                throw error
            }
        case .unreadable(let reason):
            throw InputError(origin: origin, line: line, id: id, reason: reason)
        }
    }
}

/// Reads the records of several inputs in order, one file open at a time, so
/// that a stream of any length is read in constant memory (beyond the largest
/// single record).
public struct ArticleReader: Sequence, IteratorProtocol {
    private var files: [(path: String, jsonl: Bool)]
    private let published: String?
    private var lines: LineReader?
    private var handle: FileHandle?
    private var current: (path: String, jsonl: Bool)?
    private var lineNumber = 0

    /// A reader over `files`; `jsonl` says for each path whether it holds
    /// JSONL records (else it is one plain-text article). `-` is standard input.
    ///
    /// - Parameter published: the publication date of plain-text articles.
    public init(files: [String], published: String? = nil, jsonl: (String) -> Bool) {
        self.files = files.reversed().map { ($0, jsonl($0)) }
        self.published = published
    }

    /// The next record, or `nil` after the last one.
    public mutating func next() -> RawArticle? {
        while true {
            if let current, lines != nil {
                while let line = lines!.next() {
                    lineNumber += 1
                    // Blank lines separate nothing in JSONL; they are not records.
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    return RawArticle(origin: current.path, line: lineNumber, body: .jsonLine(line))
                }
                closeCurrent()
                continue
            }
            guard let file = files.popLast() else { return nil }
            let opened: FileHandle
            if file.path == "-" {
                opened = FileHandle.standardInput
            } else if let handle = FileHandle(forReadingAtPath: file.path) {
                opened = handle
            } else {
                return RawArticle(origin: file.path, body: .unreadable("cannot open the file"))
            }
            if file.jsonl {
                current = file
                handle = opened
                lines = LineReader(handle: opened)
                lineNumber = 0
                continue
            }
            let bytes = [UInt8](opened.readDataToEndOfFile())
            if file.path != "-" { try? opened.close() }
            let id = file.path == "-" ? nil : URL(fileURLWithPath: file.path).deletingPathExtension().lastPathComponent
            return RawArticle(origin: file.path, id: id, published: published, body: .plainText(bytes))
        }
    }

    private mutating func closeCurrent() {
        if let current, current.path != "-" { try? handle?.close() }
        current = nil
        handle = nil
        lines = nil
    }
}

/// A record that could not be annotated, as written in place of its output.
public struct BatchFailure: Sendable, Equatable {
    /// The file, or `-`.
    public var origin: String
    /// The 1-based JSONL line, when there is one.
    public var line: Int?
    /// The article's id, when it could be read.
    public var id: String?
    /// What went wrong.
    public var reason: String

    /// Describes `error` raised while handling `record`; the id and line come
    /// from the error when it knows them, else from the record.
    public init(record: RawArticle, error: any Error, id: String? = nil) {
        origin = record.origin
        line = record.line
        if let error = error as? InputError {
            self.id = error.id ?? id ?? record.id
            reason = error.reason
        } else {
            self.id = id ?? record.id
            reason = "\(error)"
        }
    }

    /// `origin:line: reason`, for standard error.
    public var message: String {
        if let line { return "\(origin):\(line): \(reason)" }
        return "\(origin): \(reason)"
    }

    /// The error record, one line of JSON with its newline:
    /// `{"schema":"kutip/1","id":…,"error":{"file":…,"line":N,"reason":…}}`.
    public var jsonLine: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("schema"); writer.string(Document.schema)
        writer.key("id"); writer.optionalString(id)
        writer.key("error")
        writer.beginObject()
        writer.key("file"); writer.string(origin)
        if let line { writer.key("line"); writer.int(line) }
        writer.key("reason"); writer.string(reason)
        writer.endObject()
        writer.endObject()
        return writer.bytes + [UInt8(ascii: "\n")]
    }
}

/// What a batch worker made of one record: the bytes to write in its place
/// and, when it failed, why.
public struct BatchResult: Sendable {
    /// The output for the record, written as is (newlines included).
    public var bytes: [UInt8]
    /// Set when the record failed.
    public var failure: BatchFailure?
    /// The input bytes the record held, for progress reports.
    public var inputBytes: Int

    /// Creates a result.
    public init(bytes: [UInt8], failure: BatchFailure? = nil, inputBytes: Int = 0) {
        self.bytes = bytes
        self.failure = failure
        self.inputBytes = inputBytes
    }
}

/// Runs a transform over a stream of records on several threads and hands the
/// results back in input order.
///
/// Records are taken in windows (a few hundred records or a few megabytes,
/// whichever comes first); each window is mapped in parallel and its results
/// delivered in order before the next window is read, so memory stays bounded
/// by the window whatever the input size, and the output does not depend on
/// the number of jobs.
public struct BatchRunner: Sendable {
    /// Worker threads; 1 runs everything on the calling thread.
    public var jobs: Int
    /// The most records in one window.
    public var windowRecords: Int
    /// The most input bytes in one window (a single larger record still forms a window).
    public var windowBytes: Int

    /// A runner with `jobs` workers (at least 1).
    public init(jobs: Int, windowRecords: Int = 256, windowBytes: Int = 4 << 20) {
        self.jobs = Swift.max(1, jobs)
        self.windowRecords = Swift.max(1, windowRecords)
        self.windowBytes = windowBytes
    }

    /// The number of cores, the default for `jobs`.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Transforms every record of `records` and passes each result, in input
    /// order, to `deliver` on the calling thread.
    public func run<Records: IteratorProtocol>(
        _ records: inout Records, transform: @Sendable (RawArticle) -> BatchResult,
        deliver: (BatchResult) -> Void
    ) where Records.Element == RawArticle {
        var window: [RawArticle] = []
        var bytes = 0
        func flush() {
            for result in Self.orderedMap(window, jobs: jobs, transform) { deliver(result) }
            window.removeAll(keepingCapacity: true)
            bytes = 0
        }
        while let record = records.next() {
            window.append(record)
            bytes += record.byteCount
            if window.count >= windowRecords || bytes >= windowBytes { flush() }
        }
        if !window.isEmpty { flush() }
    }

    /// `items.map(transform)` on up to `jobs` threads, results in the order of `items`.
    ///
    /// Workers take the next unclaimed index, so one slow item does not hold
    /// back the others assigned to the same thread.
    public static func orderedMap<Input: Sendable, Output: Sendable>(
        _ items: [Input], jobs: Int, _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        let workers = Swift.min(jobs, items.count)
        if workers <= 1 { return items.map(transform) }
        let slots = ResultSlots<Output>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = slots.claim() {
                slots.store(transform(items[index]), at: index)
            }
        }
        return slots.results()
    }
}

/// The shared state of ``BatchRunner/orderedMap(_:jobs:_:)``: a counter handing
/// out indices and one slot per result, each written by exactly one worker.
private final class ResultSlots<Output: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private var slots: [Output?]

    init(count: Int) {
        self.count = count
        slots = Array(repeating: nil, count: count)
    }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func store(_ value: Output, at index: Int) {
        // Under the lock: Array's storage is not safe to write from two threads
        // even at different indices (copy-on-write checks touch shared state).
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func results() -> [Output] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
