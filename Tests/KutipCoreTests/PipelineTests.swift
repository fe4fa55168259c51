import KutipCore
import Testing

struct FakeStage: Stage {
    var name: String
    var requires: Set<Layer>
    var provides: Set<Layer>
    func process(_ document: inout Document) throws {
        if provides.contains(.entities) { document.entities = [] }
        if provides.contains(.tokens) { document.tokens = TokenList(source: document.source) }
        if provides.contains(.sentences) { document.sentences = [] }
        if provides.contains(.quotes) { document.quotes = [] }
    }
}

@Suite("Pipeline")
struct PipelineTests {
    let tokenize = FakeStage(name: "tokenize", requires: [], provides: [.tokens, .sentences])
    let entities = FakeStage(name: "entities", requires: [.tokens], provides: [.entities])
    let quotes = FakeStage(name: "quotes", requires: [.entities, .sentences], provides: [.quotes])

    @Test func validOrderBuildsAndRuns() throws {
        let pipeline = try Pipeline([tokenize, entities, quotes])
        let document = try pipeline.annotate(text: "Teks.")
        #expect(document.presentLayers == [.tokens, .sentences, .entities, .quotes])
        #expect(pipeline.providedLayers == [.tokens, .sentences, .entities, .quotes])
    }

    @Test func wrongOrderListsEveryMissingRequirement() throws {
        let error = try #require(throws: PipelineError.self) { try Pipeline([quotes, entities, tokenize]) }
        #expect(error.problems.contains(.missingRequirement(stage: "quotes", layer: .entities)))
        #expect(error.problems.contains(.missingRequirement(stage: "quotes", layer: .sentences)))
        #expect(error.problems.contains(.missingRequirement(stage: "entities", layer: .tokens)))
        #expect(error.description.contains("requires layer \"entities\""))
    }

    @Test func aLayerProvidedTwiceAndDuplicateNamesAreErrors() throws {
        let again = FakeStage(name: "tokenize", requires: [], provides: [.tokens])
        let error = try #require(throws: PipelineError.self) { try Pipeline([tokenize, again]) }
        #expect(error.problems.contains(.duplicateName(stage: "tokenize")))
        #expect(error.problems.contains(.providedTwice(stage: "tokenize", layer: .tokens)))
    }

    @Test func customStagesGoInByName() throws {
        let base = try Pipeline([tokenize, quotes.with(requires: [.sentences])])
        let custom = FakeStage(name: "mine", requires: [.tokens], provides: [.entities])
        let extended = try base.inserting(custom, after: "tokenize")
        #expect(extended.stageNames == ["tokenize", "mine", "quotes"])
        #expect(try base.inserting(custom, before: "quotes").stageNames == ["tokenize", "mine", "quotes"])
        #expect(throws: PipelineError.self) { try base.inserting(custom, before: "tokenize") }
        #expect(throws: PipelineError.self) { try base.inserting(custom, after: "nope") }
        #expect(try extended.prefix(through: "mine").stageNames == ["tokenize", "mine"])
        #expect(try extended.replacing("mine", with: entities).stageNames == ["tokenize", "entities", "quotes"])
    }

    @Test func aStageThatBreaksOffsetsIsCaughtInDebugBuilds() throws {
        struct Broken: Stage {
            let name = "broken"
            let requires: Set<Layer> = []
            let provides: Set<Layer> = [.entities]
            func process(_ document: inout Document) throws {
                document.entities = [Entity(span: Span(start: 0, end: 3, text: "xyz"), type: .person, canonical: "x")]
            }
        }
        let pipeline = try Pipeline([Broken()])
        #if DEBUG
            #expect(throws: StageError.self) { try pipeline.annotate(text: "abcdef") }
        #endif
    }
}

extension FakeStage {
    func with(requires: Set<Layer>) -> FakeStage {
        FakeStage(name: name, requires: requires, provides: provides)
    }
}
