import KutipCore

/// The words of Indonesian temporal expressions, from `Lexicons/data/temporal.tsv`:
/// `category<TAB>word<TAB>value` (month names, weekdays, number words, units,
/// relative and vague words, parts of day, time zones, Hijri months).
public struct TemporalLexicon: Sendable {
    /// Listed words in an open-addressing table keyed by their FNV-1a hash:
    /// the patterns probe many (category, word) pairs, and each probe must
    /// cost one short hash and a few comparisons, not two dictionary look-ups.
    private var words: [String] = []
    /// The senses of `words[i]`: `senseCategories[senseStarts[i]..<senseStarts[i + 1]]`.
    private var senseStarts: [Int32] = [0]
    private var senseCategories: [String] = []
    private var senseValues: [String] = []
    /// Whether `words[i]` never starts an expression (``DateRecognizer/contextOnly(_:_:)``).
    private var contextOnly: [Bool] = []
    private var slots: [Int32] = []
    private var slotHashes: [UInt64] = []
    private var slotMask = 0
    /// Folded hashes of every single word, so that ordinary words are skipped without allocating.
    private var hashes = HashFilter(capacity: 1024)
    /// The first words of multi-word entries ("rabiul", "idul").
    private(set) var multiWordFirsts: Set<String> = []

    public init(tsv: String, origin: String = "temporal.tsv") throws {
        var table: [String: [(category: String, value: String)]] = [:]
        var order: [String] = []
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw TemporalLexiconError(file: origin, line: number + 1)
            }
            let word = fields[1].lowercased()
            let value = fields.count > 2 ? fields[2] : ""
            if table[word] == nil { order.append(word) }
            if let existing = table[word]?.firstIndex(where: { $0.category == fields[0] }) {
                table[word]![existing].value = value
            } else {
                table[word, default: []].append((fields[0], value))
            }
            let parts = word.split(separator: " ")
            if parts.count > 1 { multiWordFirsts.insert(String(parts[0])) }
            for part in parts { hashes.insert(Self.hash(part.unicodeScalars)) }
        }
        var size = 16
        while size < order.count * 4 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        slotHashes = [UInt64](repeating: 0, count: size)
        slotMask = size - 1
        for word in order {
            let hash = Self.wordHash(word)
            var slot = Int(truncatingIfNeeded: hash) & slotMask
            while slots[slot] >= 0 { slot = (slot + 1) & slotMask }
            slots[slot] = Int32(words.count)
            slotHashes[slot] = hash
            words.append(word)
            for sense in table[word]! {
                senseCategories.append(sense.category)
                senseValues.append(sense.value)
            }
            senseStarts.append(Int32(senseCategories.count))
        }
        contextOnly = words.map { DateRecognizer.contextOnly($0, self) }
    }

    /// The index of `word`'s entry in the hashed table, or `nil`; with
    /// ``value(_:entry:)`` a caller looks a word up once for many categories.
    func entryIndex(_ word: String) -> Int? {
        let hash = Self.wordHash(word)
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return nil }
            if slotHashes[slot] == hash && words[entry] == word { return entry }
            slot = (slot + 1) & slotMask
        }
    }

    /// The value in `category` of the word with entry index `entry`.
    func value(_ category: String, entry: Int) -> String? {
        for sense in Int(senseStarts[entry])..<Int(senseStarts[entry + 1]) where senseCategories[sense] == category {
            return senseValues[sense]
        }
        return nil
    }

    /// Whether the word with entry index `entry` never starts an expression.
    func isContextOnly(entry: Int) -> Bool { contextOnly[entry] }

    /// The value of `word` (lowercase) in `category`, or `nil`.
    public func value(_ category: String, _ word: String) -> String? {
        guard let entry = entryIndex(word) else { return nil }
        return value(category, entry: entry)
    }

    /// Whether `word` (lowercase) is listed in `category`.
    public func contains(_ category: String, _ word: String) -> Bool { value(category, word) != nil }

    /// FNV-1a of the word's UTF-8 bytes.
    static func wordHash(_ word: String) -> UInt64 {
        // Through the contiguous bytes: iterating the UTF-8 view byte by byte
        // cost more than the rest of a look-up.
        var word = word
        return word.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash ^ (hash >> 32)
        }
    }

    /// Whether the scalars (any case) may be a listed word.
    func mayContain<Scalars: Sequence>(_ scalars: Scalars) -> Bool where Scalars.Element == Unicode.Scalar {
        hashes.mayContain(Self.hash(scalars))
    }

    /// Whether a word with this folded hash (``TokenList/foldedHash(_:)``) may be listed.
    func mayContain(hash: UInt64) -> Bool { hashes.mayContain(hash) }

    static func hash<Scalars: Sequence>(_ scalars: Scalars) -> UInt64 where Scalars.Element == Unicode.Scalar {
        HashFilter.hash(scalars, foldingCase: true)
    }
}

public struct TemporalLexiconError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var description: String { "\(file):\(line): expected category<TAB>word<TAB>value" }
}
