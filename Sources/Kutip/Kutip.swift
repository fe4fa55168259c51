import Foundation

/// Entry points to Kutip's default pipeline.
///
/// ```swift
/// import Kutip
///
/// let pipeline = try Kutip.defaultPipeline()
/// let document = try pipeline.annotate(text: "Komjen Pol. Andap hadir. Ia berbicara.")
/// print(document.sentences!.count)  // 2
/// ```
public enum Kutip {
    /// The version of the library and of the `kutip` tool.
    public static let version = "0.1.0"

    /// The standard stages in order: tokenization and sentence splitting,
    /// boilerplate detection, abbreviation expansion, entities (when the
    /// lexicons hold an entity model), dates, quotes.
    public static func defaultStages(lexicons: Lexicons) throws -> [any Stage] {
        var stages: [any Stage] = [
            TokenizationStage(tokenizer: try Tokenizer(lexicon: lexicons.dottedAbbreviations)),
            BoilerplateStage(rules: lexicons.boilerplate),
            AbbreviationStage(lexicon: lexicons.abbreviations),
        ]
        if let tagger = lexicons.entityTagger { stages.append(EntityStage(tagger: tagger)) }
        stages.append(DateStage(lexicon: lexicons.temporal))
        stages.append(QuoteStage(lexicon: lexicons.attribution))
        return stages
    }

    /// The default pipeline over `lexicons` (the bundled ones when `nil`).
    ///
    /// Build it once: it compiles ICU rules and lexicons. The result is
    /// `Sendable` and may annotate from many tasks at once.
    public static func defaultPipeline(lexicons: Lexicons? = nil) throws -> Pipeline {
        try Pipeline(defaultStages(lexicons: lexicons ?? Lexicons.bundled()))
    }
}
