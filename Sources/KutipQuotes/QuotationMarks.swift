import KutipCore

/// A stretch of text between quotation marks.
struct MarkedSpan: Sendable, Hashable {
    /// The opening mark's offset.
    var start: Int
    /// One past the closing mark, or the end of the paragraph (trailing spaces
    /// left out) when the quote was never closed.
    var end: Int
    /// Whether a closing mark ends the span.
    var closed: Bool
    /// The index of the paragraph the quote opens in.
    var paragraph: Int
}

/// The non-blank lines of a text: Kutip's paragraphs. News sites separate
/// paragraphs by a blank line or by a single line break; both give one
/// paragraph per non-blank line.
struct Paragraphs: Sendable {
    var ranges: [Range<Int>] = []

    init(_ scalars: [Unicode.Scalar]) {
        var start = 0
        var index = 0
        let count = scalars.count
        while index <= count {
            if index < count, scalars[index].value != 0x0A {
                index += 1
                continue
            }
            var end = index
            if end > start, scalars[end - 1] == "\r" { end -= 1 }
            if (start..<end).contains(where: { !scalars[$0].isKutipWhitespace }) {
                ranges.append(start..<end)
            }
            index += 1
            start = index
        }
    }

    /// The paragraph containing `offset` (or the last one starting before it).
    func index(of offset: Int) -> Int {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }
}

/// Finds quoted stretches: double marks (" “ ” „ ‟ « ») paired by what
/// surrounds each mark, and single curly marks (‘ ’) paired inside a
/// paragraph when no double quote is open.
///
/// Straight marks look the same at both ends, and real articles mix curly
/// marks up ("”Saya …”"), so every double mark is read as opening when it
/// stands before a word and after a space, closing in the mirror position,
/// and by the running state otherwise. A quotation continued over
/// paragraphs (opening mark at each, closing mark only at the last) stays
/// one span; a quote left open ends with its paragraph, so a stray mark can
/// never swallow the rest of the article.
enum QuotationMarks {
    static func isDouble(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x22, 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB: return true
        default: return false
        }
    }

    @inline(__always)
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value == 0x22 || (value >= 0x2018 && value <= 0x201F && value != 0x201A && value != 0x201B)
            || value == 0xAB || value == 0xBB
    }

    /// Characters after which a mark can open: spaces, brackets, dashes, colons.
    static func opensAfter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isKutipWhitespace || "([{:/-".unicodeScalars.contains(scalar) || scalar.value == 0x2013
            || scalar.value == 0x2014
    }

    /// Characters before which a mark can close: spaces and punctuation.
    static func closesBefore(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isKutipWhitespace || ".,;:!?)]}-/".unicodeScalars.contains(scalar) || scalar.value == 0x2013
            || scalar.value == 0x2014 || scalar.value == 0x2026
    }

    /// Every quoted stretch outside `boilerplate`, in text order.
    ///
    /// - Parameter cueFollows: whether a speech cue starts right after the
    ///   given offset ("…dunia. "kata Kapolsek"): such a mark closes the open
    ///   quote even when it is glued to the cue like an opening mark.
    static func find(
        in scalars: [Unicode.Scalar], paragraphs: Paragraphs, boilerplate: [Span],
        cueFollows: (Int) -> Bool = { _ in false }
    ) -> [MarkedSpan] {
        var result: [MarkedSpan] = []
        var skip = SpanCursor(boilerplate)
        // An open double quote carried from one paragraph into the next, with
        // the spans it would become if the chain never closes.
        var carried: (start: Int, paragraph: Int, pieces: [MarkedSpan])?

        for (paragraphIndex, range) in paragraphs.ranges.enumerated() {
            var marks: [Int] = []
            for offset in range where isMark(scalars[offset]) {
                if !skip.contains(offset) { marks.append(offset) }
            }
            func before(_ offset: Int) -> Unicode.Scalar { offset > range.lowerBound ? scalars[offset - 1] : "\n" }
            func after(_ offset: Int) -> Unicode.Scalar { offset + 1 < range.upperBound ? scalars[offset + 1] : "\n" }
            func leftFlanking(_ offset: Int) -> Bool { opensAfter(before(offset)) && !after(offset).isKutipWhitespace }
            func rightFlanking(_ offset: Int) -> Bool {
                !before(offset).isKutipWhitespace && closesBefore(after(offset))
            }
            func trimmedEnd(_ limit: Int) -> Int {
                var end = limit
                while end > range.lowerBound, scalars[end - 1].isKutipWhitespace { end -= 1 }
                return end
            }

            var open: Int?
            var openParagraph = paragraphIndex
            var position = 0
            var earlierPieces: [MarkedSpan] = []
            var reopenedAt = range.lowerBound
            if let chain = carried {
                // The chain continues only if this paragraph opens with a mark.
                if let first = marks.first, isDouble(scalars[first]), leftFlanking(first),
                    (range.lowerBound..<first).allSatisfy({ scalars[$0].isKutipWhitespace })
                {
                    open = chain.start
                    openParagraph = chain.paragraph
                    earlierPieces = chain.pieces
                    reopenedAt = first
                    position = 1
                } else {
                    result.append(contentsOf: chain.pieces)
                }
                carried = nil
            }
            var singleOpen: Int?
            while position < marks.count {
                let offset = marks[position]
                position += 1
                let scalar = scalars[offset]
                if !isDouble(scalar) {
                    guard open == nil else { continue }
                    // ‘ ’ pair only as quotation marks, never as apostrophes (Jum’at).
                    if scalar.value == 0x2018, leftFlanking(offset) {
                        singleOpen = offset
                    } else if scalar.value == 0x2019, let start = singleOpen, rightFlanking(offset),
                        !after(offset).properties.isAlphabetic
                    {
                        result.append(
                            MarkedSpan(start: start, end: offset + 1, closed: true, paragraph: paragraphIndex))
                        singleOpen = nil
                    }
                    continue
                }
                let left = leftFlanking(offset)
                let right = rightFlanking(offset)
                if let start = open {
                    if right || !left || cueFollows(offset + 1) {
                        result.append(MarkedSpan(start: start, end: offset + 1, closed: true, paragraph: openParagraph))
                        open = nil
                    } else {
                        // A new quote opens while one is open: the first lost its closing mark.
                        let end = trimmedEnd(offset)
                        if start < range.lowerBound {
                            result.append(contentsOf: earlierPieces)
                            result.append(
                                MarkedSpan(start: reopenedAt, end: end, closed: false, paragraph: paragraphIndex))
                        } else if end > start + 1 {
                            result.append(MarkedSpan(start: start, end: end, closed: false, paragraph: openParagraph))
                        }
                        open = offset
                        openParagraph = paragraphIndex
                    }
                } else if left || !right {
                    open = offset
                    openParagraph = paragraphIndex
                    singleOpen = nil
                }
            }
            if let start = open {
                // Left open: it may continue in the next paragraph, else each
                // paragraph's part becomes a quote of its own.
                let pieceStart = start < range.lowerBound ? reopenedAt : start
                let piece = MarkedSpan(
                    start: pieceStart, end: trimmedEnd(range.upperBound), closed: false, paragraph: paragraphIndex)
                let pieces = (start < range.lowerBound ? earlierPieces : []) + [piece]
                carried = (start, openParagraph, pieces)
            }
        }
        if let chain = carried { result.append(contentsOf: chain.pieces) }
        return result
    }
}
