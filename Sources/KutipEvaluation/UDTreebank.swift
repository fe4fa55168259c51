import KutipCore

/// A Universal Dependencies treebank read as a tokenization and sentence
/// splitting test, the way the CoNLL 2018 shared task scores it.
///
/// The raw text is every `# text` line joined by one space; the gold tokens
/// are the surface tokens (a multiword range such as `berdirinya` counts once,
/// its syntactic words do not), located in the raw text in order; a gold
/// sentence runs from its first token's start to its last token's end.
public struct UDTreebank: Sendable {
    /// The gold document: its text, ``Document/tokens`` and ``Document/sentences``.
    public let document: Document
    /// Tokens whose form could not be found where expected (should be 0).
    public let unalignedTokens: Int

    /// Parses CoNLL-U text.
    public init(conllu: String, id: String? = nil) throws {
        var sentenceTexts: [String] = []
        var sentenceForms: [[String]] = []
        var forms: [String] = []
        var currentText: String?
        var skipUntil = 0
        func flush() {
            if let text = currentText {
                sentenceTexts.append(text)
                sentenceForms.append(forms)
            }
            currentText = nil
            forms = []
            skipUntil = 0
        }
        for rawLine in conllu.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            if line.isEmpty {
                flush()
                continue
            }
            if line.hasPrefix("# text = ") {
                currentText = String(line.dropFirst("# text = ".count))
                continue
            }
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            let identifier = fields[0]
            if identifier.contains(".") { continue }  // empty nodes
            if let dash = identifier.firstIndex(of: "-") {
                forms.append(String(fields[1]))
                skipUntil = Int(identifier[identifier.index(after: dash)...]) ?? 0
                continue
            }
            if let number = Int(identifier), number <= skipUntil { continue }
            forms.append(String(fields[1]))
        }
        flush()

        let text = sentenceTexts.joined(separator: " ")
        var document = Document(id: id, text: text)
        let scalars = document.source.scalars
        var tokens: [Token] = []
        var sentences: [Span] = []
        var unaligned = 0
        var sentenceOffset = 0
        for (sentenceText, sentenceForms) in zip(sentenceTexts, sentenceForms) {
            let sentenceLength = sentenceText.unicodeScalars.count
            var cursor = sentenceOffset
            let sentenceEnd = sentenceOffset + sentenceLength
            var first: Int?
            var last = sentenceOffset
            for form in sentenceForms {
                let needle = Array(form.unicodeScalars)
                while cursor < sentenceEnd, scalars[cursor].properties.isWhitespace { cursor += 1 }
                var start = cursor
                if !(start + needle.count <= sentenceEnd && scalars[start..<start + needle.count].elementsEqual(needle))
                {
                    // Search ahead; a treebank form may differ from its text.
                    var found: Int?
                    var probe = cursor
                    while probe + needle.count <= sentenceEnd {
                        if scalars[probe..<probe + needle.count].elementsEqual(needle) {
                            found = probe
                            break
                        }
                        probe += 1
                    }
                    guard let found else {
                        unaligned += 1
                        continue
                    }
                    start = found
                }
                let end = start + needle.count
                tokens.append(Token(span: document.source.span(start, end), kind: .other))
                if first == nil { first = start }
                last = end
                cursor = end
            }
            if let first { sentences.append(document.source.span(first, last)) }
            sentenceOffset = sentenceEnd + 1
        }
        document.tokens = TokenList(source: document.source, tokens: tokens)
        document.sentences = sentences
        self.document = document
        self.unalignedTokens = unaligned
    }

    /// Token and sentence scores of `predicted` (a document over the same text).
    public func score(_ predicted: Document) -> (tokens: PRF, sentences: PRF) {
        let scores = Scorer.score(gold: document, predicted: predicted)
        return (scores.layers["tokens"]?.strict ?? PRF(), scores.layers["sentences"]?.strict ?? PRF())
    }
}
