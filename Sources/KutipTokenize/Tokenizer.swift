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
    public func tokenize(_ source: SourceText) -> (tokens: [Token], sentences: [Span]) {
        guard source.count > 0 else { return ([], []) }
        let utf16 = UTF16Text(source.scalars)
        let tokens = makeTokens(source, utf16)
        let sentences = makeSentences(source, utf16, tokens)
        return (tokens, sentences)
    }

    // MARK: Tokens

    private func makeTokens(_ source: SourceText, _ utf16: UTF16Text) -> [Token] {
        let scalars = source.scalars
        let boundaries = words.boundaries(in: utf16).offsets
        var pieces: [(start: Int, end: Int)] = []
        pieces.reserveCapacity(boundaries.count / 2 + 1)
        var previous = 0
        for boundary in boundaries.dropFirst() {
            let end = utf16.scalarOffset(boundary)
            if end > previous {
                if !(previous..<end).allSatisfy({ scalars[$0].properties.isWhitespace }) {
                    pieces.append((previous, end))
                }
                previous = end
            }
        }

        var tokens: [Token] = []
        tokens.reserveCapacity(pieces.count)
        var index = 0
        while index < pieces.count {
            let piece = pieces[index]
            // URLs: from a scheme or "www." to the next whitespace, less trailing punctuation.
            if let urlEnd = urlEnd(at: piece.start, in: scalars), urlEnd > piece.end {
                tokens.append(Token(span: source.span(piece.start, urlEnd), kind: .url))
                index += 1
                while index < pieces.count, pieces[index].end <= urlEnd { index += 1 }
                if index < pieces.count, pieces[index].start < urlEnd {
                    pieces[index].start = urlEnd
                }
                continue
            }
            // Dotted abbreviations: "Pol" + "." or "S.H" + "." → "Pol.", "S.H.".
            if index + 1 < pieces.count, pieces[index + 1].start == piece.end,
                pieces[index + 1].end == piece.end + 1, scalars[piece.end] == ".",
                isDottedAbbreviation(piece.start, piece.end + 1, followedAt: piece.end + 1, in: scalars)
            {
                tokens.append(Token(span: source.span(piece.start, piece.end + 1), kind: .abbreviation))
                index += 2
                continue
            }
            tokens.append(Token(span: source.span(piece.start, piece.end), kind: kind(of: piece.start, piece.end, scalars)))
            index += 1
        }
        return tokens
    }

    private func isDottedAbbreviation(_ start: Int, _ end: Int, followedAt next: Int, in scalars: [Unicode.Scalar]) -> Bool {
        let length = end - start
        guard length <= lexicon.longestForm || length == 2 else { return false }
        if length == 2, scalars[start].properties.isUppercase {
            // A name initial ("A. Rahman"): one capital, then a space and a capital.
            return next + 1 < scalars.count && scalars[next] == " " && scalars[next + 1].properties.isUppercase
        }
        var form = String.UnicodeScalarView()
        form.append(contentsOf: scalars[start..<end])
        return lexicon.lookup(String(form)) != nil
    }

    private static let schemes: [[Unicode.Scalar]] = ["https://", "http://", "www."].map { Array($0.unicodeScalars) }

    private func urlEnd(at start: Int, in scalars: [Unicode.Scalar]) -> Int? {
        let first = scalars[start]
        guard first == "h" || first == "H" || first == "w" || first == "W" else { return nil }
        var matched = false
        for scheme in Self.schemes where start + scheme.count < scalars.count {
            var equal = true
            for (offset, expected) in scheme.enumerated() {
                let actual = scalars[start + offset]
                let lowered = actual.value < 128 ? Unicode.Scalar(UInt8(actual.value) | 0x20) : actual
                if lowered != expected && actual != expected {
                    equal = false
                    break
                }
            }
            if equal {
                matched = true
                break
            }
        }
        guard matched else { return nil }
        var end = start
        while end < scalars.count, !scalars[end].properties.isWhitespace, !Self.urlStoppers.contains(scalars[end]) {
            end += 1
        }
        while end > start, Self.urlTrailers.contains(scalars[end - 1]) { end -= 1 }
        return end
    }

    private static let urlStoppers: Set<Unicode.Scalar> = ["\"", "“", "”", "<", ">", "«", "»"]
    private static let urlTrailers: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "'", "’"]

    private func kind(of start: Int, _ end: Int, _ scalars: [Unicode.Scalar]) -> Token.Kind {
        let first = scalars[start]
        let properties = first.properties
        if properties.isAlphabetic {
            if end - start > 1 && (start + 1..<end).contains(where: { scalars[$0] == "@" }) { return .email }
            return .word
        }
        if properties.numericType != nil { return .number }
        if first == "#" && end - start > 1 { return .hashtag }
        if first == "@" && end - start > 1 { return .handle }
        if properties.isEmojiPresentation || (properties.isEmoji && first.value > 0xFF) || properties.generalCategory == .otherSymbol && first.value >= 0x1F000 {
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

    private func makeSentences(_ source: SourceText, _ utf16: UTF16Text, _ tokens: [Token]) -> [Span] {
        guard !tokens.isEmpty else { return [] }
        let scalars = source.scalars
        let boundaries = sentenceBreaks.boundaries(in: utf16).offsets
        var sentences: [Span] = []
        var sentenceStart = 0  // index of the first token of the open sentence
        var tokenIndex = 0
        for boundary in boundaries.dropFirst().dropLast() {
            let offset = utf16.scalarOffset(boundary)
            // The first token that starts at or after the boundary.
            while tokenIndex < tokens.count, tokens[tokenIndex].span.start < offset { tokenIndex += 1 }
            guard tokenIndex > sentenceStart, tokenIndex < tokens.count else { continue }
            let previous = tokens[tokenIndex - 1]
            let next = tokens[tokenIndex]
            if previous.span.end > offset { continue }  // never inside a token
            if !endsSentence(previous, before: next, scalars) { continue }
            sentences.append(source.span(tokens[sentenceStart].span.start, previous.span.end))
            sentenceStart = tokenIndex
        }
        sentences.append(source.span(tokens[sentenceStart].span.start, tokens[tokens.count - 1].span.end))
        return sentences
    }

    /// Whether ICU's boundary between `previous` and `next` really ends a sentence.
    private func endsSentence(_ previous: Token, before next: Token, _ scalars: [Unicode.Scalar]) -> Bool {
        // A line break always ends a sentence: headlines, captions and list items have no period.
        for offset in previous.span.end..<next.span.start where Self.isLineBreak(scalars[offset]) {
            return true
        }
        if previous.kind == .abbreviation {
            if previous.span.length == 2 { return false }  // a name initial
            if lexicon.lookup(previous.span.text) == .title { return false }
        }
        let first = scalars[next.span.start]
        if first.properties.isLowercase { return false }
        return true
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
