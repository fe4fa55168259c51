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
    /// The shapes, apart from the offsets: most loops read only offsets and
    /// kinds, and a compact array keeps them in cache on long documents.
    @usableFromInline
    var shapes: [TokenShape]

    /// An empty list over `source`.
    public init(source: SourceText) {
        self.source = source
        self.entries = []
        self.shapes = []
    }

    /// A list of existing tokens, whose spans must point into `source`.
    public init<Tokens: Sequence>(source: SourceText, tokens: Tokens) where Tokens.Element == Token {
        self.source = source
        let tokens = Array(tokens)
        self.entries = tokens.map { Entry(start: Int32($0.span.start), end: Int32($0.span.end), kind: $0.kind) }
        self.shapes = source.scalars.withUnsafeBufferPointer { scalars in
            tokens.map { TokenShape(scalars, $0.span.start, $0.span.end) }
        }
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

    /// The case and hashes of token `position`, computed once when it was
    /// added. O(1), no allocation.
    @inlinable
    public func shape(_ position: Int) -> TokenShape { shapes[position] }

    /// FNV-1a of token `position`'s scalars with ASCII capitals folded
    /// (``HashFilter/hash(_:foldingCase:)``): the key every lexicon filter
    /// is probed with, so no stage hashes a word again. O(1).
    @inlinable
    public func foldedHash(_ position: Int) -> UInt64 { shapes[position].foldedHash }

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
    public mutating func append(start: Int, end: Int, kind: Token.Kind) {
        let shape = source.scalars.withUnsafeBufferPointer { TokenShape($0, start, end) }
        entries.append(Entry(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), kind: kind))
        shapes.append(shape)
    }

    /// Adds a token `[start, end)` of `kind`, reading its shape from
    /// `scalars` (the source's scalars, already borrowed by the caller).
    @inlinable
    public mutating func append(
        start: Int, end: Int, kind: Token.Kind, scalars: UnsafeBufferPointer<Unicode.Scalar>
    ) {
        entries.append(Entry(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), kind: kind))
        shapes.append(TokenShape(scalars, start, end))
    }

    /// Reserves room for `count` tokens.
    public mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
        shapes.reserveCapacity(count)
    }
}

/// What lexicon look-ups need to know about a token, computed in one pass
/// over its scalars when the token is made.
///
/// Every stage probes its lexicons with the same folded hash, so a word is
/// hashed once per document instead of once per stage and pass.
public struct TokenShape: Sendable, Hashable {
    /// FNV-1a of the scalar values as written.
    public var exactHash: UInt64
    /// FNV-1a with ASCII and Latin-1 capitals folded to lowercase
    /// (``HashFilter/hash(_:foldingCase:)`` with `foldingCase: true`).
    public var foldedHash: UInt64
    /// Capital letters in the token (saturating at 255).
    public var uppercase: UInt8
    /// Lowercase letters in the token (saturating at 255).
    public var lowercase: UInt8
    /// Letters of any case, or none, in the token (saturating at 255).
    public var letters: UInt8
    /// Whether the first scalar is a capital letter.
    public var startsUppercase: Bool

    /// The shape of `scalars[start..<end]`.
    @inlinable
    public init(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) {
        var exact: UInt64 = 0xcbf2_9ce4_8422_2325
        var folded: UInt64 = 0xcbf2_9ce4_8422_2325
        var upper = 0
        var lower = 0
        var letter = 0
        var first = false
        for offset in start..<end {
            let value = scalars[offset].value
            exact = (exact ^ UInt64(value)) &* 0x100_0000_01b3
            folded = (folded ^ UInt64(HashFilter.foldCase(value))) &* 0x100_0000_01b3
            if value < 0x80 {
                // ASCII without branches: capitals and small letters alternate
                // unpredictably.
                let isUpper = value &- 0x41 < 26
                let isLower = value &- 0x61 < 26
                upper &+= isUpper ? 1 : 0
                lower &+= isLower ? 1 : 0
                letter &+= isUpper || isLower ? 1 : 0
                if offset == start && isUpper { first = true }
                continue
            }
            let scalar = scalars[offset]
            if scalar.isKutipUppercase {
                upper += 1
                letter += 1
                if offset == start { first = true }
            } else {
                if scalar.isKutipLowercase { lower += 1 }
                if scalar.isKutipLetter { letter += 1 }
            }
        }
        exactHash = exact
        foldedHash = folded
        uppercase = UInt8(min(upper, 255))
        lowercase = UInt8(min(lower, 255))
        letters = UInt8(min(letter, 255))
        startsUppercase = first
    }
}
