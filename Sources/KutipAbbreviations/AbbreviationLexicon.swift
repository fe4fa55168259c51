import Foundation
import KutipCore

/// Short forms and their expansions, compiled once for fast look-up.
///
/// Read from the TSV files of `Lexicons/data/abbreviations/`, one entry per
/// line: `short<TAB>expansion<TAB>cues<TAB>source`. A short form with several
/// expansions has one line per sense, each with comma-separated cue words that
/// signal it in an article; the first line is the most common sense.
///
/// Matching is case-sensitive, with two relaxations: a form written with
/// lowercase letters ("Pemilu", "Kanwil", "Kemenkumham") also matches its
/// all-lowercase and all-capitals spellings when it has four letters or more
/// (so "pemilu", "KEMENKUMHAM"), and an all-lowercase informal form ("yg")
/// also matches when capitalized. All-capital initialisms ("ASN", "PAN") match
/// only as written: "pan" and "Asn" are words or typos, not these bodies.
public struct AbbreviationLexicon: Sendable {
    /// One expansion of a short form.
    public struct Sense: Sendable, Hashable {
        public var expansion: String
        /// Lowercased words whose presence in an article favours this sense.
        public var cues: [String]
        /// Where the entry comes from ("umum" for general knowledge, or a public source).
        public var source: String
    }

    /// A short form with its senses, most common first.
    public struct Entry: Sendable, Hashable {
        public var short: String
        public var senses: [Sense]
    }

    /// Entries by their exact short form.
    public private(set) var entries: [String: Entry] = [:]
    private var folded: [String: Entry] = [:]
    /// Hashes of every short form as written and folded: most words are no
    /// short form, and a miss must cost one bit test.
    private var shortHashes = HashFilter(capacity: 16384)
    /// ``entries`` and the folded entries keyed by their hashes, so that an
    /// ASCII word is looked up without making a String.
    private var exactTable = ScalarTable<Entry>()
    private var foldedTable = ScalarTable<Entry>(foldingCase: true)
    /// Every cue word of every ambiguous entry, so that an article's evidence
    /// is gathered from its cue words only.
    private(set) var cueWords: Set<String> = []
    private(set) var cueHashes = HashFilter(capacity: 4096)
    /// The first words of short forms that span several tokens ("Kemenko Polhukam").
    private(set) var multiWordFirsts: Set<String> = []
    /// Hashes of ``multiWordFirsts``, checked before any String is made.
    private(set) var multiWordFirstHashes = HashFilter(capacity: 1024)
    /// The most tokens a short form spans.
    private(set) var longestInWords = 1

    /// The number of short forms.
    public var count: Int { entries.count }

    /// An empty lexicon.
    public init() {}

    /// Parses one or more TSV files, given as (name, contents).
    ///
    /// - Throws: ``AbbreviationLexiconError`` naming the file and line.
    public init(files: [(name: String, contents: String)]) throws {
        var senses: [String: [Sense]] = [:]
        var order: [String] = []
        for (name, contents) in files {
            for (number, rawLine) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                    String($0).trimming(" ")
                }
                guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                    throw AbbreviationLexiconError(
                        file: name, line: number + 1, reason: "expected short<TAB>expansion<TAB>cues<TAB>source")
                }
                let cues =
                    fields.count > 2
                    ? fields[2].split(separator: ",").map { String($0).trimming(" ").lowercased() }.filter {
                        !$0.isEmpty
                    } : []
                let sense = Sense(expansion: fields[1], cues: cues, source: fields.count > 3 ? fields[3] : "")
                if senses[fields[0]] == nil { order.append(fields[0]) }
                if !(senses[fields[0]]?.contains { $0.expansion == sense.expansion } ?? false) {
                    senses[fields[0], default: []].append(sense)
                }
            }
        }
        for short in order {
            add(Entry(short: short, senses: senses[short]!))
        }
        expandNested()
        exactTable = ScalarTable(entries.map { (Array($0.key.unicodeScalars), $0.value) }, foldingCase: false)
        foldedTable = ScalarTable(folded.map { (Array($0.key.unicodeScalars), $0.value) }, foldingCase: true)
    }

    private mutating func add(_ entry: Entry) {
        entries[entry.short] = entry
        if entry.senses.count > 1 {
            for cue in entry.senses.flatMap(\.cues) where !cueWords.contains(cue) {
                cueWords.insert(cue)
                cueHashes.insert(Self.hash(cue.unicodeScalars, fold: true))
            }
        }
        shortHashes.insert(Self.hash(entry.short.unicodeScalars, fold: false))
        let hasLowercase = entry.short.unicodeScalars.contains { $0.isKutipLowercase }
        let letters = entry.short.unicodeScalars.filter { $0.isKutipLetter }.count
        if hasLowercase && letters >= 2
            && (letters >= 4 || !entry.short.unicodeScalars.contains { $0.isKutipUppercase })
        {
            let key = entry.short.lowercased()
            if folded[key] == nil {
                folded[key] = entry
                shortHashes.insert(Self.hash(entry.short.unicodeScalars, fold: true))
            }
        }
        let words = entry.short.split(separator: " ")
        if words.count > 1 {
            multiWordFirsts.insert(String(words[0]))
            multiWordFirstHashes.insert(Self.hash(words[0].unicodeScalars, fold: false))
            longestInWords = max(longestInWords, words.count)
        }
    }

    /// Rewrites expansions so that they hold no abbreviation of this lexicon:
    /// "Kementerian Hukum dan HAM" → "… Hak Asasi Manusia". Only unambiguous
    /// all-capital forms are replaced, since a word in a name may look like one.
    private mutating func expandNested() {
        // An entry none of whose words was replaced has none to replace in the
        // next round either: only the entries changed in a round are read again.
        var pending: Set<String>?
        for _ in 0..<3 {
            var changed: Set<String> = []
            for (short, entry) in entries where pending?.contains(short) ?? true {
                var updated = entry
                for index in updated.senses.indices {
                    let expanded = expandWords(in: updated.senses[index].expansion, excluding: short)
                    if expanded != updated.senses[index].expansion {
                        updated.senses[index].expansion = expanded
                        changed.insert(short)
                    }
                }
                if updated != entry { add(updated) }
            }
            if changed.isEmpty { break }
            pending = changed
        }
    }

    /// `text` with every unambiguous abbreviation of this lexicon spelled out:
    /// all-capital initialisms ("HAM") and capitalized syllabic acronyms
    /// ("Pemilu", "Polda"), matched as written; lowercase words are left alone.
    public func expandWords(in text: String, excluding: String? = nil) -> String {
        var words: [Substring] = []
        var changed = false
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            // Most words are no listed short form: test the first letter and the
            // filter on scalars before trimming Characters and making a String.
            let scalars = word.unicodeScalars
            var low = scalars.startIndex
            var high = scalars.endIndex
            while low < high, Self.isEdgePunctuation(scalars[low]) { low = scalars.index(after: low) }
            while high > low, Self.isEdgePunctuation(scalars[scalars.index(before: high)]) {
                high = scalars.index(before: high)
            }
            guard low < high, scalars[low].isKutipUppercase,
                shortHashes.mayContain(Self.hash(scalars[low..<high], fold: false))
            else {
                words.append(word)
                continue
            }
            // Only a capitalized word can be replaced; trim punctuation by index, no copies.
            var core = word[...]
            while let first = core.first, ",;:.()".contains(first) { core = core.dropFirst() }
            while let last = core.last, ",;:.()".contains(last) { core = core.dropLast() }
            guard core.count >= 2, core.unicodeScalars.first?.isKutipUppercase == true, core != excluding?[...],
                let entry = entries[String(core)], entry.senses.count == 1, entry.senses[0].expansion != core
            else {
                words.append(word)
                continue
            }
            let prefix = word[word.startIndex..<core.startIndex]
            let suffix = word[core.endIndex..<word.endIndex]
            words.append(Substring(prefix + entry.senses[0].expansion + suffix))
            changed = true
        }
        return changed ? words.joined(separator: " ") : text
    }

    /// The punctuation ``expandWords(in:excluding:)`` trims from a word's ends.
    static func isEdgePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ",", ";", ":", ".", "(", ")": true
        default: false
        }
    }

    /// The entry for a short form spelled by `scalars`, by the matching rules
    /// above, without allocating unless the form may be listed.
    public func entry<Scalars: Collection>(for scalars: Scalars) -> Entry? where Scalars.Element == Unicode.Scalar {
        let array = Array(scalars)
        return array.withUnsafeBufferPointer { entry(in: $0, 0, $0.count) }
    }

    /// What the look-ups need to know about a word: its hashes and case,
    /// which the tokenizer computes once per token (``TokenList/shape(_:)``).
    public typealias WordShape = TokenShape

    /// The entry for the short form `scalars[start..<end]`: the hot path, with
    /// concrete types so that nothing is generic or allocated on a miss.
    public func entry(in scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> Entry? {
        entry(in: scalars, start, end, shape: WordShape(scalars, start, end))
    }

    public func entry(in scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, shape: WordShape)
        -> Entry?
    {
        // One filter holds the exact and the folded short forms; for a
        // lowercase word the two hashes are equal, so most words cost one probe.
        let exactMay = shortHashes.mayContain(shape.exactHash)
        // Folded look-up only for all-lowercase, all-capital or capitalized spellings.
        let allLower = shape.uppercase == 0 && shape.lowercase > 0
        let allUpper = shape.lowercase == 0 && shape.uppercase > 0
        let capitalized = shape.startsUppercase && shape.uppercase == 1 && shape.lowercase > 0
        let foldedMay =
            (allLower || allUpper || capitalized)
            && (shape.foldedHash == shape.exactHash ? exactMay : shortHashes.mayContain(shape.foldedHash))
        guard exactMay || foldedMay else { return nil }
        // ASCII words are matched on scalars; others as Strings, which compare
        // canonically equivalent spellings as equal.
        var ascii = true
        for offset in start..<end where scalars[offset].value >= 0x80 { ascii = false }
        if exactMay {
            if ascii {
                if let entry = exactTable.value(for: scalars[start..<end], hash: shape.exactHash) { return entry }
            } else if let entry = entries[Self.string(scalars, start, end)] {
                return entry
            }
        }
        guard foldedMay else { return nil }
        let found =
            ascii
            ? foldedTable.value(for: scalars[start..<end], hash: shape.foldedHash)
            : folded[Self.string(scalars, start, end).lowercased()]
        guard let entry = found else { return nil }
        let entryHasUpper = entry.short.unicodeScalars.contains { $0.isKutipUppercase }
        if capitalized && entryHasUpper { return nil }  // "Kemenkumham" already matched exactly, "KemenPan" is not it
        // A short informal form in capitals is an initialism of something else ("HRS" is not "hrs").
        if allUpper && !entryHasUpper && entry.short.unicodeScalars.filter({ $0.isKutipLetter }).count < 4 {
            return nil
        }
        return entry
    }

    static func string(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        for offset in start..<end { view.append(scalars[offset]) }
        return String(view)
    }

    /// The entry for a short form given as a string.
    public func entry(for short: String) -> Entry? { entry(for: Array(short.unicodeScalars)) }

    /// FNV-1a over scalar values, ASCII lowercased when `fold`.
    static func hash<Scalars: Sequence>(_ scalars: Scalars, fold: Bool) -> UInt64
    where Scalars.Element == Unicode.Scalar {
        HashFilter.hash(scalars, foldingCase: fold)
    }
}

/// A lexicon file line that cannot be read.
public struct AbbreviationLexiconError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}

extension String {
    /// The string without leading and trailing characters of `set`.
    func trimming(_ set: String) -> String {
        // Most fields need no trimming: check their ends by scalar first,
        // since walking Characters cost more than the rest of loading.
        let scalars = set.unicodeScalars
        if let first = unicodeScalars.first, let last = unicodeScalars.last, !scalars.contains(first),
            !scalars.contains(last)
        {
            return self
        }
        let characters = set.count == 1 ? [set.first!] : Array(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
