/// Reading NER corpora in CoNLL-like column format and scoring taggers on them.
public enum NERCorpus {
    /// Sentences of (word, tag) from "word<TAB or space>...tag" lines, blank
    /// lines between sentences; the tag is the last column. Tag names are
    /// mapped to Kutip's: PERSON/PPL → PER, ORGANISATION → ORG, PLACE/PLC → LOC;
    /// other types become O.
    ///
    /// A corpus that tags persons as PPL and places as PLC (NERP) annotates no organizations: its
    /// `O` and other-type tokens become `O?` ("O or ORG", see
    /// ``EntityTagger/train(_:gazetteer:epochs:bits:seed:progress:)``).
    public static func read(_ text: String) -> [[(word: String, tag: String)]] {
        var sentences: [[(word: String, tag: String)]] = []
        var current: [(word: String, tag: String)] = []
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            if fields.count < 2 {
                if !current.isEmpty { sentences.append(current) }
                current = []
                continue
            }
            current.append((String(fields[0]), normalize(String(fields[fields.count - 1]))))
        }
        if !current.isEmpty { sentences.append(current) }
        if text.contains("-PPL") || text.contains("-PLC") {
            for index in sentences.indices {
                for position in sentences[index].indices where sentences[index][position].tag == "O" {
                    sentences[index][position].tag = "O?"
                }
            }
        }
        return sentences
    }

    static func normalize(_ tag: String) -> String {
        guard tag.count > 2, tag.hasPrefix("B-") || tag.hasPrefix("I-") else { return "O" }
        let prefix = tag.prefix(2)
        switch tag.dropFirst(2) {
        case "PERSON", "PPL", "PER": return prefix + "PER"
        case "ORGANISATION", "ORGANIZATION", "ORG": return prefix + "ORG"
        case "PLACE", "PLC", "LOC": return prefix + "LOC"
        default: return "O"
        }
    }

    /// Entity spans (type, first token, end token) of a BIO sequence; an I
    /// without its B starts an entity, as conlleval does.
    public static func spans(_ tags: [String]) -> [(type: String, start: Int, end: Int)] {
        var result: [(type: String, start: Int, end: Int)] = []
        var open: (type: String, start: Int)?
        for (index, tag) in tags.enumerated() {
            let type = tag.count > 2 ? String(tag.dropFirst(2)) : ""
            let outside = !tag.hasPrefix("B-") && !tag.hasPrefix("I-")  // "O", and "O?" of partial corpora
            if outside || tag.hasPrefix("B-") || open?.type != type {
                if let current = open { result.append((current.type, current.start, index)) }
                open = outside ? nil : (type, index)
            }
        }
        if let current = open { result.append((current.type, current.start, tags.count)) }
        return result
    }
}
