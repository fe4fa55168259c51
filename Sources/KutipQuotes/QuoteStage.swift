import KutipCore

/// Finds who said what: direct quotes in quotation marks and indirect quotes
/// after a speech verb or "menurut", each with its speaker, cue and role.
///
/// Provides ``Layer/quotes`` from ``Layer/tokens``, ``Layer/sentences`` and
/// ``Layer/boilerplate``; it reads ``Layer/entities`` when present, so a
/// speaker is reported by the canonical name of the person's cluster, and
/// falls back on the capitalized words near the cue otherwise. ``Layer/dates``,
/// when present, keep a trailing date ("…, kata Andap, Senin (30/1).") out of
/// an indirect quote's content.
///
/// It also writes the role the article gives a person (``Entity/role``) on
/// that person's mentions in ``Layer/entities``, where the entity stage left
/// none.
///
/// Attribution follows the patterns of Indonesian news: `"…," kata X`,
/// `"…," katanya` (the clitic points at the most recent speaker),
/// `X mengatakan, "…"`, `Menurut X, …`, the insertion `…, kata X, …`, and a
/// quote with no cue after a sentence that names its speaker.
public struct QuoteStage: Stage {
    public let name = "quotes"
    public let requires: Set<Layer> = [.tokens, .sentences, .boilerplate]
    public let provides: Set<Layer> = [.quotes]
    public let lexicon: AttributionLexicon

    public init(lexicon: AttributionLexicon) {
        self.lexicon = lexicon
    }

    public func process(_ document: inout Document) throws {
        guard let tokens = document.tokens, let sentences = document.sentences else {
            document.quotes = []
            return
        }
        // The roles read for attribution also go to the person mentions that
        // have none, so the entities layer carries them ("Sekretaris Jenderal
        // Kemenkumham" for every mention of Andap Budhi Revianto). Only the
        // changes are collected, and the finder (which holds the entities too)
        // is gone before they are written, so the layer is updated in place.
        let (quotes, updates) = {
            var finder = QuoteFinder(document: document, tokens: tokens, sentences: sentences, lexicon: lexicon)
            return (finder.run(), finder.roleUpdates())
        }()
        document.quotes = quotes
        guard !updates.isEmpty else { return }
        for (index, role) in updates { document.entities?[index].role = role }
    }
}
