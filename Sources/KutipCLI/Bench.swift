import ArgumentParser
import Foundation
import Kutip

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure throughput (MB/s of UTF-8 input) on one core.",
        discussion: """
            Annotates every "text" of a JSONL corpus, --passes times, on the calling thread, and \
            prints MB/s for the chosen stages. Run a release build (swift run -c release kutip bench).
            """
    )

    @Option(help: "JSONL corpus with a \"text\" field per line.")
    var corpus: String

    @Option(help: "Passes over the corpus (the best is reported).")
    var passes: Int = 5

    @Option(help: "Stop after this stage (default: the whole pipeline).")
    var through: String?

    @Flag(help: "Also time each stage alone, on documents the earlier stages have already annotated.")
    var perStage = false

    @OptionGroup var lexicons: LexiconOptions

    func run() throws {
        // Loading: lexicon files parsed and compiled, ICU rules compiled (best of 5).
        var loadBest = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try lexicons.pipeline()
            loadBest = min(loadBest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        var lexiconBest = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try lexicons.load()
            lexiconBest = min(lexiconBest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        // The abbreviation lexicon alone (its files read and compiled), which
        // the abbreviation stage must load in under 20 ms.
        let folder = try lexicons.load().directory.appendingPathComponent("abbreviations")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".tsv") }.sorted()
        var abbreviationBest = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            let files = names.map { name in
                let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) ?? Data()
                return (name: name, contents: String(decoding: data, as: UTF8.self))
            }
            _ = try AbbreviationLexicon(files: files)
            abbreviationBest = min(abbreviationBest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        var pipeline = try lexicons.pipeline()
        if let through { pipeline = try pipeline.prefix(through: through) }
        guard let handle = FileHandle(forReadingAtPath: corpus) else {
            report("\(corpus): cannot open the file")
            throw ExitCode(2)
        }
        var texts: [String] = []
        var bytes = 0
        var lineNumber = 0
        for line in LineReader(handle: handle) {
            lineNumber += 1
            guard !line.isEmpty else { continue }
            let document = try ArticleInput.document(jsonLine: line, origin: corpus, line: lineNumber)
            bytes += document.text.utf8.count
            texts.append(document.text)
        }
        // Timed: from the article's String to the annotated Document, as a
        // library user sees it. Reading and JSON-decoding the corpus are not timed.
        // Warm up once (page in ICU data, lexicons), then time.
        for text in texts.prefix(20) { _ = try pipeline.annotate(Document(text: text)) }
        var best = Double.infinity
        var total = 0.0
        for _ in 0..<max(1, passes) {
            let start = DispatchTime.now().uptimeNanoseconds
            var sink = 0
            for text in texts { sink &+= try pipeline.annotate(Document(text: text)).tokens?.count ?? 0 }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if sink < 0 { print(sink) }
            best = min(best, seconds)
            total += seconds
        }
        let megabytes = Double(bytes) / 1_000_000
        if perStage {
            var prepared = texts.map { Document(text: $0) }
            var timings: [(name: String, seconds: Double)] = []
            for stage in pipeline.stages {
                var best = Double.infinity
                var output = prepared
                for _ in 0..<max(1, passes) {
                    var documents = prepared
                    // A stage that writes into an earlier layer (quotes add roles to
                    // entities) would copy that layer here, shared with `prepared`,
                    // which the pipeline never does: give each document its own.
                    for index in documents.indices {
                        documents[index].entities = documents[index].entities?.map { $0 }
                    }
                    let start = DispatchTime.now().uptimeNanoseconds
                    for index in documents.indices { try stage.process(&documents[index]) }
                    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                    output = documents
                }
                timings.append((stage.name, best))
                prepared = output
            }
            // The share says what each stage adds to the pipeline's time.
            let sum = timings.reduce(0) { $0 + $1.seconds }
            for (name, seconds) in timings {
                print(
                    String(
                        format: "  stage %-14@ %8.1f MB/s  (%.1f ms per MB, %4.1f%% of the stages' time)",
                        name as NSString, megabytes / seconds, seconds * 1000 / megabytes, 100 * seconds / sum))
            }
        }
        let stages = pipeline.stageNames.joined(separator: " → ")
        print(
            String(
                format:
                    "lexicon loading: %.1f ms (abbreviations alone %.1f ms); pipeline build (lexicons + ICU rules): %.1f ms",
                lexiconBest, abbreviationBest, loadBest))
        print("corpus: \(corpus): \(texts.count) documents, \(String(format: "%.2f", megabytes)) MB")
        print("stages: \(stages)")
        print(
            String(
                format: "best %.1f MB/s, mean %.1f MB/s over %d passes (one core)", megabytes / best,
                megabytes * Double(max(1, passes)) / total, max(1, passes)))
    }
}
