import KutipCore

/// Finds people, organizations and places, and gives every person mention the
/// canonical (fullest) spelling of that person's name in the document.
///
/// Provides ``Layer/entities`` from ``Layer/tokens`` and ``Layer/sentences``,
/// skipping ``Layer/boilerplate``. Each sentence is tagged by an
/// ``EntityTagger``; document-level passes then correct what one sentence
/// cannot tell (see `EntityDocument`): titles and degrees leave person spans,
/// initials of suspects ("berinisial SD") and datelines ("JAKARTA (Pos Kota) –")
/// become mentions, organizations spelled out by the abbreviation layer are
/// added, an organization and the place or body after it ("Kemenag Kota
/// Singkawang") merge, a name found once is found everywhere in the document,
/// each string keeps one type, and person mentions are clustered: a mention
/// whose words all occur in a longer name (or differ by a small misspelling,
/// "Andhap" for "Andap"), that spells its initials ("SBY") or blends its
/// syllables ("Jokowi"), or that the text gives as an alias ("Basuki Tjahaja
/// Purnama (Ahok)", "Zoya, panggilan …") joins that name's cluster, whose
/// canonical is its fullest spelling.
public struct EntityStage: Stage {
    public let name = "entities"
    public let requires: Set<Layer> = [.tokens, .sentences, .boilerplate, .abbreviations]
    public let provides: Set<Layer> = [.entities]
    public let tagger: EntityTagger

    public init(tagger: EntityTagger) {
        self.tagger = tagger
    }

    public func process(_ document: inout Document) throws {
        document.entities = find(in: document)
    }

    public func find(in document: Document) -> [Entity] {
        guard let tokens = document.tokens, let sentences = document.sentences else { return [] }
        let source = document.source
        let table = TokenTable(source: source, tokens: tokens)
        var boilerplate = SpanCursor(document.boilerplate ?? [])
        var mentions: [EntityDocument.Mention] = []
        var skipped = [Bool](repeating: true, count: tokens.count)
        var sentenceStarts = [Bool](repeating: false, count: tokens.count)
        var tokenIndex = 0
        var state = TaggingState()
        // Buffers sized once for the longest sentence (an upper bound: its
        // tokens, boilerplate included).
        var longest = 0
        var counted = 0
        for sentence in sentences {
            var count = 0
            while counted < tokens.count, tokens.start(counted) < sentence.end {
                if tokens.start(counted) >= sentence.start { count += 1 }
                counted += 1
            }
            longest = max(longest, count)
        }
        state.reserve(longest)
        // Reused for every sentence: allocating them per sentence showed in profiles.
        var positions: [Int] = []
        var ranges: [Range<Int>] = []
        var capitals: [Int] = []
        for sentence in sentences {
            positions.removeAll(keepingCapacity: true)
            ranges.removeAll(keepingCapacity: true)
            capitals.removeAll(keepingCapacity: true)
            var letters = 0
            while tokenIndex < tokens.count, tokens.start(tokenIndex) < sentence.end {
                let start = tokens.start(tokenIndex)
                if !boilerplate.contains(start), start >= sentence.start {
                    // Capitals and letter counts come from the tokenizer's shape
                    // (the tagger only asks whether a caseless sentence has 12 letters).
                    let shape = tokens.shape(tokenIndex)
                    if shape.uppercase > 0 { capitals.append(positions.count) }
                    letters += Int(shape.letters)
                    positions.append(tokenIndex)
                    ranges.append(start..<tokens.end(tokenIndex))
                    skipped[tokenIndex] = false
                }
                tokenIndex += 1
            }
            guard !positions.isEmpty else { continue }
            sentenceStarts[positions[0]] = true
            let count = source.scalars.withUnsafeBufferPointer {
                tagger.tag($0, ranges, capitals: capitals, letters: letters, state: &state)
            }
            // No nested function or closure captures the mutable state here:
            // captured, it was checked for exclusive access at run time.
            var openType: EntityType?
            var openFirst = 0
            for position in 0...count {
                let tag = position < count ? state.path[position] : 0
                let type: EntityType? =
                    switch tag {
                    case 1, 2: .person
                    case 3, 4: .organization
                    case 5, 6: .location
                    default: nil
                    }
                let inside = position < count && tag > 0 && tag % 2 == 0 && openType == type
                if !inside {
                    if let current = openType {
                        mentions.append(
                            .init(first: positions[openFirst], end: positions[position - 1] + 1, type: current))
                    }
                    openType = type
                    openFirst = position
                }
            }
        }
        var work = EntityDocument(
            source: source, tokens: tokens, table: table, skipped: skipped, sentenceStarts: sentenceStarts,
            abbreviations: document.abbreviations ?? [],
            gazetteer: tagger.gazetteer.index, mentions: mentions)
        work.run()
        return work.entities()
    }

    /// Head words that make an expansion the name of an organization.
    public static let organizationHeads: Set<String> = [
        "kementerian", "badan", "komisi", "dewan", "majelis", "kepolisian", "partai", "pengadilan", "kejaksaan",
        "mahkamah", "lembaga", "dinas", "pemerintah", "pemerintahan", "kantor", "sekretariat", "direktorat", "tentara",
        "markas", "persatuan", "bank", "perseroan", "perusahaan", "universitas", "institut", "komando", "korps",
        "otoritas", "ombudsman", "perkumpulan", "asosiasi", "federasi", "ikatan", "himpunan", "gabungan", "serikat",
        "kesatuan", "biro", "pusat", "inspektorat", "satuan", "detasemen", "kodam", "komite", "yayasan", "perhimpunan",
        "fakultas", "balai", "akademi", "politeknik",
    ]

    /// Equal, or a misspelling: same first letter, edit distance 1 (2 for long words).
    public static func sameName(_ a: String, _ b: String) -> Bool {
        a == b || sameName(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    /// ``sameName(_:_:)`` on scalars, for callers that compare one word many times.
    public static func sameName(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Bool {
        if x == y { return true }
        guard x.first == y.first, x.count >= 4, y.count >= 4 else { return false }
        let limit = max(x.count, y.count) >= 8 ? 2 : 1
        guard abs(x.count - y.count) <= limit else { return false }
        // Two rows on the stack: names are compared pairwise, and two arrays
        // per row showed in profiles.
        let width = y.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { rows in
            var previous = rows.baseAddress!
            var current = previous + width
            for j in 0..<width { previous[j] = j }
            for i in 1...x.count {
                current[0] = i
                for j in 1...y.count {
                    current[j] = min(
                        previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                }
                swap(&previous, &current)
            }
            return previous[y.count] <= limit
        }
    }

    /// Whether `short` spells the initials of `words` ("SBY" for "Susilo
    /// Bambang Yudhoyono").
    public static func isInitialism(_ short: String, of words: [String]) -> Bool {
        let letters = Array(short)
        guard letters.count >= 2, letters.count == words.count, letters.allSatisfy(\.isUppercase) else { return false }
        return zip(letters, words).allSatisfy { letter, word in
            word.first.map { $0.uppercased() == String(letter) } ?? false
        }
    }

    /// Whether `short` blends the beginnings of two or more consecutive words
    /// of a name, at least two letters of each ("Jokowi" for "Joko Widodo").
    public static func isBlend(_ short: String, of words: [String]) -> Bool {
        let target = Array(short.lowercased())
        let lowered = words.map { Array($0.lowercased()) }
        guard target.count >= 4, lowered.count >= 2 else { return false }
        func match(_ offset: Int, _ word: Int, _ parts: Int) -> Bool {
            if offset == target.count { return parts >= 2 }
            guard word < lowered.count else { return false }
            var length = 0
            while length < lowered[word].count, offset + length < target.count,
                lowered[word][length] == target[offset + length]
            {
                length += 1
                if length >= 2 && match(offset + length, word + 1, parts + 1) { return true }
            }
            return false
        }
        return (0..<lowered.count).contains { match(0, $0, 0) }
    }
}
