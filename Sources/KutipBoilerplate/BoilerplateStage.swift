import KutipCore

/// Marks the lines that are not the article: "Baca juga" links, bylines, share
/// prompts, the site name alone on a line, and trailing desk codes.
///
/// Provides ``Layer/boilerplate``: one span per boilerplate line (without its
/// line break), or just the desk code when it ends a content line, so the
/// content before it stays annotatable. Later stages skip these spans.
public struct BoilerplateStage: Stage {
    public let name = "boilerplate"
    public let requires: Set<Layer> = []
    public let provides: Set<Layer> = [.boilerplate]
    public let rules: BoilerplateRules

    public init(rules: BoilerplateRules) {
        self.rules = rules
    }

    public func process(_ document: inout Document) throws {
        document.boilerplate = detect(in: document.source)
    }

    /// The boilerplate spans of `source`, in order.
    public func detect(in source: SourceText) -> [Span] {
        let scalars = source.scalars
        var spans: [Span] = []
        var lineStart = 0
        // After a related-links header alone on its line ("Baca Juga:"), the
        // headlines listed below it are boilerplate too, up to the first line
        // that reads like article text.
        var inLinkList = false
        while lineStart <= scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n", scalars[lineEnd] != "\r" { lineEnd += 1 }
            if inLinkList, !(lineStart..<lineEnd).allSatisfy({ scalars[$0].properties.isWhitespace }) {
                if let headline = headline(lineStart, lineEnd, scalars) {
                    spans.append(source.span(headline.lowerBound, headline.upperBound))
                } else {
                    inLinkList = false
                }
            }
            if !inLinkList, let span = classify(lineStart, lineEnd, source) {
                spans.append(span)
                // Headers are short: only those lines are worth a String.
                inLinkList = span.end - span.start <= 24 && isLinkListHeader(span.text)
            }
            if lineEnd >= scalars.count { break }
            lineStart =
                lineEnd
                + (scalars[lineEnd] == "\r" && lineEnd + 1 < scalars.count && scalars[lineEnd + 1] == "\n" ? 2 : 1)
        }
        return spans
    }

    /// "Baca Juga:", "Berita Terkait": a header whose links follow on lines of their own.
    private func isLinkListHeader(_ line: String) -> Bool {
        let folded = line.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0 != ":" }
        return Self.linkListHeaders.contains(String(String.UnicodeScalarView(folded)))
    }

    static let linkListHeaders: Set<String> = [
        "bacajuga", "bacajugalainnya", "beritaterkait", "artikelterkait", "lihatjuga", "bacaselengkapnya",
    ]

    /// The trimmed line when it reads like a listed headline: short, no
    /// sentence-final mark at its end, and most of its words capitalized.
    private func headline(_ start: Int, _ end: Int, _ scalars: [Unicode.Scalar]) -> Range<Int>? {
        var first = start
        var last = end
        while first < last, scalars[first].properties.isWhitespace { first += 1 }
        while last > first, scalars[last - 1].properties.isWhitespace { last -= 1 }
        guard first < last, last - first <= 150 else { return nil }
        if ".!?\"”’'…".unicodeScalars.contains(scalars[last - 1]) || "\"“‘".unicodeScalars.contains(scalars[first]) {
            return nil
        }
        var words = 0
        var capitalized = 0
        var index = first
        while index < last {
            while index < last, !scalars[index].isKutipLetter { index += 1 }
            guard index < last else { break }
            words += 1
            if scalars[index].isKutipUppercase { capitalized += 1 }
            while index < last, scalars[index].isKutipLetter || scalars[index] == "-" { index += 1 }
        }
        guard words >= 2, capitalized * 2 > words else { return nil }
        return first..<last
    }

    private func classify(_ start: Int, _ end: Int, _ source: SourceText) -> Span? {
        let scalars = source.scalars
        var first = start
        var last = end
        while first < last, scalars[first].properties.isWhitespace { first += 1 }
        while last > first, scalars[last - 1].properties.isWhitespace { last -= 1 }
        guard first < last else { return nil }
        if startsWithListedPrefix(scalars, first, last) || isWholeDeskCode(scalars, first, last) {
            return source.span(first, last)
        }
        // Exact lines and host names are short; only then is a String worth building.
        if last - first <= max(rules.longestExactLine, 80) {
            let folded = source.slice(first, last).lowercased()
            if rules.exactLines.contains(folded) || isSiteName(folded) { return source.span(first, last) }
        }
        if let codeStart = trailingDeskCode(scalars, first, last) {
            return source.span(codeStart, last)
        }
        return nil
    }

    private func startsWithListedPrefix(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        func folded(_ offset: Int) -> UInt32 {
            let value = scalars[offset].value
            return value >= 0x41 && value <= 0x5A ? value | 0x20 : value
        }
        guard let candidates = rules.prefixesByFirst[folded(start)] else { return false }
        for prefix in candidates where prefix.count <= end - start {
            var offset = 1
            while offset < prefix.count, folded(start + offset) == prefix[offset] { offset += 1 }
            if offset == prefix.count { return true }
        }
        return false
    }

    /// "mediaindonesia.com", "www.kompas.com": one host name and nothing else.
    private func isSiteName(_ line: String) -> Bool {
        guard !line.contains(" "), let dot = line.lastIndex(of: ".") else { return false }
        let tld = line[line.index(after: dot)...]
        guard rules.siteDomains.contains(String(tld)) else { return false }
        return line[..<dot].allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
    }

    /// A line that is only a desk code: "[ian]", "(ant)", "(RO/OL-7)".
    private func isWholeDeskCode(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 3, end - start <= 24 else { return false }
        let open = scalars[start]
        let close = scalars[end - 1]
        guard (open == "[" && close == "]") || (open == "(" && close == ")") else { return false }
        return isCodeBody(scalars, start + 1, end - 1, needsSlash: false) && end - start <= 14
    }

    /// The start of a desk code that closes a content line: "… Harun. (RO/OL-7)",
    /// "… kata dia. [eko]", "… Informasi. /aj".
    ///
    /// A bracketed code counts when it has a slash ("(RO/OL-7)") or follows the
    /// end of a sentence ("… dia. (Antara)"); a bracket right after a word is
    /// content, such as an abbreviation's definition ("PT Indofood Tbk (Indofood)").
    private func trailingDeskCode(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int? {
        let close = scalars[end - 1]
        if close == ")" || close == "]" {
            let openMark: Unicode.Scalar = close == ")" ? "(" : "["
            var open = end - 2
            while open > start, end - open <= 24, scalars[open] != openMark { open -= 1 }
            guard open > start, scalars[open] == openMark, scalars[open - 1] == " " else { return nil }
            var before = open - 1
            while before > start, scalars[before] == " " { before -= 1 }
            let afterSentence = [".", "!", "?", "\"", "”", "’", "'"].contains(scalars[before])
            guard isCodeBody(scalars, open + 1, end - 1, needsSlash: !afterSentence) else { return nil }
            return open
        }
        // " /aj": a slash and 1–4 lowercase letters after a space, at the very end.
        var slash = end - 1
        while slash > start, end - slash <= 5, scalars[slash].properties.isLowercase { slash -= 1 }
        if slash > start, scalars[slash] == "/", end - slash >= 2, scalars[slash - 1] == " " {
            return slash
        }
        return nil
    }

    /// Letters (at least one), digits, "/", "-", spaces: the body of "(RO/OL-7)".
    /// A trailing code needs a slash, so "(26/7)" or "(Antara)" at a line's end stay content.
    private func isCodeBody(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, needsSlash: Bool) -> Bool {
        guard end > start else { return false }
        var letters = 0
        var slashes = 0
        for offset in start..<end {
            let scalar = scalars[offset]
            if scalar.properties.isAlphabetic {
                letters += 1
            } else if scalar == "/" {
                slashes += 1
            } else if !(scalar == "-" || scalar == " " || scalar.properties.numericType != nil) {
                return false
            }
        }
        guard letters > 0, end - start <= 20 else { return false }
        if needsSlash { return slashes > 0 }
        return true
    }
}
