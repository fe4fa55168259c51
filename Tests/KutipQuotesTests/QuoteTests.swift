import Kutip
import KutipTestSupport
import Testing

let quotePipeline = try! Kutip.defaultPipeline()

/// "kind|text|speaker|cue" for every quote found.
func quotes(_ text: String) -> [String] {
    let document = try! quotePipeline.annotate(text: text, meta: Metadata(published: "2023-01-30"))
    return (document.quotes ?? []).map {
        "\($0.kind.rawValue)|\($0.span.text)|\($0.speaker ?? "nil")|\($0.cue?.text ?? "-")"
    }
}

@Suite("Quotes")
struct QuoteTests {
    @Test func postposedCueNamesTheSpeaker() {
        let found = quotes("\"Kami siap bekerja keras tahun ini,\" kata Andap Budhi Revianto.")
        #expect(found == ["direct|\"Kami siap bekerja keras tahun ini,\"|Andap Budhi Revianto|kata"])
    }
}
