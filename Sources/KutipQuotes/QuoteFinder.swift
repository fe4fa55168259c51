import KutipCore
import KutipEntities

/// Who a quote is attributed to, before "the most recent speaker" is resolved.
enum SpeakerReference: Sendable {
    /// A speaker the text names here: a person's canonical name, an
    /// organization, or the phrase of an unnamed source.
    case named(String, mention: Span, role: String?)
    /// A clitic "-nya" ("katanya", "Menurutnya"): the most recent speaker.
    case lastSpeaker
    /// A pronoun ("kata dia"), a role alone, or no cue at all: the person the
    /// text has just talked about, else the most recent speaker.
    case recentPerson
    /// No cue at all: the person the sentences before name, or the speaker of
    /// the quote just before; nobody when neither is near.
    case context
    /// The text does not say.
    case unknown

    var isKnown: Bool {
        if case .unknown = self { return false }
        return true
    }
}

/// A person and the role the article gives them.
struct RoleHolder: Sendable {
    var name: String
    var role: String
    var words: Set<String>
}

/// A quote found but not yet attributed in reading order.
struct QuoteDraft: Sendable {
    var start: Int
    var end: Int
    var kind: QuoteKind
    var cue: Int?
    var speaker: SpeakerReference
    var paragraph: Int
    /// A sentence that names a speaker without quoting ("Hal tersebut
    /// dikatakan X"): it sets the most recent speaker and is not output.
    var introducesOnly = false
}

/// The work of ``QuoteStage`` on one document: token-indexed views of the
/// layers it reads, then direct quotes, indirect quotes and a pass in reading
/// order that resolves "the most recent speaker".
struct QuoteFinder {
    typealias WordClass = AttributionLexicon.WordClass

    let source: SourceText
    let scalars: [Unicode.Scalar]
    let tokens: TokenList
    let sentences: [Span]
    let lexicon: AttributionLexicon
    let entities: [Entity]
    let dates: [TemporalExpression]
    let boilerplate: [Span]
    let abbreviations: [Abbreviation]
    let paragraphs: Paragraphs
    /// The attribution classes of every token.
    var classes: [WordClass]
    /// The entity each token starts inside, or -1.
    var entityAt: [Int32]
    /// Whether each token lies inside a direct quote (marks included).
    var insideDirect: [Bool]
    /// Whether an abbreviation starts at each token.
    var abbreviationAt: [Bool]
    /// The roles the article gives each speaker, by canonical name.
    var roles: [String: String] = [:]
    /// Every person the article gives a role, for speakers named by role only.
    var roleHolders: [RoleHolder] = []
    /// The holders whose role has each word.
    var roleHoldersByWord: [String: [Int]] = [:]
    /// Whether each entity opens its sentence as a subject would.
    var subject: [Bool] = []
    /// The people of the document, for mapping a speaker's words to a full name.
    var names = PersonNames()

    init(document: Document, tokens: TokenList, sentences: [Span], lexicon: AttributionLexicon) {
        source = document.source
        scalars = document.source.scalars
        self.tokens = tokens
        self.sentences = sentences
        self.lexicon = lexicon
        entities = document.entities ?? []
        dates = document.dates ?? []
        boilerplate = document.boilerplate ?? []
        abbreviations = document.abbreviations ?? []
        paragraphs = Paragraphs(document.source.scalars)
        classes = [WordClass](repeating: [], count: tokens.count)
        entityAt = [Int32](repeating: -1, count: tokens.count)
        insideDirect = [Bool](repeating: false, count: tokens.count)
        for index in 0..<tokens.count where tokens.kind(index) == .word || tokens.kind(index) == .abbreviation {
            classes[index] = lexicon.classes(scalars, tokens.start(index), tokens.end(index))
        }
        abbreviationAt = [Bool](repeating: false, count: tokens.count)
        var abbreviationIndex = 0
        for index in 0..<tokens.count {
            let start = tokens.start(index)
            while abbreviationIndex < abbreviations.count, abbreviations[abbreviationIndex].span.start < start {
                abbreviationIndex += 1
            }
            if abbreviationIndex < abbreviations.count, abbreviations[abbreviationIndex].span.start == start {
                abbreviationAt[index] = true
                let abbreviation = abbreviations[abbreviationIndex]
                // "Wakapolri", "Kapolda", "Sekjen": an office spelled short is a role word too.
                if let head = abbreviation.expansion.split(separator: " ").first,
                    lexicon.classes(of: String(head)).contains(.role)
                {
                    classes[index].insert(.role)
                }
            }
        }
        var entityIndex = 0
        for index in 0..<tokens.count {
            let start = tokens.start(index)
            while entityIndex < entities.count, entities[entityIndex].span.end <= start { entityIndex += 1 }
            if entityIndex < entities.count, entities[entityIndex].span.start <= start {
                entityAt[index] = Int32(entityIndex)
            }
        }
    }

    // MARK: Token views

    /// The first token starting at or after `offset`.
    func token(atOrAfter offset: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens.start(middle) < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func first(_ index: Int) -> Unicode.Scalar { scalars[tokens.start(index)] }

    func isPunctuation(_ index: Int, _ characters: String) -> Bool {
        let kind = tokens.kind(index)
        return (kind == .punctuation || kind == .symbol) && characters.unicodeScalars.contains(first(index))
    }

    func isSentenceFinal(_ index: Int) -> Bool { isPunctuation(index, ".!?\u{2026}") }

    func isMark(_ index: Int) -> Bool {
        tokens.end(index) - tokens.start(index) == 1 && QuotationMarks.isMark(first(index))
    }

    func isWord(_ index: Int) -> Bool {
        let kind = tokens.kind(index)
        return kind == .word || kind == .abbreviation || kind == .number
    }

    func isCapitalized(_ index: Int) -> Bool {
        let kind = tokens.kind(index)
        return (kind == .word || kind == .abbreviation) && first(index).isKutipUppercase
    }

    /// Whether a line break separates token `index` from the one before it.
    func lineBreakBefore(_ index: Int) -> Bool {
        guard index > 0, index < tokens.count else { return true }
        return (tokens.end(index - 1)..<tokens.start(index)).contains { scalars[$0] == "\n" }
    }

    func text(_ from: Int, through last: Int) -> Span { source.span(tokens.start(from), tokens.end(last)) }

    func lowercased(_ index: Int) -> String { source.slice(tokens.start(index), tokens.end(index)).lowercased() }

    func word(_ index: Int) -> String { source.slice(tokens.start(index), tokens.end(index)) }

    /// An organization's name as the article writes it ("MUI", "CNN"):
    /// annotators and readers use the short form the text uses.
    func organizationName(_ entity: Entity) -> String {
        entity.span.text
    }

    /// The words naming a speaker; ``PersonNames`` maps them to the full
    /// name, preferring the person introduced first and outside quotes.
    func speakerName(_ entity: Entity) -> String { entity.span.text }

    // MARK: Running

    mutating func run() -> [Quote] {
        findRoles()
        names = personNames()
        var drafts: [QuoteDraft] = []
        // Captures only what it reads: capturing `self` would copy every layer.
        let tokens = self.tokens
        let classes = self.classes
        let cueFollows: (Int) -> Bool = { offset in
            var low = 0
            var high = tokens.count
            while low < high {
                let middle = (low + high) / 2
                if tokens.start(middle) < offset { low = middle + 1 } else { high = middle }
            }
            return low < tokens.count && tokens.start(low) == offset
                && !classes[low].isDisjoint(with: [.after, .clitic])
        }
        for marked in QuotationMarks.find(
            in: scalars, paragraphs: paragraphs, boilerplate: boilerplate, cueFollows: cueFollows)
        {
            if let draft = direct(marked) { drafts.append(draft) }
        }
        for draft in drafts {
            let first = token(atOrAfter: draft.start)
            var index = first
            while index < tokens.count, tokens.start(index) < draft.end {
                insideDirect[index] = true
                index += 1
            }
        }
        // Names said inside quotes ("presiden seperti Susilo Bambang Yudhoyono")
        // are not the people speaking.
        let quoted = insideDirect
        names.dropMentions { quoted[$0] }
        drafts.append(contentsOf: indirect())
        drafts.sort { $0.start < $1.start }
        return resolve(drafts)
    }

    // MARK: Direct quotes

    mutating func direct(_ marked: MarkedSpan) -> QuoteDraft? {
        let open = token(atOrAfter: marked.start)
        let close = token(atOrAfter: marked.end)
        var words = 0
        for index in open..<close where isWord(index) { words += 1 }
        guard words > 0 else { return nil }
        var cue: Int?
        var speaker = SpeakerReference.unknown
        if let found = cueAfter(close) {
            (cue, speaker) = (found.cue, found.speaker)
        } else if let found = cueBefore(open) {
            (cue, speaker) = (found.cue, found.speaker)
        }
        let last = marked.closed ? scalars[max(marked.start, marked.end - 2)] : " "
        let endsLikeSpeech = ",.?!\u{2026};".unicodeScalars.contains(last)
        let startsParagraph = paragraphs.ranges[marked.paragraph].lowerBound == marked.start
        // Scare quotes, titles and nicknames ("program "Yes I Do"", ‘menerima’)
        // stand inside a clause, right after a word, and are short.
        let insideClause = open > 0 && !lineBreakBefore(open) && isWord(open - 1)
        if insideClause, words <= 2 || (words <= 5 && (cue == nil || !endsLikeSpeech)) { return nil }
        guard cue != nil || (words >= 3 && endsLikeSpeech) || words >= 8 || (startsParagraph && words >= 3) else {
            return nil
        }
        if cue == nil || !speaker.isKnown { speaker = .context }
        return QuoteDraft(
            start: marked.start, end: marked.end, kind: .direct, cue: cue, speaker: speaker,
            paragraph: marked.paragraph)
    }

    /// `"…," kata X`, `"…," katanya`, `"…," X menambahkan`, `"…," demikian dikatakan X`.
    func cueAfter(_ close: Int) -> (cue: Int, speaker: SpeakerReference)? {
        guard close < tokens.count, !lineBreakBefore(close) else { return nil }
        var index = close
        var wordsSeen = 0
        var previousWord: String?
        while index < tokens.count, index < close + 10 {
            if index > close, lineBreakBefore(index) { break }
            if isSentenceFinal(index) || isMark(index) { break }
            if !isWord(index) {
                if wordsSeen > 0 { break }
                index += 1
                continue
            }
            let wordClass = classes[index]
            if wordClass.contains(.clitic), wordsSeen == 0 {
                // "harapnya BW Purba Negara": a name after the clitic still names the speaker.
                if index + 1 < tokens.count, entityAt[index + 1] >= 0, !lineBreakBefore(index + 1),
                    entities[Int(entityAt[index + 1])].type == .person
                {
                    return (index, speakerAfter(index).speaker)
                }
                return (index, .lastSpeaker)
            }
            if wordClass.contains(.after), wordsSeen == 0 || previousWord == "demikian" || previousWord == "begitu" {
                let speaker = speakerAfter(index).speaker
                return speaker.isKnown ? (index, speaker) : nil
            }
            if wordClass.contains(.passive), wordsSeen <= 1 {
                let speaker = speakerAfter(index).speaker
                return speaker.isKnown ? (index, speaker) : nil
            }
            if wordClass.contains(.active), wordsSeen > 0 {
                let speaker = speakerBefore(index, limit: close)
                return speaker.isKnown ? (index, speaker) : nil
            }
            wordsSeen += 1
            previousWord = lowercased(index)
            if wordsSeen > 6 { break }
            index += 1
        }
        return nil
    }

    /// `X mengatakan, "…"`, `Menurut X, "…"`, `kata X: "…"`.
    func cueBefore(_ open: Int) -> (cue: Int, speaker: SpeakerReference)? {
        guard open > 0, open < tokens.count, !lineBreakBefore(open) else { return nil }
        var index = open - 1
        var steps = 0
        while index >= 0, steps < 14 {
            if isSentenceFinal(index) || isMark(index) { break }
            let wordClass = classes[index]
            if wordClass.contains(.menurut) {
                if wordClass.contains(.clitic) { return (index, .lastSpeaker) }
                let speaker = speakerAfter(index, limit: open).speaker
                return speaker.isKnown ? (index, speaker) : nil
            }
            if wordClass.contains(.active) {
                let speaker = speakerBefore(index, limit: 0)
                return speaker.isKnown ? (index, speaker) : nil
            }
            if wordClass.contains(.clitic), index + 1 < open, isPunctuation(index + 1, ",:") {
                return (index, .lastSpeaker)
            }
            if wordClass.contains(.after), index > 0, isPunctuation(index - 1, ",") || isSentenceFinal(index - 1) {
                let speaker = speakerAfter(index, limit: open).speaker
                return speaker.isKnown ? (index, speaker) : nil
            }
            if lineBreakBefore(index) { break }
            index -= 1
            steps += 1
        }
        return nil
    }

    // MARK: Speakers

    /// The speaker named after a cue ("kata Kepala Dinas X Yusnita Fitriadi"),
    /// and the token after the phrase naming it.
    func speakerAfter(_ cue: Int, limit: Int = Int.max) -> (speaker: SpeakerReference, next: Int) {
        var index = cue + 1
        if index < tokens.count, classes[index].contains(.agent) { index += 1 }
        let firstWord = index
        var organization: Int?
        var run: Range<Int>?
        var lastRun: Range<Int>?
        // A role phrase may run over commas and a quoted name before the
        // person: "kata Project Manager "Yes I Do", Amrullah".
        let roleFirst = firstWord < tokens.count && classes[firstWord].contains(.role)
        let end = min(tokens.count, limit, cue + (roleFirst ? 30 : 20))
        while index < end {
            if index > cue + 1, lineBreakBefore(index) { break }
            if isSentenceFinal(index) { break }
            if isMark(index) || isPunctuation(index, ",;:") {
                if roleFirst, entityAt[index] < 0, isPunctuation(index, ",") || isMark(index),
                    index + 1 < end, isCapitalized(index + 1) || isMark(index + 1) || isPunctuation(index + 1, ",")
                {
                    run = nil
                    index += 1
                    continue
                }
                break
            }
            if lastRun != nil, run == nil, !roleFirst { break }
            if index == firstWord, classes[index].contains(.pronoun) {
                return (.recentPerson, index + 1)
            }
            let entityIndex = Int(entityAt[index])
            if entityIndex >= 0 {
                let entity = entities[entityIndex]
                let entityEnd = token(atOrAfter: entity.span.end)
                if entity.type == .person, classes[index].contains(.role), entityEnd - index <= 2 {
                    // "tutur Kepala Negara" tagged as a name: a role.
                    return (resolveRole(index..<entityEnd), entityEnd)
                }
                if entity.type == .person {
                    // "ujar kekasih selebritas Ariel Tatum itu" describes the speaker by someone else.
                    if !isCapitalized(firstWord), entityEnd < tokens.count,
                        classes[entityEnd].contains(.demonstrative)
                    {
                        return (.recentPerson, entityEnd + 1)
                    }
                    let role = roleBetween(firstWord, token(atOrAfter: entity.span.start)) ?? roleAfter(entityEnd)
                    return (.named(speakerName(entity), mention: entity.span, role: role), entityEnd)
                }
                if organization == nil, entity.type == .organization { organization = entityIndex }
                if entity.type == .location, names.knows(word(max(index, entityEnd - 1))) {
                    // A person's name the tagger took for a place: the article's names say otherwise.
                    run = (run?.lowerBound ?? index)..<max(index + 1, entityEnd)
                    lastRun = run
                } else {
                    run = nil
                }
                index = max(index + 1, entityEnd)
                continue
            }
            if index == firstWord, classes[index].contains(.source), !isCapitalized(index),
                let last = sourcePhraseEnd(from: index, limit: end),
                last + 1 >= end || !isCapitalized(last + 1)  // "pihak Apple" names the organization
            {
                let phrase = text(index, through: last)
                return (.named(phrase.text, mention: phrase, role: nil), last + 1)
            }
            if isCapitalized(index) {
                run = (run?.lowerBound ?? index)..<(index + 1)
                lastRun = run
            } else if isWord(index) {
                run = nil
            }
            index += 1
        }
        if roleFirst, firstWord < index {
            // "kata Kepala Dinas … Yusnita Fitriadi" with the name untagged,
            // or a role alone: "kata Kepala Negara", "ujar gelandang Manchester United itu".
            // The name is known as a person's, or stands after a comma closing the role ("…, Amrullah").
            if let lastRun, !classes[lastRun.upperBound - 1].contains(.role),
                names.knows(word(lastRun.upperBound - 1))
                    || (lastRun.lowerBound > firstWord + 1 && isPunctuation(lastRun.lowerBound - 1, ","))
            {
                let mention = text(lastRun.lowerBound, through: lastRun.upperBound - 1)
                let role = roleBetween(firstWord, lastRun.lowerBound)
                return (.named(mention.text, mention: mention, role: role), lastRun.upperBound)
            }
            return (resolveRole(firstWord..<index), index)
        }
        if let lastRun {
            return (fallbackName(lastRun), lastRun.upperBound)
        }
        if let organization {
            let entity = entities[organization]
            return (
                .named(organizationName(entity), mention: entity.span, role: nil), token(atOrAfter: entity.span.end)
            )
        }
        if firstWord < index, isWord(firstWord), !isCapitalized(firstWord) {
            return (describedSpeaker(from: firstWord, stop: index, limit: end), index)
        }
        return (.unknown, index)
    }

    /// The speaker after a cue described in lowercase words: "kata pedagang
    /// cabai di Pasar Induk Cianjur, Lilis" names Lilis after the comma; "kata
    /// orator" is an unnamed source reported as its phrase.
    func describedSpeaker(from first: Int, stop: Int, limit: Int) -> SpeakerReference {
        if stop + 1 < limit, isPunctuation(stop, ","), isCapitalized(stop + 1), !lineBreakBefore(stop + 1) {
            if entityAt[stop + 1] >= 0, entities[Int(entityAt[stop + 1])].type == .person {
                let entity = entities[Int(entityAt[stop + 1])]
                return .named(speakerName(entity), mention: entity.span, role: nil)
            }
            var end = stop + 1
            while end < limit, end < stop + 5, isCapitalized(end), !lineBreakBefore(end) { end += 1 }
            let mention = text(stop + 1, through: end - 1)
            return .named(mention.text, mention: mention, role: nil)
        }
        // "kata mantan pengusaha itu": a description of someone already named.
        if (first..<min(stop + 1, limit)).contains(where: { classes[$0].contains(.demonstrative) }) {
            return .recentPerson
        }
        guard let last = sourcePhraseEnd(from: first, limit: stop), !classes[first].contains(.pronoun) else {
            return .unknown
        }
        let phrase = text(first, through: last)
        return .named(phrase.text, mention: phrase, role: nil)
    }

    /// Where an unnamed source's phrase ends ("seorang warga", "juru bicara
    /// militer"): at most five lowercase words, stopping before a preposition,
    /// an adverb or "yang"; `nil` when it names a time ("beberapa waktu lalu").
    func sourcePhraseEnd(from start: Int, limit: Int) -> Int? {
        var last = start
        var probe = start + 1
        while probe < limit, probe < start + 5, isWord(probe), !isCapitalized(probe), entityAt[probe] < 0,
            classes[probe].isDisjoint(with: WordClass.cue)
        {
            if !classes[probe].isDisjoint(with: [.preposition, .adverb, .stop]) { break }
            if classes[probe].contains(.time) { return nil }
            last = probe
            probe += 1
        }
        while last > start, classes[last].contains(.joiner) || lowercased(last) == "asal" { last -= 1 }
        return last
    }

    /// The subject of a speech verb ("Mukhlis mengatakan", "ia menegaskan").
    func speakerBefore(_ verb: Int, limit: Int) -> SpeakerReference {
        var index = verb - 1
        var steps = 0
        // Words crossed on the way back: adverbs ("juga"), or a relative
        // clause ("Bamsoet yang pernah berprofesi sebagai wartawan menambahkan").
        var crossedClause = false
        var crossedOther = false
        while index >= max(0, limit), steps < 14 {
            if isSentenceFinal(index) || isMark(index) || lineBreakBefore(index + 1) { break }
            let reachable = !crossedOther || crossedClause
            let entityIndex = Int(entityAt[index])
            if entityIndex >= 0 {
                let entity = entities[entityIndex]
                let start = token(atOrAfter: entity.span.start)
                let subject = start == 0 || !classes[start - 1].contains(.preposition)
                if entity.type == .person, reachable {
                    let role = roleBefore(start) ?? roleAfter(token(atOrAfter: entity.span.end))
                    return .named(speakerName(entity), mention: entity.span, role: role)
                }
                if entity.type == .organization, subject, reachable {
                    return .named(organizationName(entity), mention: entity.span, role: nil)
                }
                if !subject { crossedOther = true }
                index = start - 1
                steps += 1
                continue
            }
            let wordClass = classes[index]
            if wordClass.contains(.pronoun), reachable { return .recentPerson }
            // "Pengawal mistar tersibuk itu berharap": a description of someone already named.
            if steps == 0, classes[index].contains(.demonstrative) { return .recentPerson }
            if isWord(index), !isCapitalized(index), !classes[index].contains(.adverb) {
                // An unnamed source: "seorang warga mengatakan".
                var start = index
                while start > max(0, limit), start > index - 4, isWord(start - 1), !isCapitalized(start - 1),
                    !classes[start].contains(.source)
                {
                    start -= 1
                }
                if classes[start].contains(.source), !crossedOther,
                    sourcePhraseEnd(from: start, limit: verb) == verb - 1
                {
                    let phrase = text(start, through: verb - 1)
                    return .named(phrase.text, mention: phrase, role: nil)
                }
                if classes[index].contains(.relative) { crossedClause = true } else { crossedOther = true }
            }
            if isCapitalized(index), reachable {
                var start = index
                while start > max(0, limit), start > index - 8, isCapitalized(start - 1), entityAt[start - 1] < 0 {
                    start -= 1
                }
                return fallbackName(start..<(index + 1))
            }
            index -= 1
            steps += 1
        }
        return .unknown
    }

    /// A name the entity layer missed: the person whose cluster has its last
    /// word; a role alone ("Presiden", "Kepala Kanwil") goes to the person
    /// holding it; a lone capitalized word opening a sentence is no name.
    func fallbackName(_ run: Range<Int>) -> SpeakerReference {
        let lastWord = word(run.upperBound - 1)
        let mention = text(run.lowerBound, through: run.upperBound - 1)
        if names.knows(lastWord) {
            let role = run.count > 1 ? roleBetween(run.lowerBound, run.upperBound - 1) : nil
            let name = role == nil ? mention.text : lastWord
            return .named(name, mention: mention, role: role)
        }
        if classes[run.lowerBound].contains(.role) { return resolveRole(run) }
        let opensSentence =
            run.lowerBound == 0 || isSentenceFinal(run.lowerBound - 1) || lineBreakBefore(run.lowerBound)
        if run.count == 1, opensSentence { return .unknown }
        return .named(mention.text, mention: mention, role: nil)
    }

    /// The person an article calls by role ("Presiden", "Kepala Kanwil itu"):
    /// the one whose role shares the most words with it, else the most recent speaker.
    func resolveRole(_ range: Range<Int>) -> SpeakerReference {
        let words = Set(range.filter { isWord($0) }.map { lowercased($0) })
        let head = lowercased(range.lowerBound)
        var best: (holder: RoleHolder, overlap: Int)?
        for holder in (roleHoldersByWord[head] ?? []).map({ roleHolders[$0] }) {
            let overlap = holder.words.intersection(words).count
            if overlap > best?.overlap ?? 0 { best = (holder, overlap) }
        }
        if let best, best.overlap >= min(2, words.count) {
            return .named(
                best.holder.name, mention: text(range.lowerBound, through: range.upperBound - 1), role: best.holder.role
            )
        }
        // An office nobody was given by name ("Kepala Negara") is the one who has
        // been speaking; a description ending in "itu" points at whoever was just named.
        return classes[range.upperBound - 1].contains(.demonstrative) ? .recentPerson : .lastSpeaker
    }

    // MARK: Roles

    /// The role the text gives each person, before or after the name.
    mutating func findRoles() {
        subject = [Bool](repeating: false, count: entities.count)
        var sentenceIndex = 0
        for (index, entity) in entities.enumerated() where entity.type == .person {
            let first = token(atOrAfter: entity.span.start)
            while sentenceIndex < sentences.count, sentences[sentenceIndex].end <= entity.span.start {
                sentenceIndex += 1
            }
            let sentenceStart = sentenceIndex < sentences.count ? sentences[sentenceIndex].start : 0
            var probe = first - 1
            var opens = true
            // A subject opens its sentence or the clause after an opening
            // phrase: "Di samping Bepe dan Ryuji, kiper Andritany Ardhiyasa …".
            while probe >= 0, probe >= first - 40, tokens.start(probe) >= sentenceStart, !lineBreakBefore(probe + 1),
                !isPunctuation(probe, ",")
            {
                if isWord(probe), !isCapitalized(probe), !classes[probe].contains(.connective),
                    !classes[probe].contains(.role), !classes[probe].contains(.joiner)
                {
                    opens = false
                    break
                }
                probe -= 1
            }
            subject[index] = opens
            guard entity.type == .person, first < tokens.count else { continue }
            let name = speakerName(entity)
            // One role per name is enough: later mentions rarely add one, and
            // reading roles is the costly part of this pass.
            guard roles[name] == nil,
                let role = roleBefore(first) ?? roleAfter(token(atOrAfter: entity.span.end))
            else { continue }
            roles[name] = role
            let words = Set(role.split(separator: " ").map { $0.lowercased() })
            for word in words { roleHoldersByWord[word, default: []].append(roleHolders.count) }
            roleHolders.append(RoleHolder(name: name, role: role, words: words))
        }
    }

    /// Whether a token can continue a role phrase: capitalized words, numbers,
    /// joiners ("dan", "dari") and brackets with what they hold ("(kanwil)").
    func continuesRole(_ index: Int) -> Bool {
        isCapitalized(index) || tokens.kind(index) == .number || isPunctuation(index, "()")
            || classes[index].contains(.joiner)
    }

    /// `start...last` as a role: cut before a rank or title that opens the
    /// name ("Sekretaris Jenderal Kemenkumham Komjen Pol. Andap" → "Sekretaris
    /// Jenderal Kemenkumham"), trailing commas and an unclosed bracket left out.
    func role(_ start: Int, through last: Int) -> String? {
        func titleLike(_ index: Int) -> Bool {
            classes[index].contains(.title) || (tokens.start(index)..<tokens.end(index)).contains { scalars[$0] == "." }
        }
        var end = last
        var probe = last
        var nameWords = 0
        while probe > start, isCapitalized(probe), !titleLike(probe), nameWords < 2 {
            probe -= 1
            nameWords += 1
        }
        if probe > start, titleLike(probe) {
            let titleEnd = probe
            while probe > start, titleLike(probe) { probe -= 1 }
            // "Sekretaris Jenderal", "Direktur Jenderal": a rank word right after a role word belongs to it.
            if !(titleEnd == probe + 1 && classes[probe].contains(.role)) { end = probe }
        }
        while end > start, isPunctuation(end, ",(") { end -= 1 }
        guard end >= start else { return nil }
        return text(start, through: end).text
    }

    /// A role phrase filling `start..<end` ("Kepala Dinas Pertanian dan Kehutanan Singkawang").
    func roleBetween(_ start: Int, _ end: Int) -> String? {
        guard start < end, classes[start].contains(.role) else { return nil }
        return role(start, through: end - 1)
    }

    /// A role phrase ending just before a name ("Kepala Seksi Bimas Islam Kemenag, Mukhlis").
    func roleBefore(_ name: Int) -> String? {
        var index = name - 1
        if index >= 0, isPunctuation(index, ",") { index -= 1 }
        var roleStart: Int?
        var steps = 0
        while index >= 0, steps < 14, !lineBreakBefore(index + 1), continuesRole(index) {
            if classes[index].contains(.role), isCapitalized(index) { roleStart = index }
            index -= 1
            steps += 1
        }
        guard let roleStart else { return nil }
        return role(roleStart, through: name - 1)
    }

    /// An appositive role after a name ("Andap, Sekretaris Jenderal Kemenkumham,", "Harun selaku Kepala …").
    func roleAfter(_ next: Int) -> String? {
        guard next < tokens.count else { return nil }
        var index = next
        if isPunctuation(index, ",") || classes[index].contains(.appositive) {
            index += 1
        } else {
            return nil
        }
        guard index < tokens.count, classes[index].contains(.role), isCapitalized(index) else { return nil }
        let start = index
        var last = index
        while index < tokens.count, index < start + 16, !lineBreakBefore(index) {
            if isPunctuation(index, "(") {
                // "(kanwil)": a bracket is kept whole whatever its case.
                guard let close = (index + 1..<min(tokens.count, index + 6)).first(where: { isPunctuation($0, ")") })
                else { break }
                last = close
                index = close + 1
            } else if continuesRole(index) {
                last = index
                index += 1
            } else {
                break
            }
        }
        return role(start, through: last)
    }

    // MARK: Indirect quotes

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
        guard classes[cue].contains(.after) || classes[cue].contains(.passive), isWord(cue - 1),
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
        var openingEnd = range.lowerBound
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
            var before: ClosedRange<Int>? = start <= beforeLast ? start...beforeLast : nil
            if let range = before, onlyConnectives(range.lowerBound, range.upperBound) { before = nil }
            var after: ClosedRange<Int>?
            if next < range.upperBound, isPunctuation(next, ",") {
                let last = contentEnd(range, from: next + 1)
                if wordCount(next + 1, last) >= 2 { after = (next + 1)...last }
            } else if next < range.upperBound, before != nil, isWord(next), !isCapitalized(next) {
                // "NL, kata Bayu belum bisa dimintai keterangan": the insertion closes without a comma.
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
                while next < range.upperBound, !isPunctuation(next, ",") { next += 1 }
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
            func skipIntroducers() {
                while start < range.upperBound {
                    if isPunctuation(start, ",:") || classes[start].contains(.complementizer) {
                        start += 1
                    } else if start + 1 < range.upperBound, isPunctuation(start + 1, ","),
                        !classes[start].isDisjoint(with: [.adverb, .connective])
                    {
                        start += 2  // "mengatakan juga, bangsa …"
                    } else {
                        break
                    }
                }
            }
            // "menyatakan komitmen …" names a thing said, not a clause: most
            // verbs need a comma, colon or "bahwa" before their content.
            let introduced =
                cue + 1 < range.upperBound
                && (isPunctuation(cue + 1, ",:") || classes[cue + 1].contains(.complementizer)
                    || classes[cue + 1].contains(.adverbial) || startsVerbPhrase(cue + 1))
            guard introduced || classes[cue].contains(.bare) else { return nil }
            skipIntroducers()
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
                skipIntroducers()
            }
            if classes[cue].contains(.directive) {
                // "meminta (kepada) Pengadilan Negeri Jakarta Utara (untuk) menunda …": the addressee is not content.
                var probe = start
                if probe < range.upperBound, classes[probe].contains(.adverbial) { probe += 1 }
                let runStart = probe
                while probe < range.upperBound, probe < runStart + 6, isCapitalized(probe) { probe += 1 }
                if probe > runStart, probe < range.upperBound, isWord(probe), !isCapitalized(probe) {
                    start = probe
                    if classes[start].contains(.complementizer) || lowercased(start) == "untuk" { start += 1 }
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
        return nil
    }

    // MARK: Resolution

    /// Attributes the drafts in reading order. "The most recent speaker" is a
    /// person who opened a sentence since the last quote ("Garin membacakan
    /// puisi. Ia mengatakan …"), else the last speaker.
    mutating func resolve(_ drafts: [QuoteDraft]) -> [Quote] {
        var quotes: [Quote] = []
        var known: [String: String] = [:]
        func canonical(_ name: String) -> String {
            if let found = known[name] { return found }
            var found = names.canonical(name)
            if found == name, !name.contains(" "), names.knows(name) { found = fullerInText(name) ?? name }
            known[name] = found
            return found
        }
        var last: (name: String, role: String?)?
        var lastPerson: (name: String, role: String?)?
        var lastParagraph = Int.min / 2
        var lastEnd = 0
        var entityIndex = 0
        var recentSubject: Entity?
        for draft in drafts {
            if !draft.introducesOnly, let previous = quotes.last, previous.span.end > draft.start { continue }
            let anchor = draft.cue.map { min(tokens.start($0), draft.start) } ?? draft.start
            while entityIndex < entities.count, entities[entityIndex].span.start < anchor {
                let entity = entities[entityIndex]
                let index = token(atOrAfter: entity.span.start)
                if entity.type == .person, subject[entityIndex], entity.span.start >= lastEnd,
                    index < insideDirect.count, !insideDirect[index]
                {
                    recentSubject = entity
                }
                entityIndex += 1
            }
            var speaker: String?
            var role: String?
            var mention: Span?
            switch draft.speaker {
            case .named(let name, let span, let named):
                speaker = canonical(name)
                mention = span
                role = named ?? roles[speaker!]
                if let named, roles[speaker!] == nil { roles[speaker!] = named }
            case .lastSpeaker, .recentPerson:
                let preferLast: Bool
                if case .lastSpeaker = draft.speaker { preferLast = true } else { preferLast = false }
                // "-nya" on a speech verb points at a person: an organization that
                // spoke since ("Polda Metro Jaya meminta …") does not take it.
                let previous = preferLast ? (lastPerson ?? last) : last
                if let person = recentSubject, !preferLast || previous == nil {
                    speaker = canonical(speakerName(person))
                    role = roles[speaker!]
                } else if let previous {
                    speaker = previous.name
                    role = previous.role ?? roles[previous.name]
                }
            case .context:
                // A quote with no cue continues the speaker of a quote in the same
                // or the previous paragraph, or follows a sentence naming a person.
                if let person = recentSubject {
                    speaker = canonical(speakerName(person))
                    role = roles[speaker!]
                } else if let previous = last, draft.paragraph - lastParagraph <= 1 {
                    speaker = previous.name
                    role = previous.role ?? roles[previous.name]
                }
            case .unknown:
                speaker = nil
            }
            if !draft.introducesOnly { lastParagraph = draft.paragraph }
            if let speaker {
                last = (speaker, role)
                if let lastWord = speaker.split(separator: " ").last, names.knows(String(lastWord)) {
                    lastPerson = (speaker, role)
                }
            }
            recentSubject = nil
            lastEnd = max(lastEnd, draft.end)
            if draft.introducesOnly { continue }
            quotes.append(
                Quote(
                    span: source.span(draft.start, draft.end), kind: draft.kind, speaker: speaker,
                    cue: draft.cue.map { source.span(tokens.start($0), tokens.end($0)) }, role: role,
                    speakerMention: mention, paragraph: draft.paragraph))
        }
        // Roles found later in the article apply to earlier quotes of the same speaker.
        for index in quotes.indices where quotes[index].role == nil {
            if let speaker = quotes[index].speaker, let role = roles[speaker] { quotes[index].role = role }
        }
        return quotes
    }

    /// The role found for its person, for every person mention without one.
    func roleUpdates() -> [(index: Int, role: String)] {
        guard !roles.isEmpty else { return [] }
        var known: [String: String?] = [:]
        var updates: [(index: Int, role: String)] = []
        for index in entities.indices where entities[index].type == .person && entities[index].role == nil {
            let entity = entities[index]
            let key = entity.canonical ?? entity.span.text
            let role: String?
            if let found = known[key] {
                role = found
            } else {
                role = roles[names.canonical(key)] ?? entity.canonical.flatMap { roles[$0] }
                known[key] = role
            }
            if let role { updates.append((index, role)) }
        }
        return updates
    }

    /// A one-word name written fuller in the text ("Frenky" → "Frenky
    /// Tirtowijoyo" where the tagger missed the full name): its first
    /// occurrence followed by up to two capitalized words that are no role,
    /// title, abbreviation or other entity.
    func fullerInText(_ name: String) -> String? {
        for index in 0..<tokens.count where isCapitalized(index) && word(index) == name {
            var end = index + 1
            while end < tokens.count, end < index + 3, isCapitalized(end), !lineBreakBefore(end), !isTitle(end),
                classes[end].isDisjoint(with: [.role, .connective, .title]),
                entityAt[end] < 0 || entities[Int(entityAt[end])].type == .person
            {
                end += 1
            }
            if end > index + 1 { return (index..<end).map { word($0) }.joined(separator: " ") }
            return nil
        }
        return nil
    }

    /// Words that are titles, ranks or degrees, not names: the document's
    /// abbreviations ("Kombes", "AKBP", "S.H.") and dotted forms.
    func isTitle(_ index: Int) -> Bool {
        return classes[index].contains(.title) || abbreviationAt[index]
            || (tokens.start(index)..<tokens.end(index)).contains { scalars[$0] == "." }
    }

    /// Every person's name, stretched over capitalized words the tagger left
    /// out ("Budhi Revianto" in "Komjen Pol. Andap Budhi Revianto"), and the
    /// aliases the article gives ("Bamsoet, panggilan Bambang Soesatyo",
    /// "Basuki Tjahaja Purnama (Ahok)").
    func personNames() -> PersonNames {
        var result = PersonNames()
        var titleWords: Set<String> = []
        for index in 0..<tokens.count
        where classes[index].contains(.title) || abbreviationAt[index] || tokens.kind(index) == .abbreviation {
            if isCapitalized(index) { titleWords.insert(word(index)) }
        }
        result.titles = titleWords
        func extendable(_ index: Int) -> Bool {
            isCapitalized(index) && entityAt[index] < 0 && !classes[index].contains(.role)
                && !classes[index].contains(.connective) && !isTitle(index)
        }
        // Words of person mentions that do not open with a role: the names proper.
        func wordHash(_ index: Int) -> UInt64 {
            HashFilter.hash(scalars[tokens.start(index)..<tokens.end(index)], foldingASCII: false)
        }
        var nameWords: Set<UInt64> = []
        var anyRoleLed = false
        for entity in entities where entity.type == .person {
            let first = token(atOrAfter: entity.span.start)
            guard first < tokens.count else { continue }
            if classes[first].contains(.role) {
                anyRoleLed = true
                continue
            }
            for index in first..<token(atOrAfter: entity.span.end) where isWord(index) {
                nameWords.insert(wordHash(index))
            }
        }
        if !anyRoleLed { nameWords = [] }
        for entity in entities where entity.type == .person {
            var first = token(atOrAfter: entity.span.start)
            var end = token(atOrAfter: entity.span.end)
            guard first < end else { continue }
            if classes[first].contains(.role), end - first >= 2 {
                // "Bupati Gunung Kidul Badingah" tagged whole: the name starts at a
                // word the article uses in a name elsewhere, else it is the last word.
                var start = first + 1
                while start < end - 1, !nameWords.contains(wordHash(start)) { start += 1 }
                first = start
            }
            if let canonical = entity.canonical, canonical != entity.span.text {
                // "Jokowi" → "Joko Widodo": the entity stage's clustering, used when no longer name contains the words.
                result.entityCanonicals[entity.span.text] = canonical
            }
            if end < tokens.count, !lineBreakBefore(end), extendable(end),
                end + 1 >= tokens.count || !isCapitalized(end + 1)
            {
                end += 1
            } else if end + 1 < tokens.count, classes[end].contains(.particle), extendable(end + 1) {
                // "Gomes de Oliviera", "Ahmad bin Abdullah".
                end += 2
            }
            var words = (first..<end).filter { isWord($0) }
            while words.count > 1, isTitle(words[0]) { words.removeFirst() }
            while words.count > 1, isTitle(words[words.count - 1]) { words.removeLast() }
            // Repeated mentions are found by a hash of their words; Strings are made once per name.
            var key: UInt64 = 0
            for index in words { key = (key &* 0x100_0000_01b3) ^ wordHash(index) }
            result.add(key: key, at: entity.span.start, token: first) { words.map { word($0) } }
        }
        // Aliases: capitalized runs joined by ", panggilan", ", sapaan", "(…)", "yang akrab disapa".
        var index = 0
        while index < tokens.count {
            guard isCapitalized(index) else {
                index += 1
                continue
            }
            var end = index
            while end < tokens.count, isCapitalized(end), end == index || !lineBreakBefore(end) { end += 1 }
            var probe = end
            var linked = false
            var closing = false
            if probe < tokens.count, isPunctuation(probe, "("), entityAt[index] >= 0,
                entities[Int(entityAt[index])].type == .person
            {
                linked = true
                closing = true
                probe += 1
            } else {
                if probe < tokens.count, isPunctuation(probe, ",") { probe += 1 }
                while probe < tokens.count, probe < end + 4, isWord(probe), !isCapitalized(probe) {
                    if classes[probe].contains(.alias) { linked = true }
                    probe += 1
                }
            }
            if linked, probe < tokens.count, isCapitalized(probe) {
                var secondEnd = probe
                while secondEnd < tokens.count, isCapitalized(secondEnd), !lineBreakBefore(secondEnd) { secondEnd += 1 }
                if !closing || (secondEnd < tokens.count && isPunctuation(secondEnd, ")")) {
                    result.alias((index..<end).map { word($0) }, (probe..<secondEnd).map { word($0) })
                }
            }
            index = end
        }
        return result
    }
}

/// The people of a document, to map the words naming a speaker to the
/// fullest name of the same person.
struct PersonNames: Sendable {
    /// Each person's name in words, in order of first mention.
    var names: [[String]] = []
    var firstMention: [Int] = []
    /// Short or nicknames to full names.
    var aliases: [String: [String]] = [:]
    var words: Set<String> = []

    /// The names having a word with each first letter.
    var byInitial: [Unicode.Scalar: [Int]] = [:]
    /// The first token and offset of each mention of each name.
    var mentions: [[(token: Int, offset: Int)]] = []

    /// The index of each name, by the hash of its words.
    var indexOfName: [UInt64: Int] = [:]
    var keys: [UInt64] = []

    mutating func add(key: UInt64, at offset: Int, token: Int, name makeName: () -> [String]) {
        if let existing = indexOfName[key] {
            firstMention[existing] = min(firstMention[existing], offset)
            mentions[existing].append((token, offset))
            return
        }
        let name = makeName()
        guard !name.isEmpty else { return }
        for initial in Set(name.compactMap { $0.unicodeScalars.first }) {
            byInitial[initial, default: []].append(names.count)
        }
        indexOfName[key] = names.count
        keys.append(key)
        names.append(name)
        firstMention.append(offset)
        mentions.append([(token, offset)])
        words.formUnion(name)
    }

    /// Forgets the mentions `excluded` says to (those inside quotes), and the
    /// names left with none, unless that would leave no names at all.
    mutating func dropMentions(_ excluded: (Int) -> Bool) {
        guard mentions.contains(where: { $0.contains { excluded($0.token) } }) else { return }
        let kept = mentions.map { $0.filter { !excluded($0.token) } }
        let keep = kept.indices.filter { !kept[$0].isEmpty }
        guard !keep.isEmpty else { return }
        names = keep.map { names[$0] }
        keys = keep.map { keys[$0] }
        mentions = keep.map { kept[$0] }
        indexOfName = [:]
        for (index, key) in keys.enumerated() { indexOfName[key] = index }
        byInitial = [:]
        for (index, name) in names.enumerated() {
            for initial in Set(name.compactMap { $0.unicodeScalars.first }) {
                byInitial[initial, default: []].append(index)
            }
        }
        firstMention = mentions.map { $0.map(\.offset).min() ?? 0 }
        words = Set(names.joined())
        for (short, full) in aliases {
            words.formUnion(short.split(separator: " ").map(String.init))
            words.formUnion(full)
        }
    }

    /// Records that one name stands for the other, the longer being the full name.
    mutating func alias(_ a: [String], _ b: [String]) {
        let (short, full) = a.count <= b.count ? (a, b) : (b, a)
        guard short != full else { return }
        aliases[short.joined(separator: " ")] = full
        words.formUnion(short)
        words.formUnion(full)
    }

    /// The entity stage's canonical for mention texts whose canonical differs.
    var entityCanonicals: [String: String] = [:]

    /// Title words of the document, left out at the edges of a name.
    var titles: Set<String> = []

    /// `name` without titles, ranks and degrees at either end.
    func stripped(_ name: String, titles: Set<String>) -> String {
        var words = name.split(separator: " ").map(String.init)
        while words.count > 1, titles.contains(words[0]) || words[0].contains(".") { words.removeFirst() }
        while words.count > 1, titles.contains(words[words.count - 1]) || words[words.count - 1].contains(".") {
            words.removeLast()
        }
        return words.joined(separator: " ")
    }

    /// Whether `word` belongs to some person's name.
    func knows(_ word: String) -> Bool { words.contains(word) }

    /// The fullest name containing every word of `name` (small misspellings
    /// allowed), the earliest-introduced person winning a tie of candidates;
    /// `name` itself when no one matches.
    func canonical(_ name: String) -> String {
        var words = stripped(name, titles: titles).split(separator: " ").map(String.init)
        if let full = aliases[words.joined(separator: " ")] { words = full }
        guard words.allSatisfy({ $0.unicodeScalars.first?.isKutipUppercase ?? false }) else { return name }
        var best = words
        var bestMention = Int.max
        let initial = words.first?.unicodeScalars.first ?? " "
        for index in byInitial[initial] ?? [] where names[index].count > words.count {
            let candidate = names[index]
            // "Sandi" for "Sandiaga Uno": one word that begins a longer name's word.
            let nickname = words.count == 1 && words[0].count >= 4
            guard
                words.allSatisfy({ word in
                    candidate.contains { EntityStage.sameName(word, $0) || (nickname && $0.hasPrefix(word)) }
                })
            else { continue }
            if firstMention[index] < bestMention || (firstMention[index] == bestMention && candidate.count > best.count)
            {
                best = candidate
                bestMention = firstMention[index]
            }
        }
        if let full = aliases[best.joined(separator: " ")] { best = full }
        if best == words, let clustered = entityCanonicals[name] { return clustered }
        return best.joined(separator: " ")
    }
}
