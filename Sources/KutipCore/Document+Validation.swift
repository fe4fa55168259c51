extension Document {
    /// Checks every span of every present layer: in bounds, `start <= end`,
    /// `text` equal to the slice, sorted by start and not overlapping within its
    /// layer; quote cues are checked too.
    ///
    /// - Throws: ``DocumentValidationError`` for the first problem found.
    public func validate() throws {
        for layer in Layer.allCases where layer != .tokens {
            guard let spans = spans(of: layer) else { continue }
            try validate(spans, layer: layer.rawValue, requireOrder: true)
        }
        if let tokens {
            // Token text is sliced from the source, so bounds and order are what can go wrong.
            guard tokens.source === source else {
                throw DocumentValidationError(layer: "tokens", reason: "the tokens point into another text")
            }
            var previousEnd = 0
            for index in tokens.indices {
                let start = tokens.start(index)
                let end = tokens.end(index)
                guard start >= previousEnd, start <= end, end <= source.count else {
                    throw DocumentValidationError(
                        layer: "tokens", index: index, offset: start,
                        reason:
                            "token [\(start), \(end)) is out of order, reversed or outside the text of \(source.count) scalars"
                    )
                }
                previousEnd = end
            }
        }
        if let quotes {
            for (index, quote) in quotes.enumerated() {
                if let cue = quote.cue {
                    try validate([cue], layer: "quotes.cue", requireOrder: false, firstIndex: index)
                }
                if let mention = quote.speakerMention {
                    try validate([mention], layer: "quotes.speakerMention", requireOrder: false, firstIndex: index)
                }
            }
        }
    }

    private func validate(_ spans: [Span], layer: String, requireOrder: Bool, firstIndex: Int = 0) throws {
        var previousEnd = 0
        for (position, span) in spans.enumerated() {
            let index = firstIndex + position
            guard span.start >= 0, span.start <= span.end, span.end <= source.count else {
                throw DocumentValidationError(
                    layer: layer, index: index, offset: span.start,
                    reason: "span [\(span.start), \(span.end)) is outside the text of \(source.count) scalars")
            }
            let slice = source.slice(span.start, span.end)
            guard slice == span.text else {
                throw DocumentValidationError(
                    layer: layer, index: index, offset: span.start,
                    reason:
                        "text \(quoted(span.text)) does not equal the slice [\(span.start), \(span.end)) \(quoted(slice))"
                )
            }
            if requireOrder {
                guard span.start >= previousEnd || position == 0 else {
                    throw DocumentValidationError(
                        layer: layer, index: index, offset: span.start,
                        reason:
                            "span [\(span.start), \(span.end)) overlaps or precedes the one before it (which ends at \(previousEnd))"
                    )
                }
                previousEnd = span.end
            }
        }
    }
}

extension Document {
    /// Checks one span against `source`: in bounds and `text` equal to the slice.
    static func check(_ span: Span, layer: String, index: Int, in source: SourceText, origin: String?) throws {
        guard span.start >= 0, span.start <= span.end, span.end <= source.count else {
            throw DocumentValidationError(
                origin: origin, layer: layer, index: index, offset: span.start,
                reason: "span [\(span.start), \(span.end)) is outside the text of \(source.count) scalars")
        }
        let slice = source.slice(span.start, span.end)
        guard slice == span.text else {
            throw DocumentValidationError(
                origin: origin, layer: layer, index: index, offset: span.start,
                reason:
                    "text \(quoted(span.text)) does not equal the slice [\(span.start), \(span.end)) \(quoted(slice))")
        }
    }
}

/// A short, escaped rendering of a string for error messages.
func quoted(_ text: String, limit: Int = 60) -> String {
    var shown = String(text.unicodeScalars.prefix(limit))
    if text.unicodeScalars.count > limit { shown += "…" }
    return "\"" + shown.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
}
