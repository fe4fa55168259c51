import ArgumentParser
import Foundation
import Kutip

struct Quotes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print who said what in each article.",
        discussion: """
            Reads the same inputs as annotate (plain-text files, JSONL, "-") with the same --jobs. \
            The text view gives a header line per article (== id  title), then one line per quote:

              [direct] Andap Budhi Revianto — Sekretaris Jenderal Kemenkumham: "…" (tuturnya)

            with (unknown) for a speaker the text does not name and the speech verb in parentheses. \
            --format jsonl writes one record per quote across the batch with the fields id (the \
            article's), kind, start, end, text, speaker, role, organization, speakerMention, cue and \
            paragraph; speakerMention and cue are {"start", "end", "text"} or null. An article without quotes gives \
            no lines; one that fails gives an error record like annotate's (and a line on standard \
            error), the run goes on, and the exit status is 1.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, jsonl
    }

    @OptionGroup var batch: BatchOptions

    @Option(help: "Output: text (readable) or jsonl (one record per quote).")
    var format: OutputFormat = .text

    @OptionGroup var lexicons: LexiconOptions

    func run() throws {
        let pipeline = try lexicons.pipelineOrExit()
        try batch.runViews(
            pipeline: pipeline, structured: format == .jsonl, structuredView: Self.jsonLines, textView: Self.textView)
    }

    /// One JSON object per quote, each on its own line.
    static func jsonLines(_ document: Document) -> [UInt8] {
        var bytes: [UInt8] = []
        for quote in document.quotes ?? [] {
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("id"); writer.optionalString(document.id)
            writer.key("kind"); writer.string(quote.kind.rawValue)
            writer.key("start"); writer.int(quote.span.start)
            writer.key("end"); writer.int(quote.span.end)
            writer.key("text"); writer.string(quote.span.text)
            writer.key("speaker"); writer.optionalString(quote.speaker)
            writer.key("role"); writer.optionalString(quote.role)
            writer.key("organization"); writer.optionalString(quote.organization)
            writer.key("speakerMention"); writeSpan(quote.speakerMention, to: &writer)
            writer.key("cue"); writeSpan(quote.cue, to: &writer)
            writer.key("paragraph")
            if let paragraph = quote.paragraph { writer.int(paragraph) } else { writer.null() }
            writer.endObject()
            bytes += writer.bytes
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    private static func writeSpan(_ span: Span?, to writer: inout JSONWriter) {
        guard let span else { return writer.null() }
        writer.beginObject()
        writer.key("start"); writer.int(span.start)
        writer.key("end"); writer.int(span.end)
        writer.key("text"); writer.string(span.text)
        writer.endObject()
    }

    /// The header line, one line per quote and a blank line.
    static func textView(_ document: Document) -> [UInt8] {
        var lines = [articleHeader(document)]
        for quote in document.quotes ?? [] {
            var line = "[\(quote.kind.rawValue)] \(quote.speaker ?? "(unknown)")"
            var roles: [String] = []
            if let role = quote.role { roles.append(role) }
            if let organization = quote.organization, !(quote.role ?? "").contains(organization) {
                roles.append(organization)
            }
            if !roles.isEmpty { line += " — " + roles.joined(separator: ", ") }
            // A direct quote's span carries its own marks; an indirect one is marked here.
            let text = oneLine(quote.span.text)
            line += ": " + (quote.kind == .direct ? text : "\"\(text)\"")
            if let cue = quote.cue { line += " (\(cue.text))" }
            lines.append(line)
        }
        return Array((lines.joined(separator: "\n") + "\n\n").utf8)
    }
}

/// `== id  title`: the first line of an article in the text views.
func articleHeader(_ document: Document) -> String {
    var header = "== \(document.id ?? "(no id)")"
    if let title = document.meta.title, !title.isEmpty { header += "  " + oneLine(title) }
    return header
}

/// `text` with every run of white space (line breaks included) as one space,
/// so that each item stays on one line.
func oneLine(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// What the text views print for an article that failed: its header with the
/// place and the reason instead of the items.
func errorView(_ failure: BatchFailure) -> [UInt8] {
    Array("== \(failure.id ?? "(no id)")  error: \(failure.message)\n\n".utf8)
}
