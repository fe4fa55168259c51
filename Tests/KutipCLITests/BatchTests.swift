import Foundation
import Kutip
import Testing

/// A JSONL batch with bad records in the middle: one that is not JSON, one
/// whose `published` is wrong (its id can still be read).
let batchWithBadLines = [
    #"{"id":"a","text":"\"Kami siap,\" kata Harun di Jakarta, Senin (30/1).","published":"2023-01-30"}"#,
    #"{"id":"b","text":"Dua kalimat. Ini kedua."}"#,
    "not json at all",
    #"{"id":"bad-date","text":"Teks.","published":"30/01/2023"}"#,
    "",
    #"{"id":7,"text":"Menurut Andap, program itu berjalan baik."}"#,
    #"{"id":1e300,"text":"Angka besar sebagai id."}"#,
    #"{"id":"c","text":"Tiga."}"#,
].joined(separator: "\n")

@Suite("kutip annotate as a batch runner", .serialized)
struct BatchTests {
    @Test func outputIsTheSameForEveryJobCountAndErrorsKeepLineAndId() throws {
        let path = try temporaryFile("batch.jsonl", Array(batchWithBadLines.utf8))
        let one = try runKutip(["annotate", path, "--jobs", "1", "--no-tokens"])
        let three = try runKutip(["annotate", path, "--jobs", "3", "--no-tokens"])
        #expect(one.status == 1)
        #expect(three.status == 1)
        #expect(one.stdout == three.stdout)
        #expect(one.stderr == three.stderr)
        let records = one.stdout.split(separator: "\n").map { String($0) }
        // Seven records: the blank line is not one.
        #expect(records.count == 7)
        #expect(records[2].contains(#""id":null,"error""#) && records[2].contains(#""line":3"#))
        #expect(records[3].contains(#""id":"bad-date","error""#) && records[3].contains(#""line":4"#))
        #expect(records[4].contains(#""id":"7""#) && !records[4].contains("error"))
        #expect(records[6].contains(#""id":"c""#))
        #expect(one.stderr.contains("batch.jsonl:4: \"published\" is \"30/01/2023\""))
        #expect(one.stderr.contains("2 record(s) failed"))
    }

    @Test func dashWithFormatJSONLReadsJSONLFromStandardInput() throws {
        let piped = try runKutip(
            ["annotate", "--format", "jsonl", "-", "--no-tokens", "--jobs", "2"], input: Array(batchWithBadLines.utf8))
        #expect(piped.status == 1)
        let records = piped.stdout.split(separator: "\n")
        #expect(records.count == 7)
        #expect(records[0].contains(#""id":"a""#))
        #expect(records[3].contains(#""file":"-","line":4"#))
        // Without --format jsonl, "-" stays one plain-text article.
        let text = try runKutip(["annotate", "-", "--no-tokens"], input: Array("Satu. Dua.".utf8))
        #expect(text.status == 0)
        #expect(text.stdout.contains(#""text":"Satu. Dua.""#))
    }

    @Test func aMissingLexiconOverrideIsAnError() throws {
        let result = try runKutip(
            ["annotate", "seeds/000_a559e40114c469ae.txt"], environment: ["KUTIP_LEXICON_DIR": "/nonexistent/lexicons"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("KUTIP_LEXICON_DIR is \"/nonexistent/lexicons\", which is not a folder"))
    }

    @Test func badJobCountsAreRejected() throws {
        let result = try runKutip(["annotate", "--jobs", "0", "seeds/000_a559e40114c469ae.txt"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--jobs must be at least 1"))
    }

    @Test func orderedMapKeepsOrderWithManyWorkers() {
        let items = Array(0..<1_000)
        let mapped = BatchRunner.orderedMap(items, jobs: 7) { $0 * 2 }
        #expect(mapped == items.map { $0 * 2 })
    }

    @Test func theRunnerDeliversEveryRecordInOrderAcrossWindows() {
        let records = (1...50).map { RawArticle(origin: "x", line: $0, body: .jsonLine(Array("\($0)".utf8))) }
        var iterator = records.makeIterator()
        var seen: [Int] = []
        BatchRunner(jobs: 4, windowRecords: 7).run(&iterator) { record in
            BatchResult(bytes: Array("\(record.line!)".utf8))
        } deliver: { result in
            seen.append(Int(String(decoding: result.bytes, as: UTF8.self))!)
        }
        #expect(seen == Array(1...50))
    }
}
