import Foundation
import Kutip
import KutipTestSupport
import Testing

/// Inputs that crashed the fuzz target (`scripts/fuzz`), or would have: each
/// goes through the same checks as there, as plain text and line by line as JSONL.
let fuzzRegressions: [(name: String, bytes: [UInt8])] = [
    // A numeric id too large for Int trapped in `Int(value)` while reading the record.
    ("huge numeric id", Array(#"{"id":1e300,"text":"x"}"#.utf8)),
    ("huge negative id", Array(#"{"id":-9.3e18,"text":"Kata dia."}"#.utf8)),
]

@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    @Test(arguments: fuzzRegressions.map(\.name))
    func theInputKeepsEveryInvariant(name: String) throws {
        let bytes = fuzzRegressions.first { $0.name == name }!.bytes
        var documents: [Document] = []
        if let document = try? ArticleInput.document(plainText: bytes, origin: name) { documents.append(document) }
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n")).enumerated() {
            if let document = try? ArticleInput.document(jsonLine: Array(line), origin: name, line: index + 1) {
                documents.append(document)
            }
        }
        for input in documents {
            let document = try sharedPipeline.annotate(input)
            #expect(TestSupport.offsetProblems(document) == nil)
            let json = document.jsonBytes()
            let reread = try Document(json: Data(json))
            #expect(reread.jsonBytes() == json)
        }
    }

    @Test func aHugeNumericIdIsKeptAsText() throws {
        let document = try ArticleInput.document(
            jsonLine: Array(#"{"id":1e300,"text":"x"}"#.utf8), origin: "t", line: 1)
        #expect(document.id == "1e+300")
    }
}
