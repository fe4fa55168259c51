/// The tokens of a document, stored compactly: a start, an end and a kind per
/// token, with the text sliced from the ``SourceText`` only when asked for.
///
/// A news article has hundreds of tokens and a batch millions; keeping them
/// as offsets (as spaCy's `Doc` does) instead of one `String` each makes
/// tokenization several times cheaper. Stages read ``start(_:)``,
/// ``end(_:)`` and ``kind(_:)``; subscripting gives a full ``Token``.
public struct TokenList: RandomAccessCollection, Sendable {
    @usableFromInline
    struct Entry: Sendable, Hashable {
        @usableFromInline var start: Int32
        @usableFromInline var end: Int32
        @usableFromInline var kind: Token.Kind

        @usableFromInline
        init(start: Int32, end: Int32, kind: Token.Kind) {
            self.start = start
            self.end = end
            self.kind = kind
        }
    }

    /// The text the offsets point into.
    public let source: SourceText
    @usableFromInline
    var entries: [Entry]

    /// An empty list over `source`.
    public init(source: SourceText) {
        self.source = source
        self.entries = []
    }

    /// A list of existing tokens, whose spans must point into `source`.
    public init<Tokens: Sequence>(source: SourceText, tokens: Tokens) where Tokens.Element == Token {
        self.source = source
        self.entries = tokens.map { Entry(start: Int32($0.span.start), end: Int32($0.span.end), kind: $0.kind) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { entries.count }
    @inlinable public var count: Int { entries.count }

    /// The token at `position`, with its text.
    public subscript(position: Int) -> Token {
        let entry = entries[position]
        return Token(span: source.span(Int(entry.start), Int(entry.end)), kind: entry.kind)
    }

    /// The scalar offset where token `position` starts. O(1), no allocation.
    @inlinable
    public func start(_ position: Int) -> Int { Int(entries[position].start) }

    /// The scalar offset where token `position` ends. O(1), no allocation.
    @inlinable
    public func end(_ position: Int) -> Int { Int(entries[position].end) }

    /// The kind of token `position`. O(1), no allocation.
    @inlinable
    public func kind(_ position: Int) -> Token.Kind { entries[position].kind }

    /// The first token that starts at or after scalar offset `offset`
    /// (`count` when none does), by binary search: tokens are in text order.
    @inlinable
    public func firstIndex(startingAtOrAfter offset: Int) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if Int(entries[middle].start) < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Adds a token `[start, end)` of `kind`.
    @inlinable
    public mutating func append(start: Int, end: Int, kind: Token.Kind) {
        entries.append(Entry(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), kind: kind))
    }

    /// Reserves room for `count` tokens.
    public mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
    }
}
