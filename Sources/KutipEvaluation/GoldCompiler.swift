import Foundation
import KutipCore

/// Turns a gold description (`.labels`, see `Evaluation/LABELS-FORMAT.md`) into
/// a validated `kutip/1` ``Document``: annotations are named by snippets of the
/// text, and the compiler finds their offsets.
public struct GoldCompiler: Sendable {
    public init() {}

    /// Compiles the description at `url`, reading the article text it names.
    public func compile(contentsOf url: URL) throws -> Document {
        let origin = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw GoldDescriptionError(origin: origin, line: nil, reason: "cannot read the file")
        }
        let description = String(decoding: data, as: UTF8.self)
        return try compile(description, origin: origin) { name in
            let textURL = url.deletingLastPathComponent().appendingPathComponent(name)
            guard let textData = FileManager.default.contents(atPath: textURL.path) else {
                throw GoldDescriptionError(
                    origin: origin, line: nil, reason: "cannot read the text file \(textURL.path)")
            }
            guard let text = String(validatingUTF8Data: textData) else {
                throw GoldDescriptionError(
                    origin: origin, line: nil, reason: "the text file \(textURL.path) is not valid UTF-8")
            }
            return text
        }
    }

    /// Compiles a description; `readText` loads the file named by its `text:` header.
    public func compile(
        _ description: String, origin: String = "<labels>", readText: (String) throws -> String
    ) throws -> Document {
        var header: [(String, String)] = []
        var lines: [(number: Int, kind: String, body: String)] = []
        for (index, rawLine) in description.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw GoldDescriptionError(origin: origin, line: index + 1, reason: "expected \"kind: …\"")
            }
            let kind = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            var body = String(line[line.index(after: colon)...])
            if body.hasPrefix(" ") { body.removeFirst() }
            if Self.annotationKinds.contains(kind) {
                lines.append((index + 1, kind, body))
            } else if lines.isEmpty {
                header.append((kind, body.trimmingCharacters(in: .whitespaces)))
            } else {
                throw GoldDescriptionError(
                    origin: origin, line: index + 1,
                    reason:
                        "unknown kind \"\(kind)\" (expected one of \(Self.annotationKinds.sorted().joined(separator: ", ")))"
                )
            }
        }
        guard let textName = header.first(where: { $0.0 == "text" })?.1, !textName.isEmpty else {
            throw GoldDescriptionError(origin: origin, line: nil, reason: "no \"text:\" header naming the article file")
        }
        let text = try readText(textName)
        var meta = Metadata()
        var id: String?
        for (key, value) in header where key != "text" {
            let field: String? = value == "null" || value.isEmpty ? nil : value
            switch key {
            case "id": id = field
            case "source": meta.source = field
            case "url": meta.url = field
            case "title": meta.title = field
            case "published": meta.published = field
            default: if let field { meta.extra[key] = .string(field) }
            }
        }
        var document = Document(id: id, text: text, meta: meta)
        var resolver = SnippetResolver(source: document.source)

        // Boilerplate first: every other layer skips it.
        var boilerplate: [Span] = []
        for line in lines where line.kind == "boilerplate" {
            let selector = try Selector(line.body, origin: origin, line: line.number)
            let spans = try resolver.resolve(selector, layer: boilerplate, mode: .line)
                .mapError(origin: origin, line: line.number)
            boilerplate.append(contentsOf: spans)
        }
        boilerplate.sort { $0.start < $1.start }
        document.boilerplate = boilerplate
        resolver.boilerplate = boilerplate

        var abbreviations: [Abbreviation] = []
        var entities: [Entity] = []
        var dates: [TemporalExpression] = []
        var quotes: [Quote] = []
        // Lines without [all] first, then [all] lines longest snippet first.
        let ordered = lines.filter { $0.kind != "boilerplate" }.enumerated().sorted { lhs, rhs in
            let left = Selector.peekAll(lhs.element.body)
            let right = Selector.peekAll(rhs.element.body)
            if left.isAll != right.isAll { return !left.isAll }
            if left.isAll { return left.length > right.length }
            return lhs.offset < rhs.offset
        }.map(\.element)
        for line in ordered {
            let (selectorText, value, attributes) = Self.split(line.body)
            let selector = try Selector(selectorText, origin: origin, line: line.number)
            func need(_ value: String?, _ what: String) throws -> String {
                guard let value, !value.isEmpty else {
                    throw GoldDescriptionError(
                        origin: origin, line: line.number, reason: "\(line.kind) needs \"=> \(what)\"")
                }
                return value
            }
            switch line.kind {
            case "abbr":
                let expansion = try need(value, "expansion")
                for span in try resolver.resolve(selector, layer: abbreviations.map(\.span)).mapError(
                    origin: origin, line: line.number)
                {
                    abbreviations.append(Abbreviation(span: span, expansion: expansion))
                }
            case "PER", "ORG", "LOC":
                let type = EntityType(rawValue: line.kind)!
                let canonical = type == .person ? try need(value, "canonical name") : value
                for span in try resolver.resolve(selector, layer: entities.map(\.span)).mapError(
                    origin: origin, line: line.number)
                {
                    entities.append(Entity(span: span, type: type, canonical: canonical, role: attributes["role"]))
                }
            case "DATE", "TIME", "DURATION", "SET":
                let timex = try need(value, "TIMEX3 value")
                for span in try resolver.resolve(selector, layer: dates.map(\.span)).mapError(
                    origin: origin, line: line.number)
                {
                    dates.append(TemporalExpression(span: span, type: TimexType(rawValue: line.kind)!, value: timex))
                }
            default:  // direct, indirect
                let speakerText = try need(value, "speaker or null")
                let speaker = speakerText == "null" ? nil : speakerText
                for span in try resolver.resolve(selector, layer: quotes.map(\.span)).mapError(
                    origin: origin, line: line.number)
                {
                    var cue: Span?
                    if let cueText = attributes["cue"] {
                        let cueSelector = try Selector(cueText, origin: origin, line: line.number)
                        cue = try resolver.resolveNearest(cueSelector, to: span).mapError(
                            origin: origin, line: line.number)
                    }
                    quotes.append(
                        Quote(
                            span: span, kind: QuoteKind(rawValue: line.kind)!, speaker: speaker, cue: cue,
                            role: attributes["role"], organization: attributes["organization"]))
                }
            }
        }
        document.abbreviations = abbreviations.sorted { $0.span.start < $1.span.start }
        document.entities = entities.sorted { $0.span.start < $1.span.start }
        document.dates = dates.sorted { $0.span.start < $1.span.start }
        document.quotes = quotes.sorted { $0.span.start < $1.span.start }
        do {
            try document.validate()
        } catch let error as DocumentValidationError {
            throw error.from(origin)
        }
        return document
    }

    static let annotationKinds: Set<String> = [
        "boilerplate", "abbr", "PER", "ORG", "LOC", "DATE", "TIME", "DURATION", "SET", "direct", "indirect",
    ]
    static let attributeNames = ["cue", "role", "organization"]

    /// Splits `SELECTOR [=> VALUE] [; key: value]…`.
    static func split(_ body: String) -> (selector: String, value: String?, attributes: [String: String]) {
        var rest = body
        var attributes: [String: String] = [:]
        // Attributes are peeled from the end: "; key: value" with a known key.
        while true {
            var found: (Range<String.Index>, String)?
            for name in attributeNames {
                if let range = rest.range(of: "; \(name): ", options: .backwards),
                    found == nil || range.lowerBound > found!.0.lowerBound
                {
                    found = (range, name)
                }
            }
            guard let (range, name) = found else { break }
            attributes[name] = String(rest[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            rest = String(rest[..<range.lowerBound])
        }
        if let arrow = rest.range(of: " => ") {
            return (
                String(rest[..<arrow.lowerBound]),
                String(rest[arrow.upperBound...]).trimmingCharacters(in: .whitespaces), attributes
            )
        }
        return (rest, nil, attributes)
    }
}

/// A gold description that cannot be compiled; names the file and line.
public struct GoldDescriptionError: Error, CustomStringConvertible, Sendable {
    public var origin: String
    public var line: Int?
    public var reason: String

    public var description: String {
        if let line { return "\(origin):\(line): \(reason)" }
        return "\(origin): \(reason)"
    }
}

/// A parsed snippet selector.
struct Selector {
    enum Modifier: Equatable {
        case unique, all, nth(Int), inside(String)
    }

    var first: String
    var last: String?
    var modifier: Modifier

    init(_ text: String, origin: String, line: Int) throws {
        var body = text
        modifier = .unique
        if let (modifier, rest) = Self.trailingModifier(body) {
            self.modifier = modifier
            body = rest
        }
        if let gap = body.range(of: " <...> ") {
            first = Self.unescape(String(body[..<gap.lowerBound]))
            last = Self.unescape(String(body[gap.upperBound...]))
        } else {
            first = Self.unescape(body)
            last = nil
        }
        if case .inside(let context) = modifier { modifier = .inside(Self.unescape(context)) }
        guard !first.isEmpty, last.map({ !$0.isEmpty }) ?? true else {
            throw GoldDescriptionError(origin: origin, line: line, reason: "empty snippet")
        }
    }

    /// Replaces `\\u{A0}`-style escapes, for invisible or ambiguous characters
    /// (NBSP, zero-width space) that cannot be typed reliably.
    static func unescape(_ text: String) -> String {
        guard text.contains("\\u{") else { return text }
        var result = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let first = scalars.first {
            if first == "\\", scalars.count > 3, scalars.dropFirst().first == "u", scalars.dropFirst(2).first == "{",
                let close = scalars.firstIndex(of: "}"),
                let value = UInt32(
                    String(String.UnicodeScalarView(scalars[(scalars.startIndex + 3)..<close])), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                result.append(scalar)
                scalars = scalars[(close + 1)...]
            } else {
                result.append(first)
                scalars = scalars.dropFirst()
            }
        }
        return String(result)
    }

    /// `[all]`, `[3]`, `[in: …]` at the very end, after a space.
    static func trailingModifier(_ text: String) -> (Modifier, String)? {
        guard text.hasSuffix("]"), let open = text.range(of: " [", options: .backwards) else { return nil }
        let inner = text[open.upperBound..<text.index(before: text.endIndex)]
        let rest = String(text[..<open.lowerBound])
        if inner == "all" { return (.all, rest) }
        if let number = Int(inner), number > 0 { return (.nth(number), rest) }
        if inner.hasPrefix("in: ") {
            // The context may itself contain " [": take the first " [in: " instead.
            if let start = text.range(of: " [in: ") {
                return (
                    .inside(String(text[start.upperBound..<text.index(before: text.endIndex)])),
                    String(text[..<start.lowerBound])
                )
            }
        }
        return nil
    }

    static func peekAll(_ body: String) -> (isAll: Bool, length: Int) {
        let selector = GoldCompiler.split(body).selector
        if let (modifier, rest) = trailingModifier(selector), modifier == .all {
            return (true, rest.unicodeScalars.count)
        }
        return (false, selector.unicodeScalars.count)
    }
}

struct SnippetError: Error {
    var reason: String
}

extension Result where Failure == SnippetError {
    func mapError(origin: String, line: Int) throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let error): throw GoldDescriptionError(origin: origin, line: line, reason: error.reason)
        }
    }
}

/// Finds snippets in a text by the rules of the `.labels` format.
struct SnippetResolver {
    enum Mode { case word, line }

    let source: SourceText
    var boilerplate: [Span] = []

    init(source: SourceText) {
        self.source = source
    }

    private func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Every place of `snippet` at word edges (or, in line mode, ending a line
    /// and starting it or following a space), outside boilerplate, within `range`.
    func places(of snippet: String, in range: Range<Int>? = nil, mode: Mode = .word) -> [Int] {
        let needle = Array(snippet.unicodeScalars)
        let scalars = source.scalars
        let bounds = range ?? 0..<scalars.count
        guard !needle.isEmpty, needle.count <= bounds.count else { return [] }
        var result: [Int] = []
        var start = bounds.lowerBound
        while start + needle.count <= bounds.upperBound {
            if scalars[start] == needle[0] && scalars[start..<start + needle.count].elementsEqual(needle) {
                let end = start + needle.count
                if accept(start, end, needle, mode) { result.append(start) }
            }
            start += 1
        }
        return result
    }

    private func accept(_ start: Int, _ end: Int, _ needle: [Unicode.Scalar], _ mode: Mode) -> Bool {
        let scalars = source.scalars
        switch mode {
        case .word:
            if isWordScalar(needle[0]), start > 0, isWordScalar(scalars[start - 1]) { return false }
            if isWordScalar(needle[needle.count - 1]), end < scalars.count, isWordScalar(scalars[end]) { return false }
            return !boilerplate.contains { $0.start < end && start < $0.end }
        case .line:
            var after = end
            while after < scalars.count, scalars[after] == " " || scalars[after] == "\t" { after += 1 }
            guard after == scalars.count || scalars[after] == "\n" || scalars[after] == "\r" else { return false }
            var before = start
            while before > 0, scalars[before - 1] == " " || scalars[before - 1] == "\t" { before -= 1 }
            return before == 0 || scalars[before - 1] == "\n" || scalars[before - 1] == "\r" || before < start
        }
    }

    /// The end of a selector's span starting at `start`.
    private func end(of selector: Selector, from start: Int) -> Int? {
        guard let last = selector.last else { return start + selector.first.unicodeScalars.count }
        let searchFrom = start + selector.first.unicodeScalars.count
        let lastPlaces = places(of: last, in: searchFrom..<source.count)
        return lastPlaces.first.map { $0 + last.unicodeScalars.count }
    }

    func resolve(_ selector: Selector, layer: [Span], mode: Mode = .word) -> Result<[Span], SnippetError> {
        let starts: [Int]
        switch selector.modifier {
        case .inside(let context):
            let contextPlaces = places(of: context, mode: .word)
            guard contextPlaces.count == 1 else {
                return .failure(
                    SnippetError(reason: "context \"\(context)\" occurs \(contextPlaces.count) times, not once"))
            }
            let contextRange = contextPlaces[0]..<contextPlaces[0] + context.unicodeScalars.count
            starts = places(of: selector.first, in: contextRange, mode: mode)
            guard starts.count == 1 else {
                return .failure(
                    SnippetError(
                        reason: "\"\(selector.first)\" occurs \(starts.count) times inside its context, not once"))
            }
        default:
            starts = places(of: selector.first, mode: mode)
        }
        var chosen: [Int]
        switch selector.modifier {
        case .unique:
            guard starts.count == 1 else {
                return .failure(
                    SnippetError(
                        reason: "\"\(selector.first)\" occurs \(starts.count) times; use [N], [all] or [in: …]"))
            }
            chosen = starts
        case .nth(let number):
            guard number <= starts.count else {
                return .failure(
                    SnippetError(reason: "\"\(selector.first)\" occurs \(starts.count) times, no place \(number)"))
            }
            chosen = [starts[number - 1]]
        case .all:
            guard !starts.isEmpty else { return .failure(SnippetError(reason: "\"\(selector.first)\" does not occur")) }
            chosen = starts
        case .inside:
            chosen = starts
        }
        var spans: [Span] = []
        var taken = layer
        for start in chosen {
            guard let end = end(of: selector, from: start) else {
                return .failure(SnippetError(reason: "no \"\(selector.last ?? "")\" after \"\(selector.first)\""))
            }
            let span = source.span(start, end)
            if taken.contains(where: { $0.overlaps(span) }) {
                if selector.modifier == .all { continue }
                return .failure(
                    SnippetError(reason: "\"\(span.text)\" at \(start) overlaps a span already in this layer"))
            }
            taken.append(span)
            spans.append(span)
        }
        return .success(spans)
    }

    /// The place of a cue nearest to `target` (unless the selector picks one).
    func resolveNearest(_ selector: Selector, to target: Span) -> Result<Span, SnippetError> {
        switch selector.modifier {
        case .unique, .all:
            let starts = places(of: selector.first)
            guard !starts.isEmpty else {
                return .failure(SnippetError(reason: "cue \"\(selector.first)\" does not occur"))
            }
            func distance(_ start: Int) -> Int {
                let end = start + selector.first.unicodeScalars.count
                if end <= target.start { return target.start - end }
                if start >= target.end { return start - target.end }
                return 0
            }
            let best = starts.min { distance($0) < distance($1) }!
            return .success(source.span(best, best + selector.first.unicodeScalars.count))
        default:
            return resolve(selector, layer: []).flatMap { spans in
                spans.count == 1
                    ? .success(spans[0]) : .failure(SnippetError(reason: "cue selector must pick one place"))
            }
        }
    }
}

extension String {
    /// Decodes UTF-8, failing on invalid bytes instead of repairing them.
    init?(validatingUTF8Data data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        self = text
    }
}
