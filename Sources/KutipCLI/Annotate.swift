import ArgumentParser
import Foundation
import Kutip

struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Annotate articles and write kutip/1 JSON.",
        discussion: """
            Each FILE is a plain-text article, or JSONL (one {"id","text","published"?,…} object \
            per line) when it ends in .jsonl or --input jsonl is given. "-" reads standard input: \
            JSONL when --format jsonl is given (as in `rdd.pipe("kutip annotate --format jsonl -")`), \
            else one plain-text article; --input overrides both.

            One plain-text article gives one JSON document; JSONL input or several files give JSONL \
            output, exactly one record per input record, in input order. Articles are annotated \
            --jobs at a time in bounded windows, so memory stays flat on any input size and the \
            output is byte-identical for every --jobs. A record that fails gives an error record \
            {"schema":"kutip/1","id":…,"error":{"file":…,"line":N,"reason":…}} in its place (the id \
            is kept when it could be read), the run goes on, and the exit status is 1. A progress line \
            (articles, MB/s, ETA) goes to standard error when it is a terminal; --quiet turns it off.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case auto, json, jsonl
    }

    @OptionGroup var batch: BatchOptions

    @Option(help: "Output: json (one document), jsonl (one per line), auto.")
    var format: OutputFormat = .auto

    @Flag(help: "Indent JSON output (json format only).")
    var pretty = false

    @Flag(help: "Leave the tokens layer out of the output (it is large).")
    var noTokens = false

    @OptionGroup var lexicons: LexiconOptions

    func run() throws {
        let pipeline = try lexicons.pipelineOrExit()
        let stdinIsJSONL = format == .jsonl
        let jsonlOutput: Bool
        switch format {
        case .json: jsonlOutput = false
        case .jsonl: jsonlOutput = true
        case .auto:
            jsonlOutput = batch.files.count > 1 || batch.files.contains { batch.isJSONL($0, stdinIsJSONL: false) }
        }
        let pretty = pretty && !jsonlOutput
        let noTokens = noTokens
        let failures = batch.run(stdinIsJSONL: stdinIsJSONL) { record in
            annotateRecord(record, pipeline: pipeline) { document in
                var output = document
                if noTokens { output.tokens = nil }
                return output.jsonBytes(pretty: pretty) + [UInt8(ascii: "\n")]
            }
        }
        try exitIfAnyFailed(failures)
    }
}
