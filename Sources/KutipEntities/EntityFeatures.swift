import KutipCore

/// What the tagger knows about one token, computed once per sentence from its
/// scalars: hashes of its forms and affixes, and flags.
///
/// Features are then hashes of hashes (a template number mixed with one or two
/// of these values), so no `String` is built per token or per feature.
struct TokenFacts {
    /// The lowercased word (ASCII and Latin-1 capitals folded).
    var lower: UInt64 = 0
    /// The word as written.
    var raw: UInt64 = 0
    /// The word's character classes, runs collapsed ("Xx", "X.X.", "d-d").
    var shape: UInt64 = 0
    /// Lowercase prefixes and suffixes of 1…4 scalars (0 when the word is shorter).
    var prefix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var suffix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// ``EntityFeatures`` `Flag` bits.
    var flags: UInt16 = 0
    /// ``GazetteerIndex`` word flags (given name, place word, title, head word).
    var word: UInt8 = 0
    /// The gazetteer name covering the token: kind × 2, + 1 inside (not first).
    var phrase: UInt8 = 0
    /// The capitalized run the token is in: the run's head word class, the
    /// token's position in it and the run's length, packed; 0 outside runs.
    var run: UInt16 = 0
    /// The number of scalars, capped at 15.
    var length: UInt8 = 0
}

/// Token analysis and feature hashing for ``EntityTagger``.
enum EntityFeatures {
    enum Flag {
        static let initialCapital: UInt16 = 1
        static let allCapitals: UInt16 = 2
        static let innerCapital: UInt16 = 4
        static let digit: UInt16 = 8
        static let hyphen: UInt16 = 16
        static let period: UInt16 = 32
        static let letter: UInt16 = 64
        static let punctuation: UInt16 = 128
        /// The casing bits; the rest describe the form.
        static let casing: UInt16 = 7
    }

    static let phraseSeed: UInt64 = 0x243F_6A88_85A3_08D3

    /// A strong 64-bit finalizer (splitmix64): template numbers and values are
    /// mixed with it so that neighbouring inputs land far apart in the table.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The hash of a token sequence, extended by one token.
    @inline(__always)
    static func extend(_ hash: UInt64, _ token: UInt64) -> UInt64 { mix(hash ^ (token &* 0x100_0000_01B3)) }

    /// ASCII and Latin-1 capitals folded to lowercase; other scalars kept (news
    /// text is Latin script, and a name's hash only has to agree with itself).
    @inline(__always)
    static func fold(_ value: UInt32) -> UInt32 { HashFilter.foldCase(value) }

    @inline(__always)
    static func step(_ hash: UInt64, _ value: UInt32) -> UInt64 { (hash ^ UInt64(value)) &* 0x100_0000_01B3 }

    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325

    /// FNV-1a of the folded scalars: the key of a word in every table.
    static func lowerHash<Scalars: Sequence>(_ scalars: Scalars) -> UInt64 where Scalars.Element == Unicode.Scalar {
        var hash = offset
        for scalar in scalars { hash = step(hash, fold(scalar.value)) }
        return hash
    }

    /// A gazetteer name split like the tokenizer splits text: at spaces, with
    /// brackets and a trailing comma as tokens of their own.
    static func splitName(_ name: String) -> [Substring] {
        var tokens: [Substring] = []
        for part in name.split(separator: " ") {
            var part = part
            while let first = part.first, first == "(" || first == "\"" {
                tokens.append(part.prefix(1))
                part = part.dropFirst()
            }
            var tail: [Substring] = []
            while let last = part.last, last == ")" || last == "," || last == "\"" {
                tail.insert(part.suffix(1), at: 0)
                part = part.dropLast()
            }
            if !part.isEmpty { tokens.append(part) }
            tokens += tail
        }
        return tokens
    }

    /// Analyzes the tokens `ranges` of `scalars` (one sentence).
    ///
    /// When `needed` is given, only those tokens are analyzed (the others keep
    /// empty facts: no hash, no flags), and `caseless` is taken as given.
    static func facts(
        _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ ranges: [Range<Int>], _ index: GazetteerIndex,
        needed: [Bool]? = nil, caseless givenCaseless: Bool = false
    ) -> (facts: [TokenFacts], caseless: Bool) {
        var facts: [TokenFacts] = []
        let caseless = Self.facts(into: &facts, scalars, ranges, index, needed: needed, caseless: givenCaseless)
        return (Array(facts[0..<ranges.count]), caseless)
    }

    /// ``facts(_:_:_:needed:caseless:)`` into `facts[0..<ranges.count]`,
    /// growing it when short: the tagger reuses one buffer for every sentence
    /// of a document. `needed`, when given, may be longer than `ranges`.
    /// Returns whether the sentence is caseless.
    @discardableResult
    static func facts(
        into facts: inout [TokenFacts], _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ ranges: [Range<Int>],
        _ index: GazetteerIndex, needed: [Bool]? = nil, caseless givenCaseless: Bool = false
    ) -> Bool {
        if facts.count < ranges.count {
            facts = [TokenFacts](repeating: TokenFacts(), count: max(ranges.count, 2 * facts.count))
        }
        var anyUpper = false
        var letters = 0
        for (position, range) in ranges.enumerated() {
            if let needed, !needed[position] {
                // Left empty: the phrase and run scans read past needed tokens.
                facts[position] = TokenFacts()
                continue
            }
            var fact = TokenFacts()
            var lower = offset
            var raw = offset
            var shape = offset
            var lastClass: UInt32 = 99
            var flags: UInt16 = 0
            var uppers = 0
            var lowers = 0
            var count = 0
            for offsetInText in range {
                let scalar = scalars[offsetInText]
                let value = scalar.value
                let folded = fold(value)
                lower = step(lower, folded)
                raw = step(raw, value)
                count += 1
                switch count {
                case 1: fact.prefix.0 = lower
                case 2: fact.prefix.1 = lower
                case 3: fact.prefix.2 = lower
                case 4: fact.prefix.3 = lower
                default: break
                }
                let kind: UInt32
                if scalar.isKutipUppercase {
                    kind = 1
                    uppers += 1
                    if count == 1 { flags |= Flag.initialCapital } else if lowers > 0 { flags |= Flag.innerCapital }
                } else if scalar.isKutipLowercase || (value >= 0x80 && scalar.isKutipLetter) {
                    kind = 2
                    lowers += 1
                } else if scalar.isKutipDigit {
                    kind = 3
                    flags |= Flag.digit
                } else {
                    kind = 4 + min(value, 0x7F)  // each ASCII punctuation mark its own class
                    if value == 0x2D { flags |= Flag.hyphen }
                    if value == 0x2E { flags |= Flag.period }
                }
                if kind != lastClass {
                    shape = step(shape, kind)
                    lastClass = kind
                }
            }
            // Suffixes: FNV over the last scalars, last first.
            var suffix = offset
            var taken = 0
            var cursor = range.upperBound
            while cursor > range.lowerBound && taken < 4 {
                cursor -= 1
                suffix = step(suffix, fold(scalars[cursor].value))
                taken += 1
                switch taken {
                case 1: fact.suffix.0 = suffix
                case 2: fact.suffix.1 = suffix
                case 3: fact.suffix.2 = suffix
                default: fact.suffix.3 = suffix
                }
            }
            if uppers > 0 { anyUpper = true }
            if uppers + lowers > 0 { flags |= Flag.letter }
            if uppers >= 2 && lowers == 0 { flags |= Flag.allCapitals }
            if uppers + lowers == 0 && flags & Flag.digit == 0 { flags |= Flag.punctuation }
            letters += lowers + uppers
            fact.lower = lower
            fact.raw = raw
            fact.shape = shape &+ UInt64(min(count, 4))
            fact.flags = flags
            fact.length = UInt8(min(count, 15))
            facts[position] = fact
        }
        // Word flags in a loop of their own: the table mostly misses the cache
        // (the weight table evicts it), and a tight loop of look-ups keeps
        // several misses in flight where one per token's long analysis kept one.
        for position in 0..<ranges.count where needed?[position] ?? true {
            let lower = facts[position].lower
            facts[position].word = index.wordFilter.mayContain(lower) ? index.wordFlags[lower] : 0
        }
        let caseless = needed == nil ? !anyUpper && letters >= 12 : givenCaseless
        markPhrases(&facts, count: ranges.count, index, needed: needed)
        markRuns(&facts, count: ranges.count, caseless: caseless)
        return caseless
    }

    /// Longest gazetteer names, left to right, without overlaps.
    static func markPhrases(_ facts: inout [TokenFacts], count: Int, _ index: GazetteerIndex, needed: [Bool]? = nil) {
        var position = 0
        while position < count {
            if let needed, !needed[position] {
                position += 1
                continue
            }
            // One bit test rules out most tokens: no name starts with them.
            guard index.starts.mayContain(facts[position].lower) else {
                position += 1
                continue
            }
            var key = phraseSeed
            var matchLength = 0
            var matchKind: UInt8 = 0
            var end = position
            while end < count && end - position < index.longest {
                key = extend(key, facts[end].lower)
                end += 1
                let kind = index.phraseFilter.mayContain(key) ? index.phrases[key] : 0
                if kind != 0 {
                    matchLength = end - position
                    matchKind = kind
                }
                if !index.prefixes.mayContain(key) { break }
            }
            if matchLength > 0 {
                for inside in 0..<matchLength {
                    facts[position + inside].phrase = matchKind * 2 + (inside == 0 ? 0 : 1)
                }
                position += matchLength
            } else {
                position += 1
            }
        }
    }

    /// Runs of capitalized tokens ("Dinas Pertanian dan Kehutanan Singkawang",
    /// "Komjen Pol. Andap Budhi Revianto"), joined over connectors: each token
    /// learns the class of the run's first word (a title, an organization or
    /// place head) and where in the run it stands.
    static func markRuns(_ facts: inout [TokenFacts], count: Int, caseless: Bool) {
        guard !caseless else { return }
        var position = 0
        while position < count {
            guard facts[position].flags & (Flag.initialCapital | Flag.allCapitals | Flag.innerCapital) != 0 else {
                position += 1
                continue
            }
            var end = position + 1
            while end < count {
                if facts[end].flags & (Flag.initialCapital | Flag.allCapitals) != 0 {
                    end += 1
                } else if facts[end].word & GazetteerIndex.connector != 0, end + 1 < count,
                    facts[end + 1].flags & Flag.initialCapital != 0
                {
                    end += 2
                } else {
                    break
                }
            }
            let head = UInt16(facts[position].word & 0x1C)  // title, organization head, place head
            let length = UInt16(min(end - position, 5))
            for inside in position..<end {
                let place = UInt16(min(inside - position, 3)) | (inside == end - 1 ? 4 : 0)
                facts[inside].run = 0x8000 | head << 8 | length << 4 | place
            }
            position = end
        }
    }

    /// The table slot of a feature: one multiply, top bits (the values are
    /// FNV hashes or small codes; the template number keeps templates apart).
    @inline(__always)
    static func slot(_ template: UInt64, _ value: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((value ^ (template &* 0xD6E8_FEB8_6659_FD93)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { (a &* 0xBF58_476D_1CE4_E5B9) ^ b }

    /// Calls `body` with the slot of every feature that depends on the token
    /// alone (and whether its sentence is caseless): the part of a token's
    /// score that a tagger can cache per word.
    @inline(__always)
    static func forEachWordFeature(_ fact: TokenFacts, caseless: Bool, shift: UInt64, _ body: (Int) -> Void) {
        let c: UInt64 = caseless ? 1 : 0
        let capital = UInt64(fact.flags & Flag.casing) | c << 3
        body(slot(1, c, shift: shift))
        body(slot(2, fact.lower, shift: shift))
        if !caseless { body(slot(3, fact.raw, shift: shift)) }
        body(slot(4, pair(fact.shape, c), shift: shift))
        body(slot(5, fact.prefix.0, shift: shift))
        body(slot(6, fact.prefix.1, shift: shift))
        body(slot(7, fact.prefix.2, shift: shift))
        body(slot(8, fact.prefix.3, shift: shift))
        body(slot(9, fact.suffix.0, shift: shift))
        body(slot(10, fact.suffix.1, shift: shift))
        body(slot(11, fact.suffix.2, shift: shift))
        body(slot(12, fact.suffix.3, shift: shift))
        body(slot(13, UInt64(fact.flags) | c << 20, shift: shift))
        body(slot(22, UInt64(fact.word) | capital << 8, shift: shift))
        body(slot(30, UInt64(fact.length) | capital << 8, shift: shift))
    }

    /// Calls `body` with the slot of every feature of token `i` that looks at
    /// its neighbours or its place in the sentence.
    @inline(__always)
    static func forEachContextFeature(
        _ facts: UnsafeBufferPointer<TokenFacts>, _ i: Int, caseless: Bool, shift: UInt64, _ body: (Int) -> Void
    ) {
        // Fields are read one by one: copying whole neighbours (a hundred
        // bytes each) showed in profiles.
        let count = facts.count
        let c: UInt64 = caseless ? 1 : 0
        let boundary: UInt64 = 0x5555
        let fact = facts[i]
        let hasPrevious = i > 0
        let hasNext = i + 1 < count
        let previousLower = hasPrevious ? facts[i - 1].lower : boundary
        let nextLower = hasNext ? facts[i + 1].lower : boundary
        let previousShape = hasPrevious ? facts[i - 1].shape : boundary
        let nextShape = hasNext ? facts[i + 1].shape : boundary
        let previousWord = hasPrevious ? facts[i - 1].word : 0x80
        let nextWord = hasNext ? facts[i + 1].word : 0x80
        let previousFlags = hasPrevious ? facts[i - 1].flags : 0x100
        let nextFlags = hasNext ? facts[i + 1].flags : 0x100
        let previousPhrase = hasPrevious ? facts[i - 1].phrase : 0xFF
        let nextPhrase = hasNext ? facts[i + 1].phrase : 0xFF
        let previousRun = hasPrevious ? facts[i - 1].run : 0
        let previous2Lower = i > 1 ? facts[i - 2].lower : boundary
        let previous2Word = i > 1 ? facts[i - 2].word : 0x80
        let next2Lower = i + 2 < count ? facts[i + 2].lower : boundary
        let capital = UInt64(fact.flags & Flag.casing) | c << 3
        body(slot(33, UInt64(fact.flags & Flag.casing) | (i == 0 ? 0x10 : 0) | c << 8, shift: shift))
        body(slot(14, previousLower, shift: shift))
        body(slot(15, nextLower, shift: shift))
        body(slot(16, previous2Lower, shift: shift))
        body(slot(17, next2Lower, shift: shift))
        body(slot(18, pair(pair(previousShape, fact.shape), c), shift: shift))
        body(slot(19, pair(pair(fact.shape, nextShape), c), shift: shift))
        body(slot(20, pair(previousLower, fact.lower), shift: shift))
        body(slot(21, pair(fact.lower, nextLower), shift: shift))
        body(slot(23, UInt64(previousWord & 0xFC) | capital << 8, shift: shift))
        body(slot(24, UInt64(previous2Word & 0xFC) | capital << 8, shift: shift))
        body(
            slot(
                25,
                UInt64(previousFlags & Flag.casing) << 16 | capital << 8
                    | UInt64(nextFlags & Flag.casing), shift: shift))
        body(slot(26, UInt64(previousWord & 3) << 8 | UInt64(nextWord & 3), shift: shift))
        body(slot(27, UInt64(fact.phrase) | capital << 8, shift: shift))
        body(slot(28, UInt64(previousPhrase) << 8 | UInt64(nextPhrase), shift: shift))
        if fact.run != 0 { body(slot(29, UInt64(fact.run), shift: shift)) }
        body(slot(31, pair(previousLower, nextLower), shift: shift))
        if fact.run != 0, hasPrevious, previousRun == 0 {
            body(slot(32, pair(previousLower, UInt64(fact.run)), shift: shift))
        }
    }

    // MARK: Word lists

    /// Words before a name that announce a person: forms of address, titles,
    /// ranks and offices (general knowledge of Indonesian usage).
    static let personTitles: [String] = [
        "bapak", "pak", "ibu", "bu", "saudara", "saudari", "sdr", "sdr.", "tuan", "nyonya", "nona", "presiden",
        "wapres", "wakil", "menteri", "menko", "gubernur", "wagub", "bupati", "wabup", "wali", "walikota", "wawali",
        "ketua", "kepala", "kabid", "kasi", "kasubag", "kabag", "kadis", "direktur", "dirut", "komisaris", "jenderal",
        "jendral", "kapolri", "kapolda", "kapolres", "kapolresta", "kapolsek", "kasat", "kasatreskrim", "kabareskrim",
        "kadiv", "kabid", "komjen", "irjen", "brigjen", "kombes", "akbp", "kompol", "akp", "iptu", "ipda", "aiptu",
        "aipda", "bripka", "brigadir", "briptu", "bripda", "letjen", "mayjen", "marsekal", "laksamana", "laksda",
        "kolonel", "letkol", "mayor", "kapten", "lettu", "letda", "serka", "serma", "sertu", "pratu", "panglima",
        "pangdam", "danrem", "dandim", "kasad", "kasal", "kasau", "pelatih", "juru", "jubir", "sekretaris", "sekjen",
        "sekda", "camat", "lurah", "kades", "dokter", "dr", "dr.", "drg", "drg.", "prof", "prof.", "profesor", "ustaz",
        "ustad", "ustadz", "kiai", "kyai", "habib", "haji", "hj", "hj.", "h", "h.", "ir", "ir.", "penyanyi", "aktris",
        "aktor", "artis", "pengamat", "peneliti", "dosen", "guru", "rektor", "dekan", "tersangka", "terdakwa",
        "terpidana", "korban", "pelaku", "anggota", "staf", "kakak", "adik", "ayah", "putra", "putri", "istri",
        "suami", "almarhum", "mendiang", "pol", "pol.", "ketum", "waketum", "plt", "plh", "pj", "kapten", "raja",
        "ratu", "pangeran", "sultan", "paus", "syekh", "gus", "mbak", "mas", "bang", "kak", "cak", "ning", "uda",
        "pdt", "pdt.", "romo", "pastor", "pendeta", "bhante", "ketut", "kanjeng",
    ]

    /// First words of organization names.
    static let organizationHeads: [String] = [
        "kementerian", "kemenkumham", "badan", "dinas", "komisi", "partai", "universitas", "pt", "pt.", "cv", "lembaga",
        "dewan", "majelis", "pengadilan", "kejaksaan", "kepolisian", "polda", "polres", "polresta", "polrestabes",
        "polsek", "pemerintah", "pemkot", "pemkab", "pemprov", "pemda", "bank", "perusahaan", "yayasan", "institut",
        "sekolah", "klub", "persatuan", "asosiasi", "himpunan", "ikatan", "koperasi", "kantor", "kanwil", "direktorat",
        "ditjen", "inspektorat", "biro", "pusat", "balai", "mahkamah", "sekretariat", "komite", "korps", "komando",
        "kodam", "korem", "kodim", "koramil", "lanud", "lantamal", "satuan", "detasemen", "federasi", "serikat",
        "gabungan", "perkumpulan", "organisasi", "kesatuan", "otoritas", "perum", "perseroan", "akademi", "politeknik",
        "stikes", "sma", "smp", "sd", "smk", "madrasah", "pesantren", "rsud", "rs", "puskesmas", "kamar", "front",
        "gerakan", "forum", "aliansi", "kejati", "kejari", "kemenag", "kemendagri", "kemenkes", "dprd", "kpu",
        "bawaslu", "tim", "satgas", "unit", "divisi", "bidang", "seksi", "subdit", "bagian", "markas", "mabes",
    ]

    /// First words of place names.
    static let placeHeads: [String] = [
        "kota", "kabupaten", "kab", "kab.", "provinsi", "prov", "prov.", "desa", "kecamatan", "kec", "kec.",
        "kelurahan", "kel", "kel.", "dusun", "kampung", "jalan", "jl", "jl.", "jln", "jln.", "gang", "gg", "gg.",
        "pulau", "pelabuhan", "bandara", "bandar", "stasiun", "terminal", "gunung", "sungai", "danau", "pantai",
        "teluk", "selat", "laut", "samudra", "samudera", "tanjung", "kawasan", "wilayah", "negara", "kepulauan",
        "gedung", "menara", "masjid", "gereja", "pura", "vihara", "klenteng", "pasar", "lapangan", "stadion",
        "taman", "hotel", "alun-alun", "tugu", "monumen", "museum", "benteng", "perumahan", "komplek", "kompleks",
        "blok", "rt", "rw", "dukuh", "nagari", "gampong", "distrik",
    ]

    /// Lowercase words that may join capitalized words of one name.
    static let connectors: [String] = [
        "dan", "&", "of", "the", "de", "van", "der", "von", "bin", "binti", "al", "el",
    ]
}
