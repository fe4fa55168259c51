import ArgumentParser
import Foundation
import Kutip

struct ListEntities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Print the people, organizations and places each article names.",
        discussion: """
            Reads the same inputs as annotate (plain-text files, JSONL, "-") with the same --jobs. \
            Per article: a header line (== id  title), then people grouped by canonical name with \
            the mention count, role (the entity layer's, else the role the quotes give that \
            speaker) and the spellings used; then organizations and places with counts. \
            --format json writes one object per article and line: {"id", "people": [{"name", \
            "mentions", "forms", "role"}], "organizations": […], "places": […]}. Needs the entity stage: \
            Lexicons/data/entities/tagger.model, or --ner-model (train one with kutip train-ner).
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var batch: BatchOptions

    @Option(help: "Output: text (readable) or json (one object per article and line).")
    var format: OutputFormat = .text

    @OptionGroup var lexicons: LexiconOptions

    func run() throws {
        let pipeline = try lexicons.pipelineOrExit()
        guard pipeline.providedLayers.contains(.entities) else {
            report(
                "the pipeline has no entity stage: there is no entities/tagger.model in the lexicon folder; "
                    + "pass --ner-model FILE (kutip train-ner makes one)")
            throw ExitCode(2)
        }
        try batch.runViews(
            pipeline: pipeline, structured: format == .json, structuredView: Self.json, textView: Self.textView)
    }

    static func textView(_ document: Document) -> [UInt8] {
        let summary = EntitySummary(document)
        var lines = [articleHeader(document)]
        for (title, items) in [
            ("people", summary.people), ("organizations", summary.organizations), ("places", summary.places),
        ] {
            lines.append("\(title):")
            if items.isEmpty { lines.append("  (none)") }
            for item in items {
                var line = "  \(item.mentions)  \(item.name)"
                if let role = item.role { line += " — " + oneLine(role) }
                if item.forms != [item.name] { line += "  [" + item.forms.map(oneLine).joined(separator: "; ") + "]" }
                lines.append(line)
            }
        }
        return Array((lines.joined(separator: "\n") + "\n\n").utf8)
    }

    static func json(_ document: Document) -> [UInt8] {
        let summary = EntitySummary(document)
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("id"); writer.optionalString(document.id)
        for (key, items) in [
            ("people", summary.people), ("organizations", summary.organizations), ("places", summary.places),
        ] {
            writer.key(key)
            writer.beginArray()
            for item in items {
                writer.beginObject()
                writer.key("name"); writer.string(item.name)
                writer.key("mentions"); writer.int(item.mentions)
                writer.key("forms")
                writer.beginArray()
                for form in item.forms { writer.string(form) }
                writer.endArray()
                if key == "people" { writer.key("role"); writer.optionalString(item.role) }
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        return writer.bytes + [UInt8(ascii: "\n")]
    }
}
