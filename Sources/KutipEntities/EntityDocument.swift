import KutipCore

/// A set of lowercase words by hash, for the passes' cue-word tests.
struct WordSet: Sendable {
    private var table = HashTable()

    init(_ words: [String]) {
        for word in words { table[EntityFeatures.lowerHash(word.unicodeScalars)] = 1 }
    }

    @inline(__always)
    func contains(_ hash: UInt64) -> Bool { table[hash] != 0 }
}

/// What the entity stage knows about every token of a document, computed in
/// one pass over its scalars and shared by the tagger's first look (which
/// tokens hold a capital) and the document passes (hashes, casing, line
/// breaks), which each used to scan all the text again.
struct TokenTable {
    /// Per token: hash of the scalars as written, and lowercased.
    var raw: [UInt64] = []
    var lower: [UInt64] = []
    /// Per token: starts with a capital letter; only capitals (two or more).
    var capital: [Bool] = []
    var upper: [Bool] = []
    /// Per token: a line break lies between it and the next token.
    var breakAfter: [Bool] = []

    init(source: SourceText, tokens: TokenList) {
        let count = tokens.count
        // Filled through locals and assigned at the end: stores into `self`'s
        // arrays from inside the closure checked uniqueness at every store.
        var raw = [UInt64](repeating: 0, count: count)
        var lower = [UInt64](repeating: 0, count: count)
        var capital = [Bool](repeating: false, count: count)
        var upper = [Bool](repeating: false, count: count)
        var breakAfter = [Bool](repeating: false, count: count)
        // The hashes and case counts come from the tokenizer (``TokenShape``),
        // whose folded hash folds like ``EntityFeatures/fold(_:)``.
        source.scalars.withUnsafeBufferPointer { scalars in
            for index in 0..<count {
                let shape = tokens.shape(index)
                raw[index] = shape.exactHash
                lower[index] = shape.foldedHash
                capital[index] = shape.startsUppercase
                upper[index] = shape.uppercase >= 2 && shape.lowercase == 0
                if index + 1 < count {
                    for offset in tokens.end(index)..<tokens.start(index + 1) where scalars[offset] == "\n" {
                        breakAfter[index] = true
                        break
                    }
                }
            }
        }
        self.raw = raw
        self.lower = lower
        self.capital = capital
        self.upper = upper
        self.breakAfter = breakAfter
    }
}

/// The document-level passes of ``EntityStage`` over the tagger's mentions,
/// which work on token indices and per-token hashes so that only the tokens a
/// rule looks at are ever turned into strings.
struct EntityDocument {
    /// A mention: tokens `first..<end` of the document.
    struct Mention {
        var first: Int
        var end: Int
        var type: EntityType
        var canonical: String?
    }

    let source: SourceText
    let tokens: TokenList
    /// Tokens inside boilerplate or outside every sentence: never part of a mention.
    let skipped: [Bool]
    /// Per token: it opens a sentence.
    let sentenceStarts: [Bool]
    let abbreviations: [Abbreviation]
    let gazetteer: GazetteerIndex
    var mentions: [Mention]

    /// Per token: hash of the scalars as written, and lowercased.
    var raw: [UInt64] = []
    var lower: [UInt64] = []
    /// Per token: starts with a capital letter; only capitals (two or more).
    var capital: [Bool] = []
    var upper: [Bool] = []
    /// Per token: a line break lies between it and the next token.
    var breakAfter: [Bool] = []
    /// Abbreviation spans by start offset.
    var abbreviationAt: [Int: Abbreviation] = [:]

    init(
        source: SourceText, tokens: TokenList, table: TokenTable, skipped: [Bool], sentenceStarts: [Bool],
        abbreviations: [Abbreviation], gazetteer: GazetteerIndex, mentions: [Mention]
    ) {
        self.source = source
        self.tokens = tokens
        self.skipped = skipped
        self.sentenceStarts = sentenceStarts
        self.abbreviations = abbreviations
        self.gazetteer = gazetteer
        self.mentions = mentions
        raw = table.raw
        lower = table.lower
        capital = table.capital
        upper = table.upper
        breakAfter = table.breakAfter
        for abbreviation in abbreviations { abbreviationAt[abbreviation.span.start] = abbreviation }
    }

    // MARK: Helpers

    func text(_ index: Int) -> String { source.slice(tokens.start(index), tokens.end(index)) }

    func text(_ mention: Mention) -> String { source.slice(tokens.start(mention.first), tokens.end(mention.end - 1)) }

    func isWord(_ index: Int, in words: WordSet) -> Bool {
        index >= 0 && index < tokens.count && words.contains(lower[index])
    }

    /// Whether token `index` is the single scalar `scalar`.
    func isScalar(_ index: Int, _ scalar: Unicode.Scalar) -> Bool {
        index >= 0 && index < tokens.count && tokens.end(index) - tokens.start(index) == 1
            && source.scalars[tokens.start(index)] == scalar
    }

    /// Whether tokens `first..<end` stay on one line and outside boilerplate.
    func usable(_ first: Int, _ end: Int) -> Bool {
        guard first >= 0, end <= tokens.count, first < end else { return false }
        for index in first..<end {
            if skipped[index] || (index + 1 < end && breakAfter[index]) { return false }
        }
        return true
    }

    func isDigits(_ index: Int) -> Bool {
        let start = tokens.start(index)
        let end = tokens.end(index)
        return end > start && (start..<end).allSatisfy { source.scalars[$0].isKutipDigit }
    }

    func isLetters(_ index: Int) -> Bool {
        let start = tokens.start(index)
        let end = tokens.end(index)
        return end > start && (start..<end).allSatisfy { source.scalars[$0].isKutipLetter }
    }

    func length(_ index: Int) -> Int { tokens.end(index) - tokens.start(index) }

    /// Whether tokens `first..<end` are written as tokens `otherFirst..<otherEnd`
    /// (by their hashes, as names are compared everywhere here).
    func sameTokens(_ first: Int, _ end: Int, _ otherFirst: Int, _ otherEnd: Int) -> Bool {
        guard end - first == otherEnd - otherFirst else { return false }
        for offset in 0..<(end - first) where raw[first + offset] != raw[otherFirst + offset] { return false }
        return true
    }

    /// Which mention covers each token (-1: none).
    func coverage() -> [Int] {
        var covered = [Int](repeating: -1, count: tokens.count)
        for (index, mention) in mentions.enumerated() {
            for token in mention.first..<mention.end { covered[token] = index }
        }
        return covered
    }

    mutating func add(_ mention: Mention) {
        mentions.removeAll { $0.first < mention.end && mention.first < $0.end }
        mentions.append(mention)
        mentions.sort { $0.first < $1.first }
    }

    static func hashes(_ words: [String]) -> WordSet { WordSet(words) }

    // MARK: Passes

    mutating func run() {
        mentions = mentions.filter { usable($0.first, $0.end) }
        trimPersons()
        addInitials()
        addDatelines()
        addOrganizationAbbreviations()
        dropGenericAbbreviations()
        retype()
        let aliases = findAliases()
        propagate()
        splitOrganizationFromName()
        merge()
        extendPersons()
        harmonizeTypes()
        splitPersons()
        assignCanonicals(aliases)
        // A single letter names no organization or place ("H" in "H - 2", "T" in
        // "T - HR3"); a person's initial ("tersangka M") stays. A month, a holiday
        // or a conjunction alone names nobody ("Agustus", "Ramadan", "Agar …").
        mentions.removeAll {
            guard $0.end - $0.first == 1 else { return false }
            if $0.type != .person && tokens.end($0.first) - tokens.start($0.first) == 1 { return true }
            return Self.neverAName.contains(lower[$0.first])
        }
    }

    static let titles = hashes(
        EntityFeatures.personTitles + [
            "kh", "kh.", "ny", "ny.", "drs", "drs.", "dra", "dra.", "ceo", "founder", "investor", "celebrity",
            "managing",
            "pelatih", "manajer", "bek", "gelandang", "striker", "kiper", "penyerang", "mantan", "capres", "cawapres",
            "caleg", "cagub", "cawagub", "cabup", "cawabup", "cawalkot", "almarhumah", "syaikh", "teuku", "tengku",
        ])
    static let jaksa = hashes(["jaksa"])
    /// Words that open a sentence before a name and are never part of it
    /// ("Kemarin Liliyana …", "Duel Federer …").
    static let sentenceOpeners = hashes([
        "kemarin", "besok", "kini", "sementara", "namun", "sedangkan", "kemudian", "lalu", "bahkan", "maksud", "duel",
        "saat", "ketika", "tadi", "selain", "akhirnya", "sebelumnya", "melawan", "bersama",
    ])
    /// First words of the expansions of academic degrees.
    static let degreeHeads = ["Sarjana", "Magister", "Doktor", "Insinyur", "Master", "Bachelor", "Ahli Madya"]
    static let agung = hashes(["agung"])

    /// Titles, ranks, offices and abbreviations before a name and degrees
    /// after it leave person spans ("KH Ma'aruf Amin", "Jaksa Agung Muhammad
    /// Prasetyo", "Arie Ardian R S.Ik.").
    mutating func trimPersons() {
        // Words written in lowercase somewhere in the document are common words
        // when they open a sentence before a name ("Maksud Allegri …").
        func writtenLowercase(_ word: UInt64) -> Bool {
            tokens.indices.contains { !capital[$0] && lower[$0] == word }
        }
        var dropped: [Int] = []
        // Capitals the document also uses alone as an organization ("CLS", "JICT").
        var organizationInitials = Set<UInt64>()
        for mention in mentions where mention.type == .organization && mention.end - mention.first == 1 {
            if upper[mention.first] { organizationInitials.insert(raw[mention.first]) }
        }
        for index in mentions.indices where mentions[index].type == .person {
            var mention = mentions[index]
            // The second half of a hyphenated name ("Go - Jek", "Go - Pay") is no person.
            if isScalar(mention.first - 1, "-"), mention.first >= 2, capital[mention.first - 2],
                !breakAfter[mention.first - 2], !breakAfter[mention.first - 1]
            {
                if mention.end - mention.first == 1 {
                    dropped.append(index)
                    continue
                }
                mention.first += 1
            }
            if mention.end - mention.first >= 2, sentenceStarts[mention.first],
                writtenLowercase(lower[mention.first]) || Self.sentenceOpeners.contains(lower[mention.first])
            {
                mention.first += 1
            }
            while mention.end - mention.first >= 2 {
                let first = mention.first
                // An organization's initials before a name ("pelatih CLS Wahyu
                // Widayat Jati", "Ketua SP JICT Firmansyah"), when the document names
                // that organization alone too; a person's own initials ("BW Purba
                // Negara") stay.
                let initials =
                    upper[first] && !organizationInitials.isEmpty && organizationInitials.contains(raw[first])
                    && capital[first + 1] && !upper[first + 1]
                let title =
                    Self.titles.contains(lower[first])
                    || (isWord(first, in: Self.agung) && isWord(first - 1, in: Self.jaksa))
                    || (abbreviationAt[tokens.start(first)].map { $0.span.end == tokens.end(first) } ?? false)
                    || initials
                guard title else { break }
                mention.first += 1
            }
            while mention.end - mention.first >= 2 {
                let last = mention.end - 1
                // Cheap tests first (most last words are long), and an ASCII word
                // is searched for a period by byte rather than through Foundation.
                let word = text(last)
                let dotted =
                    word.count <= 6 && word.count > 2 && word.first?.isUppercase == true
                    && (word.utf8.allSatisfy({ $0 < 0x80 })
                        ? word.utf8.contains(UInt8(ascii: ".")) : word.contains("."))
                // A degree written without periods ("Hery Chariansyah SH"): the
                // abbreviation stage spelled it out as Sarjana/Magister/Doktor ….
                var degree = false
                if let abbreviation = abbreviationAt[tokens.start(last)], abbreviation.span.end == tokens.end(last) {
                    degree = Self.degreeHeads.contains { abbreviation.expansion.hasPrefix($0) }
                }
                guard dotted || degree else { break }
                mention.end -= 1
            }
            mentions[index] = mention
        }
        for index in dropped.reversed() { mentions.remove(at: index) }
    }

    static let initialCues = hashes([
        "berinisial", "inisial", "saudara", "sdr", "sdr.", "tersangka", "pelaku", "korban", "terdakwa", "terpidana",
        "tahanan", "napi",
    ])
    static let listWords = hashes([",", "dan", "serta", "atau"])
    /// Words that open a list of suspects only when an age follows ("yakni AY (30)").
    static let listOpeners = hashes(["yakni", "yaitu", "adalah"])

    /// Initials that stand for a person in crime reports: a capital or two
    /// after "berinisial", "tersangka", "saudara" … or followed by an age in
    /// brackets ("AY (30), M (31) dan S (52)").
    mutating func addInitials() {
        let covered = coverage()
        var found: [Mention] = []
        // A cued initial wins over the tagger's one-token organization ("saudara MA").
        for index in tokens.indices
        where !skipped[index] && capital[index]
            && (covered[index] < 0
                || (mentions[covered[index]].type == .organization
                    && mentions[covered[index]].end - mentions[covered[index]].first == 1))
        {
            let size = length(index)
            guard size <= 3, isLetters(index), size == 1 || upper[index] else { continue }
            let cued = isWord(index - 1, in: Self.initialCues)
            let aged =
                index + 3 < tokens.count && isScalar(index + 1, "(") && isDigits(index + 2) && length(index + 2) <= 2
                && isScalar(index + 3, ")")
            let listed = isWord(index - 1, in: Self.listWords) && aged
            let opened = isWord(index - 1, in: Self.listOpeners) && aged
            if (cued && (size >= 2 || aged)) || opened || (listed && found.contains { $0.end >= index - 6 }) {
                found.append(Mention(first: index, end: index + 1, type: .person))
            }
        }
        for mention in found { add(mention) }
        // The same initials elsewhere are the same person, whatever the tagger said.
        let initials = Set(found.map { raw[$0.first] })
        for index in mentions.indices
        where mentions[index].end - mentions[index].first == 1 && initials.contains(raw[mentions[index].first]) {
            mentions[index].type = .person
        }
    }

    /// A dateline at the start of a line — "SERANG -", "Rimanews -",
    /// "MANCHESTER, JUARA.net -", "DEPOK (Pos Kota) –": each part is a place
    /// when the gazetteer knows it as one, else the news outlet, an
    /// organization.
    mutating func addDatelines() {
        var lineStart = true
        for index in tokens.indices {
            defer { lineStart = breakAfter[index] }
            guard lineStart, !skipped[index], capital[index] else { continue }
            var parts: [(Int, Int)] = []
            var partStart = index
            var cursor = index
            var valid = false
            while cursor < tokens.count, cursor - index < 9, !(cursor > index && breakAfter[cursor - 1]) {
                if isScalar(cursor, "-") || isScalar(cursor, "–") || isScalar(cursor, "—") {
                    if partStart < cursor { parts.append((partStart, cursor)) }
                    valid = cursor > index
                    break
                }
                if isScalar(cursor, ",") || isScalar(cursor, "(") || isScalar(cursor, ")") {
                    if partStart < cursor { parts.append((partStart, cursor)) }
                    partStart = cursor + 1
                } else if !capital[cursor] {
                    break
                }
                cursor += 1
            }
            guard valid, (1...2).contains(parts.count), parts.allSatisfy({ $0.1 - $0.0 <= 3 }) else { continue }
            for (first, end) in parts {
                var key = EntityFeatures.phraseSeed
                for token in first..<end { key = EntityFeatures.extend(key, lower[token]) }
                let kind = gazetteer.phrases[key]
                let place = kind == GazetteerIndex.location || kind == GazetteerIndex.district
                add(Mention(first: first, end: end, type: place ? .location : .organization))
            }
        }
    }

    /// An abbreviation spelled out as an organization ("KPK" → "Komisi
    /// Pemberantasan Korupsi") is an ORG mention when the tagger left it alone.
    mutating func addOrganizationAbbreviations() {
        guard !abbreviations.isEmpty else { return }
        let covered = coverage()
        var places: [String: Bool] = [:]
        for abbreviation in abbreviations {
            guard let first = tokenStarting(at: abbreviation.span.start), covered[first] < 0, !skipped[first],
                abbreviation.span.text.unicodeScalars.first?.isKutipUppercase == true
            else { continue }
            let head = abbreviation.expansion.split(separator: " ").first.map { $0.lowercased() } ?? ""
            let place = places[abbreviation.expansion] ?? isPlace(abbreviation.expansion)
            places[abbreviation.expansion] = place
            guard EntityStage.organizationHeads.contains(head) || place,
                abbreviation.expansion.unicodeScalars.first?.isKutipUppercase == true
            else { continue }
            var end = first + 1
            while end < tokens.count && tokens.end(end - 1) < abbreviation.span.end { end += 1 }
            guard tokens.end(end - 1) == abbreviation.span.end, (first..<end).allSatisfy({ covered[$0] < 0 }) else {
                continue
            }
            add(Mention(first: first, end: end, type: place ? .location : .organization))
        }
        // The tagger's organization or person that the lexicon spells out as a
        // place ("DKI", "NTB", a country code in a results list: "JPN").
        for index in mentions.indices where mentions[index].end - mentions[index].first == 1 {
            if let abbreviation = abbreviationAt[tokens.start(mentions[index].first)],
                abbreviation.span.end == tokens.end(mentions[index].first),
                places[abbreviation.expansion] ?? isPlace(abbreviation.expansion)
            {
                mentions[index].type = .location
            }
        }
    }

    /// The token that starts at `offset`, by binary search.
    func tokenStarting(at offset: Int) -> Int? {
        let index = tokens.firstIndex(startingAtOrAfter: offset)
        return index < tokens.count && tokens.start(index) == offset ? index : nil
    }

    /// First words of expansions that name a province, regency or state
    /// ("Daerah Khusus Ibukota", "Negara Kesatuan Republik Indonesia").
    static let placeHeads: Set<UInt64> = Set(
        ["daerah khusus", "daerah istimewa", "negara kesatuan"].map { name in
            name.split(separator: " ").reduce(EntityFeatures.phraseSeed) {
                EntityFeatures.extend($0, EntityFeatures.lowerHash($1.unicodeScalars))
            }
        })

    /// An expansion naming a place: a region the gazetteer knows ("Nusa
    /// Tenggara Barat"), or a province, regency or state by its head words.
    func isPlace(_ expansion: String) -> Bool {
        // The name's hash, word by word, without building substrings.
        var key = EntityFeatures.phraseSeed
        var word = EntityFeatures.offset
        var words = 0
        var head: UInt64 = 0  // the first two words' key
        var inWord = false
        func close() {
            key = EntityFeatures.extend(key, word)
            words += 1
            if words == 2 { head = key }
        }
        for scalar in expansion.unicodeScalars {
            if scalar == " " {
                if inWord { close() }
                word = EntityFeatures.offset
                inWord = false
            } else {
                word = EntityFeatures.step(word, EntityFeatures.fold(scalar.value))
                inWord = true
            }
        }
        if inWord { close() }
        if Self.placeHeads.contains(head) { return true }
        return gazetteer.phrases[key] == GazetteerIndex.location
    }

    /// A mention that is exactly an abbreviation the lexicon spells out in
    /// lowercase — a common noun ("PSBB", "Parpol", "PSE") — is no name.
    mutating func dropGenericAbbreviations() {
        guard !abbreviationAt.isEmpty else { return }
        // Locals, so that the closure does not read `self` while `mentions` changes
        // (which would copy the whole document state).
        let abbreviationAt = self.abbreviationAt
        let tokens = self.tokens
        mentions.removeAll { mention in
            guard mention.type != .person, mention.end - mention.first == 1,
                let abbreviation = abbreviationAt[tokens.start(mention.first)],
                abbreviation.span.end == tokens.end(mention.first)
            else { return false }
            return abbreviation.expansion.unicodeScalars.first?.isKutipLowercase == true
        }
    }

    static let organizationFirstWords = hashes([
        "sd", "sdn", "smp", "smpn", "sma", "sman", "smk", "smkn", "mts", "mtsn", "min", "man", "universitas",
        "pengadilan", "kejaksaan", "kejari", "kejati", "polres", "polresta", "polrestabes", "polda", "polsek", "dinas",
        "badan", "kementerian", "kementrian", "komisi", "pt", "pt.", "fakultas", "institut", "sekolah", "bank",
    ])
    static let eventWords = hashes(["liga", "coppa", "piala", "bahasa", "film", "serie", "copa", "festival"])

    /// Schools, courts and offices the tagger called places are
    /// organizations; a place inside the name of an event or a language
    /// ("Liga Inggris", "bahasa Indonesia") is not annotated.
    mutating func retype() {
        // Only the hashes are read, from a local: calling `isWord` on `self`
        // while `mentions` changed made the compiler copy the whole document
        // state (a retain per array) for every document.
        let lower = self.lower
        func isWord(_ index: Int, in words: WordSet) -> Bool {
            index >= 0 && index < lower.count && words.contains(lower[index])
        }
        for index in mentions.indices
        where mentions[index].type == .location && isWord(mentions[index].first, in: Self.organizationFirstWords) {
            mentions[index].type = .organization
        }
        var events: [Int] = []
        for index in mentions.indices
        where mentions[index].type == .location && isWord(mentions[index].first - 1, in: Self.eventWords) {
            events.append(index)
        }
        for index in events.reversed() { mentions.remove(at: index) }
    }

    /// "Kemenkumham Andap" + "Budhi Revianto": an abbreviated body and the
    /// first word of the name that follows it, tagged together as one
    /// organization. The word goes back to the person.
    mutating func splitOrganizationFromName() {
        guard mentions.count > 1 else { return }
        for index in 0..<(mentions.count - 1) {
            let current = mentions[index]
            let next = mentions[index + 1]
            guard current.type == .organization, next.type == .person, next.first == current.end,
                current.end - current.first == 2, abbreviationAt[tokens.start(current.first)] != nil,
                capital[current.end - 1], !upper[current.end - 1],
                abbreviationAt[tokens.start(current.end - 1)] == nil
            else { continue }
            mentions[index].end -= 1
            mentions[index + 1].first -= 1
        }
    }

    /// An organization directly followed by the place or body it belongs to
    /// is one organization ("Kemenag Kota Singkawang", "Setjen Kemenkumham",
    /// "Fraksi Partai Golkar DPR RI"); two persons side by side are one name
    /// cut in two ("Yane" + "Ardian Bima Arya").
    mutating func merge() {
        var index = 0
        while index + 1 < mentions.count {
            let current = mentions[index]
            let next = mentions[index + 1]
            let joins =
                (current.type == .organization && next.type != .person)
                || (current.type == .person && next.type == .person)
            if joins, next.first == current.end, usable(current.first, next.end) {
                mentions[index].end = next.end
                mentions.remove(at: index + 1)
            } else {
                index += 1
            }
        }
    }

    /// A person's name the tagger ended one word early ("Julie Ohana yang
    /// merupakan …" tagged "Julie"): the next word joins it when it is a
    /// capitalized word on the same line that nothing else claims — no place,
    /// organization or title word, no day or month, no abbreviation — and no
    /// other capitalized word follows it (which could open the next name).
    mutating func extendPersons() {
        let covered = coverage()
        for index in mentions.indices
        where mentions[index].type == .person && mentions[index].end - mentions[index].first <= 3 {
            let next = mentions[index].end
            guard next + 1 < tokens.count, !breakAfter[next - 1], !breakAfter[next], covered[next] < 0,
                !skipped[next], capital[next], !upper[next], isLetters(next), length(next) >= 3,
                !sentenceStarts[next], !capital[next + 1], !Self.titles.contains(lower[next]),
                !Self.neverAName.contains(lower[next]), !Self.weekdays.contains(lower[next]),
                gazetteer.wordFlags[lower[next]]
                    & (GazetteerIndex.personTitle | GazetteerIndex.organizationHead | GazetteerIndex.placeHead
                        | GazetteerIndex.placeWord) == 0,
                gazetteer.phrases[EntityFeatures.extend(EntityFeatures.phraseSeed, lower[next])] == 0,
                abbreviationAt[tokens.start(next)] == nil, !Self.notSurnames.contains(lower[next]),
                // A lowercase word of the sentence follows (a verb, "yang", "di"),
                // not English ("Medal of …") or a number ("Project 2017").
                isLetters(next + 1), !Self.englishLinks.contains(lower[next + 1])
            else { continue }
            mentions[index].end = next + 1
        }
    }

    static let weekdays = hashes(["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad"])
    /// Capitalized words after a name that continue a title or address, not the name.
    static let notSurnames = hashes([
        "live", "alive", "show", "awards", "award", "studios", "studio", "team", "project", "festival", "pro",
        "plus", "max", "mini", "edition", "series", "anda", "kamu", "beliau", "ada",
    ])
    static let englishLinks = hashes(["of", "the", "and", "in", "to", "for", "on", "at", "with", "by", "from", "is"])

    static let aliasWords = hashes(["alias", "als", "als."])
    static let nicknameAdverbs = hashes(["biasa", "akrab", "yang", "karib", "kerap"])
    /// Words that alone never name a person, organization or place.
    static let neverAName = hashes([
        "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
        "november", "desember", "ramadan", "ramadhan", "lebaran", "syawal", "muharram", "agar", "namun", "sementara",
        "kemudian", "bahkan", "selain", "meski", "meskipun", "walaupun", "karena", "sehingga", "jika", "apabila",
        "ketika", "saat",
    ])
    static let nicknameVerbs = hashes(["disapa", "dipanggil", "sapaan", "panggilan", "julukan", "dijuluki"])
    static let callWords = hashes(["panggilan", "sapaan"])

    /// Names the text gives as another name of a person: "Basuki Tjahaja
    /// Purnama (Ahok)", "Muhammad Aljahra alias Zoya", "Bamsoet, panggilan
    /// Bambang Soesatyo". The alias becomes a person mention.
    mutating func findAliases() -> [UInt64: Int] {
        var aliases: [UInt64: Int] = [:]  // alias token hash → first token of the full name
        var added: [Mention] = []
        let covered = coverage()
        for mention in mentions where mention.type == .person {
            let after = mention.end
            var alias: Int?
            if after + 2 < tokens.count, isScalar(after, "("), isScalar(after + 2, ")") {
                alias = after + 1
            } else if after + 3 < tokens.count, isScalar(after, "("), Self.titles.contains(lower[after + 1]),
                isScalar(after + 3, ")")
            {
                alias = after + 2  // "Sri Rahayu Ningsih (Ny Sasmita)"
            } else if isWord(after, in: Self.aliasWords) {
                alias = after + 1
            } else {
                // "Wahyu Widayat Jati, biasa disapa Cacing", "…, yang akrab dipanggil Bepe".
                var probe = after
                if probe < tokens.count, isScalar(probe, ",") { probe += 1 }
                var skippedWords = 0
                while probe < tokens.count, skippedWords < 2, isWord(probe, in: Self.nicknameAdverbs) {
                    probe += 1
                    skippedWords += 1
                }
                if probe + 1 < tokens.count, isWord(probe, in: Self.nicknameVerbs) { alias = probe + 1 }
            }
            // A bracketed word the gazetteer knows as a place or organization is
            // no alias ("Isaka Cerna (Australia)"); the tagger's guess is overruled.
            if let alias, alias < tokens.count, capital[alias], !skipped[alias], length(alias) >= 3,
                covered[alias] < 0 || mentions[covered[alias]].type == .person
                    || (mentions[covered[alias]].end - mentions[covered[alias]].first == 1
                        && gazetteer.phrases[EntityFeatures.extend(EntityFeatures.phraseSeed, lower[alias])] == 0)
            {
                aliases[raw[alias]] = mention.first
                if covered[alias] < 0 { added.append(Mention(first: alias, end: alias + 1, type: .person)) }
            }
            // "Bamsoet, panggilan Bambang Soesatyo"
            let before = mention.first
            if before >= 3, isWord(before - 1, in: Self.callWords) || (isWord(before - 2, in: Self.callWords)),
                isScalar(before - (isWord(before - 1, in: Self.callWords) ? 2 : 3), ",")
            {
                let nick = before - (isWord(before - 1, in: Self.callWords) ? 3 : 4)
                if nick >= 0, capital[nick], covered[nick] < 0 || mentions[covered[nick]].type == .person {
                    aliases[raw[nick]] = mention.first
                    if covered[nick] < 0 { added.append(Mention(first: nick, end: nick + 1, type: .person)) }
                }
            }
        }
        for mention in added { add(mention) }
        for index in mentions.indices
        where mentions[index].end - mentions[index].first == 1 && aliases[raw[mentions[index].first]] != nil {
            mentions[index].type = .person
        }
        return aliases
    }

    /// A name found once is found everywhere in the document: every other
    /// occurrence of a mention's exact tokens becomes a mention of the same
    /// type, and a word of a longer person's name, capitalized and standing
    /// alone, a mention of that person ("Andap" after "Andap Budhi Revianto").
    mutating func propagate() {
        guard !mentions.isEmpty else { return }
        // Candidates are token ranges of the first mention of each distinct
        // name, grouped by first word; names are compared token hash by token
        // hash, without building an array per mention.
        var candidates: [(first: Int, end: Int, type: EntityType)] = []
        var names: [UInt64: [Int]] = [:]
        let expected = 4 * mentions.count  // sized once: growing rehashed every key
        var parts = HashTable(capacity: expected)  // word → 1: may stand for a person, 2: is another type's name
        var firsts = HashTable(capacity: expected)  // first words of names, to skip the dictionary for most tokens
        for mention in mentions {
            let head = raw[mention.first]
            let group = firsts[head] != 0 ? names[head] ?? [] : []
            let known = group.contains { candidate in
                sameTokens(candidates[candidate].first, candidates[candidate].end, mention.first, mention.end)
            }
            if !known {
                names[head, default: []].append(candidates.count)
                candidates.append((mention.first, mention.end, mention.type))
                firsts[head] = 1
            }
        }
        for mention in mentions where mention.end - mention.first == 1 && mention.type != .person {
            parts[raw[mention.first]] = 2
        }
        for mention in mentions where mention.type == .person && mention.end - mention.first >= 2 {
            for token in mention.first..<mention.end
            where capital[token] && length(token) >= 3 && !Self.titles.contains(lower[token]) && isLetters(token) {
                if parts[raw[token]] == 0 { parts[raw[token]] = 1 }
            }
        }
        var covered = coverage()
        var added: [Mention] = []
        var index = 0
        while index < tokens.count {
            guard covered[index] < 0, capital[index], !skipped[index] else {
                index += 1
                continue
            }
            var best: (end: Int, type: EntityType)?
            for number in firsts[raw[index]] != 0 ? names[raw[index]] ?? [] : [] {
                let candidate = candidates[number]
                let size = candidate.end - candidate.first
                let end = index + size
                guard end <= tokens.count, best == nil || end > best!.end, usable(index, end),
                    size > 1 || length(index) >= 2,
                    (index..<end).allSatisfy({ covered[$0] < 0 }),
                    sameTokens(index, end, candidate.first, candidate.end)
                else { continue }
                best = (end, candidate.type)
            }
            if best == nil, parts[raw[index]] == 1,
                index == 0 || !capital[index - 1] || breakAfter[index - 1] || covered[index - 1] >= 0,
                index + 1 >= tokens.count || !capital[index + 1] || breakAfter[index]
            {
                best = (index + 1, .person)
            }
            if let best {
                added.append(Mention(first: index, end: best.end, type: best.type))
                for token in index..<best.end { covered[token] = Int.max }
                index = best.end
            } else {
                index += 1
            }
        }
        guard !added.isEmpty else { return }
        mentions = (mentions + added).sorted { $0.first < $1.first }
    }

    /// One type per string in a document: a name tagged ORG three times and LOC
    /// once is an ORG everywhere (ties keep each mention's own type).
    mutating func harmonizeTypes() {
        // A one-word organization or place that is a word of a person's
        // longer name in the same document is that person ("Chiellini" after
        // "Giorgio Chiellini"), unless the gazetteer knows the word as a name.
        var personWords = HashTable(capacity: 4 * mentions.count)
        for mention in mentions where mention.type == .person && mention.end - mention.first >= 2 {
            for token in mention.first..<mention.end where length(token) >= 4 && capital[token] {
                personWords[raw[token]] = 1
            }
        }
        // An organization or place that opens with a person's full name of two
        // words or more ("BW Purba Negara" after "BW Purba") is that person.
        var personNames = Set<UInt64>()
        for mention in mentions where mention.type == .person && mention.end - mention.first >= 2 {
            var key = EntityFeatures.phraseSeed
            for token in mention.first..<mention.end { key = EntityFeatures.extend(key, raw[token]) }
            personNames.insert(key)
        }
        for index in mentions.indices
        where mentions[index].type != .person && mentions[index].end - mentions[index].first >= 3 {
            var key = EntityFeatures.phraseSeed
            for token in mentions[index].first..<(mentions[index].end - 1) {
                key = EntityFeatures.extend(key, raw[token])
                if token > mentions[index].first, personNames.contains(key) {
                    mentions[index].type = .person
                    break
                }
            }
        }
        for index in mentions.indices
        where mentions[index].type != .person && mentions[index].end - mentions[index].first == 1 {
            let token = mentions[index].first
            guard personWords[raw[token]] != 0 else { continue }
            if gazetteer.phrases[EntityFeatures.extend(EntityFeatures.phraseSeed, lower[token])] != 0 { continue }
            mentions[index].type = .person
        }
        func key(_ mention: Mention) -> UInt64 {
            var key = EntityFeatures.phraseSeed
            for token in mention.first..<mention.end { key = EntityFeatures.extend(key, raw[token]) }
            return key
        }
        // Votes per distinct key in a small open-addressing table: a
        // Dictionary hashed every key with SipHash, twice per mention.
        let keys = mentions.map(key)
        var size = 16
        while size < 2 * keys.count { size *= 2 }
        var groupAt = [Int](repeating: -1, count: size)
        var keyAt = [UInt64](repeating: 0, count: size)
        var groupOf = [Int](repeating: 0, count: keys.count)
        var votes: [SIMD4<Int32>] = []
        for (index, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & (size - 1)
            while groupAt[slot] >= 0 && keyAt[slot] != key { slot = (slot + 1) & (size - 1) }
            if groupAt[slot] < 0 {
                groupAt[slot] = votes.count
                keyAt[slot] = key
                votes.append(.zero)
            }
            groupOf[index] = groupAt[slot]
            votes[groupOf[index]][Self.lane(mentions[index].type)] += 1
        }
        for index in mentions.indices {
            let counts = votes[groupOf[index]]
            let mine = counts[Self.lane(mentions[index].type)]
            // The most votes wins when it beats every other type.
            var best = Self.lane(mentions[index].type)
            for lane in 0..<3 where counts[lane] > counts[best] { best = lane }
            let beaten = (0..<3).allSatisfy { $0 == best || counts[$0] < counts[best] }
            if beaten && counts[best] > mine { mentions[index].type = Self.types[best] }
        }
    }

    static let types: [EntityType] = [.person, .organization, .location]
    static func lane(_ type: EntityType) -> Int {
        switch type {
        case .person: 0
        case .organization: 1
        case .location: 2
        }
    }

    /// A person's name that opens with a word the document uses alone as an
    /// organization or place ("CEO Blibli Kusumo Martanto") starts after it.
    mutating func splitPersons() {
        var others = HashTable(capacity: mentions.count)
        for mention in mentions where mention.type != .person && mention.end - mention.first == 1 {
            others[raw[mention.first]] = 1
        }
        for index in mentions.indices
        where mentions[index].type == .person && mentions[index].end - mentions[index].first >= 2
            && others[raw[mentions[index].first]] != 0
        {
            mentions[index].first += 1
        }
        splitLongPersons()
    }

    /// A person span of three or more words that the tagger ran over the end
    /// of something else the article names:
    /// - an organization named elsewhere ("Ditjen Imigrasi Agung Sampurno",
    ///   where "Ditjen Imigrasi" stands alone too) loses the organization's
    ///   words, which become that organization;
    /// - another person's surname ("Juru bicara Duterte Harry Roque", after
    ///   "Rodrigo Duterte") splits off as a mention of its own.
    mutating func splitLongPersons() {
        guard mentions.contains(where: { $0.type == .person && $0.end - $0.first >= 3 }) else { return }
        // Everything is looked up by hash, so a document of thousands of names
        // costs a few probes per name, not a scan of the others.
        func key(_ first: Int, _ end: Int) -> UInt64 {
            var key = EntityFeatures.phraseSeed
            for token in first..<end { key = EntityFeatures.extend(key, raw[token]) }
            return key
        }
        var organizations: [UInt64: Int] = [:]  // name key → first token of one occurrence
        var surnameEnds: [UInt64: Int] = [:]  // last word → the earliest end of a name it closes
        var openers: [UInt64: Int] = [:]  // first word → how many names of two or more words it opens
        for mention in mentions {
            let length = mention.end - mention.first
            if mention.type == .organization, (2...5).contains(length),
                (mention.first..<mention.end).allSatisfy({ capital[$0] })
            {
                organizations[key(mention.first, mention.end)] = mention.first
            } else if mention.type == .person, length >= 2 {
                openers[raw[mention.first], default: 0] += 1
                if !sentenceStarts[mention.first] {
                    surnameEnds[raw[mention.end - 1]] = min(surnameEnds[raw[mention.end - 1]] ?? .max, mention.end)
                }
            }
        }
        let covered = coverage()
        var added: [Mention] = []
        for index in mentions.indices where mentions[index].type == .person {
            let first = mentions[index].first
            let end = mentions[index].end
            guard end - first >= 3 else { continue }
            var match: (before: Int, words: Int)?
            if !organizations.isEmpty {
                search: for words in 1...min(end - first - 2, 4) {
                    for before in 1...(5 - words) where first - before >= 0 {
                        if let other = organizations[key(first - before, first + words)],
                            sameTokens(other, other + before + words, first - before, first + words)
                        {
                            match = (before, words)
                            break search
                        }
                    }
                }
            }
            if let (before, words) = match {
                mentions[index].first = first + words
                // An organization mention already covering the words before ("Ditjen")
                // grows to the whole name; otherwise the name becomes one.
                let partial = covered[first - 1]
                if partial >= 0, mentions[partial].type == .organization, mentions[partial].end == first,
                    mentions[partial].first >= first - before
                {
                    mentions[partial].first = first - before
                    mentions[partial].end = first + words
                } else if (first - before..<first).allSatisfy({ covered[$0] < 0 }) {
                    added.append(Mention(first: first - before, end: first + words, type: .organization))
                }
                continue
            }
            // Only a word the article uses as a surname of someone named earlier
            // (not by a capitalized sentence opener), never to open another name,
            // and no given name ("Siti Fadilah Supari" after "Menkes Siti").
            if let surnameEnd = surnameEnds[raw[first]], surnameEnd <= first, capital[first + 1],
                gazetteer.wordFlags[lower[first]] & GazetteerIndex.givenName == 0, openers[raw[first]] == 1
            {
                mentions[index].first = first + 1
                added.append(Mention(first: first, end: first + 1, type: .person))
            }
        }
        guard !added.isEmpty else { return }
        mentions += added
        mentions.sort { $0.first < $1.first }
    }

    /// Clusters person mentions and writes each cluster's fullest spelling.
    ///
    /// A mention joins a longer name whose words contain all of its words
    /// (misspellings allowed), whose initials it spells or whose beginnings it
    /// blends; among several, one where it matches the first or last word, and
    /// then the nearest before it (else after it). An alias joins its name.
    mutating func assignCanonicals(_ aliases: [UInt64: Int]) {
        // Work on distinct spellings: a name recurs, and comparing spellings is
        // the costly part.
        // Distinct spellings by the hash of their tokens' hashes, checked token
        // by token (no array per mention as a dictionary key).
        var nameOf: [UInt64: [Int]] = [:]
        var names: [(words: [String], scalars: [[Unicode.Scalar]], occurrences: [Int])] = []
        var spans: [(first: Int, end: Int)] = []
        var mentionName = [Int](repeating: -1, count: mentions.count)
        for index in mentions.indices where mentions[index].type == .person {
            let first = mentions[index].first
            let end = mentions[index].end
            var key = EntityFeatures.phraseSeed
            for token in first..<end { key = EntityFeatures.extend(key, raw[token]) }
            let name: Int
            if let known = nameOf[key]?.first(where: { sameTokens(spans[$0].first, spans[$0].end, first, end) }) {
                name = known
            } else {
                name = names.count
                nameOf[key, default: []].append(name)
                spans.append((first, end))
                let words = (first..<end).map { text($0) }
                names.append((words, words.map { Array($0.unicodeScalars) }, []))
            }
            names[name].occurrences.append(first)
            mentionName[index] = name
        }
        guard !names.isEmpty else { return }
        // score[a * count + b]: how well the shorter name a can stand for b (0: not at all).
        let nameCount = names.count
        var score = [Int](repeating: 0, count: nameCount * nameCount)
        var lowered: [[String]?] = Array(repeating: nil, count: nameCount)
        // Columns instead of the tuples: copying a tuple of arrays for every
        // pair of names retained and released each of them.
        let allWords = names.map(\.words)
        let allScalars = names.map(\.scalars)
        let firstSeen = names.map { $0.occurrences[0] }
        /// Whether a word of `words` is the same name as `word`; names that do
        /// not share a first letter are never the same (nor equal), which is
        /// tested first.
        // A particle's case varies ("Del Potro" for "Juan Martin del Potro"), so
        // words are compared with their first letter folded.
        let foldedScalars = allScalars.map { name in
            name.map { word in
                word.isEmpty ? word : [Unicode.Scalar(HashFilter.foldCase(word[0].value)) ?? word[0]] + word.dropFirst()
            }
        }
        func containsName(_ words: [[Unicode.Scalar]], _ word: [Unicode.Scalar]) -> Bool {
            words.contains { $0.first == word.first && EntityStage.sameName(word, $0) }
        }
        for a in 0..<nameCount {
            let mineWords = allScalars[a]
            for b in 0..<nameCount where allWords[b].count >= allWords[a].count && b != a {
                let theirWords = allScalars[b]
                if theirWords.count == mineWords.count {
                    // The same name spelled another way ("Setu"/"Seto", "AL"/"Al"): the
                    // spelling met first is the canonical.
                    guard firstSeen[b] < firstSeen[a] else { continue }
                    // One-word names differ too little to tell a misspelling from
                    // another person ("Soeharto", "Soekarno"): only case may differ.
                    // Each name is lowercased once, when first compared.
                    if lowered[a] == nil { lowered[a] = allWords[a].map { $0.lowercased() } }
                    if lowered[b] == nil { lowered[b] = allWords[b].map { $0.lowercased() } }
                    let caseOnly = lowered[a]! == lowered[b]!
                    guard
                        caseOnly
                            || (mineWords.count >= 2 && zip(mineWords, theirWords).contains { $0 == $1 }
                                && zip(mineWords, theirWords).allSatisfy { EntityStage.sameName($0, $1) })
                    else { continue }
                    score[a * nameCount + b] = 1
                } else if foldedScalars[a].allSatisfy({ containsName(foldedScalars[b], $0) }) {
                    let edge =
                        EntityStage.sameName(mineWords[0], theirWords[0])
                        || EntityStage.sameName(mineWords[mineWords.count - 1], theirWords[theirWords.count - 1])
                    score[a * nameCount + b] = edge ? 3 : 2
                } else if mineWords.count == 1, let initial = mineWords[0].first,
                    // Cheap tests first: most pairs share no first letter.
                    theirWords.contains(where: {
                        $0.first.map { EntityFeatures.fold($0.value) } == EntityFeatures.fold(initial.value)
                    }),
                    (mineWords[0].count == theirWords.count
                        && EntityStage.isInitialism(allWords[a][0], of: allWords[b]))
                        || (mineWords[0].count >= 4 && EntityStage.isBlend(allWords[a][0], of: allWords[b]))
                {
                    score[a * nameCount + b] = 3
                } else if mineWords.count == 1, mineWords[0].count >= 4, theirWords.count >= 2,
                    theirWords[0].count > mineWords[0].count, theirWords[0].starts(with: mineWords[0])
                {
                    // A shortened first name: "Sandi" for Sandiaga Uno.
                    score[a * nameCount + b] = 2
                }
            }
        }
        // Aliases: the alias stands for the full name with the best score.
        for (a, mine) in names.enumerated() where mine.words.count == 1 {
            guard let target = aliases[raw[mine.occurrences[0]]],
                let index = mentions.firstIndex(where: { $0.first == target && $0.type == .person }),
                case let b = mentionName[index], b >= 0, b != a
            else { continue }
            score[a * nameCount + b] = 4
        }
        /// The name that `a`, at token `position`, stands for: the best score,
        /// then the nearest occurrence before it, else after it.
        let occurrences = names.map(\.occurrences)
        func parent(_ a: Int, at position: Int) -> Int? {
            var best: (score: Int, distance: Int, name: Int)?
            for b in occurrences.indices where score[a * nameCount + b] > 0 {
                let value = score[a * nameCount + b]
                var distance = Int.max
                for occurrence in occurrences[b] {
                    let delta = occurrence - position
                    distance = min(distance, delta < 0 ? -delta : 1_000_000 + delta)
                }
                if best == nil || value > best!.score || (value == best!.score && distance < best!.distance) {
                    best = (value, distance, b)
                }
            }
            return best?.name
        }
        var root = [Int?](repeating: nil, count: names.count)
        func resolve(_ a: Int, at position: Int, depth: Int = 0) -> Int {
            guard depth < occurrences.count, let b = parent(a, at: position) else { return a }
            if let known = root[b] { return known }
            let found = resolve(b, at: occurrences[b][0], depth: depth + 1)
            root[b] = found
            return found
        }
        // Only the names that are some cluster's canonical are joined.
        var canonicals = [String?](repeating: nil, count: nameCount)
        for (index, name) in mentionName.enumerated() where name >= 0 {
            let root = resolve(name, at: mentions[index].first)
            if canonicals[root] == nil { canonicals[root] = allWords[root].joined(separator: " ") }
            mentions[index].canonical = canonicals[root]
        }
    }

    func entities() -> [Entity] {
        mentions.map { mention in
            Entity(
                span: source.span(tokens.start(mention.first), tokens.end(mention.end - 1)), type: mention.type,
                canonical: mention.type == .person ? (mention.canonical ?? text(mention)) : nil)
        }
    }
}
