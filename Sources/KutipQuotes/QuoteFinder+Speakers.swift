import KutipCore
import KutipEntities

// Who speaks: the speaker named after or before a cue, names the tagger missed,
// speakers named by role, and the roles the article gives.
extension QuoteFinder {
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
            // "kata Menkumham saat ditemui di Jakarta, Selasa": a date is no name.
            if insideDate[index] {
                run = nil
                index += 1
                continue
            }
            // A capitalized run holding a role word ("Regional Partnership Manager
            // BigDish Ray Aditya Wong") describes the person named after it.
            if lastRun != nil, run == nil, !roleFirst, !runHoldsRole(lastRun!) { break }
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
                // "ungkap pelantun lagu 'Menghitung Hari' tersebut": a description
                // ending in a demonstrative points back; the title in it is no name.
                if lastRun != nil, !isCapitalized(firstWord), classes[index].contains(.demonstrative) {
                    return (.recentPerson, index + 1)
                }
                // Past a role-holding run, only an organization's or a place's name
                // may stand before the person: a lowercase word ends the search.
                if let lastRun, !roleFirst, runHoldsRole(lastRun) { break }
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

    /// The person of "<name>, <appositive>(,) <verb>": the name opens its
    /// sentence (or follows a connective) and a comma follows it; the
    /// appositive runs to the verb, at most fifteen tokens, with or without a
    /// closing comma ("Kartini, Penjual Palai Bada di kawasan Ampang, kota
    /// Padang mengatakan …").
    func appositiveSubject(before verb: Int, limit: Int) -> SpeakerReference? {
        var comma = verb - 1
        while comma > limit, comma > verb - 16, !isSentenceFinal(comma), !isMark(comma) {
            if isPunctuation(comma, ","), entityAt[comma - 1] >= 0, comma < verb - 1 {
                let entity = entities[Int(entityAt[comma - 1])]
                let start = token(atOrAfter: entity.span.start)
                if entity.type == .person, start == limit || (start > limit && onlyConnectives(limit, start - 1)) {
                    let roleEnd = isPunctuation(verb - 1, ",") ? verb - 2 : verb - 1
                    let role = roleEnd > comma ? text(comma + 1, through: roleEnd).text : nil
                    return .named(speakerName(entity), mention: entity.span, role: role)
                }
            }
            comma -= 1
        }
        return nil
    }

    /// Words that name an institution before its place ("Tentara Israel").
    static let institutionWords: Set<String> = ["tentara", "militer", "polisi", "pasukan", "angkatan", "otoritas"]

    /// Whether a capitalized run holds a role word ("Manager", "Direktur").
    func runHoldsRole(_ run: Range<Int>) -> Bool { run.contains { classes[$0].contains(.role) } }

    /// Copulas after "yang" that introduce a description of the subject.
    static let copulas: Set<String> = ["merupakan", "adalah", "ialah", "menjadi"]

    /// Words opening the channel of a saying between its subject and verb
    /// ("MCC dalam situsnya menyatakan", "FIA melalui situs resmi menyatakan").
    static let channels: Set<String> = ["dalam", "melalui", "lewat", "via"]

    /// The subject of a speech verb ("Mukhlis mengatakan", "ia menegaskan").
    func speakerBefore(_ verb: Int, limit: Int) -> SpeakerReference {
        // "Rachel McDonald, kepala bagian … di Swinburne, mengatakan": a person
        // opening the clause, then an appositive between commas.
        if let person = appositiveSubject(before: verb, limit: limit) { return person }
        var index = verb - 1
        var steps = 0
        // Words crossed on the way back: adverbs ("juga"), or a relative
        // clause ("Bamsoet yang pernah berprofesi sebagai wartawan menambahkan").
        var crossedClause = false
        var crossedOther = false
        while index >= max(0, limit), steps < 14 {
            if isSentenceFinal(index) || isMark(index) || lineBreakBefore(index + 1) { break }
            let reachable = !crossedOther || crossedClause
            // "M Rum di Jakarta, Senin, menyatakan": the day and the place of the
            // saying stand between the speaker and the verb.
            if insideDate[index] {
                index -= 1
                steps += 1
                continue
            }
            let entityIndex = Int(entityAt[index])
            if entityIndex >= 0 {
                let entity = entities[entityIndex]
                let start = token(atOrAfter: entity.span.start)
                let subject = start == 0 || !classes[start - 1].contains(.preposition)
                if entity.type == .location, start > 0, lowercased(start - 1) == "di" {
                    index = start - 2
                    steps += 2
                    continue
                }
                if entity.type == .person, reachable {
                    let role = roleBefore(start) ?? roleAfter(token(atOrAfter: entity.span.end))
                    return .named(speakerName(entity), mention: entity.span, role: role)
                }
                if entity.type == .organization, subject, reachable {
                    return .named(organizationName(entity), mention: entity.span, role: nil)
                }
                // "Tentara Israel mengatakan", "Pemerintah Indonesia menyatakan": an
                // institution named by its head word and its place.
                if entity.type == .location, subject, reachable, start > max(0, limit), isCapitalized(start - 1),
                    entityAt[start - 1] < 0,
                    EntityStage.organizationHeads.contains(lowercased(start - 1))
                        || Self.institutionWords.contains(lowercased(start - 1))
                {
                    let mention = text(start - 1, through: token(atOrAfter: entity.span.end) - 1)
                    return .named(mention.text, mention: mention, role: nil)
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
            if isWord(index), !isCapitalized(index), !classes[index].contains(.adverb),
                let channel = ((max(0, limit, index - 3))...index).last(where: {
                    classes[$0].contains(.adverbial) && Self.channels.contains(lowercased($0))
                }),
                channel > max(0, limit), (channel...index).allSatisfy({ isWord($0) && !isCapitalized($0) }),
                isCapitalized(channel - 1) || isPunctuation(channel - 1, ")")
            {
                // "MCC dalam situsnya menyatakan": the channel is crossed, not a clause.
                steps += index - channel + 1
                index = channel - 1
                continue
            }
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
                    // "Julie Ohana yang merupakan seorang ahli terapi kuliner mengatakan":
                    // the phrase describes the subject of a relative clause.
                    if start >= max(0, limit) + 3, Self.copulas.contains(lowercased(start - 1)),
                        classes[start - 2].contains(.relative)
                    {
                        crossedClause = true
                        index = start - 3
                        steps += 3
                        continue
                    }
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
}
