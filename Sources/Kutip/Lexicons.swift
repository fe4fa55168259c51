import Foundation
import KutipLexicons

/// Every lexicon the default pipeline uses, parsed once into immutable,
/// `Sendable` structures.
///
/// Load them once (``bundled()`` or ``load(from:)``) and pass them to
/// ``Kutip/defaultPipeline(lexicons:)``.
public struct Lexicons: Sendable {
    /// The folder the files were read from.
    public let directory: URL
    public let dottedAbbreviations: TokenizerLexicon
    public let boilerplate: BoilerplateRules
    public let abbreviations: AbbreviationLexicon
    public let temporal: TemporalLexicon
    /// Speech verbs and the words around them, for quote attribution.
    public let attribution: AttributionLexicon
    /// The entity tagger with its gazetteers, when `entities/tagger.model` exists.
    public let entityTagger: EntityTagger?

    /// Reads the lexicon files in `directory` (the layout of `Lexicons/data/`).
    ///
    /// - Throws: ``LexiconLoadingError`` naming the file and line at fault.
    public static func load(from directory: URL) throws -> Lexicons {
        func read(_ name: String) throws -> (String, String) {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw LexiconLoadingError(reason: "cannot read lexicon file \(url.path)")
            }
            return (String(decoding: data, as: UTF8.self), url.path)
        }
        do {
            let (abbreviations, abbreviationsPath) = try read("dotted-abbreviations.tsv")
            let (boilerplate, boilerplatePath) = try read("boilerplate.tsv")
            let folder = directory.appendingPathComponent("abbreviations")
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".tsv") }
                .sorted() ?? []
            let files = try names.map { try read("abbreviations/" + $0) }.map { (name: $0.1, contents: $0.0) }
            let (speechVerbs, speechVerbsPath) = try read("speech-verbs.tsv")
            var tagger: EntityTagger?
            let modelPath = directory.appendingPathComponent("entities/tagger.model").path
            if let model = FileManager.default.contents(atPath: modelPath) {
                tagger = try EntityTagger(
                    data: model, gazetteer: try EntityGazetteer.load(from: directory), origin: modelPath)
            }
            return Lexicons(
                directory: directory,
                dottedAbbreviations: try TokenizerLexicon(tsv: abbreviations, origin: abbreviationsPath),
                boilerplate: try BoilerplateRules(tsv: boilerplate, origin: boilerplatePath),
                abbreviations: try AbbreviationLexicon(files: files),
                temporal: try TemporalLexicon(
                    tsv: try read("temporal.tsv").0, origin: directory.appendingPathComponent("temporal.tsv").path),
                attribution: try AttributionLexicon(tsv: speechVerbs, origin: speechVerbsPath),
                entityTagger: tagger)
        } catch let error as LexiconLoadingError {
            throw error
        } catch {
            throw LexiconLoadingError(reason: "\(error)")
        }
    }

    /// The lexicons that ship with Kutip: `$KUTIP_LEXICON_DIR` when set, else
    /// the resource bundle beside the executable, else the source checkout.
    ///
    /// - Throws: ``LexiconLoadingError`` listing every path tried.
    public static func bundled() throws -> Lexicons {
        // An override that points nowhere is a mistake to report, not a hint to
        // skip: falling back to the bundled files would hide which lexicons ran.
        if let override = ProcessInfo.processInfo.environment["KUTIP_LEXICON_DIR"], !override.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: override, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw LexiconLoadingError(
                    reason: "KUTIP_LEXICON_DIR is \"\(override)\", which is not a folder; "
                        + "point it at a copy of Lexicons/data or unset it")
            }
            return try load(from: URL(fileURLWithPath: override))
        }
        let (url, tried) = LexiconBundle.locate()
        guard let url else {
            throw LexiconLoadingError(
                reason: "no lexicon folder found; tried: \(tried.joined(separator: ", ")). "
                    + "Set KUTIP_LEXICON_DIR or pass --lexicon-dir.")
        }
        return try load(from: url)
    }
}

/// Lexicons that could not be found or parsed.
public struct LexiconLoadingError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
