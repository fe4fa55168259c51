import Foundation
import Kutip
import KutipTestSupport
import Testing

/// The library example in README.md, verbatim: it must compile and do what the README says.
@Test func readmeLibraryExample() throws {
    // README example begins
    let pipeline = try Kutip.defaultPipeline()
    let document = try pipeline.annotate(
        text: "Komitmen dipimpin Komjen Pol. Andap Budhi Revianto, Senin (30/1). \"Kami siap,\" kata Harun.",
        meta: Metadata(published: "2023-01-30"))
    for sentence in document.sentences ?? [] {
        print(sentence.start, sentence.end, sentence.text)
    }
    let json = document.jsonString(pretty: true)  // kutip/1 JSON
    // README example ends
    #expect(document.sentences?.count == 2)
    #expect(json.contains("\"schema\": \"kutip/1\""))
}

/// The README's code block and the lines between the markers above are the same code.
@Test func readmeShowsTheTestedExample() throws {
    let root = TestSupport.packageRoot
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let test = try String(
        contentsOf: root.appendingPathComponent("Tests/KutipTests/ReadmeExampleTests.swift"), encoding: .utf8)
    let lines = test.split(separator: "\n", omittingEmptySubsequences: false)
    guard let begin = lines.firstIndex(where: { $0.contains("README example begins") }),
        let end = lines.firstIndex(where: { $0.contains("README example ends") })
    else {
        Issue.record("markers missing")
        return
    }
    let example = lines[(begin + 1)..<end].map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }.joined(
        separator: "\n")
    #expect(readme.contains("import Kutip\n\n" + example + "\n```"))
}
