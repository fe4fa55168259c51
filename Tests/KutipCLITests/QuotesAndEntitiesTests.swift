import Foundation
import Kutip
import KutipTestSupport
import Testing

/// Three articles: one with quotes, one without, a bad line, one more with a quote.
let quoteBatch = [
    #"{"id":"a","title":"Judul A","text":"\"Kami siap bekerja,\" kata Harun di Jakarta, Senin (30/1).\n\"Semua harus tumbuh,\" pungkas Harun.","published":"2023-01-30"}"#,
    #"{"id":"b","text":"Tidak ada kutipan di sini."}"#,
    "oops",
    #"{"id":"c","text":"\"Harga naik,\" ujarnya."}"#,
].joined(separator: "\n")

@Suite("kutip quotes and kutip entities", .serialized)
struct QuotesAndEntitiesTests {
    @Test func quotesTextViewShowsSpeakerTextAndCue() throws {
        let path = try temporaryFile("quotes.jsonl", Array(quoteBatch.utf8))
        let result = try runKutip(["quotes", path, "--jobs", "2"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "== a  Judul A")
        #expect(lines.contains(#"[direct] Harun: "Kami siap bekerja," (kata)"#))
        #expect(lines.contains(#"[direct] (unknown): "Harga naik," (ujarnya)"#))
        #expect(lines.contains("== b"))
        #expect(
            lines.contains { $0.hasPrefix("== (no id)  error: ") && $0.contains("quotes.jsonl:3: not a JSON object") })
        #expect(result.stderr.contains("quotes.jsonl:3: not a JSON object"))
    }

    @Test func quotesJSONLHasOneRecordPerQuoteAndTheSameBytesForEveryJobCount() throws {
        let path = try temporaryFile("quotes.jsonl", Array(quoteBatch.utf8))
        let one = try runKutip(["quotes", "--format", "jsonl", path, "--jobs", "1"])
        let three = try runKutip(["quotes", "--format", "jsonl", path, "--jobs", "3"])
        #expect(one.status == 1)
        #expect(one.stdout == three.stdout)
        let records = try one.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        // Two quotes in a, none in b, an error record for line 3, one quote in c.
        #expect(records.map { $0["id"] as? String } == ["a", "a", nil, "c"])
        let first = records[0]
        #expect(first["kind"] as? String == "direct")
        #expect(first["speaker"] as? String == "Harun")
        #expect(first["start"] as? Int == 0 && first["end"] as? Int == 20)
        #expect((first["cue"] as? [String: Any])?["text"] as? String == "kata")
        #expect((first["speakerMention"] as? [String: Any])?["text"] as? String == "Harun")
        #expect(first["paragraph"] as? Int == 0)
        #expect(records[1]["paragraph"] as? Int == 1)
        #expect(first.keys.contains("role") && first.keys.contains("organization"))
        #expect((records[2]["error"] as? [String: Any])?["line"] as? Int == 3)
        #expect(records[3]["speaker"] is NSNull)
        // "-" with --format jsonl is JSONL here too.
        let piped = try runKutip(["quotes", "--format", "jsonl", "-"], input: Array(quoteBatch.utf8))
        #expect(piped.stdout == one.stdout.replacingOccurrences(of: path, with: "-"))
    }

    @Test func entitiesGroupsPeopleWithRolesFromQuotes() throws {
        var document = Document(id: "x", text: "Menurut Andap Budhi, KPK di Jakarta. Andap hadir. Ia di Jakarta.")
        let source = document.source
        document.entities = [
            Entity(span: source.span(of: "Andap Budhi"), type: .person, canonical: "Andap Budhi"),
            Entity(span: source.span(of: "KPK"), type: .organization),
            Entity(span: source.span(of: "Jakarta"), type: .location),
            Entity(span: source.span(of: "Andap", occurrence: 2), type: .person, canonical: "Andap Budhi"),
            Entity(span: source.span(of: "Jakarta", occurrence: 2), type: .location),
        ]
        document.quotes = [
            Quote(span: source.span(of: "KPK di Jakarta"), kind: .indirect, speaker: "Andap Budhi", role: "Sekjen")
        ]
        let summary = EntitySummary(document)
        #expect(summary.people.map(\.name) == ["Andap Budhi"])
        #expect(summary.people[0].mentions == 2)
        #expect(summary.people[0].forms == ["Andap Budhi", "Andap"])
        #expect(summary.people[0].role == "Sekjen")
        #expect(summary.organizations.map { "\($0.name) \($0.mentions)" } == ["KPK 1"])
        #expect(summary.places.map { "\($0.name) \($0.mentions)" } == ["Jakarta 2"])
    }

    @Test func entitiesCommandRunsWithATinyTrainedModel() throws {
        // A tiny model trained here, so the test does not depend on a bundled tagger.model.
        let corpus = Array(
            String(
                repeating: "Andap\tB-PERSON\nBudhi\tI-PERSON\nhadir\tO\ndi\tO\nJakarta\tB-PLACE\n\n"
                    + "Kantor\tO\nKPK\tB-ORGANISATION\nbuka\tO\n\n", count: 3
            ).utf8)
        let training = try temporaryFile("tiny.conll", corpus)
        let model = training + ".model"
        let trained = try runKutip(["train-ner", training, "--output", model, "--epochs", "3", "--bits", "12"])
        #expect(trained.status == 0)
        let article = try temporaryFile(
            "article.txt", Array("Andap Budhi hadir di Jakarta. Kantor KPK buka. \"Siap,\" kata Andap.".utf8))
        let text = try runKutip(["entities", article, "--ner-model", model])
        #expect(text.status == 0)
        #expect(text.stdout.contains("people:"))
        #expect(text.stdout.contains("organizations:"))
        #expect(text.stdout.contains("places:"))
        #expect(text.stdout.contains("Andap Budhi"))
        let json = try runKutip(["entities", article, "--ner-model", model, "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["people"] is [Any] && object["organizations"] is [Any] && object["places"] is [Any])
        let withoutModel = try runKutip(
            ["entities", article, "--lexicon-dir", try emptyLexiconCopy()])
        #expect(withoutModel.status == 2)
        #expect(withoutModel.stderr.contains("no entity stage"))
    }
}

/// A copy of `Lexicons/data` without an entity model.
func emptyLexiconCopy() throws -> String {
    let target = FileManager.default.temporaryDirectory.appendingPathComponent("kutip-lexicons-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: TestSupport.packageRoot.appendingPathComponent("Lexicons/data"), to: target)
    try? FileManager.default.removeItem(at: target.appendingPathComponent("entities"))
    return target.path
}
