import Kutip
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
