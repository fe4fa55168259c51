import KutipCore
import KutipEntities

// Indirect quotes: content clauses after speech verbs, "menurut" and postposed cues.
extension QuoteFinder {
    mutating func indirect() -> [QuoteDraft] {
        var drafts: [QuoteDraft] = []
        var skip = SpanCursor(boilerplate)
        var tokenIndex = 0
        for sentence in sentences {
            while tokenIndex < tokens.count, tokens.start(tokenIndex) < sentence.start { tokenIndex += 1 }
            let first = tokenIndex
            while tokenIndex < tokens.count, tokens.start(tokenIndex) < sentence.end { tokenIndex += 1 }
            let range = first..<tokenIndex
            guard range.count >= 4, !skip.contains(sentence.start) else { continue }
            if range.contains(where: { insideDirect[$0] }) { continue }
            if let draft = indirect(in: range) ?? introduction(in: range) { drafts.append(draft) }
        }
        return drafts
    }

    /// The last content token of a sentence: final punctuation and a trailing
    /// ", Senin (30/1)" left out.
    func contentEnd(_ range: Range<Int>, from start: Int) -> Int {
        var last = range.upperBound - 1
        // "… ketimbang Trump. (stu)": a desk code after the full stop is not content.
        if let stop = (start..<range.upperBound).first(where: { isSentenceFinal($0) }), stop > start { last = stop - 1 }
        while last > start, !isWord(last), !isPunctuation(last, ")") { last -= 1 }
        // ", Senin (30/1)" closing the sentence dates the saying, not the content;
        // ", kemarin" inside what was said stays.
        if let date = date(containing: tokens.start(last)),
            date.span.text.unicodeScalars.first?.isKutipUppercase == true
        {
            let dateStart = token(atOrAfter: date.span.start)
            if dateStart - 1 > start, isPunctuation(dateStart - 1, ",") { last = dateStart - 2 }
        }
        while last > start, !isWord(last), !isPunctuation(last, ")\"") { last -= 1 }
        return last
    }

    /// The date expression containing `offset`, by binary search over the sorted dates.
    func date(containing offset: Int) -> TemporalExpression? {
        var low = 0
        var high = dates.count
        while low < high {
            let middle = (low + high) / 2
            if dates[middle].span.end <= offset { low = middle + 1 } else { high = middle }
        }
        return low < dates.count && dates[low].span.start <= offset ? dates[low] : nil
    }

    /// "Umumnya kata dia, …", "… tersebut dikatakan Agus mulai buka …": a
    /// postposed or passive cue inside a sentence with no comma before it,
    /// followed by a pronoun or a person and then the rest of the sentence.
    func unpunctuatedInsertion(at cue: Int, in range: Range<Int>) -> Bool {
        guard !classes[cue].isDisjoint(with: [.after, .passive, .menurut]), isWord(cue - 1),
            cue + 1 < range.upperBound
        else { return false }
        var next = cue + 1
        if classes[next].contains(.pronoun) {
            next += 1
        } else if entityAt[next] >= 0, entities[Int(entityAt[next])].type == .person {
            next = token(atOrAfter: entities[Int(entityAt[next])].span.end)
        } else {
            return false
        }
        return next < range.upperBound && (isPunctuation(next, ",") || (isWord(next) && !isCapitalized(next)))
    }

    /// Verbs of promise: "berjanji akan …" is no quote in the dev gold (the
    /// notes leave it open), so an auxiliary after them opens no content.
    static let promises: Set<String> = ["berjanji", "bertekad", "bersumpah"]

    /// Conditionals that, right after a speech verb, colloquially mean "bahwa".
    static let colloquialThat: Set<String> = ["jika", "kalau"]

    /// "menyatakan menolak permohonan …": a verb after the speech verb opens
    /// reported content, where a noun ("menyatakan komitmen") names a thing said.
    func startsVerbPhrase(_ index: Int) -> Bool {
        guard isWord(index), !isCapitalized(index), tokens.end(index) - tokens.start(index) >= 6 else { return false }
        let first = scalars[tokens.start(index)].value | 0x20
        let second = scalars[tokens.start(index) + 1].value | 0x20
        // me-, ber-, ter- (m e, b e, t e).
        return (first == 0x6D || first == 0x62 || first == 0x74) && second == 0x65
    }

    func wordCount(_ from: Int, _ through: Int) -> Int {
        guard from <= through else { return 0 }
        return (from...through).reduce(0) { $0 + (isWord($1) ? 1 : 0) }
    }

    func onlyConnectives(_ from: Int, _ through: Int) -> Bool {
        guard from <= through else { return true }
        return (from...through).allSatisfy { !isWord($0) || classes[$0].contains(.connective) }
    }

    /// A sentence naming a speaker with no content to quote: "Hal tersebut
    /// dikatakan Kompol Putu", "Egia Tarigan menambahkan keberadaan korban …".
    func introduction(in range: Range<Int>) -> QuoteDraft? {
        for index in range where isWord(index) && !classes[index].isDisjoint(with: [.active, .passive]) {
            let speaker =
                classes[index].contains(.passive)
                ? speakerAfter(index).speaker : speakerBefore(index, limit: range.lowerBound)
            guard case .named = speaker else { continue }
            return QuoteDraft(
                start: tokens.start(index), end: tokens.end(index), kind: .indirect, cue: index, speaker: speaker,
                paragraph: paragraphs.index(of: tokens.start(index)), introducesOnly: true)
        }
        return nil
    }

    mutating func indirect(in range: Range<Int>) -> QuoteDraft? {
        var postposed: Int?
        var active: Int?
        var menurut: Int?
        // The words up to `openingEnd` are connectives only ("Namun, menurut …").
        // A dateline ("Jakarta (ANTARA News) - Menurut …") opens nothing either.
        var openingEnd = afterDateline(range.lowerBound, before: range.upperBound)
        while openingEnd < range.upperBound, !isWord(openingEnd) || classes[openingEnd].contains(.connective) {
            openingEnd += 1
        }
        for index in range where isWord(index) {
            let wordClass = classes[index]
            if wordClass.isDisjoint(with: WordClass.cue) { continue }
            let opensSentence = index <= openingEnd
            if (wordClass.contains(.menurut) && opensSentence)
                || (wordClass.contains(.clitic) && opensSentence && index + 1 < range.upperBound
                    && (isPunctuation(index + 1, ",") || isWord(index + 1)))
            {
                // "Menurut X, …", "Menurutnya, …", "Tambahnya, …".
                if menurut == nil, opensSentence { menurut = index }
            } else if wordClass.contains(.after) || wordClass.contains(.clitic) || wordClass.contains(.passive)
                || wordClass.contains(.menurut),
                index > range.lowerBound, postposed == nil,
                isPunctuation(index - 1, ",") || unpunctuatedInsertion(at: index, in: range)
            {
                // ", kata X," and also ", menurut Luhut," inside a sentence.
                postposed = index
            } else if wordClass.contains(.active), active == nil {
                active = index
            }
        }
        let paragraph = paragraphs.index(of: tokens.start(range.lowerBound))

        if let cue = postposed {
            let speaker: SpeakerReference
            var next = cue + 1
            if classes[cue].contains(.clitic) {
                speaker = .lastSpeaker
            } else {
                (speaker, next) = speakerAfter(cue)
                guard speaker.isKnown else { return nil }
            }
            var start = range.lowerBound
            if let verb = active, verb < cue - 1 {
                start = verb + 1
                while start < cue, isPunctuation(start, ",:") || classes[start].contains(.complementizer) {
                    start += 1
                }
            } else if let menurut, menurut < cue - 1 {
                start = menurut + 1
                while start < cue - 1, !isPunctuation(start, ",") { start += 1 }
                start += 1
            }
            let beforeLast = isPunctuation(cue - 1, ",") ? cue - 2 : cue - 1
            // Openers such as "Sementara" or "Namun," are not what was said.
            while start < beforeLast, !isWord(start) || classes[start].contains(.connective) { start += 1 }
            start = afterDateline(start, before: beforeLast)
            var before: ClosedRange<Int>? = start <= beforeLast ? start...beforeLast : nil
            if let range = before, onlyConnectives(range.lowerBound, range.upperBound) { before = nil }
            var after: ClosedRange<Int>?
            if next < range.upperBound, isPunctuation(next, ",") {
                let last = contentEnd(range, from: next + 1)
                if wordCount(next + 1, last) >= 2 { after = (next + 1)...last }
            } else if next < range.upperBound, before != nil, isWord(next), !isCapitalized(next),
                classes[next].isDisjoint(with: [.preposition, .time]), !insideDate[next]
            {
                // "NL, kata Bayu belum bisa dimintai keterangan": the insertion closes without a comma;
                // "…, kata Pellegrino pada Kamis" closes the sentence with the time of the saying.
                let last = contentEnd(range, from: next)
                if wordCount(next, last) >= 2 { after = next...last }
            }
            let span: Span
            switch (before, after) {
            case (let before?, let after?): span = text(before.lowerBound, through: after.upperBound)
            case (let before?, nil): span = text(before.lowerBound, through: before.upperBound)
            case (nil, let after?): span = text(after.lowerBound, through: after.upperBound)
            case (nil, nil): return nil
            }
            guard wordCount(token(atOrAfter: span.start), token(atOrAfter: span.end) - 1) >= 3 else { return nil }
            return QuoteDraft(
                start: span.start, end: span.end, kind: .indirect, cue: cue, speaker: speaker, paragraph: paragraph)
        }

        if let cue = menurut {
            var speaker = SpeakerReference.lastSpeaker
            var next = cue + 1
            if !classes[cue].contains(.clitic) {
                (speaker, next) = speakerAfter(cue)
                guard speaker.isKnown else { return nil }
                let afterSpeaker = next
                while next < range.upperBound, !isPunctuation(next, ",") { next += 1 }
                // "Menurut Yane para orang tua perlu …": no comma closes the speaker.
                if next >= range.upperBound, afterSpeaker < range.upperBound, isWord(afterSpeaker),
                    !isCapitalized(afterSpeaker)
                {
                    next = afterSpeaker
                }
            }
            // "Menurutnya, …" or, unpunctuated, "Menurutnya tugas tersebut …".
            let start = next < range.upperBound && isPunctuation(next, ",") ? next + 1 : next
            guard start < range.upperBound else { return nil }
            let last = contentEnd(range, from: start)
            guard wordCount(start, last) >= 3 else { return nil }
            let span = text(start, through: last)
            return QuoteDraft(
                start: span.start, end: span.end, kind: .indirect, cue: cue, speaker: speaker, paragraph: paragraph)
        }

        if let cue = active {
            let speaker = speakerBefore(cue, limit: range.lowerBound)
            guard speaker.isKnown else { return nil }
            var start = cue + 1
            // "menyatakan komitmen …" names a thing said, not a clause: most
            // verbs need a comma, colon or "bahwa" before their content.
            // A subject pronoun opens a clause too: "menyatakan pihaknya menghormati …".
            let introduced =
                cue + 1 < range.upperBound
                && (isPunctuation(cue + 1, ",:") || classes[cue + 1].contains(.complementizer)
                    || classes[cue + 1].contains(.adverbial) || startsVerbPhrase(cue + 1)
                    || (classes[cue + 1].contains(.auxiliary) && !Self.promises.contains(lowercased(cue)))
                    || Self.colloquialThat.contains(lowercased(cue + 1))
                    || (classes[cue + 1].contains(.pronoun) && cue + 2 < range.upperBound && isWord(cue + 2))
                    || lowercased(cue + 1) == "ada")
            guard introduced || classes[cue].contains(.bare) else { return nil }
            // "mengatakan jika memasak …": colloquial "jika"/"kalau" right after the verb reads "bahwa".
            if Self.colloquialThat.contains(lowercased(start)) { start += 1 }
            skipIntroducers(&start, before: range.upperBound)
            // Only an adverbial right after the verb is skipped; after "menyebut,"
            // the content has begun ("saat ini Pemprov DKI …").
            if start == cue + 1, start < range.upperBound, classes[start].contains(.adverbial) {
                // "menjelaskan kepada wartawan, …", "meminta kepada pengadilan untuk menunda …".
                let limit = min(range.upperBound, start + 10)
                if let comma = (start..<limit).first(where: { isPunctuation($0, ",") }) {
                    start = comma + 1
                } else if let link = (start..<limit).first(where: {
                    classes[$0].contains(.complementizer) || lowercased($0) == "untuk"
                }) {
                    start = link + 1
                }
                skipIntroducers(&start, before: range.upperBound)
            }
            if classes[cue].contains(.directive) {
                // "meminta (kepada) Pengadilan Negeri Jakarta Utara (untuk) menunda …": the addressee is not content.
                var probe = start
                if probe < range.upperBound, classes[probe].contains(.adverbial) { probe += 1 }
                let runStart = probe
                while probe < range.upperBound, probe < runStart + 6, isCapitalized(probe) { probe += 1 }
                // Before "untuk" or "agar" the addressee stays (the notes: "meminta
                // setiap wartawan untuk bekerja …"); before a verb it is left out.
                if probe > runStart, probe < range.upperBound, isWord(probe), !isCapitalized(probe),
                    !classes[probe].contains(.complementizer), lowercased(probe) != "untuk"
                {
                    start = probe
                }
            }
            guard start < range.upperBound, !isMark(start) else { return nil }
            // "mengatakan hal itu dalam sambutannya" refers back to what was said.
            if lowercased(start) == "hal", start + 1 < range.upperBound,
                ["itu", "ini", "tersebut"].contains(lowercased(start + 1))
            {
                return nil
            }
            let last = contentEnd(range, from: start)
            guard wordCount(start, last) >= 3 else { return nil }
            let span = text(start, through: last)
            return QuoteDraft(
                start: span.start, end: span.end, kind: .indirect, cue: cue, speaker: speaker, paragraph: paragraph)
        }
        return hearsay(in: range, openingEnd: openingEnd, paragraph: paragraph)
    }

    /// The first token after a dateline opening a sentence ("London (ANTARA
    /// News) - Virgil van Dijk …", "Jakarta, CNN Indonesia - - …"): capitalized
    /// words, brackets and commas up to a dash; `start` when there is none.
    func afterDateline(_ start: Int, before limit: Int) -> Int {
        var result = start
        var probe = start
        while probe < limit, probe < start + 10, !isWord(probe) || isCapitalized(probe) {
            if isPunctuation(probe, "-\u{2013}\u{2014}") {
                result = probe + 1
                while result < limit, isPunctuation(result, "-\u{2013}\u{2014}") { result += 1 }
                break
            }
            probe += 1
        }
        return result
    }

    /// A passive speech verb whose source the text does not give: an indirect
    /// quote with no speaker (ANNOTATION-NOTES: "a passive cue with no agent").
    /// Opening the sentence with a comma ("Dikabarkan, ia harus …"), the content
    /// follows the comma; inside it ("Pangeran Harry dikabarkan telah siap …",
    /// "pakaian ini disebut-sebut merupakan …"), the whole clause is what is said.
    func hearsay(in range: Range<Int>, openingEnd: Int, paragraph: Int) -> QuoteDraft? {
        for cue in range where isWord(cue) && classes[cue].contains(.hearsay) {
            var next = cue + 1
            // "disebut - sebut"
            if next + 1 < range.upperBound, isPunctuation(next, "-"), lowercased(next + 1) == "sebut" { next += 2 }
            guard next < range.upperBound else { return nil }
            var start: Int
            if cue == openingEnd {
                // With a name after it ("Diberitakan NME, …") the agent speaks: not here;
                // "Diberitakan sebelumnya, …" points back to the outlet's earlier story.
                if lowercased(next) == "sebelumnya", next + 1 < range.upperBound { next += 1 }
                guard isPunctuation(next, ",") else { continue }
                start = next + 1
            } else {
                // Only verbs of hearsay report a whole clause; "dikatakan" mid-sentence has its agent.
                guard !classes[cue].contains(.passive), cue - 1 > openingEnd || isWord(cue - 1) else { continue }
                // Not inside a relative clause ("kalimat yang diduga dilaporkan itu"), not
                // after a modal ("bisa disebut sebagai …"), not with an agent or a label after it.
                let previous = lowercased(cue - 1)
                if ["bisa", "dapat", "tidak", "tak", "belum", "akan"].contains(previous)
                    || ((cue - 2)..<cue).contains(where: { $0 >= range.lowerBound && classes[$0].contains(.relative) })
                {
                    continue
                }
                guard isWord(next), !isCapitalized(next), entityAt[next] < 0,
                    classes[next].isDisjoint(with: [.preposition, .agent, .appositive, .demonstrative])
                else { continue }
                // "Jakarta, CNN Indonesia - - Pangeran Harry dikabarkan …": the dateline is no content.
                start = afterDateline(openingEnd, before: cue)
            }
            let last = contentEnd(range, from: start)
            guard last > next, wordCount(start, last) >= 5 else { return nil }
            let span = text(start, through: last)
            return QuoteDraft(
                start: span.start, end: span.end, kind: .indirect, cue: cue, speaker: .unknown, paragraph: paragraph)
        }
        return nil
    }

    /// Moves `start` past the commas, colons, "bahwa" and short adverbs
    /// ("mengatakan juga, bangsa …") that stand between a cue and its content.
    /// A method, not a local function: capturing the finder in a mutating
    /// method copied all of it at every call.
    func skipIntroducers(_ start: inout Int, before end: Int) {
        while start < end {
            if isPunctuation(start, ",:") || classes[start].contains(.complementizer) {
                start += 1
            } else if start + 1 < end, isPunctuation(start + 1, ","),
                !classes[start].isDisjoint(with: [.adverb, .connective])
            {
                start += 2  // "mengatakan juga, bangsa …"
            } else {
                break
            }
        }
    }
}
