import KutipCore
import KutipUnicode

/// Finds temporal expressions in a tokenized document and normalizes them to
/// TIMEX3 values, resolving relative and partial ones against the reference
/// date (`meta.published`, else the years the article mentions).
///
/// A hand-written recognizer over tokens: at each token it tries every
/// pattern and keeps the longest match. Patterns, in the words of
/// `ANNOTATION.md`: absolute dates (30 Januari 2023, 30/01/2023, Januari 2023,
/// tahun 2023, awal 2023), weekdays with or without a date in brackets,
/// relative days, weeks, months and years, "N unit lalu/lagi", times with
/// zones and parts of day, durations, sets, vague references, Hijri dates.
struct DateRecognizer {
    let lexicon: TemporalLexicon
    let source: SourceText
    let tokens: TokenList
    /// Lowercased text of the tokens that matter (temporal words, numbers,
    /// brackets and separators); `nil` for every other token.
    var words: [String?]
    /// Whether an expression may start at the token: numbers, temporal words
    /// and "(" or "/"; never other punctuation, which is kept only for look-ahead.
    var canStart: [Bool]
    /// The lexicon entry of each token's word (``TemporalLexicon/entryIndex(_:)``),
    /// -1 for none: found once per token, then every pattern's look-up is an index.
    var entries: [Int32]
    let reference: CivilDate?
    /// The latest year the text mentions, when there is no reference date.
    let textYear: Int?
    /// Whether `reference` is the publication date (not a year from the text).
    let hasPublished: Bool

    struct Match {
        var start: Int  // token index
        var end: Int  // token index, exclusive
        var type: TimexType
        var value: String
    }

    init(lexicon: TemporalLexicon, document: Document) {
        self.lexicon = lexicon
        self.source = document.source
        self.tokens = document.tokens ?? TokenList(source: document.source)
        let scalars = document.source.scalars
        var words = [String?](repeating: nil, count: tokens.count)
        var canStart = [Bool](repeating: false, count: tokens.count)
        var entries = [Int32](repeating: -1, count: tokens.count)
        var latestYear: Int?
        for index in tokens.indices {
            let start = tokens.start(index)
            let end = tokens.end(index)
            switch tokens.kind(index) {
            case .number:
                let text = document.source.slice(start, end)
                words[index] = text
                canStart[index] = true
                if end - start == 4, let year = Int(text), (1900...2100).contains(year) {
                    latestYear = max(latestYear ?? 0, year)
                }
            case .word, .abbreviation:
                if end - start <= 12, lexicon.mayContain(hash: tokens.foldedHash(index)) {
                    let word = document.source.slice(start, end).lowercased()
                    words[index] = word
                    if let entry = lexicon.entryIndex(word) {
                        entries[index] = Int32(entry)
                        canStart[index] = !lexicon.isContextOnly(entry: entry)
                    } else {
                        canStart[index] = true
                    }
                }
            case .punctuation, .symbol:
                if end - start == 1 {
                    words[index] = String(scalars[start])
                    canStart[index] = scalars[start] == "(" || scalars[start] == "/"
                }
            default:
                break
            }
        }
        self.words = words
        self.canStart = canStart
        self.entries = entries
        self.textYear = latestYear
        // Without a publication date, the guideline resolves against the
        // article's own dates: the end of the latest year it mentions.
        let published = document.meta.published.flatMap { CivilDate(iso: $0) }
        self.reference = published ?? latestYear.map { CivilDate(year: $0, month: 12, day: 31) }
        self.hasPublished = published != nil
    }

    /// Function words the patterns read before or after an expression
    /// ("yang lalu", "sejak 2010", "karena sebelumnya") but never at its start.
    static let contextOnlyWords: Set<String> = [
        "yang", "itu", "karena", "namun", "tapi", "tetapi", "bahkan", "hingga", "sampai", "sejak", "selama", "dalam",
        "terakhir", "teranyar", "genap", "ketika", "dekat", "lama", "hampir",
    ]

    /// Categories whose words only modify an expression that starts earlier:
    /// "dua orang", "usia 30", "pukul 10 WIB", "1440 H", "dua puluh", "tahun lalu",
    /// "pekan depan", "tahun ini".
    static let contextOnlyCategories = [
        "count-noun", "age", "zone", "hijri-marker", "multiplier", "past", "future", "this",
    ]
    static let startingCategories = [
        "month", "hijri-month", "weekday", "number", "vague-count", "unit", "one-unit", "day-offset", "part-of-day",
        "clock", "period-start", "period-mid", "period-end", "set-word", "present", "future-ref", "past-ref",
        "hijri-holiday",
    ]

    /// Whether `word` can never start an expression, so the patterns need not
    /// be tried there: the most frequent lexicon words ("yang", "ini", "orang")
    /// are of this kind. Only its look-arounds read it.
    static func contextOnly(_ word: String, _ lexicon: TemporalLexicon) -> Bool {
        if contextOnlyWords.contains(word) { return true }
        guard contextOnlyCategories.contains(where: { lexicon.contains($0, word) }) else { return false }
        return !startingCategories.contains { lexicon.contains($0, word) } && !lexicon.contains("word", word)
    }

    // MARK: Driver

    /// Every expression, in order, outside `boilerplate`.
    func recognize(skipping boilerplate: [Span]) -> [TemporalExpression] {
        var found: [TemporalExpression] = []
        var index = 0
        var boilerplateCursor = SpanCursor(boilerplate)
        var lastDate: (CivilDate, Int)?  // the last full date and the sentence-ish position, for bare times
        while index < tokens.count {
            let start = tokens.start(index)
            if boilerplateCursor.contains(start) {
                index += 1
                continue
            }
            guard canStart[index], var match = longestMatch(at: index, lastDate: lastDate) else {
                index += 1
                continue
            }
            // "Senin malam (26/9)", "hari ini (19/5)", "Jumat dini hari (13/1)": a day
            // with its part of day, then the date in brackets, is one expression
            // whose date is the bracket's.
            if match.type != .duration, match.end < tokens.count, isWord(match.end, "("),
                let bracket = calendarDate(at: match.end), bracket.value.count == 10
            {
                let partOfDay =
                    match.value.count > 10 && match.value.dropFirst(10).hasPrefix("T") ? match.value.dropFirst(10) : ""
                match = Match(start: match.start, end: bracket.end, type: match.type, value: bracket.value + partOfDay)
            }
            // "15 Juni (H - 10)": the count of days to Lebaran in brackets belongs to the date.
            if match.type == .date, match.end + 4 < tokens.count, isWord(match.end, "("),
                text(match.end + 1) == "H", ["-", "+"].contains(text(match.end + 2)),
                tokens.kind(match.end + 3) == .number, isWord(match.end + 4, ")")
            {
                match.end += 5
            }
            // Never run into boilerplate.
            if let limit = boilerplateCursor.nextStart {
                while match.end > match.start + 1, tokens.end(match.end - 1) > limit { match.end -= 1 }
            }
            let span = source.span(tokens.start(match.start), tokens.end(match.end - 1))
            found.append(TemporalExpression(span: span, type: match.type, value: match.value))
            if match.type == .date, match.value.count == 10, let date = CivilDate(iso: match.value) {
                lastDate = (date, match.end)
            }
            index = match.end
        }
        return found
    }

    func longestMatch(at index: Int, lastDate: (CivilDate, Int)?) -> Match? {
        var best: Match?
        func consider(_ candidate: Match?) {
            guard let candidate, candidate.end > (best?.end ?? index) else { return }
            best = candidate
        }
        consider(vague(at: index))
        consider(dayExpression(at: index))
        consider(calendarDate(at: index))
        consider(relative(at: index))
        consider(durationOrRelative(at: index))
        consider(setExpression(at: index))
        consider(hijri(at: index))
        if var time = clockTime(at: index, date: timeAnchor(before: index, lastDate: lastDate)) {
            // "pukul 20.00 WIB, Selasa (20/2)": the date that follows is the time's day.
            var next = time.end
            if isWord(next, ",") { next += 1 }
            if let day = dayExpression(at: next) ?? calendarDate(at: next), day.type == .date, day.value.count == 10,
                let clock = time.value.split(separator: "T").last
            {
                time = Match(start: index, end: day.end, type: .time, value: day.value + "T" + clock)
            }
            consider(time)
        }
        guard var match = best else { return nil }
        // A date followed by a part of day or a clock time becomes a time.
        if match.type == .date, let date = CivilDate(iso: match.value) {
            match = extendWithTime(match, date: date)
        }
        return match
    }

    // MARK: Token helpers

    func word(_ index: Int) -> String? { index >= 0 && index < tokens.count ? words[index] : nil }

    /// The value of token `index`'s word in `category`, as
    /// `lexicon.value(category, word(index))` without hashing the word again.
    func value(_ category: String, at index: Int) -> String? {
        guard index >= 0, index < tokens.count, entries[index] >= 0 else { return nil }
        return lexicon.value(category, entry: Int(entries[index]))
    }

    /// Whether token `index`'s word is listed in `category`.
    func has(_ category: String, at index: Int) -> Bool { value(category, at: index) != nil }

    func isWord(_ index: Int, _ candidates: String...) -> Bool {
        guard let word = word(index) else { return false }
        return candidates.contains(word)
    }

    /// The token's text whatever its kind (for the rare checks that need it).
    func text(_ index: Int) -> String {
        guard index >= 0, index < tokens.count else { return "" }
        return source.slice(tokens.start(index), tokens.end(index))
    }

    func adjacent(_ first: Int, _ second: Int) -> Bool { tokens.end(first) == tokens.start(second) }

    /// Whether token `index` opens a sentence or a line (so its capital says nothing).
    func startsSentence(_ index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = source.scalars[tokens.start(index - 1)]
        if previous == "." || previous == "!" || previous == "?" || previous == "\"" || previous == "“" { return true }
        return (tokens.end(index - 1)..<tokens.start(index)).contains { source.scalars[$0] == "\n" }
    }

    /// A count: digits ("2", "1,5"), number words ("dua puluh", "sebelas"), or a
    /// vague count ("beberapa", "puluhan"; value `nil`).
    func count(at index: Int) -> (value: Double?, end: Int)? {
        guard let first = word(index) else { return nil }
        if first.unicodeScalars.first?.isKutipDigit == true {
            guard first.unicodeScalars.allSatisfy({ $0.isKutipDigit || $0 == "," || $0 == "." }) else { return nil }
            let utf8 = first.utf8
            if utf8.contains(UInt8(ascii: ".")) && !utf8.contains(UInt8(ascii: ","))
                && first.split(separator: ".").last?.count == 3
            {
                return nil
            }  // 1.000 is a count, not a duration number
            guard let value = Double(first.replacingComma()) else { return nil }
            return (value, index + 1)
        }
        if has("vague-count", at: index) { return (nil, index + 1) }
        guard let unitValue = value("number", at: index).flatMap(Double.init) else { return nil }
        var value = unitValue
        var end = index + 1
        if let multiplier = word(end), let factor = self.value("multiplier", at: end).flatMap(Double.init) {
            value = multiplier == "belas" ? 10 + unitValue : unitValue * factor
            end += 1
            if multiplier == "puluh",
                let ones = self.value("number", at: end).flatMap(Double.init), ones < 10
            {
                value += ones
                end += 1
            }
        }
        return (value, end)
    }

    // MARK: Patterns

    /// saat ini, kini, sekarang, beberapa waktu lalu, ke depan, nanti …
    func vague(at index: Int) -> Match? {
        guard let first = word(index) else { return nil }
        if let value = value("present", at: index) {
            return Match(start: index, end: index + 1, type: .date, value: value)
        }
        if let value = value("future-ref", at: index) {
            return Match(start: index, end: index + 1, type: .date, value: value)
        }
        if let value = value("past-ref", at: index) {
            // An adverb ("Sebelumnya, …", "karena sebelumnya saya …"), not an
            // adjective ("pemerintahan sebelumnya") or a shift ("sehari sebelumnya").
            let capitalized = source.scalars[tokens.start(index)].isKutipUppercase
            let nextText = index + 1 < tokens.count ? text(index + 1).lowercased() : ""
            let beforeVerb = ["me", "di", "ber", "ter", "telah", "sudah", "pernah", "sempat"].contains {
                nextText.hasPrefix($0)
            }
            let adverbial =
                capitalized || beforeVerb
                || isWord(index - 1, "karena", "dan", "namun", "tapi", "tetapi", "bahkan", "yang")
            guard adverbial else { return nil }
            return Match(start: index, end: index + 1, type: .date, value: value)
        }
        switch first {
        case "baru-baru":
            if isWord(index + 1, "ini") {
                return Match(start: index, end: index + 2, type: .date, value: "PAST_REF")
            }
        case "saat", "dewasa", "belakangan", "akhir-akhir":
            if isWord(index + 1, "ini") {
                return Match(start: index, end: index + 2, type: .date, value: "PRESENT_REF")
            }
        case "suatu":
            if isWord(index + 1, "ketika") {
                return Match(start: index, end: index + 2, type: .date, value: "PAST_REF")
            }
            if isWord(index + 1, "saat") {
                return Match(start: index, end: index + 2, type: .date, value: "FUTURE_REF")
            }
        case "untuk":
            if index + 1 < tokens.count, text(index + 1).lowercased() == "sementara" {
                return Match(start: index + 1, end: index + 2, type: .date, value: "PRESENT_REF")
            }
        case "sepanjang":
            if let unit = value("unit", at: index + 1), unit != "H", unit != "MIN",
                unit != "S",
                !isWord(index + 2, "ini", "lalu", "depan", "mendatang")
            {
                return Match(start: index + 1, end: index + 2, type: .duration, value: "P1" + unit)
            }
        case "pada":
            // "pada malam hari": the publication day's part.
            if let part = value("part-of-day", at: index + 1), isWord(index + 2, "hari"),
                let reference, hasPublished
            {
                return Match(start: index + 1, end: index + 3, type: .time, value: reference.iso + "T" + part)
            }
        case "waktu":
            if isWord(index + 1, "dekat") {
                let end = isWord(index + 2, "ini") ? index + 3 : index + 2
                return Match(start: index, end: end, type: .date, value: "FUTURE_REF")
            }
        case "beberapa":
            if isWord(index + 1, "waktu"), isWord(index + 2, "lalu", "silam") {
                return Match(start: index, end: index + 3, type: .date, value: "PAST_REF")
            }
        case "belum":
            if isWord(index + 1, "lama"), isWord(index + 2, "ini") {
                return Match(start: index, end: index + 3, type: .date, value: "PAST_REF")
            }
        case "ke":
            if isWord(index + 1, "depan") {
                // "20 hari ke depan" belongs to the duration before it.
                if index > 0, has("unit", at: index - 1) { return nil }
                return Match(start: index, end: index + 2, type: .date, value: "FUTURE_REF")
            }
            if index + 1 < tokens.count, text(index + 1).lowercased() == "depannya" {
                return Match(start: index, end: index + 2, type: .date, value: "FUTURE_REF")
            }
        case "masa":
            if isWord(index + 1, "depan", "mendatang") {
                return Match(start: index, end: index + 2, type: .date, value: "FUTURE_REF")
            }
            if isWord(index + 1, "lalu") { return Match(start: index, end: index + 2, type: .date, value: "PAST_REF") }
        default:
            break
        }
        return nil
    }

    /// Senin, Senin (30/1), Senin (30/01/2023), Senin, 30 Januari 2023, Rabu lalu, Kamis depan.
    func dayExpression(at index: Int) -> Match? {
        // "hari Kamis": the word "hari" before a day name belongs to it.
        if word(index) == "hari", let day = dayExpression(at: index + 1) {
            return Match(start: index, end: day.end, type: day.type, value: day.value)
        }
        guard let first = word(index), let weekdayText = value("weekday", at: index), let weekday = Int(weekdayText)
        else { return nil }
        // "minggu" in lowercase is the week, not Sunday.
        if first == "minggu", let scalar = source.scalars[tokens.start(index)...].first, scalar.isKutipLowercase {
            return nil
        }
        var next = index + 1
        if isWord(next, ",") { next += 1 }
        // A date in brackets or written out after the day name.
        if isWord(next, "(") {
            if let (day, month, year, end) = numericDate(at: next + 1), isWord(end, ")") {
                guard let value = resolve(day: day, month: month, year: year, weekday: weekday) else { return nil }
                return Match(start: index, end: extendModifier(end + 1), type: .date, value: value)
            }
        }
        if let written = calendarDate(at: next), written.type == .date,
            written.value.count == 10 || written.value.hasPrefix("XXXX")
        {
            // A year inferred without the weekday is inferred again with it; a
            // written year stands even when the weekday disagrees (a typo).
            let yearWritten = (next..<written.end).contains {
                tokens.kind($0) == .number && tokens.end($0) - tokens.start($0) >= 4
            }
            if !yearWritten, let date = CivilDate(iso: written.value), date.weekday != weekday,
                let (day, month) = dayMonth(of: written),
                let value = resolve(day: day, month: month, year: nil, weekday: weekday)
            {
                return Match(start: index, end: written.end, type: .date, value: value)
            }
            return Match(start: index, end: written.end, type: .date, value: written.value)
        }
        // A bare weekday: the nearest such day before the reference (or after, with "depan").
        // A capitalized word right before it makes it a name: "Pasar Kamis", "Jalan Jumat".
        if index > 0, tokens.end(index - 1) + 1 == tokens.start(index), tokens.kind(index - 1) == .word,
            source.scalars[tokens.start(index - 1)].isKutipUppercase, !isWord(index - 1, "pada", "hari")
        {
            return nil
        }
        guard let reference, hasPublished else {
            return Match(start: index, end: index + 1, type: .date, value: "XXXX-WXX-\(weekday)")
        }
        var end = index + 1
        var direction = -1
        if isWord(end, "lalu", "kemarin") {
            end += 1
        } else if isWord(end, "depan", "mendatang", "nanti") {
            direction = 1
            end += 1
        } else if isWord(end, "ini") {
            end += 1
            direction = 0
        }
        var offset = weekday - reference.weekday
        if direction < 0 {
            if offset > 0 { offset -= 7 }
            if isWord(index + 1, "lalu"), offset == 0 { offset = -7 }
        } else if direction > 0 {
            if offset <= 0 { offset += 7 }
        }
        return Match(start: index, end: end, type: .date, value: reference.adding(days: offset).iso)
    }

    /// "30/1", "30/01/2023", "30-1-2023", "2023-01-30" in one token.
    func numericDate(at index: Int) -> (day: Int, month: Int, year: Int?, end: Int)? {
        guard let text = word(index), tokens.kind(index) == .number else { return nil }
        let separator: Character = text.utf8.contains(UInt8(ascii: "/")) ? "/" : "-"
        guard text.utf8.contains(UInt8(ascii: "/")) || text.utf8.contains(UInt8(ascii: "-")) else { return nil }
        let parts = text.split(separator: separator).map { Int($0) }
        guard parts.count >= 2, parts.count <= 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        let numbers = parts.map { $0! }
        if numbers.count == 3, numbers[0] >= 1000 {
            guard CivilDate.isValid(year: numbers[0], month: numbers[1], day: numbers[2]) else { return nil }
            return (numbers[2], numbers[1], numbers[0], index + 1)
        }
        guard (1...31).contains(numbers[0]), (1...12).contains(numbers[1]) else { return nil }
        if numbers.count == 3 {
            var year = numbers[2]
            if year < 100 { year += 2000 }
            guard (1900...2100).contains(year), CivilDate.isValid(year: year, month: numbers[1], day: numbers[0]) else {
                return nil
            }
            return (numbers[0], numbers[1], year, index + 1)
        }
        // "30/1" alone needs a bracket or a weekday to be a date; callers check.
        guard separator == "/" else { return nil }
        return (numbers[0], numbers[1], nil, index + 1)
    }

    func dayMonth(of match: Match) -> (Int, Int)? {
        let parts = match.value.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        return (day, month)
    }

    /// 30 Januari 2023, 30 Jan, Januari 2023, tahun 2023, 2023, awal 2023,
    /// 30/01/2023, (26/7), tanggal 19 April 2017, 2024 mendatang.
    func calendarDate(at index: Int) -> Match? {
        guard let first = word(index) else { return nil }
        var start = index
        var cursor = index
        if first == "tanggal" || first == "tgl" {
            cursor += 1
        } else if first == "bulan", has("month", at: index + 1) {
            // "bulan Juni": the head noun joins the span, as in "bulan Ramadan".
            cursor += 1
        }
        // "3 - 4 Oktober 2017": a range of days is valued by its first day.
        if let firstDay = word(cursor).flatMap(Int.init), (1...31).contains(firstDay), isWord(cursor + 1, "-"),
            let secondDay = word(cursor + 2).flatMap(Int.init), (1...31).contains(secondDay), secondDay > firstDay,
            let month = value("month", at: cursor + 3).flatMap(Int.init)
        {
            var end = cursor + 4
            var year: Int?
            if let yearText = word(end), yearText.count == 4, let value = Int(yearText), (1900...2100).contains(value) {
                year = value
                end += 1
            }
            if let value = resolve(day: firstDay, month: month, year: year, weekday: nil) {
                return Match(start: start, end: extendModifier(end), type: .date, value: value)
            }
        }
        var periodPrefix = false
        if has("period-start", at: index) || has("period-mid", at: index)
            || has("period-end", at: index)
        {
            cursor += 1
            periodPrefix = true
            if isWord(cursor, "tahun", "bulan")
                && (word(cursor + 1)?.first?.isNumber == true
                    || has("month", at: cursor + 1))
            {
                cursor += 1
            }
        }
        // Bracketed numeric date: (26/7)
        if isWord(cursor, "("), let (day, month, year, end) = numericDate(at: cursor + 1), isWord(end, ")"),
            !periodPrefix
        {
            guard let value = resolve(day: day, month: month, year: year, weekday: nil) else { return nil }
            return Match(start: start, end: end + 1, type: .date, value: value)
        }
        if let (day, month, year, end) = numericDate(at: cursor), year != nil, !periodPrefix {
            return Match(
                start: start, end: end, type: .date,
                value: resolve(day: day, month: month, year: year, weekday: nil) ?? "")
        }
        // Day number, month name, year.
        if let dayText = word(cursor), let day = Int(dayText), (1...31).contains(day), dayText.count <= 2,
            let month = value("month", at: cursor + 1).flatMap(Int.init)
        {
            var end = cursor + 2
            // "Jan." takes its period; a month written out does not ("pada 1 Juli.").
            if isWord(end, "."), adjacent(end - 1, end), !Self.fullMonthNames.contains(word(end - 1) ?? "") {
                end += 1
            }
            var year: Int?
            if let yearText = word(end), let value = Int(yearText), yearText.count == 4, (1900...2100).contains(value) {
                year = value
                end += 1
            }
            guard let value = resolve(day: day, month: month, year: year, weekday: nil) else { return nil }
            return Match(start: start, end: extendModifier(end), type: .date, value: value)
        }
        // Month name and year, or a month name alone (capitalized, to avoid "mei" the word … it is only a month).
        if let monthWord = word(cursor), let month = value("month", at: cursor).flatMap(Int.init),
            monthWord.count >= 4 || source.scalars[tokens.start(cursor)].isKutipUppercase
        {
            if let yearText = word(cursor + 1), let year = Int(yearText), yearText.count == 4,
                (1900...2100).contains(year)
            {
                return Match(
                    start: start, end: extendModifier(cursor + 2), type: .date,
                    value: CivilDate(year: year, month: month, day: 1).isoMonth)
            }
            // "Juni (2022)"
            if isWord(cursor + 1, "("), let yearText = word(cursor + 2), let year = Int(yearText), yearText.count == 4,
                (1900...2100).contains(year), isWord(cursor + 3, ")")
            {
                return Match(
                    start: start, end: cursor + 4, type: .date,
                    value: CivilDate(year: year, month: month, day: 1).isoMonth)
            }
            // A month alone must be a capitalized month name written out: "Agus"
            // or "Mar" alone is a name or a word, not August or March.
            guard Self.fullMonthNames.contains(monthWord), source.scalars[tokens.start(cursor)].isKutipUppercase
            else { return nil }
            guard var year = yearFor(month: month) else { return nil }
            var end = cursor + 1
            if isWord(end, "tahun"), isWord(end + 1, "ini", "lalu", "depan"), let reference, hasPublished {
                // "Juni tahun ini", "Maret tahun lalu": the month of the year named.
                year = reference.year + (isWord(end + 1, "ini") ? 0 : isWord(end + 1, "lalu") ? -1 : 1)
                end += 2
            } else if isWord(end, "lalu", "ini", "depan", "mendatang", "nanti") {
                // "Januari lalu" in a January article is last year's; "Juni depan" in June, next year's.
                if let reference, hasPublished {
                    if isWord(end, "lalu") {
                        year = month < reference.month ? reference.year : reference.year - 1
                    } else if isWord(end, "ini") {
                        year = reference.year
                    } else if isWord(end, "nanti") {
                        // "Desember nanti" written in December: later this month.
                        year = month >= reference.month ? reference.year : reference.year + 1
                    } else {
                        year = month > reference.month ? reference.year : reference.year + 1
                    }
                }
                end += 1
            }
            return Match(
                start: start, end: end, type: .date, value: CivilDate(year: year, month: month, day: 1).isoMonth)
        }
        // "awal tahun ini", "akhir tahun lalu", "awal tahun" (any year).
        if periodPrefix, isWord(index + 1, "tahun", "bulan") {
            let unit = word(index + 1)!
            if let modifier = word(index + 2),
                modifier == "ini" || lexicon.contains("past", modifier) || modifier == "depan"
            {
                let step = modifier == "ini" ? 0 : (modifier == "depan" ? 1 : -1)
                guard let reference else { return nil }
                let value = unit == "tahun" ? String(reference.year + step) : reference.adding(months: step).isoMonth
                return Match(start: index, end: index + 3, type: .date, value: value)
            }
            if unit == "tahun", word(index + 2).flatMap(Int.init) == nil {
                return Match(start: index, end: index + 2, type: .date, value: "XXXX")
            }
        }
        // "akhir pekan ini": a weekend.
        if first == "akhir", isWord(index + 1, "pekan", "minggu"), let reference, let modifier = word(index + 2) {
            let step =
                modifier == "ini"
                ? 0 : (modifier == "depan" ? 1 : (lexicon.contains("past", modifier) ? -1 : nil)) ?? 99
            if step != 99 {
                return Match(
                    start: index, end: index + 3, type: .date,
                    value: reference.adding(days: 7 * step).isoWeekString + "-WE")
            }
        }
        // tahun 2023, musim 2017, 2023, awal 2023
        if (first == "tahun" || first == "musim") && !periodPrefix {
            start = index
            cursor = index + 1
        }
        if let yearText = word(cursor), yearText.count == 4, let year = Int(yearText), (1900...2100).contains(year) {
            if isLawYear(cursor) || isCount(cursor) { return nil }
            if cursor == index, word(index - 1) == "tahun" { return nil }  // handled from "tahun"
            if first == "tahun" || first == "musim" || periodPrefix || cursor == index {
                var end = cursor + 1
                // "2016 - 2017", "2016/2017": a season or span, valued by its first year.
                if isWord(end, "-", "/"), let nextText = word(end + 1), nextText.count == 4, let next = Int(nextText),
                    next == year + 1
                {
                    end += 2
                }
                return Match(start: start, end: extendModifier(end), type: .date, value: String(year))
            }
        }
        return nil
    }

    /// "2024 mendatang", "2023 lalu", "18 Mei nanti", "Sabtu (28/10) kemarin":
    /// the modifier joins the span ("ini" after a year is left out, as in "2017 ini").
    func extendModifier(_ end: Int) -> Int {
        isWord(end, "mendatang", "lalu", "silam", "nanti", "kemarin") ? end + 1 : end
    }

    /// A year in a law's identifier: "No.5 Tahun 2014", "Nomor 12 Tahun 2011", "UU 2/2002".
    func isLawYear(_ index: Int) -> Bool {
        guard word(index - 1) == "tahun" else { return false }
        let number = index - 2
        guard number >= 0, tokens.kind(number) == .number else { return false }
        let before = text(max(0, number - 1)).lowercased()
        return before.hasPrefix("no") || before == "nomor" || before == "uu" || before == "pp" || before == "perpres"
            || before == "perda"
    }

    /// "2023 orang", "Rp 2023": a count or an amount, not a year.
    func isCount(_ index: Int) -> Bool {
        if index > 0 {
            let before = text(index - 1)
            if before == "Rp" || before == "Rp." || before == "$" || before == "US$" { return true }
        }
        if index + 1 < tokens.count, lexicon.contains("count-noun", text(index + 1).lowercased()) { return true }
        return false
    }

    /// kemarin, hari ini, besok, lusa, kemarin lusa, tadi pagi, semalam,
    /// pekan lalu, bulan depan, tahun ini.
    func relative(at index: Int) -> Match? {
        guard let first = word(index) else { return nil }
        if first == "hari", isWord(index + 1, "ini"), let reference {
            return Match(start: index, end: index + 2, type: .date, value: reference.iso)
        }
        if first == "kemarin", isWord(index + 1, "lusa"), let reference {
            return Match(start: index, end: index + 2, type: .date, value: reference.adding(days: -2).iso)
        }
        if let offset = value("day-offset", at: index).flatMap(Int.init), let reference {
            // "esok" only with "hari": "esok hari".
            if first == "esok" && !isWord(index + 1, "hari") { return nil }
            let end = first == "esok" ? index + 2 : index + 1
            return Match(start: index, end: end, type: .date, value: reference.adding(days: offset).iso)
        }
        // tadi pagi / pagi tadi / pagi ini / nanti malam / malam tadi / semalam
        if let reference {
            if first == "tadi", let part = value("part-of-day", at: index + 1) {
                return Match(start: index, end: index + 2, type: .time, value: reference.iso + "T" + part)
            }
            if first == "nanti", let part = value("part-of-day", at: index + 1) {
                return Match(start: index, end: index + 2, type: .time, value: reference.iso + "T" + part)
            }
            if let part = value("part-of-day", at: index), first != "dini" {
                if isWord(index + 1, "tadi", "ini") {
                    // "malam tadi" is last night.
                    let day = first == "malam" && isWord(index + 1, "tadi") ? reference.adding(days: -1) : reference
                    return Match(start: index, end: index + 2, type: .time, value: day.iso + "T" + part)
                }
            }
            if first == "semalam" {
                return Match(start: index, end: index + 1, type: .time, value: reference.adding(days: -1).iso + "TNI")
            }
        }
        // pekan/minggu/bulan/tahun lalu/ini/depan
        // A sports season ("musim lalu", "musim ini") is valued by the year it starts.
        guard first == "pekan" || first == "minggu" || first == "bulan" || first == "tahun" || first == "musim",
            let reference
        else {
            return nil
        }
        // "46 tahun ini" is an age, not this year.
        if index > 0, tokens.kind(index - 1) == .number { return nil }
        guard let modifier = word(index + 1) else { return nil }
        var step: Int
        if lexicon.contains("past", modifier), modifier != "sebelumnya" {
            step = -1
        } else if modifier == "depan" || modifier == "mendatang" {
            step = 1
        } else if modifier == "ini" {
            step = 0
        } else {
            return nil
        }
        var end = index + 2
        if step == -1, isWord(index + 1, "yang"), isWord(index + 2, "lalu") { end = index + 3 }
        switch first {
        case "pekan", "minggu":
            return Match(start: index, end: end, type: .date, value: reference.adding(days: 7 * step).isoWeekString)
        case "bulan":
            return Match(start: index, end: end, type: .date, value: reference.adding(months: step).isoMonth)
        default:
            return Match(start: index, end: end, type: .date, value: String(reference.year + step))
        }
    }

    /// "dua tahun" (P2Y), "selama tiga bulan", "sepekan" (P1W), "dua hari lalu"
    /// (a date), "10 tahun lagi" (a year).
    func durationOrRelative(at index: Int) -> Match? {
        guard word(index) != nil else { return nil }
        var amount: Double?
        var vagueAmount = false
        var unitIndex: Int
        if let unit = value("one-unit", at: index) {
            if unit == "NIGHT" { return nil }
            if index > 0, isWord(index - 1, "hampir") {
                return finishDuration(start: index - 1, unitEnd: index + 1, amount: 1, vague: false, unit: unit)
            }
            amount = 1
            unitIndex = index
            return finishDuration(start: index, unitEnd: index + 1, amount: amount, vague: false, unit: unit)
        }
        guard let (value, end) = count(at: index) else { return nil }
        amount = value
        vagueAmount = value == nil
        unitIndex = end
        // Ages are not durations: "usia 15 - 24 tahun", "berusia 46 tahun", "genap 20 tahun", "32 tahun ini".
        for back in 1...3 where index - back >= 0 {
            if lexicon.contains("age", text(index - back).lowercased()) || isWord(index - back, "genap") { return nil }
        }
        guard let unitWord = word(unitIndex), let unit = self.value("unit", at: unitIndex) else { return nil }
        if unit == "Y", isWord(unitIndex + 1, "ini", "itu") { return nil }  // an age: "Bek 32 tahun ini"
        // An age in brackets after a name: "Corentin Tolisso (22 tahun)".
        if unit == "Y", index > 1, isWord(index - 1, "("), isWord(unitIndex + 1, ")"),
            source.scalars[tokens.start(index - 2)].isKutipUppercase
        {
            return nil
        }
        // An age after a name or initials: "saudara SD 27 tahun".
        if unit == "Y", index > 0, tokens.kind(index - 1) == .word || tokens.kind(index - 1) == .abbreviation,
            source.scalars[tokens.start(index - 1)].isKutipUppercase,
            !startsSentence(index - 1), !isWord(index - 1, "selama", "dalam", "sejak", "hingga", "sampai")
        {
            return nil
        }
        // "No.5 Tahun 2014": a law's number and year.
        if unitWord == "tahun", let next = word(unitIndex + 1), next.count == 4, Int(next) != nil { return nil }
        // "jam 10": a clock time, not hours.
        if unit == "H", unitWord == "jam", word(unitIndex + 1)?.first?.isNumber == true { return nil }
        // "menit ke-90" and "hari ke-3" are ordinals.
        if text(unitIndex + 1).lowercased().hasPrefix("ke-") { return nil }
        return finishDuration(start: index, unitEnd: unitIndex + 1, amount: amount, vague: vagueAmount, unit: unit)
    }

    func finishDuration(start: Int, unitEnd: Int, amount: Double?, vague: Bool, unit: String) -> Match? {
        var end = unitEnd
        // Rates: "3% satu bulan", "5 persen setahun" (per month, per year) and
        // "sehari 3 kali", "sehari tiga" (a day) are sets, not durations.
        if amount == 1 {
            let before = text(start - 1)
            if before == "%" || before.lowercased() == "persen" {
                return Match(start: start, end: end, type: .set, value: "P1" + unit)
            }
            if end - start == 1, unit == "D", let next = word(end),
                next.first?.isNumber == true || lexicon.contains("number", next)
            {
                return Match(start: start, end: end, type: .set, value: "P1D")
            }
        }
        // "tiga musim terakhir": the last N units, a duration.
        if isWord(end, "terakhir", "teranyar") { end += 1 }
        // The "-nya" or relative word after the unit.
        if let next = word(end) {
            if lexicon.contains("past", next) || (next == "yang" && isWord(end + 1, "lalu")) {
                end += next == "yang" ? 2 : 1
                return relativeShift(start: start, end: end, amount: amount, unit: unit, sign: -1)
            }
            if next == "lagi" || next == "mendatang" {
                end += 1
                return relativeShift(start: start, end: end, amount: amount, unit: unit, sign: 1)
            }
            // "20 tahun ke depan" is the year ahead; after "selama"/"dalam" it is the coming period.
            if next == "ke" && isWord(end + 1, "depan") {
                end += 2
                if !isWord(start - 1, "selama", "dalam", "untuk") {
                    return relativeShift(start: start, end: end, amount: amount, unit: unit, sign: 1)
                }
            }
        }
        guard !vague, let amount else {
            return Match(start: start, end: end, type: .duration, value: durationValue(nil, unit))
        }
        return Match(start: start, end: end, type: .duration, value: durationValue(amount, unit))
    }

    func durationValue(_ amount: Double?, _ unit: String) -> String {
        let clock = unit == "H" || unit == "MIN" || unit == "S"
        let letter = unit == "MIN" ? "M" : unit
        guard let amount else { return clock ? "PTX\(letter)" : "PX\(letter)" }
        if amount != amount.rounded() {
            // "1,5 tahun" = 18 months; other fractions keep a decimal.
            if unit == "Y", (amount * 12).rounded() == amount * 12 { return "P\(Int(amount * 12))M" }
            return (clock ? "PT" : "P") + String(amount) + letter
        }
        return (clock ? "PT" : "P") + String(Int(amount)) + letter
    }

    func relativeShift(start: Int, end: Int, amount: Double?, unit: String, sign: Int) -> Match? {
        guard let reference else { return nil }
        guard let amount, amount == amount.rounded() else {
            return Match(start: start, end: end, type: .date, value: sign < 0 ? "PAST_REF" : "FUTURE_REF")
        }
        let count = Int(amount) * sign
        switch unit {
        case "D": return Match(start: start, end: end, type: .date, value: reference.adding(days: count).iso)
        case "W":
            return Match(start: start, end: end, type: .date, value: reference.adding(days: 7 * count).isoWeekString)
        case "M": return Match(start: start, end: end, type: .date, value: reference.adding(months: count).isoMonth)
        case "Y": return Match(start: start, end: end, type: .date, value: String(reference.year + count))
        case "DE":
            return Match(start: start, end: end, type: .date, value: String((reference.year + 10 * count) / 10) + "X")
        default: return Match(start: start, end: end, type: .date, value: sign < 0 ? "PAST_REF" : "FUTURE_REF")
        }
    }

    /// setiap tahun, tiap Senin, per hari, setiap tahunnya.
    func setExpression(at index: Int) -> Match? {
        guard let first = word(index), index + 1 < tokens.count else { return nil }
        // "setahunnya", "sebulannya": per year, per month.
        if first.hasSuffix("nya"), let unit = lexicon.value("one-unit", String(first.dropLast(3))), unit != "NIGHT" {
            return Match(start: index, end: index + 1, type: .set, value: "P1" + unit)
        }
        // "Rp 64 triliun / tahun": a rate after an amount.
        if first == "/", index > 0, tokens.kind(index - 1) == .word || tokens.kind(index - 1) == .number,
            let unit = lexicon.value("unit", text(index + 1).lowercased()), unit != "H", unit != "MIN", unit != "S"
        {
            return Match(start: index, end: index + 2, type: .set, value: "P1" + unit)
        }
        if first == "per", isWord(index + 1, "musim") {
            return Match(start: index, end: index + 2, type: .set, value: "P1Y")
        }
        guard has("set-word", at: index) else { return nil }
        var unitText = text(index + 1).lowercased()
        if unitText.hasSuffix("nya") { unitText.removeLast(3) }
        if let unit = lexicon.value("unit", unitText) {
            let letter = unit == "MIN" ? "M" : unit
            let clock = unit == "H" || unit == "MIN" || unit == "S"
            return Match(start: index, end: index + 2, type: .set, value: (clock ? "PT1" : "P1") + letter)
        }
        if first != "per", let weekday = lexicon.value("weekday", unitText) {
            return Match(start: index, end: index + 2, type: .set, value: "XXXX-WXX-\(weekday)")
        }
        return nil
    }

    /// 1 Ramadan 1444 H, Idul Fitri 1444 H.
    /// A Hijri holiday named without a year ("Lebaran", "usai Lebaran tahun
    /// lalu"): the Gregorian date of the nearest one to the reference, the last
    /// one before it with "lalu", that of the year before with "tahun lalu".
    func holidayWithoutYear(start: Int, nameEnd: Int, month: Int, day: Int, reference: CivilDate) -> Match? {
        var end = nameEnd
        var target = reference
        var pastOnly = false
        if isWord(end, "tahun"), isWord(end + 1, "lalu") {
            target = reference.adding(months: -12)
            end += 2
        } else if isWord(end, "tahun"), isWord(end + 1, "ini") {
            // "Lebaran tahun ini": this year's, the modifier inside the span.
            end += 2
        } else if isWord(end, "tahun"), isWord(end + 1, "depan") {
            target = reference.adding(months: 12)
            end += 2
        } else if isWord(end, "lalu") {
            pastOnly = true
            end += 1
        }
        let estimate = (target.year - 622) * 33 / 32
        var best: (distance: Int, date: CivilDate)?
        for hijriYear in (estimate - 1)...(estimate + 2) {
            guard let gregorian = IslamicCalendar.gregorian(year: hijriYear, month: month, day: day) else { continue }
            let date = CivilDate(year: gregorian.year, month: gregorian.month, day: gregorian.day)
            let distance = date.daysSinceEpoch - target.daysSinceEpoch
            if pastOnly, distance > 0 { continue }
            if best == nil || abs(distance) < best!.distance { best = (abs(distance), date) }
        }
        guard let best else { return nil }
        return Match(start: start, end: end, type: .date, value: best.date.iso)
    }

    func hijri(at index: Int) -> Match? {
        guard let first = word(index) else { return nil }
        var cursor = index
        var day = 1
        var month: Int?
        if let value = Int(first), (1...30).contains(value), first.count <= 2 {
            day = value
            cursor += 1
        }
        if first == "bulan", cursor == index { cursor += 1 }
        guard let name = word(cursor) else { return nil }
        var nameEnd = cursor + 1
        if let value = lexicon.value("hijri-month", name).flatMap(Int.init) {
            month = value
        } else if let second = word(cursor + 1),
            let value = lexicon.value("hijri-month", name + " " + second).flatMap(Int.init)
        {
            month = value
            nameEnd = cursor + 2
        } else if cursor == index {
            let holiday =
                lexicon.value("hijri-holiday", name)
                ?? word(cursor + 1).flatMap { lexicon.value("hijri-holiday", name + " " + $0) }
            guard let holiday else { return nil }
            if lexicon.value("hijri-holiday", name) == nil { nameEnd = cursor + 2 }
            let parts = holiday.split(separator: "-").compactMap { Int($0) }
            month = parts[0]
            day = parts[1]
        }
        guard let month else { return nil }
        guard let yearText = word(nameEnd), let year = Int(yearText), (1300...1600).contains(year) else {
            // "Ramadan", "bulan Ramadan", "Ramadan lalu" with no year: the
            // Gregorian year of the nearest Ramadan (the last one for "lalu").
            // "Lebaran", "Idul Fitri" with no year: the nearest one's Gregorian date.
            // "Lebaran Idul Fitri 1444 H": the holiday named again with its year dates it.
            var namedAgain = false
            if let next = word(nameEnd) {
                namedAgain = lexicon.value("hijri-holiday", next) != nil
                if !namedAgain, let second = word(nameEnd + 1) {
                    namedAgain = lexicon.value("hijri-holiday", next + " " + second) != nil
                }
            }
            if month != 9, cursor == index, !namedAgain, source.scalars[tokens.start(cursor)].isKutipUppercase,
                let reference
            {
                return holidayWithoutYear(start: index, nameEnd: nameEnd, month: month, day: day, reference: reference)
            }
            guard month == 9, day == 1, cursor == index || isWord(index, "bulan"),
                source.scalars[tokens.start(cursor)].isKutipUppercase, let reference
            else { return nil }
            let past = isWord(nameEnd, "lalu")
            let estimate = (reference.year - 622) * 33 / 32
            var best: (distance: Int, year: Int)?
            for hijriYear in (estimate - 1)...(estimate + 2) {
                guard let start = IslamicCalendar.gregorian(year: hijriYear, month: 9, day: 1) else { continue }
                let date = CivilDate(year: start.year, month: start.month, day: start.day)
                let distance = date.daysSinceEpoch - reference.daysSinceEpoch
                if past, distance > 0 { continue }
                if best == nil || abs(distance) < best!.distance { best = (abs(distance), start.year) }
            }
            guard let best else { return nil }
            return Match(start: index, end: past ? nameEnd + 1 : nameEnd, type: .date, value: String(best.year))
        }
        var end = nameEnd + 1
        if has("hijri-marker", at: end) {
            end += 1
        } else if lexicon.contains("hijri-marker", text(end).lowercased()) {
            end += 1
        }
        guard let gregorian = IslamicCalendar.gregorian(year: year, month: month, day: day) else { return nil }
        let date = CivilDate(year: gregorian.year, month: gregorian.month, day: gregorian.day)
        return Match(start: index, end: end, type: .date, value: date.iso)
    }

    /// The date a bare clock time is on: a full date earlier in the same
    /// sentence, else the reference date.
    func timeAnchor(before index: Int, lastDate: (CivilDate, Int)?) -> CivilDate? {
        if let (date, end) = lastDate, index - end < 25 { return date }
        return reference
    }

    /// pukul 10.00 WIB, jam 14:30 WITA, 09.15 WIT.
    func clockTime(at index: Int, date: CivilDate?) -> Match? {
        guard word(index) != nil else { return nil }
        var cursor = index
        let marked = has("clock", at: index)
        if marked { cursor += 1 }
        guard case (var hour, let minute)? = clock(at: cursor) else { return nil }
        var end = cursor + 1
        var zone = false
        if has("zone", at: end) {
            end += 1
            zone = true
        }
        guard marked || zone else { return nil }
        // "pukul 03.00 dini hari", "pukul 07.00 pagi": the part of day belongs to the time.
        if let next = word(end), has("part-of-day", at: end) {
            end += 1
            if next == "dini", isWord(end, "hari") { end += 1 }
            // "pukul 8 malam" is 20:00, "pukul 2 siang" 14:00.
            let afternoon = next == "malam" || next == "sore" || next == "petang" || (next == "siang" && hour < 5)
            if afternoon, hour < 12 { hour += 12 }
        }
        let day = date?.iso ?? "XXXX-XX-XX"
        var value = "\(day)T\(CivilDate.pad(hour, 2))"
        if let minute { value += ":" + CivilDate.pad(minute, 2) }
        return Match(start: index, end: end, type: .time, value: value)
    }

    func clock(at index: Int) -> (Int, Int?)? {
        guard let text = word(index), text.first?.isNumber == true else { return nil }
        let parts = text.split(whereSeparator: { $0 == "." || $0 == ":" })
        guard let hour = Int(parts[0]), (0...24).contains(hour) else { return nil }
        if parts.count == 1 { return text.count <= 2 ? (hour, nil) : nil }
        guard parts.count == 2, parts[1].count == 2, let minute = Int(parts[1]) else { return nil }
        return minute < 60 ? (hour, minute) : (hour, nil)
    }

    /// A date followed by a part of day ("Senin (30/1) malam") or a clock time
    /// ("Senin (30/1) pukul 10.00 WIB") is one TIME.
    func extendWithTime(_ match: Match, date: CivilDate) -> Match {
        var end = match.end
        if let part = value("part-of-day", at: end) {
            end += 1
            if isWord(end, "hari") { end += 1 }
            if let time = clockTime(at: end, date: date) {
                return Match(start: match.start, end: time.end, type: .time, value: time.value)
            }
            if has("zone", at: end) { end += 1 }
            if isWord(end, "tadi", "ini") { end += 1 }
            return Match(start: match.start, end: end, type: .time, value: date.iso + "T" + part)
        }
        var cursor = end
        if isWord(cursor, "-") { cursor += 1 }
        if let time = clockTime(at: cursor, date: date), cursor == end || time.value.contains(":") {
            return Match(start: match.start, end: time.end, type: .time, value: time.value)
        }
        return match
    }

    // MARK: Resolution

    /// A day and month (and maybe a year and weekday) as a TIMEX date.
    ///
    /// Without a year: the year for which the date lies within six months of
    /// the reference and falls on the weekday; if the weekday fits no such
    /// year (a typo), the nearest date. Without a reference, the latest year
    /// the text mentions (or a neighbour, for the weekday).
    func resolve(day: Int, month: Int, year: Int?, weekday: Int?) -> String? {
        if let year {
            guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
            return CivilDate(year: year, month: month, day: day).iso
        }
        let anchor = hasPublished ? reference : textYear.map { CivilDate(year: $0, month: 7, day: 1) }
        guard let anchor else {
            return "XXXX-\(CivilDate.pad(month, 2))-\(CivilDate.pad(day, 2))"
        }
        let window = hasPublished ? 183 : 550
        var candidates: [CivilDate] = []
        for candidateYear in (anchor.year - 1)...(anchor.year + 1)
        where CivilDate.isValid(year: candidateYear, month: month, day: day) {
            candidates.append(CivilDate(year: candidateYear, month: month, day: day))
        }
        func distance(_ date: CivilDate) -> Int { abs(date.daysSinceEpoch - anchor.daysSinceEpoch) }
        let near = candidates.filter { distance($0) <= window }
        if let weekday, let match = near.filter({ $0.weekday == weekday }).min(by: { distance($0) < distance($1) }) {
            return match.iso
        }
        return candidates.min { distance($0) < distance($1) }?.iso
    }

    /// The year of a month written alone: the one nearest the publication
    /// date, else the latest year the text mentions.
    static let fullMonthNames: Set<String> = [
        "januari", "februari", "pebruari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
        "november", "nopember", "desember",
    ]

    func yearFor(month: Int) -> Int? {
        guard let reference, hasPublished else { return textYear }
        let candidates = [reference.year - 1, reference.year, reference.year + 1].map {
            CivilDate(year: $0, month: month, day: 15)
        }
        return candidates.min {
            abs($0.daysSinceEpoch - reference.daysSinceEpoch) < abs($1.daysSinceEpoch - reference.daysSinceEpoch)
        }?.year
    }
}

extension String {
    func replacingComma() -> String { String(map { $0 == "," ? "." : $0 }) }
}
