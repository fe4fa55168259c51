import KutipCore
import KutipEvaluation
import KutipTestSupport
import Testing

/// A tiny hand-made document: "Andap berkata di Jakarta, Senin (30/1)."
func document(_ build: (SourceText, inout Document) -> Void) -> Document {
    var document = Document(
        text: "Baca juga: x\n\"Kami siap,\" kata Andap di Jakarta, Senin (30/1). Harun menjelaskan, ASN netral.")
    build(document.source, &document)
    return document
}

@Suite("Scorer")
struct ScorerTests {
    static let gold = document { source, doc in
        doc.boilerplate = [source.span(of: "Baca juga: x")]
        doc.abbreviations = [Abbreviation(span: source.span(of: "ASN"), expansion: "Aparatur Sipil Negara")]
        doc.entities = [
            Entity(span: source.span(of: "Andap"), type: .person, canonical: "Andap Budhi Revianto"),
            Entity(span: source.span(of: "Jakarta"), type: .location),
            Entity(span: source.span(of: "Harun"), type: .person, canonical: "Harun"),
        ]
        doc.dates = [TemporalExpression(span: source.span(of: "Senin (30/1)"), type: .date, value: "2023-01-30")]
        doc.quotes = [
            Quote(
                span: source.span(of: "\"Kami siap,\""), kind: .direct, speaker: "Andap Budhi Revianto",
                cue: source.span(of: "kata")),
            Quote(
                span: source.span(of: "ASN netral"), kind: .indirect, speaker: "Harun",
                cue: source.span(of: "menjelaskan")),
        ]
    }

    @Test func goldSpansAreWhatTheyClaim() throws {
        try Self.gold.validate()
        #expect(Self.gold.entities?.map(\.span.text) == ["Andap", "Jakarta", "Harun"])
        #expect(Self.gold.dates?.first?.span.text == "Senin (30/1)")
        #expect(Self.gold.quotes?.map(\.span.text) == ["\"Kami siap,\"", "ASN netral"])
    }

    @Test func aPerfectPredictionScoresOne() {
        let scores = Scorer.score(gold: Self.gold, predicted: Self.gold)
        for (name, layer) in scores.layers {
            #expect(layer.strict.f1 == 1, "\(name)")
            #expect(layer.lenient.f1 == 1, "\(name)")
            for (accuracy, value) in layer.accuracies { #expect(value.value == 1, "\(name) \(accuracy)") }
        }
        #expect(scores.layers["quotes"]?.extra["end-to-end"]?.f1 == 1)
        #expect(Set(scores.layers.keys) == ["boilerplate", "abbreviations", "entities", "dates", "quotes"])
    }

    @Test func aShiftedSpanIsLenientButNotStrict() {
        let predicted = document { source, doc in
            doc.dates = [TemporalExpression(span: source.span(of: "30/1"), type: .date, value: "2023-01-30")]  // "30/1"
        }
        let dates = Scorer.score(gold: Self.gold, predicted: predicted).layers["dates"]!
        #expect(dates.strict.truePositives == 0)
        #expect(dates.lenient.truePositives == 1)
        #expect(dates.accuracies["value"] == Accuracy(correct: 1, total: 1))
    }

    @Test func aWrongTypeIsNotEvenLenient() {
        let predicted = document { source, doc in
            doc.entities = [Entity(span: source.span(of: "Jakarta"), type: .organization)]
        }
        let entities = Scorer.score(gold: Self.gold, predicted: predicted).layers["entities"]!
        #expect(entities.lenient.truePositives == 0)
        #expect(entities.byType["ORG"]?.strict.falsePositives == 1)
        #expect(entities.byType["LOC"]?.strict.falseNegatives == 1)
    }

    @Test func aWrongSpeakerCountsAgainstAttributionAndEndToEnd() {
        let predicted = document { source, doc in
            doc.quotes = [
                Quote(span: source.span(of: "\"Kami siap,\""), kind: .direct, speaker: "Harun"),
                Quote(span: source.span(of: "ASN netra"), kind: .indirect, speaker: "  harun "),
            ]
        }
        let quotes = Scorer.score(gold: Self.gold, predicted: predicted).layers["quotes"]!
        #expect(quotes.lenient.truePositives == 2)
        #expect(quotes.strict.truePositives == 1)
        #expect(quotes.accuracies["attribution"] == Accuracy(correct: 1, total: 2))
        #expect(quotes.extra["end-to-end"]?.truePositives == 1)
    }

    @Test func quotesNeedHalfTheUnionToMatch() {
        let predicted = document { source, doc in
            doc.quotes = [
                Quote(
                    span: source.span(of: "\"Kami siap,\" kata Andap di Jak"), kind: .direct,
                    speaker: "Andap Budhi Revianto")
            ]
        }
        let quotes = Scorer.score(gold: Self.gold, predicted: predicted).layers["quotes"]!
        #expect(quotes.lenient.truePositives == 0)  // overlap 12 of a union of 33
    }

    @Test func predictionsInsideGoldBoilerplateAreDropped() {
        let predicted = document { source, doc in
            doc.entities =
                [Entity(span: source.span(of: "Baca"), type: .person, canonical: "Baca")] + Self.gold.entities!
        }
        let entities = Scorer.score(gold: Self.gold, predicted: predicted).layers["entities"]!
        #expect(entities.predictedCount == 3)
        #expect(entities.strict.f1 == 1)
    }

    @Test func expansionsAndClustersAreCompared() {
        let predicted = document { source, doc in
            doc.abbreviations = [Abbreviation(span: source.span(of: "ASN"), expansion: "aparatur  sipil negara.")]
            doc.entities = [
                Entity(span: source.span(of: "Andap"), type: .person, canonical: "Andap"),
                Entity(span: source.span(of: "Harun"), type: .person, canonical: "harun"),
            ]
        }
        let scores = Scorer.score(gold: Self.gold, predicted: predicted)
        #expect(scores.layers["abbreviations"]?.accuracies["expansion"] == Accuracy(correct: 1, total: 1))
        #expect(scores.layers["entities"]?.accuracies["PER clustering"] == Accuracy(correct: 1, total: 2))
    }

    @Test func emptyPredictionOfAPresentLayerScoresZeroRecall() {
        let scores = Scorer.score(gold: Self.gold, predicted: document { _, _ in })
        #expect(scores.layers["entities"]?.strict.recall == 0)
        #expect(scores.layers["entities"]?.strict.precision == 0)
        #expect(scores.layers["entities"]?.goldCount == 3)
    }

    @Test func countsAddUpOverDocuments() {
        var total = EvaluationScores()
        total.add(Scorer.score(gold: Self.gold, predicted: Self.gold))
        total.add(Scorer.score(gold: Self.gold, predicted: document { _, _ in }))
        #expect(total.documents == 2)
        #expect(total.layers["entities"]?.strict == PRF(truePositives: 3, falsePositives: 0, falseNegatives: 3))
    }
}
