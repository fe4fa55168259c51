import Foundation

/// A folder of gold `kutip/1` files, split into subfolders (`dev/`, `test/`).
public struct GoldCorpus: Sendable {
    /// One split: its name and documents, sorted by file name.
    public struct Split: Sendable {
        public var name: String
        public var documents: [Document]
        public var files: [String]
    }

    public var splits: [Split]

    /// Loads every `*.json` under `directory`: each subfolder is a split; with no
    /// subfolders the folder itself is one split. Every file is validated.
    ///
    /// - Throws: ``DocumentValidationError`` naming the file, layer and offset.
    public init(directory: URL) throws {
        let manager = FileManager.default
        let entries = try manager.contentsOfDirectory(atPath: directory.path).sorted()
        var folders: [String] = []
        for entry in entries {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: directory.appendingPathComponent(entry).path, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                folders.append(entry)
            }
        }
        func load(_ folder: URL, name: String) throws -> Split {
            let files = try manager.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            var documents: [Document] = []
            for file in files {
                let url = folder.appendingPathComponent(file)
                guard let data = manager.contents(atPath: url.path) else {
                    throw DocumentValidationError(origin: url.path, reason: "cannot read the file")
                }
                documents.append(try Document(json: data, origin: url.path))
            }
            return Split(name: name, documents: documents, files: files.map { folder.appendingPathComponent($0).path })
        }
        if folders.isEmpty {
            splits = [try load(directory, name: directory.lastPathComponent)]
        } else {
            // dev before test, then the rest alphabetically.
            let order = ["dev": 0, "test": 1]
            splits = try folders.sorted { (order[$0] ?? 2, $0) < (order[$1] ?? 2, $1) }.map {
                try load(directory.appendingPathComponent($0), name: $0)
            }
        }
    }

    /// Scores predictions made elsewhere (a peer system, an older run): every
    /// `*.json` in `predictions` is paired with the gold document of the same
    /// id; a gold document without a prediction scores as an empty one.
    ///
    /// Only the layers the predictions carry are scored.
    public func score(predictionsIn predictions: URL) throws -> EvaluationReport {
        var predicted: [String: Document] = [:]
        let manager = FileManager.default
        for file in try manager.contentsOfDirectory(atPath: predictions.path).filter({ $0.hasSuffix(".json") }).sorted()
        {
            let url = predictions.appendingPathComponent(file)
            guard let data = manager.contents(atPath: url.path) else { continue }
            let document = try Document(json: data, origin: url.path)
            if let id = document.id { predicted[id] = document }
        }
        var reportSplits: [EvaluationReport.Split] = []
        for split in splits {
            var scores = EvaluationScores()
            var layers: Set<Layer> = []
            for gold in split.documents {
                let guess =
                    gold.id.flatMap { predicted[$0] } ?? Document(id: gold.id, source: gold.source, meta: gold.meta)
                layers.formUnion(guess.presentLayers)
                var restricted = gold
                for layer in Layer.allCases where !guess.presentLayers.contains(layer) && layer != .boilerplate {
                    restricted.removeLayer(layer)
                }
                scores.add(Scorer.score(gold: restricted, predicted: guess))
            }
            // Gold boilerplate only filters predictions; report just what was predicted.
            for name in scores.layers.keys where !layers.map(\.rawValue).contains(name) { scores.layers[name] = nil }
            reportSplits.append(EvaluationReport.Split(name: split.name, scores: scores))
        }
        return EvaluationReport(splits: reportSplits)
    }

    /// Runs `pipeline` on every gold text (with its id and metadata, no layers)
    /// and scores the result.
    public func evaluate(with pipeline: Pipeline) throws -> EvaluationReport {
        var reportSplits: [EvaluationReport.Split] = []
        for split in splits {
            var scores = EvaluationScores()
            for gold in split.documents {
                let predicted = try pipeline.annotate(Document(id: gold.id, source: gold.source, meta: gold.meta))
                scores.add(Scorer.score(gold: gold, predicted: predicted))
            }
            let produced = Set(pipeline.providedLayers.map(\.rawValue))
            for name in scores.layers.keys where !produced.contains(name) {
                scores.layers[name]?.produced = false
            }
            reportSplits.append(EvaluationReport.Split(name: split.name, scores: scores))
        }
        return EvaluationReport(splits: reportSplits)
    }
}
