import KutipCore

/// Scores predicted documents against gold documents exactly as
/// `ANNOTATION.md` ("Scoring") defines.
///
/// - Only layers present in the gold are scored.
/// - Predictions that fall inside gold boilerplate are dropped first.
/// - Counts are summed over documents (micro-average).
/// - Strict: identical span and type. Lenient: overlapping span, same type,
///   matched one-to-one, largest overlap first. Quotes match when their overlap
///   is at least half of their union.
public enum Scorer {
    /// Scores one document.
    public static func score(gold: Document, predicted: Document) -> EvaluationScores {
        var scores = EvaluationScores()
        scores.documents = 1
        let goldBoilerplate = gold.boilerplate ?? []
        func keep(_ span: Span) -> Bool {
            !goldBoilerplate.contains { $0.start <= span.start && span.end <= $0.end && span.length > 0 }
        }
        if let goldItems = gold.boilerplate {
            scores.layers["boilerplate"] = scoreSpans(
                "boilerplate", gold: goldItems.map { Item($0) },
                predicted: (predicted.boilerplate ?? []).map { Item($0) })
        }
        if let goldItems = gold.sentences {
            scores.layers["sentences"] = scoreSpans(
                "sentences", gold: goldItems.map { Item($0) }, predicted: (predicted.sentences ?? []).map { Item($0) })
        }
        if let goldItems = gold.tokens {
            scores.layers["tokens"] = scoreSpans(
                "tokens", gold: goldItems.indices.map { Item(start: goldItems.start($0), end: goldItems.end($0)) },
                predicted: (predicted.tokens.map { list in
                    list.indices.map { Item(start: list.start($0), end: list.end($0)) }
                } ?? []))
        }
        if let goldItems = gold.abbreviations {
            let predictedItems = (predicted.abbreviations ?? []).filter { keep($0.span) }
            var score = scoreSpans(
                "abbreviations", gold: goldItems.map { Item($0.span) }, predicted: predictedItems.map { Item($0.span) })
            var expansion = Accuracy()
            let predictedBySpan = Dictionary(
                predictedItems.map { (SpanKey($0.span), $0.expansion) }, uniquingKeysWith: { a, _ in a })
            for item in goldItems {
                guard let guess = predictedBySpan[SpanKey(item.span)] else { continue }
                expansion.total += 1
                if fold(guess, dropPunctuation: true) == fold(item.expansion, dropPunctuation: true) {
                    expansion.correct += 1
                }
            }
            score.accuracies["expansion"] = expansion
            scores.layers["abbreviations"] = score
        }
        if let goldItems = gold.entities {
            let predictedItems = (predicted.entities ?? []).filter { keep($0.span) }
            var score = scoreSpans(
                "entities", gold: goldItems.map { Item($0.span, type: $0.type.rawValue) },
                predicted: predictedItems.map { Item($0.span, type: $0.type.rawValue) })
            var clustering = Accuracy()
            let goldPersons = goldItems.filter { $0.type == .person }
            let predictedPersons = predictedItems.filter { $0.type == .person }
            for (goldIndex, predictedIndex) in lenientPairs(
                gold: goldPersons.map { Item($0.span) }, predicted: predictedPersons.map { Item($0.span) })
            {
                clustering.total += 1
                if fold(goldPersons[goldIndex].canonical ?? "")
                    == fold(predictedPersons[predictedIndex].canonical ?? "")
                {
                    clustering.correct += 1
                }
            }
            score.accuracies["PER clustering"] = clustering
            scores.layers["entities"] = score
        }
        if let goldItems = gold.dates {
            let predictedItems = (predicted.dates ?? []).filter { keep($0.span) }
            var score = scoreSpans(
                "dates", gold: goldItems.map { Item($0.span, type: $0.type.rawValue) },
                predicted: predictedItems.map { Item($0.span, type: $0.type.rawValue) })
            var value = Accuracy()
            var type = Accuracy()
            for (goldIndex, predictedIndex) in lenientPairs(
                gold: goldItems.map { Item($0.span) }, predicted: predictedItems.map { Item($0.span) })
            {
                value.total += 1
                type.total += 1
                if goldItems[goldIndex].value == predictedItems[predictedIndex].value { value.correct += 1 }
                if goldItems[goldIndex].type == predictedItems[predictedIndex].type { type.correct += 1 }
            }
            score.accuracies["value"] = value
            score.accuracies["type"] = type
            score.goldFeatures["no year in text"] = goldItems.filter { !containsYear($0.span.text) }.count
            scores.layers["dates"] = score
        }
        if let goldItems = gold.quotes {
            let predictedItems = (predicted.quotes ?? []).filter { keep($0.span) }
            var score = scoreQuotes(gold: goldItems, predicted: predictedItems)
            score.goldFeatures["cue -nya"] =
                goldItems.filter { $0.cue?.text.lowercased().hasSuffix("nya") ?? false }.count
            score.goldFeatures["no cue"] = goldItems.filter { $0.cue == nil }.count
            score.goldFeatures["speaker null"] = goldItems.filter { $0.speaker == nil }.count
            scores.layers["quotes"] = score
        }
        return scores
    }

    /// Scores documents paired by position and sums the counts.
    public static func score(gold: [Document], predicted: [Document]) -> EvaluationScores {
        var total = EvaluationScores()
        for (goldDocument, predictedDocument) in zip(gold, predicted) {
            total.add(score(gold: goldDocument, predicted: predictedDocument))
        }
        return total
    }

    // MARK: Spans

    struct Item {
        var start: Int
        var end: Int
        var type: String?

        init(_ span: Span, type: String? = nil) {
            start = span.start
            end = span.end
            self.type = type
        }

        init(start: Int, end: Int) {
            self.start = start
            self.end = end
            self.type = nil
        }

        func overlap(_ other: Item) -> Int { max(0, min(end, other.end) - max(start, other.start)) }
        func intersects(_ other: Item) -> Bool {
            // Two empty spans at one offset, or an empty span inside another, still overlap.
            start < other.end && other.start < end || (start == other.start && end == other.end)
        }
    }

    struct SpanKey: Hashable {
        var start: Int
        var end: Int
        var type: String?
        init(_ span: Span, type: String? = nil) {
            start = span.start
            end = span.end
            self.type = type
        }

        init(_ item: Item) {
            start = item.start
            end = item.end
            type = item.type
        }
    }

    static func scoreSpans(_ layer: String, gold: [Item], predicted: [Item]) -> LayerScore {
        var score = LayerScore(layer: layer)
        score.goldCount = gold.count
        score.predictedCount = predicted.count
        score.strict = PRF(matched: strictMatches(gold, predicted), predicted: predicted.count, gold: gold.count)
        score.lenient = PRF(
            matched: lenientPairs(gold: gold, predicted: predicted, sameType: true).count, predicted: predicted.count,
            gold: gold.count)
        let types = Set(gold.compactMap(\.type)).union(predicted.compactMap(\.type))
        for type in types {
            let goldOfType = gold.filter { $0.type == type }
            let predictedOfType = predicted.filter { $0.type == type }
            var typeScore = LayerScore.TypeScore()
            typeScore.strict = PRF(
                matched: strictMatches(goldOfType, predictedOfType), predicted: predictedOfType.count,
                gold: goldOfType.count)
            typeScore.lenient = PRF(
                matched: lenientPairs(gold: goldOfType, predicted: predictedOfType).count,
                predicted: predictedOfType.count, gold: goldOfType.count)
            score.byType[type] = typeScore
            score.goldCountByType[type] = goldOfType.count
        }
        return score
    }

    static func strictMatches(_ gold: [Item], _ predicted: [Item]) -> Int {
        var remaining: [SpanKey: Int] = [:]
        for item in gold {
            remaining[SpanKey(item), default: 0] += 1
        }
        var matched = 0
        for item in predicted {
            let key = SpanKey(item)
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                matched += 1
            }
        }
        return matched
    }

    /// One-to-one pairs of overlapping items, largest overlap first (then
    /// earliest), so the result does not depend on list order.
    static func lenientPairs(
        gold: [Item], predicted: [Item], sameType: Bool = false, accept: (Item, Item) -> Bool = { $0.intersects($1) }
    ) -> [(Int, Int)] {
        var candidates: [(overlap: Int, gold: Int, predicted: Int)] = []
        // Both lists are sorted by start in valid documents; a sweep keeps this near-linear.
        let predictedOrder = predicted.indices.sorted { predicted[$0].start < predicted[$1].start }
        var lower = 0
        for goldIndex in gold.indices {
            let item = gold[goldIndex]
            while lower < predictedOrder.count, predicted[predictedOrder[lower]].end < item.start { lower += 1 }
            var cursor = lower
            while cursor < predictedOrder.count, predicted[predictedOrder[cursor]].start <= item.end {
                let predictedIndex = predictedOrder[cursor]
                let guess = predicted[predictedIndex]
                if accept(item, guess), !sameType || item.type == guess.type {
                    candidates.append((item.overlap(guess), goldIndex, predictedIndex))
                }
                cursor += 1
            }
        }
        candidates.sort { ($0.overlap, -$0.gold, -$0.predicted) > ($1.overlap, -$1.gold, -$1.predicted) }
        var usedGold = Set<Int>()
        var usedPredicted = Set<Int>()
        var pairs: [(Int, Int)] = []
        for candidate in candidates
        where !usedGold.contains(candidate.gold) && !usedPredicted.contains(candidate.predicted) {
            usedGold.insert(candidate.gold)
            usedPredicted.insert(candidate.predicted)
            pairs.append((candidate.gold, candidate.predicted))
        }
        return pairs.sorted { $0.0 < $1.0 }
    }

    // MARK: Quotes

    static func quoteMatch(_ gold: Item, _ predicted: Item) -> Bool {
        let overlap = gold.overlap(predicted)
        let union = max(gold.end, predicted.end) - min(gold.start, predicted.start)
        return overlap > 0 && 2 * overlap >= union
    }

    static func scoreQuotes(gold: [Quote], predicted: [Quote]) -> LayerScore {
        var score = LayerScore(layer: "quotes")
        score.goldCount = gold.count
        score.predictedCount = predicted.count
        let goldItems = gold.map { Item($0.span, type: $0.kind.rawValue) }
        let predictedItems = predicted.map { Item($0.span, type: $0.kind.rawValue) }
        score.strict = PRF(
            matched: strictMatches(goldItems, predictedItems), predicted: predicted.count, gold: gold.count)
        let pairs = lenientPairs(gold: goldItems, predicted: predictedItems, accept: quoteMatch)
        score.lenient = PRF(matched: pairs.count, predicted: predicted.count, gold: gold.count)
        var attribution = Accuracy()
        var endToEnd = 0
        for (goldIndex, predictedIndex) in pairs {
            attribution.total += 1
            if fold(gold[goldIndex].speaker ?? "") == fold(predicted[predictedIndex].speaker ?? "") {
                attribution.correct += 1
                endToEnd += 1
            }
        }
        score.accuracies["attribution"] = attribution
        score.extra["end-to-end"] = PRF(matched: endToEnd, predicted: predicted.count, gold: gold.count)
        for kind in QuoteKind.allCases {
            let goldOfKind = goldItems.filter { $0.type == kind.rawValue }
            let predictedOfKind = predictedItems.filter { $0.type == kind.rawValue }
            var typeScore = LayerScore.TypeScore()
            typeScore.strict = PRF(
                matched: strictMatches(goldOfKind, predictedOfKind), predicted: predictedOfKind.count,
                gold: goldOfKind.count)
            typeScore.lenient = PRF(
                matched: lenientPairs(gold: goldOfKind, predicted: predictedOfKind, accept: quoteMatch).count,
                predicted: predictedOfKind.count, gold: goldOfKind.count)
            score.byType[kind.rawValue] = typeScore
            score.goldCountByType[kind.rawValue] = goldOfKind.count
        }
        return score
    }

    /// Whether the text holds four digits in a row (a written year).
    static func containsYear(_ text: String) -> Bool {
        var run = 0
        for scalar in text.unicodeScalars {
            run = scalar.isKutipDigit ? run + 1 : 0
            if run == 4 { return true }
        }
        return false
    }

    /// Case and whitespace folded (and punctuation dropped when asked), for comparing names and expansions.
    static func fold(_ text: String, dropPunctuation: Bool = false) -> String {
        var words: [String] = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace || (dropPunctuation && isPunctuation(scalar)) {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: " ")
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
