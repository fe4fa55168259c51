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
    /// boilerplate detection, abbreviation expansion, dates. Later stages
    /// (entities, quotes) join as they are built.
    public static func defaultStages(lexicons: Lexicons) throws -> [any Stage] {
        [
            TokenizationStage(tokenizer: try Tokenizer(lexicon: lexicons.dottedAbbreviations)),
            BoilerplateStage(rules: lexicons.boilerplate),
            AbbreviationStage(lexicon: lexicons.abbreviations),
            DateStage(lexicon: lexicons.temporal),
        ]
    }

    /// The default pipeline over `lexicons` (the bundled ones when `nil`).
    ///
    /// Build it once: it compiles ICU rules and lexicons. The result is
    /// `Sendable` and may annotate from many tasks at once.
    public static func defaultPipeline(lexicons: Lexicons? = nil) throws -> Pipeline {
        try Pipeline(defaultStages(lexicons: lexicons ?? Lexicons.bundled()))
    }
}
