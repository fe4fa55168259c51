/// A set of 64-bit hashes answering "maybe present" or "certainly absent"
/// with one bit test.
///
/// Lexicon look-ups ask about every word of every article, and almost every
/// answer is "no". `Set<UInt64>` would rehash each key with SipHash; this
/// filter indexes a bitmap with the key's own (already well-mixed) bits, so a
/// miss costs a shift and a load. A hit must be confirmed by the real table.
public struct HashFilter: Sendable {
    @usableFromInline var bits: [UInt64]
    @usableFromInline let mask: UInt64

    /// A filter sized for about `capacity` keys (16 bits per key, at least 2^16 bits).
    public init(capacity: Int) {
        var size: UInt64 = 1 << 16
        while size < UInt64(max(1, capacity)) * 16 { size <<= 1 }
        bits = [UInt64](repeating: 0, count: Int(size / 64))
        mask = size - 1
    }

    public mutating func insert(_ hash: UInt64) {
        let index = Self.mix(hash) & mask
        bits[Int(index >> 6)] |= 1 << (index & 63)
    }

    /// `false` when `hash` was certainly never inserted.
    @inlinable @inline(__always)
    public func mayContain(_ hash: UInt64) -> Bool {
        let index = Self.mix(hash) & mask
        return bits[Int(index >> 6)] & (1 << (index & 63)) != 0
    }

    @usableFromInline @inline(__always)
    static func mix(_ hash: UInt64) -> UInt64 { hash ^ (hash >> 29) }
}

extension HashFilter {
    /// FNV-1a over Unicode scalar values, with ASCII and Latin-1 capitals
    /// folded to lowercase when `foldingCase` (``foldCase(_:)``): the key
    /// every lexicon's filter is built on, and ``TokenShape/foldedHash``.
    @inlinable
    public static func hash<Scalars: Sequence>(_ scalars: Scalars, foldingCase: Bool) -> UInt64
    where Scalars.Element == Unicode.Scalar {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for scalar in scalars {
            let value = foldingCase ? foldCase(scalar.value) : scalar.value
            hash = (hash ^ UInt64(value)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// ASCII and Latin-1 capitals (A–Z, À–Þ but ×) to lowercase; every other
    /// scalar as it is. News text is Latin script, and a hash only has to
    /// agree with itself.
    @inlinable
    public static func foldCase(_ value: UInt32) -> UInt32 {
        if value >= 0x41 && value <= 0x5A { return value | 0x20 }
        if value >= 0xC0 && value <= 0xDE && value != 0xD7 { return value + 0x20 }
        return value
    }
}
