/// A half-open range of a document's text, `[start, end)`, counted in Unicode
/// scalar values, with the text it covers.
///
/// The invariant every layer keeps: `text == document.text[start..<end]` in
/// scalars. ``Document/validate()`` checks it.
public struct Span: Hashable, Sendable {
    /// The offset of the first scalar, counted from 0.
    public var start: Int
    /// The offset one past the last scalar.
    public var end: Int
    /// The covered text, exactly as it appears in the document.
    public var text: String

    /// Creates a span. Prefer ``SourceText/span(_:_:)``, which fills `text` in.
    public init(start: Int, end: Int, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }

    /// The number of scalars covered.
    public var length: Int { end - start }

    /// Whether the two spans share at least one scalar.
    public func overlaps(_ other: Span) -> Bool {
        start < other.end && other.start < end
    }
}

/// Anything that occupies a span of the text: every layer's element.
public protocol SpanAnnotation: Sendable {
    /// The annotated span.
    var span: Span { get }
}

extension Span: SpanAnnotation {
    public var span: Span { self }
}
