/// Answers, for offsets that never decrease, whether each lies inside one of a
/// sorted list of non-overlapping spans, such as a document's boilerplate.
///
/// Stages walk their tokens in order; the cursor walks the spans with them,
/// so the whole walk costs O(tokens + spans).
public struct SpanCursor: Sendable {
    public let spans: [Span]
    private var index = 0

    public init(_ spans: [Span]) {
        self.spans = spans
    }

    /// Whether `offset` lies inside a span. Offsets must not decrease between calls.
    public mutating func contains(_ offset: Int) -> Bool {
        while index < spans.count, spans[index].end <= offset { index += 1 }
        return index < spans.count && spans[index].start <= offset
    }

    /// Where the first span not yet passed starts, if any: the limit a match
    /// that began outside the spans must not run into.
    public var nextStart: Int? { index < spans.count ? spans[index].start : nil }
}
