/// Values keyed by a word's Unicode scalars, in an open-addressing table
/// indexed by the key's FNV-1a hash (``HashFilter/hash(_:foldingCase:)``).
///
/// Lexicons probe it with a token's hash already computed
/// (``TokenList/shape(_:)``), so a look-up makes no String and costs no second
/// hashing: the slot comes from the hash, and the scalars are compared only
/// when the stored hash agrees.
public struct ScalarTable<Value: Sendable>: Sendable {
    @usableFromInline var slots: [Int32] = [-1]
    @usableFromInline var hashes: [UInt64] = [0]
    @usableFromInline var keys: [[Unicode.Scalar]] = []
    @usableFromInline var values: [Value] = []
    @usableFromInline var mask = 0
    /// Whether keys are compared with ASCII and Latin-1 capitals folded.
    @usableFromInline let foldingCase: Bool

    /// An empty table.
    public init(foldingCase: Bool = false) {
        self.foldingCase = foldingCase
    }

    /// A table of `pairs`; when `foldingCase`, keys are hashed and compared
    /// with capitals folded (keys are expected in lowercase).
    public init(_ pairs: [([Unicode.Scalar], Value)], foldingCase: Bool) {
        self.foldingCase = foldingCase
        var size = 16
        while size < pairs.count * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        hashes = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for (key, value) in pairs {
            let hash = HashFilter.hash(key, foldingCase: foldingCase)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(keys.count)
            hashes[slot] = hash
            keys.append(key)
            values.append(value)
        }
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// The value whose key equals `word`; `hash` is the word's hash, folded as
    /// the table folds.
    @inlinable
    public func value<Scalars: RandomAccessCollection>(for word: Scalars, hash: UInt64) -> Value?
    where Scalars.Element == Unicode.Scalar {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            if hashes[slot] == hash {
                let index = Int(slots[slot])
                if matches(keys[index], word) { return values[index] }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @inlinable
    func matches<Scalars: RandomAccessCollection>(_ key: [Unicode.Scalar], _ word: Scalars) -> Bool
    where Scalars.Element == Unicode.Scalar {
        guard key.count == word.count else { return false }
        for (stored, scalar) in zip(key, word) {
            let value = foldingCase ? HashFilter.foldCase(scalar.value) : scalar.value
            if stored.value != value { return false }
        }
        return true
    }
}
