import Foundation

/// Scores per split, rendered as the table `kutip evaluate` prints and as
/// `report.md` / `report.json`.
public struct EvaluationReport: Sendable, Codable {
    /// One named split (dev, test) and its scores.
    public struct Split: Sendable, Codable {
        public var name: String
        public var scores: EvaluationScores
        public init(name: String, scores: EvaluationScores) {
            self.name = name
            self.scores = scores
        }
    }

    public var splits: [Split]

    public init(splits: [Split]) {
        self.splits = splits
    }

    static let layerOrder = ["boilerplate", "sentences", "tokens", "abbreviations", "entities", "dates", "quotes"]

    /// A Markdown report: per split, a table per layer and a table of gold counts.
    public func markdown(title: String = "Kutip evaluation") -> String {
        var out = "# \(title)\n\n"
        out += "Scores follow `ANNOTATION.md` (\"Scoring\"): micro-averaged over documents; strict = identical span"
        out += " and type, lenient = overlapping span and same type (quotes: overlap at least half the union).\n"
        for split in splits {
            out += "\n## \(split.name) (\(split.scores.documents) documents)\n\n"
            out +=
                "| layer | gold | predicted | strict P | strict R | strict F1 | lenient P | lenient R | lenient F1 | other |\n"
            out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n"
            for name in Self.layerOrder {
                guard let layer = split.scores.layers[name] else { continue }
                guard layer.produced else {
                    out +=
                        "| \(name) | \(layer.goldCount) | | not produced by the pipeline yet | | | | | | \(features(layer)) |\n"
                    for type in layer.goldCountByType.keys.sorted() {
                        out += "| &nbsp;&nbsp;\(name) \(type) | \(layer.goldCountByType[type]!) | | | | | | | | |\n"
                    }
                    continue
                }
                out += row(name, layer, extras: extras(layer))
                for type in layer.byType.keys.sorted() {
                    let typeScore = layer.byType[type]!
                    out += "| &nbsp;&nbsp;\(name) \(type) | \(layer.goldCountByType[type] ?? 0) | | "
                    out +=
                        "\(format(typeScore.strict.precision)) | \(format(typeScore.strict.recall)) | \(format(typeScore.strict.f1)) | "
                    out +=
                        "\(format(typeScore.lenient.precision)) | \(format(typeScore.lenient.recall)) | \(format(typeScore.lenient.f1)) | |\n"
                }
            }
        }
        return out
    }

    /// A compact plain-text table for the terminal.
    public func plainText() -> String {
        var out = ""
        for split in splits {
            out += "== \(split.name): \(split.scores.documents) documents\n"
            out +=
                pad("layer", 24) + pad("gold", 7) + pad("pred", 7) + pad("strict P/R/F1", 22)
                + pad("lenient P/R/F1", 22) + "other\n"
            for name in Self.layerOrder {
                guard let layer = split.scores.layers[name] else { continue }
                guard layer.produced else {
                    out +=
                        pad(name, 24) + pad("\(layer.goldCount)", 7) + pad("-", 7)
                        + pad("not produced by the pipeline yet", 44)
                        + features(layer) + "\n"
                    for type in layer.goldCountByType.keys.sorted() {
                        out += pad("  \(type)", 24) + "\(layer.goldCountByType[type]!)\n"
                    }
                    continue
                }
                out += pad(name, 24) + pad("\(layer.goldCount)", 7) + pad("\(layer.predictedCount)", 7)
                out += pad(triple(layer.strict), 22) + pad(triple(layer.lenient), 22) + extras(layer) + "\n"
                for type in layer.byType.keys.sorted() {
                    let typeScore = layer.byType[type]!
                    out += pad("  \(type)", 24) + pad("\(layer.goldCountByType[type] ?? 0)", 7) + pad("", 7)
                    out += pad(triple(typeScore.strict), 22) + pad(triple(typeScore.lenient), 22) + "\n"
                }
            }
        }
        return out
    }

    /// The report as pretty JSON.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    private func row(_ name: String, _ layer: LayerScore, extras: String) -> String {
        "| \(name) | \(layer.goldCount) | \(layer.predictedCount) | \(format(layer.strict.precision)) | "
            + "\(format(layer.strict.recall)) | \(format(layer.strict.f1)) | \(format(layer.lenient.precision)) | "
            + "\(format(layer.lenient.recall)) | \(format(layer.lenient.f1)) | \(extras) |\n"
    }

    private func features(_ layer: LayerScore) -> String {
        layer.goldFeatures.keys.sorted().map { "gold \($0): \(layer.goldFeatures[$0]!)" }.joined(separator: "; ")
    }

    private func extras(_ layer: LayerScore) -> String {
        var parts: [String] = []
        for name in layer.accuracies.keys.sorted() {
            let accuracy = layer.accuracies[name]!
            parts.append("\(name) \(accuracy.value.map(format) ?? "–") (\(accuracy.correct)/\(accuracy.total))")
        }
        for name in layer.extra.keys.sorted() {
            parts.append("\(name) F1 \(format(layer.extra[name]!.f1))")
        }
        let goldFeatures = features(layer)
        if !goldFeatures.isEmpty { parts.append(goldFeatures) }
        return parts.joined(separator: "; ")
    }

    private func triple(_ score: PRF) -> String {
        "\(format(score.precision))/\(format(score.recall))/\(format(score.f1))"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text + " " : text + String(repeating: " ", count: width - count)
    }
}

/// A score as a fixed three-decimal string.
func format(_ value: Double) -> String {
    let scaled = (value * 1000).rounded()
    let whole = Int(scaled) / 1000
    let fraction = Int(scaled) % 1000
    let digits = String(fraction)
    return "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
}
