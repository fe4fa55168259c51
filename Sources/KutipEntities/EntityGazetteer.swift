import Foundation
import KutipCore

/// Word and phrase lists the entity tagger reads as features: given names,
/// words of place names, and whole names of places, districts and
/// organizations.
///
/// Membership is only a hint the tagger weighs against capitalization and
/// context ("Batu" is a city and a common noun), so the lists may be broad.
/// The same lists must be given at training and at tagging time: the model's
/// weights for these features were learned with them.
public struct EntityGazetteer: Sendable {
    /// Lowercase given names.
    public var givenNames: Set<String> { didSet { index = Self.compile(self) } }
    /// Lowercase words of place names.
    public var placeWords: Set<String> { didSet { index = Self.compile(self) } }
    /// Names of places: countries, world cities, provinces, regencies and cities.
    public var locations: [String] { didSet { index = Self.compile(self) } }
    /// Names of districts (kecamatan): places, but also common words more often.
    public var districts: [String] { didSet { index = Self.compile(self) } }
    /// Names and short forms of organizations.
    public var organizations: [String] { didSet { index = Self.compile(self) } }

    /// The lists hashed for look-up by token (see ``GazetteerIndex``).
    var index: GazetteerIndex

    public init(
        givenNames: Set<String> = [], placeWords: Set<String> = [], locations: [String] = [],
        districts: [String] = [], organizations: [String] = []
    ) {
        self.givenNames = givenNames
        self.placeWords = placeWords
        self.locations = locations
        self.districts = districts
        self.organizations = organizations
        self.index = GazetteerIndex()
        self.index = Self.compile(self)
    }

    /// Parses one lowercase word per line; `#` starts a comment.
    public static func words(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").map { String($0).lowercased() }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// Parses one name per line, keeping its spelling; `#` starts a comment.
    public static func names(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// The files a gazetteer is read from, relative to a lexicon folder.
    public static let files = (
        givenNames: "given-names.txt", placeWords: "place-words.txt",
        locations: ["entities/regions.txt", "entities/world.txt"], districts: "entities/districts.txt",
        organizations: "entities/organizations.txt"
    )

    /// Reads the gazetteer from a lexicon folder (`Lexicons/data`): the word
    /// lists `given-names.txt` and `place-words.txt`, and the name lists in
    /// `entities/` (see ``files``).
    ///
    /// - Throws: ``EntityModelError`` naming the first file that cannot be read.
    public static func load(from directory: URL) throws -> EntityGazetteer {
        func text(_ name: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw EntityModelError(reason: "\(url.path): cannot read the gazetteer file")
            }
            return String(decoding: data, as: UTF8.self)
        }
        return EntityGazetteer(
            givenNames: words(try text(files.givenNames)), placeWords: words(try text(files.placeWords)),
            locations: try files.locations.flatMap { names(try text($0)) },
            districts: names(try text(files.districts)), organizations: names(try text(files.organizations)))
    }

    static func compile(_ gazetteer: EntityGazetteer) -> GazetteerIndex {
        var index = GazetteerIndex()
        for word in gazetteer.givenNames { index.addWord(word, flag: GazetteerIndex.givenName) }
        for word in gazetteer.placeWords { index.addWord(word, flag: GazetteerIndex.placeWord) }
        for word in EntityFeatures.personTitles { index.addWord(word, flag: GazetteerIndex.personTitle) }
        for word in EntityFeatures.organizationHeads { index.addWord(word, flag: GazetteerIndex.organizationHead) }
        for word in EntityFeatures.placeHeads { index.addWord(word, flag: GazetteerIndex.placeHead) }
        for word in EntityFeatures.connectors { index.addWord(word, flag: GazetteerIndex.connector) }
        // Later lists win a name found in two: an organization named after its
        // place ("Bank Jateng") is an organization.
        for name in gazetteer.districts { index.addPhrase(name, kind: GazetteerIndex.district) }
        for name in gazetteer.locations { index.addPhrase(name, kind: GazetteerIndex.location) }
        for name in gazetteer.organizations { index.addPhrase(name, kind: GazetteerIndex.organization) }
        return index
    }
}

/// The gazetteer hashed for look-up by token: word flags by word hash, and
/// names by the combined hash of their tokens, with a filter of name prefixes
/// so that a longest-match scan stops after one bit test where no name starts.
struct GazetteerIndex: Sendable {
    static let givenName: UInt8 = 1
    static let placeWord: UInt8 = 2
    static let personTitle: UInt8 = 4
    static let organizationHead: UInt8 = 8
    static let placeHead: UInt8 = 16
    static let connector: UInt8 = 32

    static let district: UInt8 = 1
    static let location: UInt8 = 2
    static let organization: UInt8 = 3

    var wordFlags = HashTable()
    /// The words in `wordFlags`: the tagger tests every analyzed token, most
    /// are in no list, and this filter (32 kB) stays in L1 where the table
    /// (a quarter of a megabyte) misses once the weight table has evicted it.
    var wordFilter = HashFilter(capacity: 1 << 14)
    var phrases = HashTable()
    /// The keys in `phrases`, for the same reason as `wordFilter`: most keys
    /// the longest-match scan tries are no name, and the table misses the cache.
    var phraseFilter = HashFilter(capacity: 1 << 14)
    var prefixes = HashFilter(capacity: 1 << 16)
    /// The first words of names, by lowercase hash.
    var starts = HashFilter(capacity: 1 << 14)
    /// The most tokens in one name.
    var longest = 0

    mutating func addWord(_ word: String, flag: UInt8) {
        let key = EntityFeatures.lowerHash(word.unicodeScalars)
        wordFlags[key] = wordFlags[key] | flag
        wordFilter.insert(key)
    }

    mutating func addPhrase(_ name: String, kind: UInt8) {
        let tokens = EntityFeatures.splitName(name)
        guard !tokens.isEmpty, tokens.count <= 10 else { return }
        var key = EntityFeatures.phraseSeed
        starts.insert(EntityFeatures.lowerHash(tokens[0].unicodeScalars))
        for (position, token) in tokens.enumerated() {
            key = EntityFeatures.extend(key, EntityFeatures.lowerHash(token.unicodeScalars))
            if position + 1 < tokens.count { prefixes.insert(key) }
        }
        phrases[key] = kind
        phraseFilter.insert(key)
        longest = max(longest, tokens.count)
    }
}

/// A small open-addressing map from nonzero 64-bit hashes to a byte, 0 meaning
/// absent: look-ups in the tagger's inner loop cost one multiply and, mostly,
/// one probe, where `Dictionary` would rehash the key with SipHash.
struct HashTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt8]
    private var mask: Int
    private var count = 0

    init() {
        keys = [UInt64](repeating: 0, count: 16)
        values = [UInt8](repeating: 0, count: 16)
        mask = 15
    }

    /// A table that holds `capacity` keys without growing.
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity + 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        values = [UInt8](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask }

    subscript(key: UInt64) -> UInt8 {
        @inline(__always) get {
            let key = key == 0 ? 1 : key
            return keys.withUnsafeBufferPointer { keys in
                var index = slot(key)
                while true {
                    let stored = keys[index]
                    if stored == key { return values[index] }
                    if stored == 0 { return 0 }
                    index = (index + 1) & mask
                }
            }
        }
        set {
            let key = key == 0 ? 1 : key
            if (count + 1) * 2 > keys.count { grow() }
            var index = slot(key)
            while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
            if keys[index] == 0 { count += 1 }
            keys[index] = key
            values[index] = newValue
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [UInt8](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != 0 { self[key] = value }
    }
}
