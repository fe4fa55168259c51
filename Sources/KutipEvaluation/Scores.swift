/// Counts of true positives, false positives and false negatives, with the
/// precision, recall and F1 they give.
public struct PRF: Sendable, Hashable, Codable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// Counts from `matched` of `predicted` and `gold` items.
    public init(matched: Int, predicted: Int, gold: Int) {
        self.init(truePositives: matched, falsePositives: predicted - matched, falseNegatives: gold - matched)
    }

    /// TP / (TP + FP); 1 when nothing was predicted and nothing was expected, else 0 for no predictions.
    public var precision: Double {
        let predicted = truePositives + falsePositives
        if predicted == 0 { return falseNegatives == 0 ? 1 : 0 }
        return Double(truePositives) / Double(predicted)
    }

    /// TP / (TP + FN); 1 when nothing was expected.
    public var recall: Double {
        let gold = truePositives + falseNegatives
        return gold == 0 ? 1 : Double(truePositives) / Double(gold)
    }

    /// The harmonic mean of precision and recall.
    public var f1: Double {
        let sum = precision + recall
        return sum == 0 ? 0 : 2 * precision * recall / sum
    }

    public static func + (lhs: PRF, rhs: PRF) -> PRF {
        PRF(
            truePositives: lhs.truePositives + rhs.truePositives,
            falsePositives: lhs.falsePositives + rhs.falsePositives,
            falseNegatives: lhs.falseNegatives + rhs.falseNegatives)
    }

    public static func += (lhs: inout PRF, rhs: PRF) { lhs = lhs + rhs }
}

/// A share of items that were right: `correct` of `total`.
public struct Accuracy: Sendable, Hashable, Codable {
    public var correct = 0
    public var total = 0

    public init(correct: Int = 0, total: Int = 0) {
        self.correct = correct
        self.total = total
    }

    /// correct / total, or `nil` when there was nothing to judge.
    public var value: Double? { total == 0 ? nil : Double(correct) / Double(total) }

    public static func += (lhs: inout Accuracy, rhs: Accuracy) {
        lhs.correct += rhs.correct
        lhs.total += rhs.total
    }
}

/// The scores of one layer over a set of documents, micro-averaged.
public struct LayerScore: Sendable, Hashable, Codable {
    public var layer: String
    /// Gold items in the scored documents.
    public var goldCount = 0
    /// Predicted items, after dropping those inside gold boilerplate.
    public var predictedCount = 0
    /// Identical span (and type, where the layer has one).
    public var strict = PRF()
    /// Overlapping span, same type (for quotes: overlap of at least half the union).
    public var lenient = PRF()
    /// Strict and lenient scores per type (entity type, date type, quote kind).
    public var byType: [String: TypeScore] = [:]
    /// Gold items per type, so the spread of a corpus is visible.
    public var goldCountByType: [String: Int] = [:]
    /// Layer-specific accuracies: expansion, clustering, value, type, attribution.
    public var accuracies: [String: Accuracy] = [:]
    /// Layer-specific F1 figures such as quotes' end-to-end F1.
    public var extra: [String: PRF] = [:]
    /// Counts of gold items with a property worth seeing in a corpus's spread
    /// (dates with no year in their text, quotes whose cue is a "-nya" form …).
    public var goldFeatures: [String: Int] = [:]
    /// Whether the pipeline produces this layer; when not, only gold counts mean anything.
    public var produced = true

    public init(layer: String) {
        self.layer = layer
    }

    /// Strict and lenient counts for one type.
    public struct TypeScore: Sendable, Hashable, Codable {
        public var strict = PRF()
        public var lenient = PRF()
        public init() {}
    }

    /// Adds another document's (or split's) counts to these.
    public mutating func add(_ other: LayerScore) {
        goldCount += other.goldCount
        predictedCount += other.predictedCount
        strict += other.strict
        lenient += other.lenient
        for (type, score) in other.byType {
            byType[type, default: TypeScore()].strict += score.strict
            byType[type, default: TypeScore()].lenient += score.lenient
        }
        for (type, count) in other.goldCountByType { goldCountByType[type, default: 0] += count }
        for (name, accuracy) in other.accuracies { accuracies[name, default: Accuracy()] += accuracy }
        for (name, score) in other.extra { extra[name, default: PRF()] += score }
        for (name, count) in other.goldFeatures { goldFeatures[name, default: 0] += count }
        produced = produced && other.produced
    }
}

/// The scores of a set of documents, per layer.
public struct EvaluationScores: Sendable, Hashable, Codable {
    /// How many documents were scored.
    public var documents = 0
    /// Per layer, in schema order of the layers present in the gold.
    public var layers: [String: LayerScore] = [:]

    public init() {}

    public mutating func add(_ other: EvaluationScores) {
        documents += other.documents
        for (name, score) in other.layers {
            layers[name, default: LayerScore(layer: name)].add(score)
        }
    }
}
