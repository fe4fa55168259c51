import KutipCore

/// Finds people, organizations and places, and gives every person mention the
/// canonical (fullest) spelling of that person's name in the document.
///
/// Provides ``Layer/entities`` from ``Layer/tokens`` and ``Layer/sentences``,
/// skipping ``Layer/boilerplate``. Each sentence is tagged by an
/// ``EntityTagger``; person mentions are then clustered: a mention whose words
/// all occur in a longer name (or differ from one of its words by a small
/// misspelling with the same first letter, "Andhap" for "Andap") joins that
/// name's cluster, and the cluster's canonical is its longest mention.
public struct EntityStage: Stage {
    public let name = "entities"
    public let requires: Set<Layer> = [.tokens, .sentences, .boilerplate, .abbreviations]
    public let provides: Set<Layer> = [.entities]
    public let tagger: EntityTagger

    public init(tagger: EntityTagger) {
        self.tagger = tagger
    }

    public func process(_ document: inout Document) throws {
        document.entities = find(in: document)
    }

    public func find(in document: Document) -> [Entity] {
        guard let tokens = document.tokens, let sentences = document.sentences else { return [] }
        let source = document.source
        var boilerplate = SpanCursor(document.boilerplate ?? [])
        var entities: [Entity] = []
        var tokenIndex = 0
        for sentence in sentences {
            var positions: [Int] = []
            while tokenIndex < tokens.count, tokens.start(tokenIndex) < sentence.end {
                let start = tokens.start(tokenIndex)
                if !boilerplate.contains(start), start >= sentence.start {
                    positions.append(tokenIndex)
                }
                tokenIndex += 1
            }
            guard !positions.isEmpty else { continue }
            let ranges = positions.map { tokens.start($0)..<tokens.end($0) }
            let tags = source.scalars.withUnsafeBufferPointer { tagger.tagIndices($0, ranges) }.map {
                EntityTagger.tags[$0]
            }
            for span in NERCorpus.spans(tags) {
                guard let type = EntityType(rawValue: span.type) else { continue }
                let start = tokens.start(positions[span.start])
                let end = tokens.end(positions[span.end - 1])
                // A span never runs across a line break.
                if (start..<end).contains(where: { source.scalars[$0] == "\n" }) { continue }
                entities.append(Entity(span: source.span(start, end), type: type))
            }
        }
        addOrganizationAbbreviations(document, &entities)
        harmonizeTypes(&entities)
        assignCanonicals(&entities)
        return entities
    }

    /// Head words that make an expansion the name of an organization.
    static let organizationHeads: Set<String> = [
        "kementerian", "badan", "komisi", "dewan", "majelis", "kepolisian", "partai", "pengadilan", "kejaksaan",
        "mahkamah", "lembaga", "dinas", "pemerintah", "pemerintahan", "kantor", "sekretariat", "direktorat", "tentara",
        "markas", "persatuan", "bank", "perseroan", "perusahaan", "universitas", "institut", "komando", "korps",
        "otoritas", "ombudsman", "perkumpulan", "asosiasi", "federasi", "ikatan", "himpunan", "gabungan", "serikat",
        "kesatuan", "biro", "pusat", "inspektorat", "satuan", "detasemen", "kodam", "komite", "yayasan",
    ]

    /// An abbreviation spelled out as an organization ("KPK" → "Komisi
    /// Pemberantasan Korupsi") is an ORG mention when the tagger left it alone.
    func addOrganizationAbbreviations(_ document: Document, _ entities: inout [Entity]) {
        guard let abbreviations = document.abbreviations, !abbreviations.isEmpty else { return }
        var added: [Entity] = []
        for abbreviation in abbreviations {
            let head = abbreviation.expansion.split(separator: " ").first.map { $0.lowercased() } ?? ""
            guard Self.organizationHeads.contains(head),
                abbreviation.span.text.unicodeScalars.first?.isKutipUppercase == true,
                !entities.contains(where: { $0.span.overlaps(abbreviation.span) })
            else { continue }
            added.append(Entity(span: abbreviation.span, type: .organization))
        }
        guard !added.isEmpty else { return }
        entities = (entities + added).sorted { $0.span.start < $1.span.start }
    }

    /// One type per string in a document: a name tagged ORG three times and LOC
    /// once is an ORG everywhere (ties keep each mention's own type).
    func harmonizeTypes(_ entities: inout [Entity]) {
        var votes: [String: [EntityType: Int]] = [:]
        for entity in entities { votes[entity.span.text, default: [:]][entity.type, default: 0] += 1 }
        for index in entities.indices {
            guard let counts = votes[entities[index].span.text], counts.count > 1 else { continue }
            let sorted = counts.sorted { $0.value > $1.value }
            if sorted[0].value > sorted[1].value { entities[index].type = sorted[0].key }
        }
    }

    /// Clusters person mentions and writes each cluster's fullest spelling.
    func assignCanonicals(_ entities: inout [Entity]) {
        let persons = entities.indices.filter { entities[$0].type == .person }
        let names = persons.map { entities[$0].span.text.split(separator: " ").map(String.init) }
        for (position, index) in persons.enumerated() {
            let words = names[position]
            var best = words
            for other in names
            where other.count > best.count
                && words.allSatisfy({ word in
                    other.contains { Self.sameName(word, $0) }
                })
            {
                best = other
            }
            entities[index].canonical = best.joined(separator: " ")
        }
    }

    /// Equal, or a misspelling: same first letter, edit distance 1 (2 for long words).
    public static func sameName(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard a.first == b.first, a.count >= 4, b.count >= 4 else { return false }
        let limit = max(a.count, b.count) >= 8 ? 2 : 1
        guard abs(a.count - b.count) <= limit else { return false }
        let x = Array(a), y = Array(b)
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count] <= limit
    }
}
