import Foundation
import Kutip
import KutipTestSupport
import Testing

@Suite("Entity tagger (groundwork for the entity stage)")
struct EntityTaggerTests {
    @Test func corporaAreReadWhateverTheirLineEndsAndColumns() {
        let text =
            "Joko\tB-PERSON\r\nWidodo\tI-PERSON\r\ndi\tO\r\nJakarta\tB-PLACE\r\n\r\nKPK NOUN B-ORGANISATION\nbekerja VERB O\n"
        let sentences = NERCorpus.read(text)
        #expect(sentences.count == 2)
        #expect(sentences[0].map(\.tag) == ["B-PER", "I-PER", "O", "B-LOC"])
        #expect(sentences[1].map(\.tag) == ["B-ORG", "O"])
    }

    @Test func spansFollowConllevalForStrayInsideTags() {
        let spans = NERCorpus.spans(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG"])
        #expect(spans.map { "\($0.type)\($0.start)-\($0.end)" } == ["PER0-2", "LOC3-5", "ORG5-6"])
    }

    @Test func trainingLearnsAndTheModelRoundTrips() throws {
        let sentence: [(word: String, tag: String)] = [
            ("Presiden", "O"), ("Joko", "B-PER"), ("Widodo", "I-PER"), ("tiba", "O"), ("di", "O"),
            ("Surabaya", "B-LOC"),
        ]
        let other: [(word: String, tag: String)] = [
            ("Kantor", "O"), ("KPK", "B-ORG"), ("di", "O"), ("Jakarta", "B-LOC"),
        ]
        let model = EntityTagger.train([sentence, other], epochs: 5, bits: 12)
        #expect(model.tag(sentence.map(\.word)) == sentence.map(\.tag))
        let reloaded = try EntityTagger(data: model.data())
        #expect(reloaded.tag(other.map(\.word)) == model.tag(other.map(\.word)))
        #expect(throws: EntityModelError.self) { try EntityTagger(data: Data("nope".utf8)) }
    }

    @Test(arguments: TestSupport.hostileInputs.map(\.name))
    func theStageKeepsOffsetsOnHostileInput(name: String) throws {
        let training: [[(word: String, tag: String)]] = [
            [("Andap", "B-PER"), ("Budhi", "I-PER"), ("hadir", "O"), ("di", "O"), ("Jakarta", "B-LOC")],
            [("Kantor", "O"), ("KPK", "B-ORG"), ("buka", "O")],
        ]
        let stage = EntityStage(tagger: EntityTagger.train(training, epochs: 3, bits: 12))
        // The default pipeline has an entity stage only when a tagger model is
        // installed; the test must not depend on that.
        let base = try Kutip.defaultPipeline()
        let pipeline =
            base.stageNames.contains("entities")
            ? try base.replacing("entities", with: stage) : try base.inserting(stage, after: "abbreviations")
        let text =
            TestSupport.hostileInputs.first { $0.name == name }!.text + "\nAndap Budhi hadir di Jakarta. Andap bicara."
        let document = try pipeline.annotate(text: text)
        #expect(TestSupport.offsetProblems(document) == nil)
        #expect(document.entities?.filter { $0.type == .person }.allSatisfy { $0.canonical != nil } ?? false)
    }

    @Test func misspelledNamesJoinTheirCluster() {
        #expect(EntityStage.sameName("Andhap", "Andap"))
        #expect(EntityStage.sameName("Revianto", "Reviantto"))
        #expect(!EntityStage.sameName("Harun", "Andap"))
        #expect(!EntityStage.sameName("Harun", "Hasan"))
        // "Adhap" (two edits from "Andap") needs the context evidence issue 6 asks for; not handled yet.
    }
}
