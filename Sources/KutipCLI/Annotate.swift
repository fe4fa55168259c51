import ArgumentParser
import Foundation
import Kutip

struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Annotate articles and write kutip/1 JSON.",
        discussion: """
            Each FILE is a plain-text article, or JSONL (one {"id","text","published"?,…} object \
            per line) when it ends in .jsonl or --input jsonl is given. "-" reads standard input. \
            One plain-text article gives one JSON document; JSONL input or several files give JSONL \
            output, one record per input record, in input order. A record that fails gives an error \
            record {"schema":"kutip/1","id":…,"error":{"line":N,"reason":…}}, the run goes on, and \
            the exit status is 1.
            """
    )

    enum InputFormat: String, ExpressibleByArgument, CaseIterable {
        case auto, text, jsonl
    }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case auto, json, jsonl
    }

    @Argument(help: "Articles to annotate; \"-\" for standard input.")
    var files: [String]

    @Option(help: "How to read the input: auto (.jsonl files are JSONL), text, jsonl.")
    var input: InputFormat = .auto

    @Option(help: "Output: json (one document), jsonl (one per line), auto.")
    var format: OutputFormat = .auto

    @Option(help: "Publication date (YYYY-MM-DD) of plain-text articles, for resolving relative dates.")
    var published: String?

    @Flag(help: "Indent JSON output (json format only).")
    var pretty = false

    @Flag(help: "Leave the tokens layer out of the output (it is large).")
    var noTokens = false

    @OptionGroup var lexicons: LexiconOptions

    func validate() throws {
        if let published, !ArticleInput.isISODate(published) {
            throw ValidationError("--published must be YYYY-MM-DD, not \"\(published)\"")
        }
        if files.isEmpty { throw ValidationError("give at least one FILE, or \"-\" for standard input") }
    }

    func run() throws {
        let pipeline: Pipeline
        do {
            pipeline = try lexicons.pipeline()
        } catch {
            report("\(error)")
            throw ExitCode(2)
        }
        let jsonlInput = files.map { isJSONL($0) }
        let jsonlOutput: Bool
        switch format {
        case .json: jsonlOutput = false
        case .jsonl: jsonlOutput = true
        case .auto: jsonlOutput = files.count > 1 || jsonlInput.contains(true)
        }
        var sink = OutputSink()
        var failures = 0
        func emit(_ document: Document) {
            var output = document
            if noTokens { output.tokens = nil }
            sink.write(output.jsonBytes(pretty: pretty && !jsonlOutput))
            sink.write([UInt8(ascii: "\n")])
        }
        func emitError(_ error: any Error, id: String?, origin: String, line: Int?) {
            failures += 1
            report("\(error)")
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("schema"); writer.string(Document.schema)
            writer.key("id"); writer.optionalString(id)
            writer.key("error")
            writer.beginObject()
            writer.key("file"); writer.string(origin)
            if let line { writer.key("line"); writer.int(line) }
            writer.key("reason"); writer.string(reason(of: error))
            writer.endObject()
            writer.endObject()
            sink.write(writer.bytes)
            sink.write([UInt8(ascii: "\n")])
        }
        for (file, jsonl) in zip(files, jsonlInput) {
            let handle: FileHandle
            if file == "-" {
                handle = FileHandle.standardInput
            } else {
                guard let opened = FileHandle(forReadingAtPath: file) else {
                    emitError(
                        InputError(origin: file, reason: "cannot open the file"), id: nil, origin: file, line: nil)
                    continue
                }
                handle = opened
            }
            if jsonl {
                var lineNumber = 0
                for line in LineReader(handle: handle) {
                    lineNumber += 1
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    var id: String?
                    do {
                        let document = try ArticleInput.document(jsonLine: line, origin: file, line: lineNumber)
                        id = document.id
                        emit(try pipeline.annotate(document))
                    } catch {
                        emitError(error, id: id, origin: file, line: lineNumber)
                    }
                }
            } else {
                let bytes = [UInt8](handle.readDataToEndOfFile())
                let id = file == "-" ? nil : URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                do {
                    let document = try ArticleInput.document(
                        plainText: bytes, origin: file, id: id, published: published)
                    emit(try pipeline.annotate(document))
                } catch {
                    emitError(error, id: id, origin: file, line: nil)
                }
            }
            if file != "-" { try? handle.close() }
        }
        sink.flush()
        if failures > 0 {
            report("\(failures) record(s) failed")
            throw ExitCode(1)
        }
    }

    private func isJSONL(_ file: String) -> Bool {
        switch input {
        case .jsonl: return true
        case .text: return false
        case .auto: return file.hasSuffix(".jsonl")
        }
    }

    private func reason(of error: any Error) -> String {
        if let error = error as? InputError { return error.reason }
        return "\(error)"
    }
}
