import KutipCore

/// A short form defined by the article itself.
public struct AbbreviationDefinition: Sendable, Hashable {
    /// The short form as written ("ZI").
    public var short: String
    /// The long form as written ("Zona Integritas").
    public var long: String
    /// Where the short form of the definition stands.
    public var shortSpan: Span
    /// The scalar offset where the long form starts.
    public var longStart: Int
}

/// Finds "long form (SF)" and "SF (long form)" pairs in a text.
///
/// The alignment is Schwartz & Hearst's (2003): walking both forms from the
/// end, every letter or digit of the short form must be found in the long
/// form, and the first one at the start of a word; the long form is the
/// shortest that satisfies this. Two adaptations for Indonesian: syllabic
/// acronyms take several letters from one word (Kemenkumham ← KEMENterian
/// HUKUM dan HAk asasi Manusia), which the character-level alignment allows,
/// and the function words dan, dari, untuk, di, ke, yang, atau, serta, dan
/// "&" may be skipped without counting against the long form's length. A
/// candidate is rejected when more than half of its content words contribute
/// no letter: that is a long form swallowing the words before it.
public enum DefinitionFinder {
    static let functionWords: Set<String> = [
        "dan", "dari", "untuk", "di", "ke", "yang", "atau", "serta", "&", "pada", "bagi", "dalam", "the", "of", "and",
        "for",
    ]

    /// Every definition in `document`, in text order, using its tokens.
    public static func definitions(in document: Document, skipping boilerplate: [Span] = []) -> [AbbreviationDefinition]
    {
        guard let tokens = document.tokens, tokens.count > 2 else { return [] }
        let scalars = document.source.scalars
        var found: [AbbreviationDefinition] = []
        var index = 1
        while index < tokens.count - 1 {
            defer { index += 1 }
            guard tokens.end(index) - tokens.start(index) == 1, scalars[tokens.start(index)] == "(" else { continue }
            // The closing parenthesis within a few tokens, on the same line.
            var close = index + 1
            while close < tokens.count, close - index <= 14, scalars[tokens.start(close)] != ")" { close += 1 }
            guard close < tokens.count, scalars[tokens.start(close)] == ")", close > index + 1 else { continue }
            guard !containsLineBreak(scalars, tokens.end(index - 1), tokens.start(close)) else { continue }
            if inBoilerplate(tokens.start(index), boilerplate) { continue }
            let inside = (index + 1)..<close
            if inside.count <= 2, isShortFormCandidate(tokens, inside, scalars) {
                // "Zona Integritas (ZI)": the long form precedes.
                let short = document.source.slice(tokens.start(inside.lowerBound), tokens.end(inside.upperBound - 1))
                let shortSpan = document.source.span(tokens.start(inside.lowerBound), tokens.end(inside.upperBound - 1))
                if let long = longForm(for: short, before: index, tokens: tokens, document: document) {
                    let longStart = tokens.end(index - 1) - long.unicodeScalars.count
                    found.append(
                        AbbreviationDefinition(short: short, long: long, shortSpan: shortSpan, longStart: longStart))
                    continue
                }
            }
            if inside.count >= 2, index >= 1,
                bracketMayExpand(tokens, before: index - 1, first: inside.lowerBound, scalars),
                isShortFormCandidate(tokens, (index - 1)..<index, scalars)
            {
                // "ASN (Aparatur Sipil Negara)": the long form is the bracket's content.
                let short = document.source.slice(tokens.start(index - 1), tokens.end(index - 1))
                let long = document.source.slice(tokens.start(inside.lowerBound), tokens.end(inside.upperBound - 1))
                if let aligned = align(short: short, long: long), aligned == long,
                    plausibleSyllabic(short: short, long: long)
                {
                    found.append(
                        AbbreviationDefinition(
                            short: short, long: long,
                            shortSpan: document.source.span(tokens.start(index - 1), tokens.end(index - 1)),
                            longStart: tokens.start(inside.lowerBound)))
                }
            }
        }
        found.append(contentsOf: wordDefinitions(in: document, tokens: tokens, skipping: boilerplate))
        return found.sorted { $0.shortSpan.start < $1.shortSpan.start }
    }

    /// Words that introduce a short form after its long form: "minyak tanah
    /// atau mitan", "pinjaman online alias pinjol", "… yang disingkat KEK".
    static let definingWords: Set<String> = ["atau", "alias", "disingkat", "singkatan"]
    static let definingHashes: [UInt64] = definingWords.map { HashFilter.hash($0.unicodeScalars, foldingCase: true) }

    /// Definitions of the form "long form atau SF": the word after the defining
    /// word must align with the words before it and, when it has lowercase
    /// letters, begin with their first syllable.
    static func wordDefinitions(in document: Document, tokens: TokenList, skipping boilerplate: [Span])
        -> [AbbreviationDefinition]
    {
        let scalars = document.source.scalars
        var found: [AbbreviationDefinition] = []
        let defining = definingHashes
        for index in 1..<max(1, tokens.count - 1) {
            // One comparison of hashes per token before any String is made.
            let hash = tokens.foldedHash(index)
            guard defining.contains(hash), tokens.kind(index) == .word else { continue }
            let word = document.source.slice(tokens.start(index), tokens.end(index)).lowercased()
            guard definingWords.contains(word) else { continue }
            var shortIndex = index + 1
            if word == "disingkat", shortIndex < tokens.count,
                document.source.slice(tokens.start(shortIndex), tokens.end(shortIndex)) == "menjadi"
            {
                shortIndex += 1
            }
            guard shortIndex < tokens.count, isShortFormCandidate(tokens, shortIndex..<(shortIndex + 1), scalars) else {
                continue
            }
            if inBoilerplate(tokens.start(index), boilerplate) { continue }
            let short = document.source.slice(tokens.start(shortIndex), tokens.end(shortIndex))
            var open = index
            if word == "disingkat", index > 1,
                document.source.slice(tokens.start(index - 1), tokens.end(index - 1)).lowercased() == "yang"
            {
                open = index - 1
            }
            guard let long = longForm(for: short, before: open, tokens: tokens, document: document) else { continue }
            let longStart = tokens.end(open - 1) - long.unicodeScalars.count
            found.append(
                AbbreviationDefinition(
                    short: short, long: long,
                    shortSpan: document.source.span(tokens.start(shortIndex), tokens.end(shortIndex)),
                    longStart: longStart))
        }
        return found
    }

    /// A cheap test before aligning "SF (long form)": the bracket's first word
    /// starts with the short form's first letter, and with its first two
    /// letters when the short form is syllabic (has lowercase letters).
    static func bracketMayExpand(_ tokens: TokenList, before short: Int, first: Int, _ scalars: [Unicode.Scalar])
        -> Bool
    {
        let shortStart = tokens.start(short)
        let shortEnd = tokens.end(short)
        let longStart = tokens.start(first)
        let longEnd = tokens.end(first)
        guard shortEnd - shortStart >= 2, longEnd - longStart >= 2 else { return false }
        func folded(_ offset: Int) -> UInt32 {
            let value = scalars[offset].value
            return value >= 0x41 && value <= 0x5A ? value | 0x20 : value
        }
        guard folded(shortStart) == folded(longStart) else { return false }
        let syllabic = (shortStart..<shortEnd).contains { scalars[$0].isKutipLowercase }
        return !syllabic || folded(shortStart + 1) == folded(longStart + 1)
    }

    /// A plausible short form: 2–12 letters and digits, at least one capital
    /// (or all lowercase and short, like "mitan" is not: it needs a capital or a
    /// syllabic shape), not a number, not a year.
    static func isShortFormCandidate(_ tokens: TokenList, _ range: Range<Int>, _ scalars: [Unicode.Scalar]) -> Bool {
        var letters = 0
        var uppercase = 0
        var length = 0
        for position in range {
            let kind = tokens.kind(position)
            guard kind == .word || kind == .abbreviation || kind == .number else { return false }
            for offset in tokens.start(position)..<tokens.end(position) {
                let scalar = scalars[offset]
                length += 1
                if scalar.isKutipLetter { letters += 1 }
                if scalar.isKutipUppercase { uppercase += 1 }
            }
        }
        guard letters >= 2, length <= 14 else { return false }
        // Lowercase short forms ("kanwil", "pinjol") are defined too, but only
        // when short enough to be an acronym rather than a word.
        return uppercase > 0 || letters <= 8
    }

    static func longForm(for short: String, before open: Int, tokens: TokenList, document: Document) -> String? {
        let scalars = document.source.scalars
        // Cheap rejection: some nearby word must start with the short form's
        // first letter (or hold it in its first syllable), as the alignment requires.
        let letters = short.unicodeScalars.filter { $0.isKutipAlphanumeric }.map {
            $0.value >= 0x41 && $0.value <= 0x5A ? $0.value | 0x20 : $0.value
        }
        guard let wanted = letters.first else { return nil }
        // A syllabic short form (with lowercase letters) must start a word with its
        // first two letters (PInjol ← PInjaman), as plausibleSyllabic will demand.
        let syllabic = short.unicodeScalars.contains { $0.isKutipLowercase } && letters.count >= 2
        func folded(_ offset: Int) -> UInt32 {
            let value = scalars[offset].value
            return value >= 0x41 && value <= 0x5A ? value | 0x20 : value
        }
        var plausible = false
        var probe = open - 1
        while probe >= 0, open - probe <= 16, !plausible {
            let start = tokens.start(probe)
            let end = tokens.end(probe)
            if syllabic {
                plausible = end - start >= 2 && folded(start) == wanted && folded(start + 1) == letters[1]
            } else {
                for offset in start..<min(end, start + 3) where folded(offset) == wanted { plausible = true }
            }
            probe -= 1
        }
        guard plausible else { return nil }
        let maxWords = min(letters.count + 5, letters.count * 2) + 3
        // Words before the bracket, back to a sentence or clause boundary.
        var first = open - 1
        var words = 0
        while first >= 0, words < maxWords {
            let kind = tokens.kind(first)
            if kind == .punctuation {
                let mark = scalars[tokens.start(first)]
                // Commas stay: "korupsi, kolusi, dan nepotisme (KKN)".
                if mark == "." || mark == ";" || mark == ":" || mark == "(" || mark == ")" || mark == "\""
                    || mark == "“" || mark == "”"
                {
                    break
                }
            }
            if kind == .word || kind == .abbreviation || kind == .number { words += 1 }
            first -= 1
        }
        first += 1
        guard first < open else { return nil }
        if containsLineBreak(scalars, tokens.start(first), tokens.end(open - 1)) {
            // Stay on the bracket's line.
            while first < open, containsLineBreak(scalars, tokens.start(first), tokens.end(open - 1)) { first += 1 }
            guard first < open else { return nil }
        }
        guard let long = align(short: short, long: scalars[tokens.start(first)..<tokens.end(open - 1)]), long != short
        else { return nil }
        return plausibleSyllabic(short: short, long: long) ? long : nil
    }

    /// A short form written with lowercase letters is a syllabic acronym: it
    /// begins with the long form's first syllable (PINjol ← PINjaman online,
    /// KEmenkumham ← KEmenterian …), and the long form does not begin with the
    /// short form itself. All-capital initialisms need no such check.
    static func plausibleSyllabic(short: String, long: String) -> Bool {
        let shortLetters = Array(short.lowercased().unicodeScalars.filter { $0.isKutipLetter })
        guard short.unicodeScalars.contains(where: { $0.isKutipLowercase }), shortLetters.count >= 2 else {
            return true
        }
        let firstWord = long.lowercased().split(separator: " ").first.map { Array($0.unicodeScalars) } ?? []
        guard firstWord.count >= 2, firstWord != shortLetters else { return false }
        return firstWord[0] == shortLetters[0] && firstWord[1] == shortLetters[1]
    }

    /// The long form of `short` at the end of `long`, or `nil`.
    ///
    /// Schwartz–Hearst first; when its first letter had to reach back to a word
    /// that gives nothing else ("pihak Kepolisian Daerah (Polda)"), the
    /// Indonesian reading where the first letter comes from inside the first
    /// syllables of a word (ke-POL-isian) is preferred.
    public static func align(short: String, long: String) -> String? {
        align(short: short, long: Array(long.unicodeScalars)[...])
    }

    /// ``align(short:long:)`` with the long form given as scalars (a slice of
    /// the document), so that a failed alignment makes no String.
    static func align(short: String, long original: ArraySlice<Unicode.Scalar>) -> String? {
        // Both readings work on the same lowercased scalars, made once.
        let shortChars = lowercasedScalars(short.unicodeScalars)
        let longChars = lowercasedScalars(original)
        guard !shortChars.isEmpty, !longChars.isEmpty, longChars.count == original.count else {
            // Lowercasing changed the length (a rare non-Latin capital): no alignment.
            return longChars.count == original.count ? nil : slowAlign(short: short, long: original)
        }
        let shortLength = short.unicodeScalars.count
        let strict = align(shortChars, longChars, shortLength, firstAtWordStart: true)
        let relaxed = align(shortChars, longChars, shortLength, firstAtWordStart: false)
        // The relaxed reading wins only when it gives a shorter long form.
        let chosen = (relaxed != nil && (strict == nil || relaxed! > strict!)) ? relaxed : strict
        guard let chosen else { return nil }
        let base = original.startIndex
        return String(String.UnicodeScalarView(original[(base + chosen)...]))
    }

    /// The reading of ``align(short:long:)`` for a long form whose lowercase
    /// has a different number of scalars: indices refer to the lowercase text.
    static func slowAlign(short: String, long original: ArraySlice<Unicode.Scalar>) -> String? {
        let shortChars = Array(short.lowercased().unicodeScalars)
        let longChars = Array(String(String.UnicodeScalarView(original)).lowercased().unicodeScalars)
        guard !shortChars.isEmpty, !longChars.isEmpty else { return nil }
        let shortLength = short.unicodeScalars.count
        let strict = align(shortChars, longChars, shortLength, firstAtWordStart: true)
        let relaxed = align(shortChars, longChars, shortLength, firstAtWordStart: false)
        let chosen = (relaxed != nil && (strict == nil || relaxed! > strict!)) ? relaxed : strict
        guard let chosen, chosen < original.count else { return nil }
        return String(String.UnicodeScalarView(original[(original.startIndex + chosen)...]))
    }

    /// The scalars lowercased: ASCII by a bit, anything else as `String.lowercased()` does.
    static func lowercasedScalars<Scalars: Collection>(_ scalars: Scalars) -> [Unicode.Scalar]
    where Scalars.Element == Unicode.Scalar {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                result.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value | 0x20)) : scalar)
            } else {
                result.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return result
    }

    /// The alignment on lowercased scalars: where the long form starts in
    /// `longChars`, or `nil`. `shortLength` is the short form's length in scalars.
    static func align(
        _ shortChars: [Unicode.Scalar], _ longChars: [Unicode.Scalar], _ shortLength: Int, firstAtWordStart: Bool
    ) -> Int? {
        // Where the first letter may match: a word's start, or (relaxed) within
        // its first three letters, as in ke-POL-isian or ke-MEN-terian.
        func allowedFirst(_ index: Int) -> Bool {
            var wordStart = index
            while wordStart > 0, longChars[wordStart - 1].isKutipAlphanumeric { wordStart -= 1 }
            return firstAtWordStart
                ? wordStart == index
                : index - wordStart <= 2 && (index == wordStart || !longChars[index - 1].isKutipWhitespace)
        }
        var shortIndex = shortChars.count - 1
        var longIndex = longChars.count - 1
        var matchedAt: [Int] = []
        while shortIndex >= 0 {
            let character = shortChars[shortIndex]
            guard character.isKutipAlphanumeric else {
                shortIndex -= 1
                continue
            }
            while longIndex >= 0,
                longChars[longIndex] != character
                    || (shortIndex == 0 && !allowedFirst(longIndex))
            {
                longIndex -= 1
            }
            guard longIndex >= 0 else { return nil }
            matchedAt.append(longIndex)
            longIndex -= 1
            shortIndex -= 1
        }
        // The long form starts at the word holding the first matched character.
        var start = longIndex + 1
        while start > 0, !longChars[start - 1].isKutipWhitespace { start -= 1 }
        // Reject long forms whose content words mostly contribute nothing.
        var wordStart = start
        var contentWords = 0
        var silentWords = 0
        var position = start
        while position <= longChars.count {
            if position == longChars.count || longChars[position].isKutipWhitespace {
                // Function words have at most five letters: longer words need no String.
                if position > wordStart
                    && (position - wordStart > 5
                        || !functionWords.contains(String(String.UnicodeScalarView(longChars[wordStart..<position]))))
                {
                    contentWords += 1
                    if !matchedAt.contains(where: { $0 >= wordStart && $0 < position }) { silentWords += 1 }
                }
                wordStart = position + 1
            }
            position += 1
        }
        let letters = shortChars.filter { $0.isKutipAlphanumeric }.count
        guard contentWords > 0, silentWords * 2 <= contentWords, contentWords <= min(letters + 5, letters * 2) else {
            return nil
        }
        guard longChars.count - start > shortLength else { return nil }
        return start
    }

    static func containsLineBreak(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        for offset in start..<end where scalars[offset] == "\n" || scalars[offset] == "\r" { return true }
        return false
    }

    static func inBoilerplate(_ offset: Int, _ boilerplate: [Span]) -> Bool {
        boilerplate.contains { $0.start <= offset && offset < $0.end }
    }
}
