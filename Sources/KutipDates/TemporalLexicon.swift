import KutipCore

/// The words of Indonesian temporal expressions, from `Lexicons/data/temporal.tsv`:
/// `category<TAB>word<TAB>value` (month names, weekdays, number words, units,
/// relative and vague words, parts of day, time zones, Hijri months).
public struct TemporalLexicon: Sendable {
    private var table: [String: [String: String]] = [:]
    /// Folded hashes of every single word, so that ordinary words are skipped without allocating.
    private var hashes = HashFilter(capacity: 1024)
    /// The first words of multi-word entries ("rabiul", "idul").
    private(set) var multiWordFirsts: Set<String> = []
    /// Hashes of every (category, word) pair: the patterns probe many pairs
    /// that do not exist, and a miss must not cost two dictionary look-ups.
    private var pairs = HashFilter(capacity: 2048)

    public init(tsv: String, origin: String = "temporal.tsv") throws {
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw TemporalLexiconError(file: origin, line: number + 1)
            }
            let word = fields[1].lowercased()
            table[fields[0], default: [:]][word] = fields.count > 2 ? fields[2] : ""
            pairs.insert(Self.pairHash(fields[0], word))
            let parts = word.split(separator: " ")
            if parts.count > 1 { multiWordFirsts.insert(String(parts[0])) }
            for part in parts { hashes.insert(Self.hash(part.unicodeScalars)) }
        }
    }

    /// The value of `word` (lowercase) in `category`, or `nil`.
    public func value(_ category: String, _ word: String) -> String? {
        guard pairs.mayContain(Self.pairHash(category, word)) else { return nil }
        return table[category]?[word]
    }

    /// Whether `word` (lowercase) is listed in `category`.
    public func contains(_ category: String, _ word: String) -> Bool { value(category, word) != nil }

    /// FNV-1a of the word, seeded by the category's length and first and last
    /// bytes (O(1) for a category name; two categories that collide only cost
    /// a dictionary look-up).
    static func pairHash(_ category: String, _ word: String) -> UInt64 {
        let utf8 = category.utf8
        let key = UInt64(utf8.count) << 16 | UInt64(utf8.first ?? 0) << 8 | UInt64(utf8.last ?? 0)
        var hash: UInt64 = (0xcbf2_9ce4_8422_2325 ^ key) &* 0x100_0000_01b3
        for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// Whether the scalars (any case) may be a listed word.
    func mayContain<Scalars: Sequence>(_ scalars: Scalars) -> Bool where Scalars.Element == Unicode.Scalar {
        hashes.mayContain(Self.hash(scalars))
    }

    static func hash<Scalars: Sequence>(_ scalars: Scalars) -> UInt64 where Scalars.Element == Unicode.Scalar {
        HashFilter.hash(scalars, foldingASCII: true)
    }
}

public struct TemporalLexiconError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var description: String { "\(file):\(line): expected category<TAB>word<TAB>value" }
}
