import KutipCore

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
        source: SourceText, tokens: TokenList, skipped: [Bool], abbreviations: [Abbreviation],
        gazetteer: GazetteerIndex, mentions: [Mention]
    ) {
        self.source = source
        self.tokens = tokens
        self.skipped = skipped
        self.abbreviations = abbreviations
        self.gazetteer = gazetteer
        self.mentions = mentions
        let count = tokens.count
        raw.reserveCapacity(count)
        lower.reserveCapacity(count)
        capital.reserveCapacity(count)
        upper.reserveCapacity(count)
        breakAfter.reserveCapacity(count)
        source.scalars.withUnsafeBufferPointer { scalars in
            for index in 0..<count {
                let start = tokens.start(index)
                let end = tokens.end(index)
                var rawHash = EntityFeatures.offset
                var lowerHash = EntityFeatures.offset
                var uppers = 0
                var lowers = 0
                for offset in start..<end {
                    let value = scalars[offset].value
                    rawHash = EntityFeatures.step(rawHash, value)
                    lowerHash = EntityFeatures.step(lowerHash, EntityFeatures.fold(value))
                    if scalars[offset].isKutipUppercase {
                        uppers += 1
                    } else if scalars[offset].isKutipLowercase {
                        lowers += 1
                    }
                }
                raw.append(rawHash)
                lower.append(lowerHash)
                capital.append(start < end && scalars[start].isKutipUppercase)
                upper.append(uppers >= 2 && lowers == 0)
                var lineBreak = false
                if index + 1 < count {
                    for offset in end..<tokens.start(index + 1) where scalars[offset] == "\n" {
                        lineBreak = true
                        break
                    }
                }
                breakAfter.append(lineBreak)
            }
        }
        for abbreviation in abbreviations { abbreviationAt[abbreviation.span.start] = abbreviation }
    }

    // MARK: Helpers

    func text(_ index: Int) -> String { source.slice(tokens.start(index), tokens.end(index)) }

    func text(_ mention: Mention) -> String { source.slice(tokens.start(mention.first), tokens.end(mention.end - 1)) }

    func isWord(_ index: Int, in words: Set<UInt64>) -> Bool {
        index >= 0 && index < tokens.count && words.contains(lower[index])
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

    static func hashes(_ words: [String]) -> Set<UInt64> {
        Set(words.map { EntityFeatures.lowerHash($0.unicodeScalars) })
    }

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
        merge()
        harmonizeTypes()
        assignCanonicals(aliases)
    }

    static let titles = hashes(
        EntityFeatures.personTitles + [
            "kh", "kh.", "ny", "ny.", "drs", "drs.", "dra", "dra.", "ceo", "founder", "investor", "celebrity",
            "managing",
            "pelatih", "manajer", "bek", "gelandang", "striker", "kiper", "penyerang", "mantan", "capres", "cawapres",
            "caleg", "cagub", "cawagub", "cabup", "cawabup", "cawalkot", "almarhumah", "syaikh", "teuku", "tengku",
        ])
    static let jaksa = hashes(["jaksa"])
    static let agung = hashes(["agung"])

    /// Titles, ranks, offices and abbreviations before a name and degrees
    /// after it leave person spans ("KH Ma'aruf Amin", "Jaksa Agung Muhammad
    /// Prasetyo", "Arie Ardian R S.Ik.").
    mutating func trimPersons() {
        for index in mentions.indices where mentions[index].type == .person {
            var mention = mentions[index]
            while mention.end - mention.first >= 2 {
                let first = mention.first
                let title =
                    Self.titles.contains(lower[first])
                    || (isWord(first, in: Self.agung) && isWord(first - 1, in: Self.jaksa))
                    || (abbreviationAt[tokens.start(first)].map { $0.span.end == tokens.end(first) } ?? false)
                guard title else { break }
                mention.first += 1
            }
            while mention.end - mention.first >= 2 {
                let last = mention.end - 1
                let word = text(last)
                guard word.contains("."), word.count <= 6, word.first?.isUppercase == true, word.count > 2 else {
                    break
                }
                mention.end -= 1
            }
            mentions[index] = mention
        }
    }

    static let initialCues = hashes([
        "berinisial", "inisial", "saudara", "sdr", "sdr.", "tersangka", "pelaku", "korban", "terdakwa", "terpidana",
        "pria", "wanita", "warga", "bocah", "siswa", "siswi", "tahanan", "napi", "yakni", "yaitu", "adalah",
    ])
    static let listWords = hashes([",", "dan", "serta", "atau"])

    /// Initials that stand for a person in crime reports: a capital or two
    /// after "berinisial", "tersangka", "saudara" … or followed by an age in
    /// brackets ("AY (30), M (31) dan S (52)").
    mutating func addInitials() {
        let covered = coverage()
        var found: [Mention] = []
        for index in tokens.indices where covered[index] < 0 && !skipped[index] && capital[index] {
            let size = length(index)
            guard size <= 3, isLetters(index), size == 1 || upper[index] else { continue }
            let cued = isWord(index - 1, in: Self.initialCues)
            let aged =
                index + 3 < tokens.count && text(index + 1) == "(" && isDigits(index + 2) && length(index + 2) <= 2
                && text(index + 3) == ")"
            let listed = isWord(index - 1, in: Self.listWords) && aged
            if (cued && (size >= 2 || aged)) || (listed && found.contains { $0.end >= index - 6 }) {
                found.append(Mention(first: index, end: index + 1, type: .person))
            }
        }
        for mention in found { add(mention) }
    }

    static let dashes: Set<String> = ["-", "–", "—"]

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
                let word = text(cursor)
                if Self.dashes.contains(word) {
                    if partStart < cursor { parts.append((partStart, cursor)) }
                    valid = cursor > index
                    break
                }
                if word == "," || word == "(" || word == ")" {
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

    static let organizationHeads = hashes(Array(EntityStage.organizationHeads))

    /// An abbreviation spelled out as an organization ("KPK" → "Komisi
    /// Pemberantasan Korupsi") is an ORG mention when the tagger left it alone.
    mutating func addOrganizationAbbreviations() {
        guard !abbreviations.isEmpty else { return }
        var byStart: [Int: Int] = [:]
        for index in tokens.indices { byStart[tokens.start(index)] = index }
        let covered = coverage()
        for abbreviation in abbreviations {
            guard let first = byStart[abbreviation.span.start], covered[first] < 0, !skipped[first],
                abbreviation.span.text.unicodeScalars.first?.isKutipUppercase == true
            else { continue }
            let head = abbreviation.expansion.split(separator: " ").first.map { $0.lowercased() } ?? ""
            guard EntityStage.organizationHeads.contains(head),
                abbreviation.expansion.unicodeScalars.first?.isKutipUppercase == true
            else { continue }
            var end = first + 1
            while end < tokens.count && tokens.end(end - 1) < abbreviation.span.end { end += 1 }
            guard tokens.end(end - 1) == abbreviation.span.end, (first..<end).allSatisfy({ covered[$0] < 0 }) else {
                continue
            }
            add(Mention(first: first, end: end, type: .organization))
        }
    }

    /// A mention that is exactly an abbreviation the lexicon spells out in
    /// lowercase — a common noun ("PSBB", "Parpol", "PSE") — is no name.
    mutating func dropGenericAbbreviations() {
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
        for index in mentions.indices
        where mentions[index].type == .location && isWord(mentions[index].first, in: Self.organizationFirstWords) {
            mentions[index].type = .organization
        }
        let events = mentions.indices.filter {
            mentions[$0].type == .location && isWord(mentions[$0].first - 1, in: Self.eventWords)
        }
        for index in events.reversed() { mentions.remove(at: index) }
    }

    /// An organization directly followed by the place or body it belongs to
    /// is one organization ("Kemenag Kota Singkawang", "Setjen Kemenkumham",
    /// "Fraksi Partai Golkar DPR RI").
    mutating func merge() {
        var index = 0
        while index + 1 < mentions.count {
            let current = mentions[index]
            let next = mentions[index + 1]
            if current.type == .organization, next.type != .person, next.first == current.end,
                usable(current.first, next.end)
            {
                mentions[index].end = next.end
                mentions.remove(at: index + 1)
            } else {
                index += 1
            }
        }
    }

    static let aliasWords = hashes(["alias", "als", "als."])
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
            if after + 2 < tokens.count, text(after) == "(", text(after + 2) == ")" {
                alias = after + 1
            } else if isWord(after, in: Self.aliasWords) {
                alias = after + 1
            }
            if let alias, alias < tokens.count, capital[alias], !skipped[alias],
                covered[alias] < 0 || mentions[covered[alias]].type == .person, length(alias) >= 3
            {
                aliases[raw[alias]] = mention.first
                if covered[alias] < 0 { added.append(Mention(first: alias, end: alias + 1, type: .person)) }
            }
            // "Bamsoet, panggilan Bambang Soesatyo"
            let before = mention.first
            if before >= 3, isWord(before - 1, in: Self.callWords) || (isWord(before - 2, in: Self.callWords)),
                text(before - (isWord(before - 1, in: Self.callWords) ? 2 : 3)) == ","
            {
                let nick = before - (isWord(before - 1, in: Self.callWords) ? 3 : 4)
                if nick >= 0, capital[nick], covered[nick] < 0 || mentions[covered[nick]].type == .person {
                    aliases[raw[nick]] = mention.first
                    if covered[nick] < 0 { added.append(Mention(first: nick, end: nick + 1, type: .person)) }
                }
            }
        }
        for mention in added { add(mention) }
        return aliases
    }

    /// A name found once is found everywhere in the document: every other
    /// occurrence of a mention's exact tokens becomes a mention of the same
    /// type, and a word of a longer person's name, capitalized and standing
    /// alone, a mention of that person ("Andap" after "Andap Budhi Revianto").
    mutating func propagate() {
        guard !mentions.isEmpty else { return }
        var names: [UInt64: [(tokens: [UInt64], type: EntityType)]] = [:]
        var seen: Set<[UInt64]> = []
        var parts: [UInt64: Bool] = [:]  // word → may stand for a person
        for mention in mentions {
            let key = Array(raw[mention.first..<mention.end])
            if seen.insert(key).inserted { names[key[0], default: []].append((key, mention.type)) }
        }
        for mention in mentions where mention.end - mention.first == 1 && mention.type != .person {
            parts[raw[mention.first]] = false
        }
        for mention in mentions where mention.type == .person && mention.end - mention.first >= 2 {
            for token in mention.first..<mention.end
            where capital[token] && length(token) >= 3 && !Self.titles.contains(lower[token]) && isLetters(token) {
                if parts[raw[token]] == nil { parts[raw[token]] = true }
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
            for candidate in names[raw[index]] ?? [] {
                let end = index + candidate.tokens.count
                guard end <= tokens.count, best == nil || end > best!.end, usable(index, end),
                    candidate.tokens.count > 1 || length(index) >= 2,
                    (index..<end).allSatisfy({ covered[$0] < 0 }),
                    Array(raw[index..<end]) == candidate.tokens
                else { continue }
                best = (end, candidate.type)
            }
            if best == nil, parts[raw[index]] == true,
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
        var votes: [[UInt64]: [EntityType: Int]] = [:]
        for mention in mentions {
            votes[Array(raw[mention.first..<mention.end]), default: [:]][mention.type, default: 0] += 1
        }
        for index in mentions.indices {
            guard let counts = votes[Array(raw[mentions[index].first..<mentions[index].end])], counts.count > 1 else {
                continue
            }
            let sorted = counts.sorted {
                $0.value > $1.value || ($0.value == $1.value && $0.key.rawValue < $1.key.rawValue)
            }
            if sorted[0].value > sorted[1].value { mentions[index].type = sorted[0].key }
        }
    }

    /// Clusters person mentions and writes each cluster's fullest spelling.
    ///
    /// A mention joins a longer name whose words contain all of its words
    /// (misspellings allowed), whose initials it spells or whose beginnings it
    /// blends; among several, one where it matches the first or last word, and
    /// then the nearest before it (else after it). An alias joins its name.
    mutating func assignCanonicals(_ aliases: [UInt64: Int]) {
        let persons = mentions.indices.filter { mentions[$0].type == .person }
        guard !persons.isEmpty else { return }
        let words = persons.map { index in (mentions[index].first..<mentions[index].end).map { text($0) } }
        var parent = [Int](repeating: -1, count: persons.count)  // position in persons
        for (position, index) in persons.enumerated() {
            let mine = words[position]
            var best: (score: Int, distance: Int, position: Int)?
            for (other, otherIndex) in persons.enumerated() where words[other].count > mine.count {
                let theirs = words[other]
                var score = 0
                if mine.allSatisfy({ word in theirs.contains { EntityStage.sameName(word, $0) } }) {
                    let edge =
                        EntityStage.sameName(mine[0], theirs[0])
                        || EntityStage.sameName(mine[mine.count - 1], theirs[theirs.count - 1])
                    score = edge ? 3 : 2
                } else if mine.count == 1,
                    EntityStage.isInitialism(mine[0], of: theirs) || EntityStage.isBlend(mine[0], of: theirs)
                {
                    score = 3
                }
                guard score > 0 else { continue }
                let delta = mentions[otherIndex].first - mentions[index].first
                let distance = delta < 0 ? -delta : 1_000_000 + delta
                if best == nil || score > best!.score || (score == best!.score && distance < best!.distance) {
                    best = (score, distance, other)
                }
            }
            if let best { parent[position] = best.position }
        }
        // Aliases: the alias's cluster is the full name's.
        var byFirst: [Int: Int] = [:]
        for (position, index) in persons.enumerated() { byFirst[mentions[index].first] = position }
        for (position, index) in persons.enumerated() where parent[position] < 0 {
            let mention = mentions[index]
            guard mention.end - mention.first == 1, let target = aliases[raw[mention.first]] else {
                continue
            }
            if let targetPosition = byFirst[target], targetPosition != position { parent[position] = targetPosition }
        }
        for (position, index) in persons.enumerated() {
            var root = position
            var steps = 0
            while parent[root] >= 0 && steps < persons.count {
                root = parent[root]
                steps += 1
            }
            mentions[index].canonical = words[root].joined(separator: " ")
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
