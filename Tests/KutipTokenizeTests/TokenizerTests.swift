import Kutip
import KutipTestSupport
import Testing

/// One tokenizer for all tests: building it compiles ICU rules.
let sharedTokenizer: Tokenizer = {
    let lexicons = try! Lexicons.bundled()
    return try! Tokenizer(lexicon: lexicons.dottedAbbreviations)
}()

func tokenTexts(_ text: String) -> [String] {
    sharedTokenizer.tokenize(SourceText(text)).tokens.map(\.span.text)
}

func sentenceTexts(_ text: String) -> [String] {
    sharedTokenizer.tokenize(SourceText(text)).sentences.map(\.text)
}

@Suite("Tokens")
struct TokenTests {
    @Test(arguments: [
        ("undang-undang baik-baik sehari-hari", ["undang-undang", "baik-baik", "sehari-hari"]),
        ("Rp 10.000 atau 2,5 persen dari 1.250.000", ["Rp", "10.000", "atau", "2,5", "persen", "dari", "1.250.000"]),
        ("pada 30/01/2023 dan 30-1-2023", ["pada", "30/01/2023", "dan", "30-1-2023"]),
        ("pukul 10.00 WIB atau 14:30 WITA", ["pukul", "10.00", "WIB", "atau", "14:30", "WITA"]),
        (
            "lihat https://www.kompas.com/read/2023/01/30/abc-def?x=1.",
            ["lihat", "https://www.kompas.com/read/2023/01/30/abc-def?x=1", "."]
        ),
        ("buka www.detik.com, lalu", ["buka", "www.detik.com", ",", "lalu"]),
        ("surel budi.santoso@gmail.com ya", ["surel", "budi.santoso@gmail.com", "ya"]),
        ("ikuti @kemenkumhamri dan #NetralitasASN!", ["ikuti", "@kemenkumhamri", "dan", "#NetralitasASN", "!"]),
        (
            "Komjen Pol. Andap Budhi Revianto, S.H., M.H.",
            ["Komjen", "Pol.", "Andap", "Budhi", "Revianto", ",", "S.H.", ",", "M.H."]
        ),
        ("Undang-undang No.5 Tahun 2014", ["Undang-undang", "No.", "5", "Tahun", "2014"]),
        (
            "di Jl. Sudirman dan Prof. Dr. Ir. H. Ahmad",
            ["di", "Jl.", "Sudirman", "dan", "Prof.", "Dr.", "Ir.", "H.", "Ahmad"]
        ),
        ("\"Kami siap,\" katanya.", ["\"", "Kami", "siap", ",", "\"", "katanya", "."]),
        ("“Kami siap,” tuturnya.", ["“", "Kami", "siap", ",", "”", "tuturnya", "."]),
        ("ke-5 1960-an APBN-P Rp300 30-35", ["ke-5", "1960-an", "APBN-P", "Rp", "300", "30", "-", "35"]),
        ("PPh-nya cita-citanya", ["PPh", "-", "nya", "cita-citanya"]),
        ("Jum'at dan km² juga", ["Jum'at", "dan", "km²", "juga"]),
    ])
    func indonesianUnitsStayWhole(text: String, expected: [String]) {
        #expect(tokenTexts(text) == expected)
    }

    @Test func kindsAreAssigned() {
        let (tokens, _) = sharedTokenizer.tokenize(SourceText("Andap 2023 , https://a.id x@y.id @h #t Pol. 👍🏽 $"))
        #expect(
            tokens.map(\.kind) == [
                .word, .number, .punctuation, .url, .email, .handle, .hashtag, .abbreviation, .emoji, .symbol,
            ])
    }

    @Test(arguments: TestSupport.hostileInputs.map(\.name))
    func hostileInputKeepsEveryScalarAndValidOffsets(name: String) throws {
        let text = TestSupport.hostileInputs.first { $0.name == name }!.text
        var document = Document(text: text)
        let (tokens, sentences) = sharedTokenizer.tokenize(document.source)
        document.tokens = tokens
        document.sentences = sentences
        #expect(TestSupport.offsetProblems(document) == nil)
        #expect(TestSupport.tokenCoverageProblem(document) == nil)
    }

    @Test func aTwentyMegabyteSingleLineIsTokenizedWhole() throws {
        let unit = "Presiden Joko Widodo meresmikan jalan tol sepanjang 10,5 km, Senin (30/1). "
        let text = String(repeating: unit, count: 20_000_000 / unit.utf8.count)
        var document = Document(text: text)
        let (tokens, sentences) = sharedTokenizer.tokenize(document.source)
        document.tokens = tokens
        document.sentences = sentences
        #expect(sentences.count == 20_000_000 / unit.utf8.count)
        #expect(tokens.last?.span.text == ".")
        #expect(TestSupport.tokenCoverageProblem(document) == nil)
    }
}

@Suite("Sentences")
struct SentenceTests {
    @Test func titlesAndRanksDoNotEndSentences() {
        #expect(
            sentenceTexts("Ikrar dipimpin Sekretaris Jenderal Kemenkumham Komjen Pol. Andap Budhi Revianto. Ia hadir.")
                == ["Ikrar dipimpin Sekretaris Jenderal Kemenkumham Komjen Pol. Andap Budhi Revianto.", "Ia hadir."])
        #expect(sentenceTexts("Kantornya di Jl. Merdeka No. 5 Jakarta. Besok buka.").count == 2)
        #expect(sentenceTexts("Hadir pula Prof. Dr. Budi. Ia berbicara.").count == 2)
        #expect(sentenceTexts("Ketua A. Rahman hadir. Ia berbicara.").count == 2)
    }

    @Test func dialogueAttributionStaysWithItsQuote() {
        #expect(
            sentenceTexts("\"Kami siap,\" kata Harun. Ia tersenyum.") == [
                "\"Kami siap,\" kata Harun.", "Ia tersenyum.",
            ])
        #expect(
            sentenceTexts("\"Benarkah?\" tanya dia. Tidak ada jawaban.") == [
                "\"Benarkah?\" tanya dia.", "Tidak ada jawaban.",
            ])
        #expect(sentenceTexts("“Awas!” seru petugas itu.") == ["“Awas!” seru petugas itu."])
    }

    @Test func lineBreaksEndSentencesAndAbbreviationsMayEndOne() {
        #expect(
            sentenceTexts("Judul Tanpa Titik\nIsi berita dimulai.") == ["Judul Tanpa Titik", "Isi berita dimulai."])
        #expect(sentenceTexts("Ada beras, gula, dll. Semua murah.").count == 2)
        #expect(sentenceTexts("Saham PT Abadi Tbk. Harga naik.").count == 2)
        #expect(sentenceTexts("Harun, S.H. Ia hadir.").count == 2)
    }

    @Test func sentencesAreTrimmedAndCoverTokens() {
        let sentences = sentenceTexts("  Satu.   Dua!  \n\n Tiga?  ")
        #expect(sentences == ["Satu.", "Dua!", "Tiga?"])
    }
}
