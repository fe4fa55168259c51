import KutipCore
import KutipEvaluation
import Testing

let article =
    "Andap hadir. \"Kami siap,\" kata Andap. Andapnya bukan nama.\nBaca juga :\u{A0}Andap lagi\nAndhap menjelaskan, ASN harus netral. (RO/OL-7)"

func compile(_ lines: String) throws -> Document {
    try GoldCompiler().compile(
        "text: a.txt\nid: t1\npublished: 2023-01-30\nlicense: test\n\n" + lines, origin: "t.labels"
    ) { _ in article }
}

@Suite("Gold compiler")
struct GoldCompilerTests {
    @Test func snippetsBecomeOffsets() throws {
        let document = try compile(
            """
            boilerplate: Baca juga :\\u{A0}Andap lagi
            boilerplate: (RO/OL-7)
            abbr: ASN => Aparatur Sipil Negara
            PER: Andap [all] => Andap
            PER: Andhap => Andap ; role: Sekjen
            direct: "Kami siap," => Andap ; cue: kata
            indirect: ASN harus <...> netral => Andap ; cue: menjelaskan
            """)
        #expect(document.id == "t1")
        #expect(document.meta.published == "2023-01-30")
        #expect(document.meta.extra["license"] == .string("test"))
        #expect(document.boilerplate?.map(\.text) == ["Baca juga :\u{A0}Andap lagi", "(RO/OL-7)"])
        // [all] skips "Andapnya" (word edge) and the boilerplate line.
        #expect(document.entities?.map(\.span.text) == ["Andap", "Andap", "Andhap"])
        #expect(document.entities?.last?.role == "Sekjen")
        #expect(document.quotes?.map(\.span.text) == ["\"Kami siap,\"", "ASN harus netral"])
        #expect(document.quotes?.first?.cue?.text == "kata")
        #expect(document.dates == [])
        try document.validate()
    }

    @Test func ambiguousOrMissingSnippetsNameTheLine() throws {
        // The header takes lines 1-5, so the first annotation is line 6.
        let error = try #require(throws: GoldDescriptionError.self) { try compile("ORG: x\nPER: Andap => Andap") }
        #expect(error.line == 6)
        let ambiguous = try #require(throws: GoldDescriptionError.self) { try compile("PER: Andap => Andap") }
        #expect(ambiguous.description.contains("t.labels:6"))
        #expect(ambiguous.reason.contains("occurs 3 times"))
    }

    @Test func selectorsPickPlaces() throws {
        let second = try compile("PER: Andap [2] => Andap")
        #expect(second.entities?.map(\.span.start) == [31])
        let inside = try compile("PER: Andap [in: kata Andap.] => Andap")
        #expect(inside.entities?.map(\.span.start) == [31])
        #expect(throws: GoldDescriptionError.self) { try compile("PER: Andap [4] => Andap") }
    }

    @Test func valuesAreRequiredWhereTheSchemaNeedsThem() throws {
        #expect(throws: GoldDescriptionError.self) { try compile("PER: Andhap") }
        #expect(throws: GoldDescriptionError.self) { try compile("DATE: Andhap") }
        #expect(throws: GoldDescriptionError.self) { try compile("direct: \"Kami siap,\"") }
        #expect(throws: GoldDescriptionError.self) { try compile("ORG: Andhap\nweird: x") }
    }

    @Test func overlapsWithinALayerAreRejected() throws {
        #expect(throws: GoldDescriptionError.self) { try compile("PER: Andap hadir => A\nLOC: hadir") }
    }
}
