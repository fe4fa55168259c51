import KutipCore
import KutipEntities

/// The people of a document, to map the words naming a speaker to the
/// fullest name of the same person.
struct PersonNames: Sendable {
    /// Each person's name in words, in order of first mention.
    var names: [[String]] = []
    /// The scalars of each name's words, for the misspelling test.
    var nameScalars: [[[Unicode.Scalar]]] = []
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

    /// Records a mention of the name whose words hash to `key`; `false` when
    /// no such name is known yet (then ``add(key:at:token:name:)`` it).
    mutating func addMention(key: UInt64, at offset: Int, token: Int) -> Bool {
        guard let existing = indexOfName[key] else { return false }
        firstMention[existing] = min(firstMention[existing], offset)
        mentions[existing].append((token, offset))
        return true
    }

    /// Adds a name first mentioned at `offset`, or a mention of it when known.
    mutating func add(key: UInt64, at offset: Int, token: Int, name: [String]) {
        if addMention(key: key, at: offset, token: token) { return }
        guard !name.isEmpty else { return }
        for initial in Set(name.compactMap { $0.unicodeScalars.first }) {
            byInitial[initial, default: []].append(names.count)
        }
        indexOfName[key] = names.count
        keys.append(key)
        names.append(name)
        nameScalars.append(name.map { Array($0.unicodeScalars) })
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
        nameScalars = keep.map { nameScalars[$0] }
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

    /// The words of `name` without titles, ranks and degrees at either end.
    func strippedWords(_ name: String, titles: Set<String>) -> [String] {
        let all = name.split(separator: " ")
        func isTitle(_ word: Substring) -> Bool { word.contains(".") || titles.contains(String(word)) }
        var first = 0
        var end = all.count
        while end - first > 1, isTitle(all[first]) { first += 1 }
        while end - first > 1, isTitle(all[end - 1]) { end -= 1 }
        return all[first..<end].map(String.init)
    }

    /// Whether `word` belongs to some person's name.
    func knows(_ word: String) -> Bool { words.contains(word) }

    /// The fullest name containing every word of `name` (small misspellings
    /// allowed), the earliest-introduced person winning a tie of candidates;
    /// `name` itself when no one matches.
    func canonical(_ name: String) -> String {
        var words = strippedWords(name, titles: titles)
        if let full = aliases[words.joined(separator: " ")] { words = full }
        guard words.allSatisfy({ $0.unicodeScalars.first?.isKutipUppercase ?? false }) else { return name }
        var best = words
        var bestMention = Int.max
        let initial = words.first?.unicodeScalars.first ?? " "
        // The words' scalars are made once, not once per candidate word.
        let wordScalars = words.map { Array($0.unicodeScalars) }
        // "Sandi" for "Sandiaga Uno": one word that begins a longer name's word.
        let nickname = words.count == 1 && words[0].count >= 4
        for index in byInitial[initial] ?? [] where names[index].count > words.count {
            let candidate = names[index]
            let candidateScalars = nameScalars[index]
            guard
                wordScalars.indices.allSatisfy({ word in
                    candidate.indices.contains {
                        words[word] == candidate[$0] || EntityStage.sameName(wordScalars[word], candidateScalars[$0])
                            || (nickname && candidate[$0].hasPrefix(words[word]))
                    }
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
