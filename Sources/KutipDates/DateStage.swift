import KutipCore

/// Finds dates, times, durations and sets, and normalizes them to TIMEX3.
///
/// Provides ``Layer/dates`` from ``Layer/tokens``, skipping
/// ``Layer/boilerplate``. Relative and partial expressions are resolved
/// against `meta.published`; without it, against the latest year the article
/// mentions. See ``TemporalLexicon`` for the vocabulary, kept in
/// `Lexicons/data/temporal.tsv`.
public struct DateStage: Stage {
    public let name = "dates"
    public let requires: Set<Layer> = [.tokens, .boilerplate]
    public let provides: Set<Layer> = [.dates]
    public let lexicon: TemporalLexicon

    public init(lexicon: TemporalLexicon) {
        self.lexicon = lexicon
    }

    public func process(_ document: inout Document) throws {
        document.dates = find(in: document)
    }

    /// The temporal expressions of a tokenized document, in order.
    public func find(in document: Document) -> [TemporalExpression] {
        guard document.tokens != nil else { return [] }
        let recognizer = DateRecognizer(lexicon: lexicon, document: document)
        return recognizer.recognize(skipping: document.boilerplate ?? [])
    }
}
