import Foundation
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
    /// Per token: part of a temporal expression ("Senin", "Selasa (20/2)"),
    /// which is never a speaker's name.
    var insideDate: [Bool]
    /// The abbreviation starting at each token, or -1.
    var abbreviationIndex: [Int32]
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
    /// ``PersonNames/canonical(_:)`` of every name asked so far: attribution
    /// and the role updates ask for the same few names, and each answer splits
    /// and compares strings.
    var canonicalCache: [String: String] = [:]

    /// The fullest name of the person `name` stands for (see ``PersonNames/canonical(_:)``).
    mutating func canonicalName(_ name: String) -> String {
        if let known = canonicalCache[name] { return known }
        let found = names.canonical(name)
        canonicalCache[name] = found
        return found
    }

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
        var insideDate = [Bool](repeating: false, count: tokens.count)
        var dateToken = 0
        for date in dates {
            dateToken = max(dateToken, tokens.firstIndex(startingAtOrAfter: date.span.start))
            while dateToken < tokens.count, tokens.start(dateToken) < date.span.end {
                insideDate[dateToken] = true
                dateToken += 1
            }
        }
        self.insideDate = insideDate
        for index in 0..<tokens.count where tokens.kind(index) == .word || tokens.kind(index) == .abbreviation {
            classes[index] = lexicon.classes(
                scalars, tokens.start(index), tokens.end(index), foldedHash: tokens.foldedHash(index))
        }
        abbreviationIndex = [Int32](repeating: -1, count: tokens.count)
        // Whether an expansion's first word is a role, once per expansion:
        // an article repeats its abbreviations.
        var expansionIsRole: [String: Bool] = [:]
        var cursor = 0
        for index in 0..<tokens.count {
            let start = tokens.start(index)
            while cursor < abbreviations.count, abbreviations[cursor].span.start < start {
                cursor += 1
            }
            if cursor < abbreviations.count, abbreviations[cursor].span.start == start {
                abbreviationIndex[index] = Int32(cursor)
                let abbreviation = abbreviations[cursor]
                // "Wakapolri", "Kapolda", "Sekjen": an office spelled short is a role word too.
                let isRole: Bool
                if let known = expansionIsRole[abbreviation.expansion] {
                    isRole = known
                } else {
                    let head = abbreviation.expansion.unicodeScalars.prefix { $0 != " " }
                    isRole = !head.isEmpty && lexicon.classes(of: String(head)).contains(.role)
                    expansionIsRole[abbreviation.expansion] = isRole
                }
                if isRole { classes[index].insert(.role) }
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
    func token(atOrAfter offset: Int) -> Int { tokens.firstIndex(startingAtOrAfter: offset) }

    func first(_ index: Int) -> Unicode.Scalar { scalars[tokens.start(index)] }

    /// Whether an abbreviation starts at token `index`.
    func abbreviationAt(_ index: Int) -> Bool { abbreviationIndex[index] >= 0 }

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

    /// An organization's name in its fullest form in the article: "FPI" is
    /// reported as "Front Pembela Islam" when the article spells it out, and
    /// stays "MUI" or "CNN" when it never does.
    func organizationName(_ entity: Entity) -> String {
        let first = token(atOrAfter: entity.span.start)
        guard first < tokens.count, abbreviationAt(first) else { return entity.span.text }
        let abbreviation = abbreviations[Int(abbreviationIndex[first])]
        // "Polda Metro Jaya" is "Kepolisian Daerah Metro Jaya" when the article spells that out.
        let rest = source.slice(abbreviation.span.end, entity.span.end)
        let fuller = abbreviation.expansion + rest
        guard abbreviation.span.end <= entity.span.end,
            source.string.range(of: fuller, options: .caseInsensitive) != nil
        else { return entity.span.text }
        return fuller
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
            let index = tokens.firstIndex(startingAtOrAfter: offset)
            return index < tokens.count && tokens.start(index) == offset
                && !classes[index].isDisjoint(with: [.after, .clitic])
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

}
