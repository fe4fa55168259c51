import ArgumentParser
import Foundation
import Kutip

@main
struct KutipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kutip",
        abstract:
            "Extract structured facts from Indonesian news: sentences, boilerplate, and (as stages land) abbreviations, entities, dates and quotes.",
        version: Kutip.version,
        subcommands: [
            Annotate.self, Quotes.self, ListEntities.self, Abbreviations.self, Evaluate.self, Score.self,
            EvaluateUD.self, Gold.self, Bench.self,
            TrainNER.self, EvaluateNER.self,
        ]
    )
}

/// Options shared by the commands that build a pipeline.
struct LexiconOptions: ParsableArguments {
    @Option(name: .customLong("lexicon-dir"), help: "Folder with the lexicon files (default: the bundled ones).")
    var lexiconDirectory: String?

    @Option(help: "An entity-tagger model (kutip train-ner) to use instead of the bundled one.")
    var nerModel: String?

    func load() throws -> Lexicons {
        if let lexiconDirectory {
            return try Lexicons.load(from: URL(fileURLWithPath: lexiconDirectory))
        }
        return try Lexicons.bundled()
    }

    /// The pipeline, or one line on standard error and exit status 2 when it
    /// cannot be built (missing or broken lexicons, an unreadable model).
    func pipelineOrExit() throws -> Pipeline {
        do {
            return try pipeline()
        } catch {
            report("\(error)")
            throw ExitCode(2)
        }
    }

    func pipeline() throws -> Pipeline {
        let lexicons = try load()
        var pipeline = try Kutip.defaultPipeline(lexicons: lexicons)
        if let nerModel {
            guard let data = FileManager.default.contents(atPath: nerModel) else {
                throw ValidationError("cannot read the entity model \(nerModel)")
            }
            let gazetteer = try loadGazetteer(lexicons.directory.path)
            let stage = EntityStage(tagger: try EntityTagger(data: data, gazetteer: gazetteer, origin: nerModel))
            pipeline =
                pipeline.stages.contains { $0.name == stage.name }
                ? try pipeline.replacing(stage.name, with: stage)
                : try pipeline.inserting(stage, after: "abbreviations")
        }
        return pipeline
    }
}

/// Writes bytes to standard output through one buffered handle.
struct OutputSink {
    private var buffer: [UInt8] = []

    mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count > 1 << 20 { flush() }
    }

    mutating func write(_ text: String) { write(Array(text.utf8)) }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// One clear line on standard error.
func report(_ message: String) {
    FileHandle.standardError.write(Data(("kutip: " + message + "\n").utf8))
}
