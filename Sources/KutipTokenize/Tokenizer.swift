import KutipCore
import KutipUnicode

/// Splits a text into tokens and sentences for Indonesian news.
///
/// ICU's word and sentence break iterators do the segmentation; Indonesian
/// rules appended to ICU's word rules keep reduplications (`undang-undang`),
/// hyphenated compounds (`ke-5`, `APBN-P`), dates (`30/01/2023`), times
/// (`14:30`) and hashtags whole; a merge pass joins URLs and the dotted
/// abbreviations of ``TokenizerLexicon`` (`Pol.`, `S.H.`); and the sentence
/// boundaries are corrected where ICU's rules do not fit Indonesian: no break
/// after a title abbreviation (`Komjen Pol. Andap`), after a name initial, or
/// before a lowercase word (`"Benarkah?" tanya dia.`), and no break inside a
/// token.
///
/// A `Tokenizer` is immutable and `Sendable`; ``tokenize(_:)`` may run on many
/// tasks at once.
public struct Tokenizer: Sendable {
    private let words: BreakIterator
    private let sentenceBreaks: BreakIterator
    /// The dotted abbreviations the tokenizer keeps whole.
    public let lexicon: TokenizerLexicon

    /// Compiles the break rules. Build one tokenizer and reuse it: compiling
    /// ICU rules takes milliseconds.
    public init(lexicon: TokenizerLexicon) throws {
        self.words = try BreakIterator(.word, locale: "id", extraRules: IndonesianBreakRules.word)
        self.sentenceBreaks = try BreakIterator(.sentence, locale: "id")
        self.lexicon = lexicon
    }

    /// Tokens and sentences of `source`, as scalar-offset spans.
    ///
    /// Whitespace is never a token; every other scalar belongs to exactly one
    /// token, so no text is lost. Sentences run from their first token's start
    /// to their last token's end. O(n).
    public func tokenize(_ source: SourceText) -> (tokens: TokenList, sentences: [Span]) {
        guard source.count > 0 else { return (TokenList(source: source), []) }
        let utf16 = UTF16Text(source.scalars)
        let tokens = makeTokens(source, utf16)
        let sentences = makeSentences(source, utf16, tokens)
        return (tokens, sentences)
    }

    // MARK: Tokens

    /// The hot loops read scalars through a buffer pointer: no bounds checks,
    /// no reference counting of the array on every access.
    typealias Scalars = UnsafeBufferPointer<Unicode.Scalar>

    private func makeTokens(_ source: SourceText, _ utf16: UTF16Text) -> TokenList {
        source.scalars.withUnsafeBufferPointer { makeTokens(source, utf16, $0) }
    }

    /// The non-blank segments between ICU word boundaries, in order.
    private struct Pieces {
        let boundaries: [Int32]
        let utf16: UTF16Text
        let scalars: Scalars
        var cursor = 1
        var pieceStart = 0

        mutating func next() -> (start: Int, end: Int)? {
            while cursor < boundaries.count {
                let start = pieceStart
                let end = utf16.scalarOffset(boundaries[cursor])
                cursor += 1
                guard end > start else { continue }
                pieceStart = end
                // ICU keeps runs of white space apart, so the first scalar decides
                // unless a combining mark clings to a space.
                if !scalars[start].isKutipWhitespace || !(start..<end).allSatisfy({ scalars[$0].isKutipWhitespace }) {
                    return (start, end)
                }
            }
            return nil
        }
    }

    private func makeTokens(_ source: SourceText, _ utf16: UTF16Text, _ scalars: Scalars) -> TokenList {
        let boundaries = words.boundaries(in: utf16)
        var pieces = Pieces(boundaries: boundaries, utf16: utf16, scalars: scalars)
        var tokens = TokenList(source: source)
        tokens.reserveCapacity(boundaries.count / 2 + 1)
        var current = pieces.next()
        while let piece = current {
            var next = pieces.next()
            // URLs: from a scheme or "www." to the next whitespace, less trailing punctuation.
            if let urlEnd = urlEnd(at: piece.start, in: scalars), urlEnd > piece.end {
                tokens.append(start: piece.start, end: urlEnd, kind: .url, scalars: scalars)
                while let following = next, following.end <= urlEnd { next = pieces.next() }
                if let following = next, following.start < urlEnd { next = (urlEnd, following.end) }
                current = next
                continue
            }
            // Dotted abbreviations: "Pol" + "." or "S.H" + "." → "Pol.", "S.H.".
            if let following = next, following.start == piece.end, following.end == piece.end + 1,
                scalars[piece.end] == ".",
                isDottedAbbreviation(piece.start, piece.end + 1, followedAt: piece.end + 1, in: scalars)
            {
                tokens.append(start: piece.start, end: piece.end + 1, kind: .abbreviation, scalars: scalars)
                current = pieces.next()
                continue
            }
            // One scan for the two inner characters that change a token: "-" and "@".
            var hasHyphen = false
            var hasAt = false
            for offset in (piece.start + 1)..<piece.end {
                let value = scalars[offset].value
                if value == 0x2D { hasHyphen = true } else if value == 0x40 { hasAt = true }
            }
            if piece.end - piece.start >= 3 && (hasHyphen || scalars[piece.start] == "R") {
                for (start, end) in split(piece.start, piece.end, scalars) {
                    tokens.append(
                        start: start, end: end, kind: kind(of: start, end, scalars, hasAt: nil), scalars: scalars)
                }
            } else {
                tokens.append(
                    start: piece.start, end: piece.end, kind: kind(of: piece.start, piece.end, scalars, hasAt: hasAt),
                    scalars: scalars)
            }
            current = next
        }
        return tokens
    }

    /// Splits what ICU's joining rules glue but Indonesian writing keeps apart:
    /// a currency prefix ("Rp300" → "Rp", "300"), a numeric range ("30-35" →
    /// "30", "-", "35"; a three-part date such as "30-1-2023" stays whole), and
    /// the clitic after a hyphenated acronym ("PPh-nya" → "PPh", "-", "nya").
    private func split(_ start: Int, _ end: Int, _ scalars: Scalars) -> [(Int, Int)] {
        let length = end - start
        guard length >= 3 else { return [(start, end)] }
        func isDigit(_ offset: Int) -> Bool { scalars[offset].isKutipDigit }
        if scalars[start] == "R", scalars[start + 1] == "p" || scalars[start + 1] == "P", isDigit(start + 2) {
            return [(start, start + 2)] + split(start + 2, end, scalars)
        }
        var hyphens: [Int] = []
        for offset in start..<end where scalars[offset] == "-" { hyphens.append(offset) }
        guard hyphens.count == 1, let hyphen = hyphens.first, hyphen > start, hyphen + 1 < end else {
            return [(start, end)]
        }
        let left = start..<hyphen
        let right = (hyphen + 1)..<end
        if left.allSatisfy({ isDigit($0) || scalars[$0] == "." || scalars[$0] == "," }), isDigit(start),
            right.allSatisfy({ isDigit($0) || scalars[$0] == "." || scalars[$0] == "," })
        {
            return [(start, hyphen), (hyphen, hyphen + 1), (hyphen + 1, end)]
        }
        if end - hyphen == 4,
            scalars[right].elementsEqual("nya".unicodeScalars) || scalars[right].elementsEqual("NYA".unicodeScalars),
            left.contains(where: { $0 > start && scalars[$0].isKutipUppercase })
        {
            return [(start, hyphen), (hyphen, hyphen + 1), (hyphen + 1, end)]
        }
        return [(start, end)]
    }

    private func isDottedAbbreviation(_ start: Int, _ end: Int, followedAt next: Int, in scalars: Scalars) -> Bool {
        let length = end - start
        guard length <= lexicon.longestForm || length == 2 else { return false }
        if length == 2, scalars[start].isKutipUppercase {
            // A name initial ("A. Rahman"): one capital, then a space and a capital.
            return next + 1 < scalars.count && scalars[next] == " " && scalars[next + 1].isKutipUppercase
        }
        return lexicon.lookup(scalars[start..<end]) != nil
    }

    @inline(__always)
    private func urlEnd(at start: Int, in scalars: Scalars) -> Int? {
        // "http://", "https://" or "www.", any case.
        func lower(_ offset: Int) -> UInt32 { offset < scalars.count ? scalars[offset].value | 0x20 : 0 }
        let first = lower(start)
        if first == 0x68 {  // h
            guard lower(start + 1) == 0x74, lower(start + 2) == 0x74, lower(start + 3) == 0x70 else { return nil }
            let colon = lower(start + 4) == 0x73 ? start + 5 : start + 4  // https
            guard colon + 2 < scalars.count, scalars[colon] == ":", scalars[colon + 1] == "/", scalars[colon + 2] == "/"
            else { return nil }
        } else if first == 0x77 {  // w
            guard lower(start + 1) == 0x77, lower(start + 2) == 0x77, start + 3 < scalars.count,
                scalars[start + 3] == "."
            else { return nil }
        } else {
            return nil
        }
        var end = start
        while end < scalars.count, !scalars[end].isKutipWhitespace, !Self.urlStoppers.contains(scalars[end]) {
            end += 1
        }
        while end > start, Self.urlTrailers.contains(scalars[end - 1]) { end -= 1 }
        return end
    }

    private static let urlStoppers: Set<Unicode.Scalar> = ["\"", "“", "”", "<", ">", "«", "»"]
    private static let urlTrailers: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "'", "’"]

    @inline(__always)
    /// The kind of `[start, end)`; `hasAt` says whether an "@" follows the
    /// first scalar, when the caller already knows (`nil`: look).
    private func kind(of start: Int, _ end: Int, _ scalars: Scalars, hasAt: Bool?) -> Token.Kind {
        let first = scalars[start]
        if first.isKutipLetter {
            let email = hasAt ?? (start + 1..<end).contains { scalars[$0] == "@" }
            return email ? .email : .word
        }
        if first.isKutipDigit { return .number }
        if first.value < 0x80 {
            switch first {
            case "#": return end - start > 1 ? .hashtag : .punctuation
            case "@": return end - start > 1 ? .handle : .punctuation
            case "$", "+", "<", "=", ">", "^", "`", "|", "~": return .symbol
            default: return first.value > 0x20 && first.value < 0x7F ? .punctuation : .other
            }
        }
        return Self.nonASCIIKind(first)
    }

    @inline(never)
    private static func nonASCIIKind(_ first: Unicode.Scalar) -> Token.Kind {
        let properties = first.properties
        if properties.numericType != nil { return .number }
        if properties.isEmojiPresentation || (properties.isEmoji && first.value > 0xFF)
            || (properties.generalCategory == .otherSymbol && first.value >= 0x1F000)
        {
            return .emoji
        }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return .punctuation
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return .symbol
        default:
            return .other
        }
    }

    // MARK: Sentences

    private func makeSentences(_ source: SourceText, _ utf16: UTF16Text, _ tokens: TokenList) -> [Span] {
        source.scalars.withUnsafeBufferPointer { makeSentences(source, utf16, tokens, $0) }
    }

    private func makeSentences(_ source: SourceText, _ utf16: UTF16Text, _ tokens: TokenList, _ scalars: Scalars)
        -> [Span]
    {
        guard !tokens.isEmpty else { return [] }
        let boundaries = sentenceBreaks.boundaries(in: utf16)
        var sentences: [Span] = []
        var sentenceStart = 0  // index of the first token of the open sentence
        var tokenIndex = 0
        for boundary in boundaries.dropFirst().dropLast() {
            let offset = utf16.scalarOffset(boundary)
            // The first token that starts at or after the boundary.
            while tokenIndex < tokens.count, tokens.start(tokenIndex) < offset { tokenIndex += 1 }
            guard tokenIndex > sentenceStart, tokenIndex < tokens.count else { continue }
            let previous = tokenIndex - 1
            if tokens.end(previous) > offset { continue }  // never inside a token
            if !endsSentence(after: previous, in: tokens, scalars) { continue }
            sentences.append(source.span(tokens.start(sentenceStart), tokens.end(previous)))
            sentenceStart = tokenIndex
        }
        sentences.append(source.span(tokens.start(sentenceStart), tokens.end(tokens.count - 1)))
        return sentences
    }

    /// Whether ICU's boundary after token `previous` really ends a sentence.
    private func endsSentence(after previous: Int, in tokens: TokenList, _ scalars: Scalars) -> Bool {
        let previousEnd = tokens.end(previous)
        let nextStart = tokens.start(previous + 1)
        // A line break always ends a sentence: headlines, captions and list items have no period.
        for offset in previousEnd..<nextStart where Self.isLineBreak(scalars[offset]) {
            return true
        }
        if tokens.kind(previous) == .abbreviation {
            if previousEnd - tokens.start(previous) == 2 { return false }  // a name initial
            if lexicon.lookup(scalars[tokens.start(previous)..<previousEnd]) == .title { return false }
        }
        // ICU ends a sentence after "?" or "!" whatever follows; in Indonesian
        // dialogue a lowercase verb continues it: "Benarkah?" tanya dia.
        if scalars[nextStart].isKutipLowercase, endsWithQuestionOrExclamation(at: previousEnd, scalars) {
            return false
        }
        return true
    }

    private func endsWithQuestionOrExclamation(at end: Int, _ scalars: Scalars) -> Bool {
        // Skip closing quotes and brackets back to the terminal mark.
        var offset = end - 1
        var steps = 0
        while offset >= 0, steps < 4 {
            switch scalars[offset] {
            case "?", "!": return true
            case "\"", "”", "’", "'", ")", "»", " ": offset -= 1; steps += 1
            default: return false
            }
        }
        return false
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}

/// The tokenization stage: provides ``Layer/tokens`` and ``Layer/sentences``.
public struct TokenizationStage: Stage {
    public let name = "tokenize"
    public let requires: Set<Layer> = []
    public let provides: Set<Layer> = [.tokens, .sentences]
    /// The tokenizer the stage runs.
    public let tokenizer: Tokenizer

    public init(tokenizer: Tokenizer) {
        self.tokenizer = tokenizer
    }

    public func process(_ document: inout Document) throws {
        let (tokens, sentences) = tokenizer.tokenize(document.source)
        document.tokens = tokens
        document.sentences = sentences
    }
}
