import Foundation

extension Document {
    /// The schema identifier written to and required in every document JSON.
    public static let schema = "kutip/1"

    /// Writes the document as one `kutip/1` JSON object.
    ///
    /// Keys come in schema order and absent layers are left out, so the same
    /// document always gives the same bytes.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("schema"); writer.string(Self.schema)
        writer.key("id"); writer.optionalString(id)
        writer.key("text"); writer.string(text)
        writer.key("meta")
        writer.beginObject()
        writer.key("source"); writer.optionalString(meta.source)
        writer.key("url"); writer.optionalString(meta.url)
        writer.key("title"); writer.optionalString(meta.title)
        writer.key("published"); writer.optionalString(meta.published)
        for name in meta.extra.keys.sorted() {
            writer.key(name); writer.value(meta.extra[name]!)
        }
        writer.endObject()
        if let boilerplate { writeLayer("boilerplate", boilerplate, to: &writer) { _, _ in } }
        if let sentences { writeLayer("sentences", sentences, to: &writer) { _, _ in } }
        if let tokens {
            // Written straight from the offsets: no String per token.
            writer.key("tokens")
            writer.beginArray()
            for position in tokens.indices {
                let start = tokens.start(position)
                let end = tokens.end(position)
                writer.beginObject()
                writer.key("start"); writer.int(start)
                writer.key("end"); writer.int(end)
                writer.key("text")
                writer.stringUTF8(source.utf8, from: source.utf8Offset(start), to: source.utf8Offset(end))
                writer.key("kind"); writer.string(tokens.kind(position).rawValue)
                writer.endObject()
            }
            writer.endArray()
        }
        if let abbreviations {
            writeLayer("abbreviations", abbreviations, to: &writer) { item, writer in
                writer.key("expansion"); writer.string(item.expansion)
                if let origin = item.origin { writer.key("origin"); writer.string(origin.rawValue) }
                if let alternatives = item.alternatives {
                    writer.key("alternatives")
                    writer.beginArray()
                    for alternative in alternatives { writer.string(alternative) }
                    writer.endArray()
                }
            }
        }
        if let entities {
            writeLayer("entities", entities, to: &writer) { item, writer in
                writer.key("type"); writer.string(item.type.rawValue)
                if let canonical = item.canonical { writer.key("canonical"); writer.string(canonical) }
                if let role = item.role { writer.key("role"); writer.string(role) }
            }
        }
        if let dates {
            writeLayer("dates", dates, to: &writer) { item, writer in
                writer.key("type"); writer.string(item.type.rawValue)
                writer.key("value"); writer.string(item.value)
            }
        }
        if let quotes {
            writeLayer("quotes", quotes, to: &writer) { item, writer in
                writer.key("kind"); writer.string(item.kind.rawValue)
                writer.key("speaker"); writer.optionalString(item.speaker)
                if let cue = item.cue {
                    writer.key("cue")
                    writer.beginObject()
                    writeSpanFields(cue, to: &writer)
                    writer.endObject()
                }
                if let role = item.role { writer.key("role"); writer.string(role) }
                if let organization = item.organization { writer.key("organization"); writer.string(organization) }
                if let mention = item.speakerMention {
                    writer.key("speakerMention")
                    writer.beginObject()
                    writeSpanFields(mention, to: &writer)
                    writer.endObject()
                }
                if let paragraph = item.paragraph { writer.key("paragraph"); writer.int(paragraph) }
            }
        }
        writer.endObject()
    }

    /// The document as `kutip/1` JSON bytes (UTF-8).
    public func jsonBytes(pretty: Bool = false) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty, reservingCapacity: text.utf8.count * 4 + 256)
        write(to: &writer)
        return writer.bytes
    }

    /// The document as a `kutip/1` JSON string.
    public func jsonString(pretty: Bool = false) -> String {
        String(decoding: jsonBytes(pretty: pretty), as: UTF8.self)
    }

    private func writeLayer<Item: SpanAnnotation>(
        _ name: String, _ items: [Item], to writer: inout JSONWriter,
        extra: (Item, inout JSONWriter) -> Void
    ) {
        writer.key(name)
        writer.beginArray()
        for item in items {
            writer.beginObject()
            writeSpanFields(item.span, to: &writer)
            extra(item, &writer)
            writer.endObject()
        }
        writer.endArray()
    }

    private func writeSpanFields(_ span: Span, to writer: inout JSONWriter) {
        writer.key("start"); writer.int(span.start)
        writer.key("end"); writer.int(span.end)
        writer.key("text"); writer.string(span.text)
    }
}

extension Document {
    /// Reads a `kutip/1` document and validates every span against the text.
    ///
    /// The `schema` field is checked first; fields Kutip does not know are
    /// ignored.
    /// - Parameters:
    ///   - data: UTF-8 JSON.
    ///   - origin: where the JSON came from, for error messages.
    /// - Throws: ``DocumentValidationError`` naming the origin, layer, item and
    ///   offset of the first problem.
    public init(json data: Data, origin: String? = nil) throws {
        func failure(_ reason: String) -> DocumentValidationError {
            DocumentValidationError(origin: origin, reason: reason)
        }
        let decoder = JSONDecoder()
        let header: SchemaHeader
        do {
            header = try decoder.decode(SchemaHeader.self, from: data)
        } catch {
            throw failure("not a JSON object: \(describe(error))")
        }
        guard header.schema == Self.schema else {
            throw failure("schema is \(header.schema.map { "\"\($0)\"" } ?? "missing"), expected \"\(Self.schema)\"")
        }
        let record: DocumentRecord
        do {
            record = try decoder.decode(DocumentRecord.self, from: data)
        } catch {
            throw failure("not a kutip/1 document: \(describe(error))")
        }
        self.init(id: record.id, text: record.text, meta: Metadata(record: record.meta ?? [:]))
        boilerplate = record.boilerplate?.map(\.span)
        sentences = record.sentences?.map(\.span)
        if let records = record.tokens {
            // Checked here because TokenList keeps offsets only, not the text.
            for (index, token) in records.enumerated() {
                try Self.check(token.span, layer: "tokens", index: index, in: source, origin: origin)
            }
            tokens = TokenList(source: source, tokens: records.map { Token(span: $0.span, kind: $0.kind ?? .other) })
        }
        abbreviations = record.abbreviations?.map {
            Abbreviation(span: $0.span, expansion: $0.expansion, origin: $0.origin, alternatives: $0.alternatives)
        }
        entities = record.entities?.map { Entity(span: $0.span, type: $0.type, canonical: $0.canonical, role: $0.role) }
        dates = record.dates?.map { TemporalExpression(span: $0.span, type: $0.type, value: $0.value) }
        quotes = record.quotes?.map {
            Quote(
                span: $0.span, kind: $0.kind, speaker: $0.speaker, cue: $0.cue?.span, role: $0.role,
                organization: $0.organization, speakerMention: $0.speakerMention?.span, paragraph: $0.paragraph)
        }
        do {
            try validate()
        } catch let error as DocumentValidationError {
            throw origin.map { error.from($0) } ?? error
        }
    }
}

/// A readable account of a decoding error: the coding path and what failed.
private func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        return keys.isEmpty ? "" : " at " + keys.joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context): return "missing field \"\(key.stringValue)\"\(path(context))"
    case .typeMismatch(_, let context): return "\(context.debugDescription)\(path(context))"
    case .valueNotFound(_, let context): return "\(context.debugDescription)\(path(context))"
    case .dataCorrupted(let context): return "\(context.debugDescription)\(path(context))"
    @unknown default: return "\(error)"
    }
}

private struct SchemaHeader: Decodable {
    var schema: String?
}

private struct SpanRecord: Decodable {
    var start: Int
    var end: Int
    var text: String
    var span: Span { Span(start: start, end: end, text: text) }
}

private struct TokenRecord: Decodable {
    var start: Int, end: Int, text: String
    var kind: Token.Kind?
    var span: Span { Span(start: start, end: end, text: text) }
}

private struct AbbreviationRecord: Decodable {
    var start: Int, end: Int, text: String
    var expansion: String
    var origin: Abbreviation.Origin?
    var alternatives: [String]?
    var span: Span { Span(start: start, end: end, text: text) }
}

private struct EntityRecord: Decodable {
    var start: Int, end: Int, text: String
    var type: EntityType
    var canonical: String?
    var role: String?
    var span: Span { Span(start: start, end: end, text: text) }
}

private struct DateRecord: Decodable {
    var start: Int, end: Int, text: String
    var type: TimexType
    var value: String
    var span: Span { Span(start: start, end: end, text: text) }
}

private struct QuoteRecord: Decodable {
    var start: Int, end: Int, text: String
    var kind: QuoteKind
    var speaker: String?
    var cue: SpanRecord?
    var role: String?
    var organization: String?
    var speakerMention: SpanRecord?
    var paragraph: Int?
    var span: Span { Span(start: start, end: end, text: text) }
}

private struct DocumentRecord: Decodable {
    var id: String?
    var text: String
    var meta: [String: JSONValue]?
    var boilerplate: [SpanRecord]?
    var sentences: [SpanRecord]?
    var tokens: [TokenRecord]?
    var abbreviations: [AbbreviationRecord]?
    var entities: [EntityRecord]?
    var dates: [DateRecord]?
    var quotes: [QuoteRecord]?
}

extension Metadata {
    /// Metadata from a JSON object: the known fields by name, the rest kept in ``extra``.
    public init(record: [String: JSONValue]) {
        var extra = record
        func take(_ key: String) -> String? {
            defer { extra[key] = nil }
            return extra[key]?.stringValue
        }
        self.init(source: take("source"), url: take("url"), title: take("title"), published: take("published"))
        self.extra = extra
    }
}
