import Foundation
import KutipCore
import KutipTestSupport
import Testing

@Suite("Document JSON")
struct DocumentJSONTests {
    static func sample() -> Document {
        let text = "Kata “Andap” di Jakarta 😀, Senin (30/1).\r\nASN \"bebas\"\t\\ ok"
        var document = Document(
            id: "x-1", text: text,
            meta: Metadata(
                source: "contoh.id", published: "2023-01-30",
                extra: ["license": .string("CC BY-SA 4.0"), "rank": .number(3)]))
        let source = document.source
        document.boilerplate = []
        let firstSentence = source.span(of: "Kata “Andap” di Jakarta 😀, Senin (30/1).")
        document.sentences = [firstSentence, source.span(firstSentence.end + 2, source.count)]
        document.tokens = TokenList(source: source, tokens: [Token(span: source.span(of: "Kata"), kind: .word)])
        document.abbreviations = [Abbreviation(span: source.span(of: "ASN"), expansion: "Aparatur Sipil Negara")]
        document.entities = [
            Entity(span: source.span(of: "Andap"), type: .person, canonical: "Andap Budhi Revianto", role: "Sekjen"),
            Entity(span: source.span(of: "Jakarta"), type: .location),
        ]
        document.dates = [TemporalExpression(span: source.span(of: "Senin (30/1)"), type: .date, value: "2023-01-30")]
        document.quotes = [
            Quote(span: source.span(of: "“Andap”"), kind: .direct, speaker: nil, cue: source.span(of: "Kata")),
            Quote(
                span: source.span(of: "\"bebas\""), kind: .indirect, speaker: "Andap Budhi Revianto", role: "Sekjen",
                organization: "Kemenkumham"),
        ]
        return document
    }

    @Test func spansOfTheSampleAreValid() throws {
        try Self.sample().validate()
        #expect(Self.sample().dates?.first?.span.text == "Senin (30/1)")
    }

    @Test(arguments: [false, true])
    func roundTripKeepsEveryField(pretty: Bool) throws {
        let original = Self.sample()
        let bytes = original.jsonBytes(pretty: pretty)
        let decoded = try Document(json: Data(bytes))
        #expect(decoded.text == original.text)
        #expect(decoded.id == original.id)
        #expect(decoded.meta == original.meta)
        #expect(decoded.boilerplate == original.boilerplate)
        #expect(decoded.sentences == original.sentences)
        #expect(decoded.tokens.map(Array.init) == original.tokens.map(Array.init))
        #expect(decoded.abbreviations == original.abbreviations)
        #expect(decoded.entities == original.entities)
        #expect(decoded.dates == original.dates)
        #expect(decoded.quotes == original.quotes)
        // Writing the decoded document again gives the same bytes.
        #expect(decoded.jsonBytes(pretty: pretty) == bytes)
    }

    @Test func nullSpeakerIsWrittenExplicitly() throws {
        let json = Self.sample().jsonString()
        #expect(json.contains("\"speaker\":null"))
        #expect(json.hasPrefix("{\"schema\":\"kutip/1\""))
    }

    @Test func absentLayersStayAbsentAndEmptyOnesStayEmpty() throws {
        var document = Document(text: "Teks.")
        document.entities = []
        let decoded = try Document(json: Data(document.jsonBytes()))
        #expect(decoded.entities == [])
        #expect(decoded.quotes == nil)
        #expect(decoded.presentLayers == [.entities])
    }

    @Test func outputIsValidJSONForControlCharacters() throws {
        let document = Document(text: "a\u{0}b\u{1F}c\"d\\e\u{7F}é")
        let object = try JSONSerialization.jsonObject(with: Data(document.jsonBytes())) as? [String: Any]
        #expect(object?["text"] as? String == document.text)
    }

    @Test func mismatchedTextNamesFileLayerAndOffset() throws {
        let json =
            #"{"schema":"kutip/1","text":"Halo Andap","entities":[{"start":5,"end":10,"text":"Andhap","type":"PER"}]}"#
        let error = try #require(throws: DocumentValidationError.self) {
            try Document(json: Data(json.utf8), origin: "gold/x.json")
        }
        #expect(error.origin == "gold/x.json")
        #expect(error.layer == "entities")
        #expect(error.offset == 5)
        #expect(error.description.contains("gold/x.json: layer entities item 0 at offset 5"))
    }

    @Test func outOfBoundsAndOverlapsAreRejected() throws {
        let outside =
            #"{"schema":"kutip/1","text":"abc","dates":[{"start":2,"end":9,"text":"c","type":"DATE","value":"2023"}]}"#
        #expect(throws: DocumentValidationError.self) { try Document(json: Data(outside.utf8)) }
        let overlap =
            #"{"schema":"kutip/1","text":"abcdef","boilerplate":[{"start":0,"end":3,"text":"abc"},{"start":2,"end":4,"text":"cd"}]}"#
        #expect(throws: DocumentValidationError.self) { try Document(json: Data(overlap.utf8)) }
        let badToken = #"{"schema":"kutip/1","text":"abc","tokens":[{"start":0,"end":2,"text":"ax"}]}"#
        #expect(throws: DocumentValidationError.self) { try Document(json: Data(badToken.utf8)) }
    }

    @Test func wrongOrMissingSchemaIsRejectedFirst() throws {
        for json in [#"{"schema":"kutip/2","text":"a"}"#, #"{"text":"a"}"#, "[1,2]", "not json"] {
            let error = try #require(throws: DocumentValidationError.self) { try Document(json: Data(json.utf8)) }
            #expect(!error.reason.isEmpty)
        }
    }

    @Test func unknownFieldsAreIgnored() throws {
        let json =
            #"{"schema":"kutip/1","text":"Andap","future":{"x":1},"entities":[{"start":0,"end":5,"text":"Andap","type":"PER","canonical":"Andap","confidence":0.9}]}"#
        let document = try Document(json: Data(json.utf8))
        #expect(document.entities?.first?.canonical == "Andap")
    }

    @Test func offsetsCountScalarsNotGraphemesOrUTF16() throws {
        let source = SourceText("e\u{301}😀\r\nx")
        #expect(source.count == 6)
        #expect(source.slice(1, 3) == "\u{301}😀")
        #expect(source.slice(3, 5) == "\r\n")
        #expect(source.utf8Offset(3) == 1 + 2 + 4)
    }
}
