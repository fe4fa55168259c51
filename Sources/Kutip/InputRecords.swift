import Foundation

/// Input that Kutip cannot turn into a document; says where and why.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file (or `-` for standard input).
    public var origin: String
    /// The 1-based line of a JSONL record, when the input is JSONL.
    public var line: Int?
    /// The record's `id`, when it could be read: a record with a bad field
    /// still says which article it was, so its error record can be joined back.
    public var id: String?
    /// What is wrong, without the place.
    public var reason: String

    /// Creates an error for `origin` (and `line` of a JSONL record).
    public init(origin: String, line: Int? = nil, id: String? = nil, reason: String) {
        self.origin = origin
        self.line = line
        self.id = id
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(origin):\(line): \(reason)" }
        return "\(origin): \(reason)"
    }
}

/// Reading articles: plain text files and JSONL records.
public enum ArticleInput {
    /// The offset of the first byte that is not valid UTF-8, or `nil` when all are.
    public static func firstInvalidUTF8Offset<Bytes: Collection>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8 {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    /// A plain-text article as a document. The text is kept exactly, BOM included.
    ///
    /// - Throws: ``InputError`` naming the byte offset of invalid UTF-8.
    public static func document(plainText bytes: [UInt8], origin: String, id: String? = nil, published: String? = nil)
        throws -> Document
    {
        if let offset = firstInvalidUTF8Offset(bytes) {
            throw InputError(origin: origin, reason: "invalid UTF-8 at byte offset \(offset)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return Document(id: id, text: text, meta: Metadata(published: published))
    }

    /// A JSONL record (`{"id", "text", "published"?, …}`) as a document; other
    /// fields go to ``Metadata/extra``, and `date` stands in for a missing `published`.
    ///
    /// - Throws: ``InputError`` with the line number and what is wrong.
    public static func document(jsonLine bytes: [UInt8], origin: String, line: Int) throws -> Document {
        if let offset = firstInvalidUTF8Offset(bytes) {
            throw InputError(origin: origin, line: line, reason: "invalid UTF-8 at byte \(offset) of the line")
        }
        let object: [String: JSONValue]
        do {
            object = try JSONDecoder().decode([String: JSONValue].self, from: Data(bytes))
        } catch {
            throw InputError(origin: origin, line: line, reason: "not a JSON object")
        }
        // The id is read first so that every later error can name the record.
        var fields = object
        var id: String?
        switch fields.removeValue(forKey: "id") {
        case .string(let value)?: id = value
        case .number(let value)?:
            id = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        default: id = nil
        }
        guard case .string(let text)? = fields.removeValue(forKey: "text") else {
            throw InputError(origin: origin, line: line, id: id, reason: "no string field \"text\"")
        }
        var meta = Metadata(record: fields)
        if meta.published == nil, case .string(let date)? = meta.extra["date"] {
            meta.published = String(date.prefix(10))
        }
        if let published = meta.published, !isISODate(published) {
            throw InputError(
                origin: origin, line: line, id: id, reason: "\"published\" is \"\(published)\", expected YYYY-MM-DD")
        }
        return Document(id: id, text: text, meta: meta)
    }

    /// Whether `text` looks like `YYYY-MM-DD` with a plausible month and day.
    public static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

/// Reads a file or standard input line by line in fixed-size chunks, so a
/// JSONL stream of any size is processed in constant memory.
public struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    /// Where the newline search resumes: bytes before it hold none.
    private var searchFrom = 0
    private var finished = false
    private let chunkSize: Int

    public init(handle: FileHandle, chunkSize: Int = 1 << 20) {
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// The next line without its `\n` (a trailing `\r` is removed too).
    public mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[Swift.max(position, searchFrom)...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[position..<newline])
                position = newline + 1
                searchFrom = position
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
            if finished {
                guard position < buffer.count else { return nil }
                var line = Array(buffer[position...])
                position = buffer.count
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
            buffer.removeSubrange(..<position)
            searchFrom = buffer.count
            position = 0
            let chunk = handle.readData(ofLength: chunkSize)
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
