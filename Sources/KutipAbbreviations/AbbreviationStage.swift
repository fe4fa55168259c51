import KutipCore

/// Finds every abbreviation in an article and spells it out in context.
///
/// Provides ``Layer/abbreviations`` from ``Layer/tokens``, skipping
/// ``Layer/boilerplate``. In order of precedence:
/// 1. a definition in the article itself ("Zona Integritas (ZI)", "ASN
///    (Aparatur Sipil Negara)"), found by ``DefinitionFinder`` and applied to
///    every occurrence of that short form in the article, its own nested
///    abbreviations expanded;
/// 2. the ``AbbreviationLexicon``, longest match first (so "Kemenko Polhukam"
///    beats "Kemenko"); where a form has several senses, the one whose cue
///    words occur most in the article wins, the most common on a tie, and the
///    others are kept as ``Abbreviation/alternatives``.
/// Forms nobody can expand (desk codes, unknown capitals) are left out.
public struct AbbreviationStage: Stage {
    public let name = "abbreviations"
    public let requires: Set<Layer> = [.tokens, .boilerplate]
    public let provides: Set<Layer> = [.abbreviations]
    public let lexicon: AbbreviationLexicon

    public init(lexicon: AbbreviationLexicon) {
        self.lexicon = lexicon
    }

    public func process(_ document: inout Document) throws {
        document.abbreviations = find(in: document)
    }

    /// The abbreviations of a tokenized document, in text order.
    public func find(in document: Document) -> [Abbreviation] {
        guard let tokens = document.tokens, !tokens.isEmpty else { return [] }
        // A buffer pointer: slicing an array for every word would retain it.
        return document.source.scalars.withUnsafeBufferPointer { find(in: document, tokens, $0) }
    }

    private func find(in document: Document, _ tokens: TokenList, _ scalars: UnsafeBufferPointer<Unicode.Scalar>)
        -> [Abbreviation]
    {
        let source = document.source
        let boilerplate = document.boilerplate ?? []
        let definitions = articleDefinitions(document, boilerplate)
        // One pass over the tokens: the person nouns that introduce initials and
        // the cue words that choose between senses are noted as they pass (in
        // boilerplate too, as the article's evidence), and the decisions that
        // need the whole article are made after it.
        var notes = ArticleNotes()
        var ambiguous: [(found: Int, entry: AbbreviationLexicon.Entry)] = []
        var shortForms: [(found: Int, wordEnd: Int)] = []  // of three letters or fewer: maybe initials
        var found: [Abbreviation] = []
        var boilerplateCursor = SpanCursor(boilerplate)
        var index = 0
        while index < tokens.count {
            notes.observe(index, tokens, source, lexicon)
            let start = tokens.start(index)
            var end = tokens.end(index)
            defer { index += 1 }
            if boilerplateCursor.contains(start) { continue }
            let kind = tokens.kind(index)
            guard kind == .word || kind == .abbreviation else { continue }

            let shape = tokens.shape(index)
            // Several words: "Kemenko Polhukam", "Satpol PP", "Densus 88".
            // Only when the first word is no abbreviation itself: "Polda Metro Jaya"
            // and "Komjen Pol." are abbreviations side by side, each annotated alone.
            var entry = lexicon.entry(in: scalars, start, end, shape: shape)
            if entry == nil, lexicon.longestInWords > 1, lexicon.multiWordFirstHashes.mayContain(shape.exactHash),
                let (last, entry) = multiWordEntry(at: index, tokens, source)
            {
                for skipped in (index + 1)...last { notes.observe(skipped, tokens, source, lexicon) }
                let span = source.span(start, tokens.end(last))
                if entry.senses.count > 1 { ambiguous.append((found.count, entry)) }
                found.append(Abbreviation(span: span, expansion: entry.senses[0].expansion, origin: .lexicon))
                index = last
                continue
            }
            let word = scalars[start..<end]
            if !definitions.exact.isEmpty, definitions.hashes.mayContain(shape.foldedHash),
                let expansion = definitions.expansion(for: word, foldedHash: shape.foldedHash)
            {
                found.append(Abbreviation(span: source.span(start, end), expansion: expansion, origin: .article))
                continue
            }
            // Initials that name a person ("tersangka SD") are no abbreviation:
            // they are known only after the whole article, so short forms are
            // noted here and dropped below.
            let mayBeInitials = end - start <= 3
            let wordEnd = end
            // "Kab" + "." when the tokenizer did not keep the period.
            if index + 1 < tokens.count, tokens.start(index + 1) == end, end < scalars.count, scalars[end] == ".",
                tokens.end(index + 1) == end + 1, let dotted = lexicon.entry(in: scalars, start, end + 1)
            {
                entry = dotted
                end += 1
                index += 1
                notes.observe(index, tokens, source, lexicon)
            }
            if let entry {
                if mayBeInitials { shortForms.append((found.count, wordEnd)) }
                if entry.senses.count > 1 { ambiguous.append((found.count, entry)) }
                found.append(
                    Abbreviation(span: source.span(start, end), expansion: entry.senses[0].expansion, origin: .lexicon))
            }
        }
        // Ambiguous forms: the sense whose cue words the article holds most, once per form.
        var choices: [String: (expansion: String, alternatives: [String])] = [:]
        let context = ambiguous.isEmpty ? [] : notes.cueWords(tokens, source, lexicon)
        for (position, entry) in ambiguous {
            let chosen = choices[entry.short] ?? choose(entry, context: context)
            choices[entry.short] = chosen
            found[position].expansion = chosen.expansion
            found[position].alternatives = chosen.alternatives
        }
        let initials = personInitials(after: notes.personNouns, tokens, scalars)
        guard !initials.isEmpty, !shortForms.isEmpty else { return found }
        var dropped = Set<Int>()
        for (position, wordEnd) in shortForms
        where initials.contains(AbbreviationLexicon.string(scalars, found[position].span.start, wordEnd)) {
            dropped.insert(position)
        }
        return dropped.isEmpty ? found : found.indices.filter { !dropped.contains($0) }.map { found[$0] }
    }

    /// What a pass over an article notes for the decisions that need all of it.
    struct ArticleNotes {
        /// Tokens that are person nouns ("tersangka", "saudara").
        var personNouns: [Int] = []
        /// Tokens that may be cue words of ambiguous forms (their hash is one).
        var cueCandidates: [Int] = []

        /// The cue words the article holds, lowercased: made only when some
        /// form is ambiguous.
        func cueWords(_ tokens: TokenList, _ source: SourceText, _ lexicon: AbbreviationLexicon) -> Set<String> {
            var words = Set<String>()
            for index in cueCandidates {
                let word = source.slice(tokens.start(index), tokens.end(index)).lowercased()
                if lexicon.cueWords.contains(word) { words.insert(word) }
            }
            return words
        }

        /// Notes token `index`: a length test and a hash filter per word, so
        /// ordinary text costs no String.
        @inline(__always)
        mutating func observe(_ index: Int, _ tokens: TokenList, _ source: SourceText, _ lexicon: AbbreviationLexicon) {
            let kind = tokens.kind(index)
            guard kind == .word || kind == .abbreviation else { return }
            let hash = tokens.foldedHash(index)
            let length = tokens.end(index) - tokens.start(index)
            if kind == .word, length < 32, AbbreviationStage.personNounLengthMask & (1 << UInt32(length)) != 0,
                AbbreviationStage.personNounFilter.mayContain(hash),
                AbbreviationStage.personNouns.contains(
                    source.slice(tokens.start(index), tokens.end(index)).lowercased())
            {
                personNouns.append(index)
            }
            if lexicon.cueHashes.mayContain(hash) { cueCandidates.append(index) }
        }
    }

    /// Words after which capital initials name a person.
    static let personNouns: Set<String> = [
        "tersangka", "pelaku", "korban", "saudara", "saudari", "inisial", "berinisial", "terdakwa", "terpidana", "napi",
        "sdr",
    ]

    /// Capital initials the article uses as a person's name: after a word that
    /// introduces a person ("tersangka SD", "saudara MA", "berinisial AY"), and
    /// the initials listed with them ("Al, KR dan SD"). They are names in the
    /// whole article, not abbreviations. `nouns` are the person nouns' tokens.
    private func personInitials(
        after nouns: [Int], _ tokens: TokenList, _ scalars: UnsafeBufferPointer<Unicode.Scalar>
    ) -> Set<String> {
        var names: Set<String> = []
        func isInitials(_ index: Int) -> Bool {
            let start = tokens.start(index)
            let end = tokens.end(index)
            guard end - start <= 3 else { return false }
            for offset in start..<end where !scalars[offset].isKutipUppercase { return false }
            return true
        }
        func text(_ index: Int) -> String {
            AbbreviationLexicon.string(scalars, tokens.start(index), tokens.end(index))
        }
        for index in nouns {
            // The initials within the next few words, and those listed after them.
            var cursor = index + 1
            while cursor < tokens.count, cursor - index <= 4, !isInitials(cursor) {
                let mark = scalars[tokens.start(cursor)]
                if mark == "." || mark == "!" || mark == "?" { break }
                cursor += 1
            }
            while cursor < tokens.count, cursor - index <= 12, isInitials(cursor) {
                names.insert(text(cursor))
                cursor += 1
                guard cursor < tokens.count else { break }
                let separator = text(cursor)
                guard separator == "," || separator == "dan" else { break }
                cursor += 1
            }
        }
        return names
    }

    /// Bit n set when some person noun has n letters.
    static let personNounLengthMask: UInt32 = personNouns.reduce(0) { $0 | (1 << UInt32($1.count)) }
    static let personNounFilter: HashFilter = {
        var filter = HashFilter(capacity: 64)
        for noun in personNouns { filter.insert(AbbreviationLexicon.hash(noun.unicodeScalars, fold: true)) }
        return filter
    }()

    private func multiWordEntry(at index: Int, _ tokens: TokenList, _ source: SourceText) -> (
        Int, AbbreviationLexicon.Entry
    )? {
        guard index + 1 < tokens.count else { return nil }
        let first = source.slice(tokens.start(index), tokens.end(index))
        guard lexicon.multiWordFirsts.contains(first) else { return nil }
        let scalars = source.scalars
        var words = [first]
        var best: (Int, AbbreviationLexicon.Entry)?
        var last = index
        while last + 1 < tokens.count, words.count < lexicon.longestInWords {
            let gap = tokens.end(last)..<tokens.start(last + 1)
            // Words of a name are separated by spaces on one line.
            guard !gap.isEmpty, gap.allSatisfy({ scalars[$0] == " " || scalars[$0] == "\u{A0}" }) else { break }
            last += 1
            words.append(source.slice(tokens.start(last), tokens.end(last)))
            // Side by side abbreviations ("Kasat Reskrim", "TP PKK") are annotated one by one.
            if let entry = lexicon.entries[words.joined(separator: " ")], lexicon.entries[words[words.count - 1]] == nil
            {
                best = (last, entry)
            }
        }
        return best
    }

    /// The sense of `entry` whose cue words occur most in the article
    /// (`context`), the most common sense on a tie, and the others.
    private func choose(_ entry: AbbreviationLexicon.Entry, context: Set<String>) -> (
        expansion: String, alternatives: [String]
    ) {
        var best = 0
        var bestScore = -1
        for (position, sense) in entry.senses.enumerated() {
            let score = sense.cues.filter { context.contains($0) }.count
            if score > bestScore {
                best = position
                bestScore = score
            }
        }
        let alternatives = entry.senses.enumerated().filter { $0.offset != best }.map(\.element.expansion)
        return (entry.senses[best].expansion, alternatives)
    }

    /// The article's own definitions, with nested abbreviations spelled out.
    private func articleDefinitions(_ document: Document, _ boilerplate: [Span]) -> DefinitionTable {
        var table = DefinitionTable()
        for definition in DefinitionFinder.definitions(in: document, skipping: boilerplate) {
            var long = definition.long
            // Short forms inside the long form: the article's own first, then the lexicon.
            for other in table.exact where long.contains(other.key) {
                long = long.split(separator: " ").map { $0 == other.key ? other.value : String($0) }.joined(
                    separator: " ")
            }
            long = lexicon.expandWords(in: long)
            // "Kementerian Komunikasi dan Informatika (Kominfo)": the alignment
            // stops at "Komunikasi"; the lexicon knows the fuller name and the
            // text before the long form confirms it.
            if let known = lexicon.entries[definition.short]?.senses.first?.expansion, known != long,
                known.hasSuffix(" " + long)
            {
                let prefix = known.dropLast(long.count)
                let before = document.source.slice(
                    max(0, definition.longStart - prefix.unicodeScalars.count), definition.longStart)
                if before == prefix { long = known }
            }
            table.add(short: definition.short, expansion: long)
            // "PT Jakarta International Container Terminal (PT JICT)": the company
            // form also defines the bare name the article goes on to use ("JICT").
            for prefix in ["PT ", "CV "] where definition.short.hasPrefix(prefix) && long.hasPrefix(prefix) {
                let bare = String(definition.short.dropFirst(prefix.count))
                if bare.unicodeScalars.count >= 2 {
                    table.add(short: bare, expansion: String(long.dropFirst(prefix.count)))
                }
            }
        }
        return table
    }
}

/// Short forms defined in one article.
struct DefinitionTable {
    var exact: [String: String] = [:]
    var folded: [String: String] = [:]
    /// Folded hashes of the short forms: most words are not one, and must not allocate.
    var hashes = HashFilter(capacity: 64)

    mutating func add(short: String, expansion: String) {
        hashes.insert(AbbreviationLexicon.hash(short.unicodeScalars, fold: true))
        if exact[short] == nil { exact[short] = expansion }
        // "Kantor Wilayah (kanwil)" also explains "Kanwil"; initialisms match as written.
        if short.unicodeScalars.contains(where: { $0.isKutipLowercase }) {
            let key = short.lowercased()
            if folded[key] == nil { folded[key] = expansion }
        }
    }

    func expansion<Scalars: Collection>(for word: Scalars) -> String? where Scalars.Element == Unicode.Scalar {
        expansion(for: word, foldedHash: AbbreviationLexicon.hash(word, fold: true))
    }

    /// ``expansion(for:)`` with the word's folded hash already known.
    func expansion<Scalars: Collection>(for word: Scalars, foldedHash: UInt64) -> String?
    where Scalars.Element == Unicode.Scalar {
        guard !exact.isEmpty, hashes.mayContain(foldedHash) else { return nil }
        let text = String(String.UnicodeScalarView(word))
        if let expansion = exact[text] { return expansion }
        return folded.isEmpty ? nil : folded[text.lowercased()]
    }
}
