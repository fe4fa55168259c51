import KutipCore
import KutipEntities

// Attribution in reading order and the person names it maps speakers to.
extension QuoteFinder {
    /// Attributes the drafts in reading order. "The most recent speaker" is a
    /// person who opened a sentence since the last quote ("Garin membacakan
    /// puisi. Ia mengatakan …"), else the last speaker.
    mutating func resolve(_ drafts: [QuoteDraft]) -> [Quote] {
        var quotes: [Quote] = []
        var known: [String: String] = [:]
        func canonical(_ name: String) -> String {
            if let found = known[name] { return found }
            var found = canonicalName(name)
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
                // An organization keeps its name ("Polda Jawa Barat"): the person-name
                // canonicalization would strip its leading short form as a title.
                let first = token(atOrAfter: span.start)
                let mentionEntity = first < tokens.count ? Int(entityAt[first]) : -1
                let isOrganization =
                    mentionEntity >= 0 && entities[mentionEntity].type == .organization
                    && entities[mentionEntity].span.start == span.start
                speaker = isOrganization ? name : canonical(name)
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
                // A person by name, or an unnamed source ("seorang saksi mata",
                // lowercase), is who "-nya" points at next.
                if let lastWord = speaker.split(separator: " ").last,
                    names.knows(String(lastWord))
                        || speaker.unicodeScalars.first?.isKutipLowercase == true
                {
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
    mutating func roleUpdates() -> [(index: Int, role: String)] {
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
                role = roles[canonicalName(key)] ?? entity.canonical.flatMap { roles[$0] }
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
        return classes[index].contains(.title) || abbreviationAt(index)
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
        where classes[index].contains(.title) || abbreviationAt(index) || tokens.kind(index) == .abbreviation {
            if isCapitalized(index) { titleWords.insert(word(index)) }
        }
        result.titles = titleWords
        func extendable(_ index: Int) -> Bool {
            isCapitalized(index) && entityAt[index] < 0 && !classes[index].contains(.role)
                && !classes[index].contains(.connective) && !isTitle(index)
        }
        // Words of person mentions that do not open with a role: the names proper.
        func wordHash(_ index: Int) -> UInt64 {
            HashFilter.hash(scalars[tokens.start(index)..<tokens.end(index)], foldingCase: false)
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
            // Strings are made only for a name not seen before; a loop, not a
            // closure, because a closure here copied the whole finder each time.
            if !result.addMention(key: key, at: entity.span.start, token: first) {
                var name: [String] = []
                for index in words { name.append(word(index)) }
                result.add(key: key, at: entity.span.start, token: first, name: name)
            }
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
                    // "pelatih CLS Wahyu Widayat Jati, biasa disapa Cacing": the name
                    // starts at the person, not at the initials before it.
                    let nameStart =
                        (index..<end).first { entityAt[$0] >= 0 && entities[Int(entityAt[$0])].type == .person }
                        ?? index
                    result.alias((nameStart..<end).map { word($0) }, (probe..<secondEnd).map { word($0) })
                }
            }
            index = end
        }
        return result
    }
}
