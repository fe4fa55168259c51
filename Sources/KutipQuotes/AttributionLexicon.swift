import Foundation
import KutipCore

/// The words the quote stage reads attribution from: speech verbs in their
/// postposed, clitic, active and passive forms, "menurut", back-referring
/// pronouns, and the small closed classes around them.
///
/// Compiled once from `speech-verbs.tsv` into a hashed table, so classifying a
/// token costs one hash of its scalars and, for the rare candidates, one
/// comparison.
public struct AttributionLexicon: Sendable {
    /// What a word can do in an attribution; a word may have several classes.
    public struct WordClass: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// A postposed speech verb whose speaker follows: `"…," kata X`.
        public static let after = WordClass(rawValue: 1 << 0)
        /// A speech verb with the clitic "-nya", whose speaker is the most recent one.
        public static let clitic = WordClass(rawValue: 1 << 1)
        /// An active (me-/ber-) speech verb whose speaker precedes it.
        public static let active = WordClass(rawValue: 1 << 2)
        /// A passive (di-) speech verb whose speaker follows it.
        public static let passive = WordClass(rawValue: 1 << 3)
        /// "menurut": `Menurut X, …`.
        public static let menurut = WordClass(rawValue: 1 << 4)
        /// A pronoun referring back to the most recent speaker.
        public static let pronoun = WordClass(rawValue: 1 << 5)
        /// A sentence opener that is not part of a quote's content.
        public static let connective = WordClass(rawValue: 1 << 6)
        /// A word opening an unnamed source ("seorang warga").
        public static let source = WordClass(rawValue: 1 << 7)
        /// A word opening an adverbial between a verb and its content.
        public static let adverbial = WordClass(rawValue: 1 << 8)
        /// A word introducing content without belonging to it ("bahwa").
        public static let complementizer = WordClass(rawValue: 1 << 9)
        /// The head word of a role or office ("Kepala", "Ketua").
        public static let role = WordClass(rawValue: 1 << 10)
        /// An active verb whose content clause may follow with no comma or "bahwa".
        public static let bare = WordClass(rawValue: 1 << 11)
        /// A rank, honorific or form of address written before a name ("Jenderal", "Mbah").
        public static let title = WordClass(rawValue: 1 << 12)
        /// A word linking a nickname to a full name ("panggilan", "disapa").
        public static let alias = WordClass(rawValue: 1 << 13)
        /// A lowercase word inside a role or name phrase ("dan", "dari").
        public static let joiner = WordClass(rawValue: 1 << 14)
        /// An adverb between a subject and its verb ("juga", "pun").
        public static let adverb = WordClass(rawValue: 1 << 15)
        /// A preposition: what follows it is no subject ("di", "kepada").
        public static let preposition = WordClass(rawValue: 1 << 16)
        /// "itu", "tersebut", "ini": a description pointing back.
        public static let demonstrative = WordClass(rawValue: 1 << 17)
        /// A lowercase word inside a personal name ("de", "bin").
        public static let particle = WordClass(rawValue: 1 << 18)
        /// A word that ends an unnamed source's phrase ("yang", "saat").
        public static let stop = WordClass(rawValue: 1 << 19)
        /// A time noun: a phrase with it is no source ("waktu", "kali").
        public static let time = WordClass(rawValue: 1 << 20)
        /// "selaku", "sebagai": an appositive role follows.
        public static let appositive = WordClass(rawValue: 1 << 21)
        /// "yang": a relative clause.
        public static let relative = WordClass(rawValue: 1 << 22)
        /// "oleh": the agent of a passive verb follows.
        public static let agent = WordClass(rawValue: 1 << 23)
        /// A verb whose addressee precedes the content ("meminta KPK mengeluarkan …").
        public static let directive = WordClass(rawValue: 1 << 24)
        /// A passive verb of hearsay whose source the text may not give: "X
        /// dikabarkan telah …", "disebut-sebut merupakan …".
        public static let hearsay = WordClass(rawValue: 1 << 25)
        /// An auxiliary of aspect or negation ("telah", "akan", "tidak"): after a
        /// speech verb it opens content whose subject is the speaker ("MCC
        /// menyatakan telah menginvestasikan …").
        public static let auxiliary = WordClass(rawValue: 1 << 26)

        /// Every class that makes a word a speech cue.
        public static let cue: WordClass = [.after, .clitic, .active, .passive, .menurut]
    }

    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline var word: [Unicode.Scalar]
        @usableFromInline var classes: WordClass
    }

    private var entries: [UInt64: Entry] = [:]
    private var filter = HashFilter(capacity: 1024)
    /// The entries by their lowercase scalars, hashed and compared without case.
    @usableFromInline var table = ScalarTable<Entry>(foldingCase: true)

    /// The number of distinct words.
    public var count: Int { entries.count }

    /// Parses `kind<TAB>word` lines; `#` starts a comment. Every `after` verb
    /// also gets its clitic form ("kata" → "katanya").
    ///
    /// - Throws: ``QuoteLexiconError`` naming the line at fault.
    public init(tsv: String, origin: String = "speech-verbs.tsv") throws {
        let kinds: [String: WordClass] = [
            "after": .after, "clitic": .clitic, "active": .active, "passive": .passive, "menurut": .menurut,
            "pronoun": .pronoun, "connective": .connective, "source": .source, "adverbial": .adverbial,
            "complementizer": .complementizer, "role": .role, "bare": .bare, "title": .title, "alias": .alias,
            "joiner": .joiner, "adverb": .adverb,
            "preposition": .preposition, "demonstrative": .demonstrative, "particle": .particle, "stop": .stop,
            "time": .time, "appositive": .appositive, "relative": .relative, "agent": .agent, "directive": .directive,
            "hearsay": .hearsay, "auxiliary": .auxiliary,
        ]
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t").map(String.init)
            guard fields.count >= 2, let kind = kinds[fields[0]] else {
                throw QuoteLexiconError(reason: "\(origin):\(number + 1): expected kind<TAB>word, got \(trimmed)")
            }
            let word = fields[1].lowercased()
            add(word, kind)
            if kind == .after { add(word + "nya", .clitic) }
        }
        table = ScalarTable(entries.values.map { ($0.word, $0) }, foldingCase: true)
    }

    private mutating func add(_ word: String, _ classes: WordClass) {
        let scalars = Array(word.unicodeScalars)
        let hash = HashFilter.hash(scalars, foldingCase: true)
        filter.insert(hash)
        entries[hash, default: Entry(word: scalars, classes: [])].classes.formUnion(classes)
    }

    /// The classes of the word `scalars[start..<end]`, compared without case
    /// for ASCII letters; empty for every other word.
    @inlinable
    public func classes(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> WordClass {
        classes(of: scalars[start..<end])
    }

    /// ``classes(_:_:_:)`` for a token whose folded hash
    /// (``TokenList/foldedHash(_:)``) is already known.
    @inlinable
    public func classes(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, foldedHash: UInt64) -> WordClass {
        classes(of: scalars[start..<end], hash: foldedHash)
    }

    @usableFromInline
    func classes(of word: ArraySlice<Unicode.Scalar>) -> WordClass {
        classes(of: word, hash: HashFilter.hash(word, foldingCase: true))
    }

    @usableFromInline
    func classes(of word: ArraySlice<Unicode.Scalar>, hash: UInt64) -> WordClass {
        guard filter.mayContain(hash) else { return [] }
        return table.value(for: word, hash: hash)?.classes ?? []
    }

    /// The classes of `word`.
    public func classes(of word: String) -> WordClass {
        let scalars = Array(word.unicodeScalars)
        return classes(of: scalars[...])
    }
}

/// A quote lexicon that could not be parsed.
public struct QuoteLexiconError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
