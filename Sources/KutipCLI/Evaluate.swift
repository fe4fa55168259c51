import ArgumentParser
import Foundation
import Kutip

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the pipeline against the hand-labeled gold files.",
        discussion: """
            Runs the pipeline on the text of every gold file under --gold (each subfolder, such as \
            dev/ and test/, is a split), prints per split and per layer the gold counts and strict and \
            lenient P/R/F1 as ANNOTATION.md defines them, and writes report.md and report.json.
            """
    )

    @Option(help: "Folder of gold kutip/1 files, one subfolder per split.")
    var gold = "Evaluation/gold"

    @Option(help: "Where to write report.md and report.json (nothing is written when empty).")
    var reportDir = "Evaluation"

    @OptionGroup var lexicons: LexiconOptions

    func run() throws {
        let corpus: GoldCorpus
        do {
            corpus = try GoldCorpus(directory: URL(fileURLWithPath: gold))
        } catch {
            report("\(error)")
            throw ExitCode(2)
        }
        let evaluation = try corpus.evaluate(with: try lexicons.pipeline())
        print(evaluation.plainText(), terminator: "")
        guard !reportDir.isEmpty else { return }
        let folder = URL(fileURLWithPath: reportDir)
        var markdown = evaluation.markdown()
        // Peer systems scored by `kutip score` (Evaluation/peers/run-*) go beside Kutip's rows.
        let peers = folder.appendingPathComponent("peers")
        let peerReports = ((try? FileManager.default.contentsOfDirectory(atPath: peers.path)) ?? []).filter {
            $0.hasSuffix("-report.md")
        }.sorted()
        if !peerReports.isEmpty {
            markdown += "\n# Peers, scored by the same scorer on the same gold files\n"
            for name in peerReports {
                let text = (try? String(contentsOf: peers.appendingPathComponent(name), encoding: .utf8)) ?? ""
                markdown +=
                    "\n"
                    + text.split(separator: "\n", omittingEmptySubsequences: false).map {
                        $0.hasPrefix("#") ? "#" + $0 : String($0)
                    }.joined(separator: "\n")
            }
        }
        try markdown.write(to: folder.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
        try evaluation.json().write(to: folder.appendingPathComponent("report.json"))
    }
}

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score predictions made elsewhere against the gold files.",
        discussion: """
            Every kutip/1 file in --predicted is paired by id with a gold document and scored             exactly as `kutip evaluate` scores the pipeline, on the layers the predictions carry.             Used to put peer systems (Evaluation/peers/) beside Kutip.
            """
    )

    @Option(help: "Folder of gold kutip/1 files, one subfolder per split.")
    var gold = "Evaluation/gold"

    @Option(help: "Folder of predicted kutip/1 files (any split).")
    var predicted: String

    @Option(help: "Write the report as Markdown to this file.")
    var markdown: String?

    @Option(help: "Title of the Markdown report.")
    var title = "Peer evaluation"

    func run() throws {
        let corpus = try GoldCorpus(directory: URL(fileURLWithPath: gold))
        let report = try corpus.score(predictionsIn: URL(fileURLWithPath: predicted))
        print(report.plainText(), terminator: "")
        if let markdown {
            try report.markdown(title: title).write(
                to: URL(fileURLWithPath: markdown), atomically: true, encoding: .utf8)
        }
    }
}

struct EvaluateUD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-ud",
        abstract: "Score tokens and sentences on Universal Dependencies CoNLL-U files.",
        discussion: """
            The CoNLL 2018 shared-task method: the raw text is every "# text" line joined by one \
            space; surface tokens (multiword ranges count once) and sentences are compared as exact \
            character spans.
            """
    )

    @Argument(help: "CoNLL-U files.")
    var files: [String]

    @OptionGroup var lexicons: LexiconOptions

    func run() throws {
        let pipeline = try lexicons.pipeline().prefix(through: "tokenize")
        print("file                                     tokens P/R/F1              sentences P/R/F1")
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                report("\(file): cannot read the file")
                throw ExitCode(2)
            }
            let treebank = try UDTreebank(conllu: String(decoding: data, as: UTF8.self), id: file)
            let predicted = try pipeline.annotate(Document(source: treebank.document.source))
            let (tokens, sentences) = treebank.score(predicted)
            func percent(_ score: PRF) -> String {
                String(format: "%.2f/%.2f/%.2f", score.precision * 100, score.recall * 100, score.f1 * 100)
            }
            let name = URL(fileURLWithPath: file).lastPathComponent
            print(
                name.padding(toLength: 40, withPad: " ", startingAt: 0) + " "
                    + percent(tokens).padding(toLength: 26, withPad: " ", startingAt: 0) + " " + percent(sentences))
            if treebank.unalignedTokens > 0 {
                report("\(file): \(treebank.unalignedTokens) gold tokens could not be aligned to the text")
            }
        }
    }
}

struct Gold: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile gold descriptions (.labels) into validated kutip/1 files.",
        discussion: """
            A description names each annotation by a snippet of the article instead of offsets \
            (see Evaluation/LABELS-FORMAT.md). Errors name the file and line of the description.
            """
    )

    @Argument(help: ".labels files.")
    var files: [String]

    @Option(help: "Write FILE.json here (one input), or \"-\" for standard output.")
    var output: String?

    @Option(help: "Write each description's document as <id>.json into this folder.")
    var outputDir: String?

    func validate() throws {
        if output != nil && files.count != 1 {
            throw ValidationError("--output takes exactly one input; use --output-dir")
        }
    }

    func run() throws {
        let compiler = GoldCompiler()
        var failures = 0
        for file in files {
            do {
                let document = try compiler.compile(contentsOf: URL(fileURLWithPath: file))
                var bytes = document.jsonBytes(pretty: true)
                bytes.append(UInt8(ascii: "\n"))
                let name =
                    (document.id ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent) + ".json"
                if let output {
                    if output == "-" {
                        FileHandle.standardOutput.write(Data(bytes))
                    } else {
                        try Data(bytes).write(to: URL(fileURLWithPath: output))
                    }
                } else {
                    let folder = outputDir ?? URL(fileURLWithPath: file).deletingLastPathComponent().path
                    try Data(bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
                }
            } catch {
                failures += 1
                report("\(error)")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
