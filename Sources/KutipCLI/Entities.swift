import ArgumentParser
import Foundation
import Kutip

struct TrainNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-ner",
        abstract: "Train the entity tagger (averaged perceptron) and write the model file.",
        discussion: """
            Reads CoNLL-style files (word … tag per line, blank line between sentences; PERSON/PPL, \
            ORGANISATION, PLACE/PLC map to PER, ORG, LOC). Deterministic for a seed.
            """
    )

    @Argument(help: "Training files.")
    var files: [String]

    @Option(help: "Where to write the model.")
    var output = "Lexicons/data/entities/tagger.model"

    @Option(help: "Passes over the training data.")
    var epochs = 10

    @Option(help: "log2 of the number of hashed feature slots.")
    var bits = 18

    @Option(help: "Seed of the order in which training sentences are visited.")
    var seed: UInt64 = 7

    @Option(help: "Lexicon folder with given-names.txt, place-words.txt and entities/*.txt.")
    var lexiconDir = "Lexicons/data"

    func run() throws {
        var sentences: [[(word: String, tag: String)]] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                report("\(file): cannot read the file")
                throw ExitCode(2)
            }
            sentences += NERCorpus.read(String(decoding: data, as: UTF8.self))
        }
        let start = Date()
        let model = EntityTagger.train(
            sentences, gazetteer: try loadGazetteer(lexiconDir), epochs: epochs, bits: bits, seed: seed
        ) { epoch, accuracy in
            report(String(format: "epoch %d: token accuracy on training data %.4f", epoch, accuracy))
        }
        try model.data().write(to: URL(fileURLWithPath: output))
        report(
            String(
                format: "trained on %d sentences in %.1f s; wrote %@", sentences.count, Date().timeIntervalSince(start),
                output))
    }
}

struct EvaluateNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-ner",
        abstract: "Entity-level P/R/F1 (CoNLL exact span and type) of the entity tagger on CoNLL-style files."
    )

    @Argument(help: "Test files.")
    var files: [String]

    @Option(help: "The model to evaluate.")
    var model = "Lexicons/data/entities/tagger.model"

    @Option(help: "Lexicon folder with given-names.txt, place-words.txt and entities/*.txt.")
    var lexiconDir = "Lexicons/data"

    @Flag(help: "Print every sentence with a missed or wrong entity (gold [type …], predicted {type …}).")
    var errors = false

    func run() throws {
        guard let data = FileManager.default.contents(atPath: model) else {
            report("\(model): cannot read the model")
            throw ExitCode(2)
        }
        let tagger = try EntityTagger(data: data, gazetteer: try loadGazetteer(lexiconDir), origin: model)
        for file in files {
            guard let text = FileManager.default.contents(atPath: file) else { continue }
            var counts: [String: (tp: Int, predicted: Int, gold: Int)] = [:]
            for sentence in NERCorpus.read(String(decoding: text, as: UTF8.self)) {
                let gold = NERCorpus.spans(sentence.map(\.tag))
                let guess = NERCorpus.spans(tagger.tag(sentence.map(\.word)))
                if errors, !gold.elementsEqual(guess, by: { $0 == $1 }) {
                    print(
                        Self.mark(sentence.map(\.word), gold, "[", "]") + "\n  "
                            + Self.mark(sentence.map(\.word), guess, "{", "}"))
                }
                for item in gold { counts[item.type, default: (0, 0, 0)].gold += 1 }
                for item in guess {
                    counts[item.type, default: (0, 0, 0)].predicted += 1
                    if gold.contains(where: { $0.type == item.type && $0.start == item.start && $0.end == item.end }) {
                        counts[item.type, default: (0, 0, 0)].tp += 1
                    }
                }
            }
            print("== \(file)")
            var total = (tp: 0, predicted: 0, gold: 0)
            for type in counts.keys.sorted() {
                let count = counts[type]!
                total.tp += count.tp
                total.predicted += count.predicted
                total.gold += count.gold
                print(line(type, count))
            }
            print(line("overall", total))
        }
    }

    /// The words with each span bracketed and typed.
    static func mark(
        _ words: [String], _ spans: [(type: String, start: Int, end: Int)], _ open: String, _ close: String
    )
        -> String
    {
        var out = words
        for span in spans {
            out[span.start] = open + span.type + " " + out[span.start]
            out[span.end - 1] += close
        }
        return out.joined(separator: " ")
    }

    private func line(_ name: String, _ count: (tp: Int, predicted: Int, gold: Int)) -> String {
        let score = PRF(matched: count.tp, predicted: count.predicted, gold: count.gold)
        return String(
            format: "%-8@ gold %5d  P %.3f  R %.3f  F1 %.3f", name as NSString, count.gold, score.precision,
            score.recall, score.f1)
    }
}

/// The gazetteer lists from a lexicon folder.
func loadGazetteer(_ folder: String) throws -> EntityGazetteer {
    do {
        return try EntityGazetteer.load(from: URL(fileURLWithPath: folder))
    } catch {
        report("\(error)")
        throw ExitCode(2)
    }
}
