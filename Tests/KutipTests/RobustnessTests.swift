import Foundation
import Kutip
import KutipTestSupport
import Testing

@Suite("Whole pipeline on hostile and real input")
struct RobustnessTests {
    @Test(arguments: TestSupport.hostileInputs.map(\.name))
    func hostileInputKeepsTheOffsetInvariant(name: String) throws {
        let text = TestSupport.hostileInputs.first { $0.name == name }!.text
        let document = try sharedPipeline.annotate(text: text)
        #expect(TestSupport.offsetProblems(document) == nil)
        #expect(TestSupport.tokenCoverageProblem(document) == nil)
        let reread = try Document(json: Data(document.jsonBytes()))
        #expect(reread.text == text)
        #expect(reread.boilerplate == document.boilerplate)
    }

    @Test func everyCorpusArticleIsAnnotatedWithValidOffsets() throws {
        for name in ["web-articles.jsonl", "indosum.jsonl"] {
            let url = TestSupport.packageRoot.appendingPathComponent("Evaluation/corpus/\(name)")
            let handle = try FileHandle(forReadingFrom: url)
            var lineNumber = 0
            for line in LineReader(handle: handle) {
                lineNumber += 1
                let document = try ArticleInput.document(jsonLine: line, origin: name, line: lineNumber)
                let annotated = try sharedPipeline.annotate(document)
                #expect(TestSupport.offsetProblems(annotated) == nil, "\(name):\(lineNumber)")
                #expect(TestSupport.tokenCoverageProblem(annotated) == nil, "\(name):\(lineNumber)")
                #expect(quoteBeyondItsParagraphs(annotated) == nil, "\(name):\(lineNumber)")
            }
            #expect(lineNumber > 100)
        }
    }

    @Test func onePipelineServesManyTasksWithIdenticalResults() async throws {
        let url = TestSupport.packageRoot.appendingPathComponent("Evaluation/corpus/web-articles.jsonl")
        var documents: [Document] = []
        var lineNumber = 0
        for line in LineReader(handle: try FileHandle(forReadingFrom: url)) {
            lineNumber += 1
            documents.append(try ArticleInput.document(jsonLine: line, origin: "web", line: lineNumber))
        }
        let sequential = try documents.map { try sharedPipeline.annotate($0).jsonBytes() }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for (index, document) in documents.enumerated() {
                group.addTask { (index, try sharedPipeline.annotate(document).jsonBytes()) }
            }
            var results = [[UInt8]](repeating: [], count: documents.count)
            for try await (index, bytes) in group { results[index] = bytes }
            return results
        }
        #expect(concurrent == sequential)
    }

    @Test func invalidInputIsReportedWithItsPlace() throws {
        let badUTF8: [UInt8] = Array("Halo ".utf8) + [0xC3, 0x28] + Array(" dunia".utf8)
        let error = try #require(throws: InputError.self) {
            try ArticleInput.document(plainText: badUTF8, origin: "x.txt")
        }
        #expect(error.description == "x.txt: invalid UTF-8 at byte offset 5")
        #expect(throws: InputError.self) {
            try ArticleInput.document(jsonLine: Array("{\"id\":1}".utf8), origin: "b.jsonl", line: 7)
        }
        let lineError = try #require(throws: InputError.self) {
            try ArticleInput.document(jsonLine: Array("{oops".utf8), origin: "b.jsonl", line: 7)
        }
        #expect(lineError.description.hasPrefix("b.jsonl:7: "))
    }
}

@Suite("UD Indonesian")
struct UDTests {
    func score(_ file: String) throws -> (tokens: PRF, sentences: PRF) {
        let url = TestSupport.packageRoot.appendingPathComponent("Evaluation/ud/\(file)")
        let treebank = try UDTreebank(conllu: String(decoding: try Data(contentsOf: url), as: UTF8.self))
        let pipeline = try sharedPipeline.prefix(through: "tokenize")
        return treebank.score(try pipeline.annotate(Document(source: treebank.document.source)))
    }

    /// Issue bar: token F1 >= 99.5 on GSD test. Sentences are guarded against
    /// regression at the level reached (the 94 bar is not met; see README).
    @Test func gsdTest() throws {
        let result = try score("gsd-id_gsd-ud-test.conllu")
        #expect(result.tokens.f1 >= 0.995)
        #expect(result.sentences.f1 >= 0.875)
    }

    @Test func csuiTest() throws {
        let result = try score("csui-id_csui-ud-test.conllu")
        #expect(result.tokens.f1 >= 0.995)
        #expect(result.sentences.f1 >= 0.92)
    }
}

/// A quote running past its paragraph group: an indirect quote crossing a line
/// break, or a direct one crossing into a paragraph that does not reopen the
/// quotation with a mark.
func quoteBeyondItsParagraphs(_ document: Document) -> String? {
    let scalars = document.source.scalars
    let marks: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{AB}", "\u{BB}"]
    for quote in document.quotes ?? [] {
        var offset = quote.span.start
        while offset < quote.span.end {
            if scalars[offset] == "\n" {
                if quote.kind == .indirect {
                    return "indirect quote crosses a line break: \(quote.span.text.prefix(60))"
                }
                var next = offset + 1
                while next < quote.span.end, scalars[next].properties.isWhitespace { next += 1 }
                if next < quote.span.end, !marks.contains(scalars[next]) {
                    return "direct quote runs into a paragraph with no opening mark: \(quote.span.text.prefix(60))"
                }
                offset = next
            } else {
                offset += 1
            }
        }
    }
    return nil
}
