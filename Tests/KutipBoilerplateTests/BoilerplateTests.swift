import Kutip
import KutipTestSupport
import Testing

let boilerplateStage = BoilerplateStage(rules: try! Lexicons.bundled().boilerplate)

func boilerplateTexts(_ text: String) -> [String] {
    boilerplateStage.detect(in: SourceText(text)).map(\.text)
}

@Suite("Boilerplate")
struct BoilerplateTests {
    @Test func listedLinesAreFound() {
        let text = """
            mediaindonesia.com
            Judul berita
            Isi berita.
            Baca juga : Presiden hadir
            BACA JUGA: Lain lagi
            Editor : Ghani Nurcahyadi
            Terkini Lainnya
            Bagikan:
            SCROLL TO CONTINUE WITH CONTENT
            [ian]
            Cek berita dan artikel yg lain di Google News
            """
        #expect(
            boilerplateTexts(text) == [
                "mediaindonesia.com", "Baca juga : Presiden hadir", "BACA JUGA: Lain lagi", "Editor : Ghani Nurcahyadi",
                "Terkini Lainnya", "Bagikan:", "SCROLL TO CONTINUE WITH CONTENT", "[ian]",
                "Cek berita dan artikel yg lain di Google News",
            ])
    }

    @Test func headlinesListedUnderABacaJugaHeaderAreBoilerplate() {
        let text =
            "Isi berita pertama.\n\nBaca Juga:\n\nPutus dari Anak Gubernur, Aurel Dipacari Pilot\n\n"
            + "Pevita Pearce Bicara Hubungan dengan Mike Lewis: Itu Cerita dari 2012\n\n"
            + "Kendati belum pernah mempertemukan mereka, ia mengaku sudah bicara.\n\nJudul Lain Yang Tidak Didahului Apa Pun"
        #expect(
            boilerplateTexts(text) == [
                "Baca Juga:", "Putus dari Anak Gubernur, Aurel Dipacari Pilot",
                "Pevita Pearce Bicara Hubungan dengan Mike Lewis: Itu Cerita dari 2012",
            ])
    }

    @Test func indoSumsPlaceholderIsBoilerplateOnlyAlone() {
        let text = "Baca_Juga\nBaca_Juga Sejauh ini, baru ada dua kubu yang bakal meramaikan bursa Pilgub Jateng."
        #expect(boilerplateTexts(text) == ["Baca_Juga"])
    }

    @Test func trailingDeskCodesAreTheirOwnSpan() {
        #expect(boilerplateTexts("\"Semua itu baik,\" pungkas Harun. (RO/OL-7)\nLain.") == ["(RO/OL-7)"])
        #expect(boilerplateTexts("Komitmen oleh Setjen Kemenkumham. /aj") == ["/aj"])
        #expect(boilerplateTexts("Akhir berita. (tri / sir)") == ["(tri / sir)"])
    }

    @Test func contentThatLooksAlikeIsKept() {
        #expect(boilerplateTexts("Ia tiba pada Senin (26/7)").isEmpty)
        #expect(boilerplateTexts("Harga naik 5/aj").isEmpty)
        #expect(boilerplateTexts("Menurut laporan (Antara)").isEmpty)
        #expect(boilerplateTexts("Situs kompas.com melaporkan hal itu.").isEmpty)
        #expect(boilerplateTexts("Sumber daya alam melimpah.").isEmpty)
    }

    @Test func crlfLinesKeepTheirSpansWithoutTheCarriageReturn() throws {
        var document = Document(text: "Isi.\r\nBaca juga: x\r\nEditor: Y\r\n")
        try boilerplateStage.process(&document)
        #expect(document.boilerplate?.map(\.text) == ["Baca juga: x", "Editor: Y"])
        try document.validate()
    }

    @Test(arguments: TestSupport.hostileInputs.map(\.name))
    func hostileInputGivesValidSpans(name: String) throws {
        var document = Document(text: TestSupport.hostileInputs.first { $0.name == name }!.text)
        try boilerplateStage.process(&document)
        #expect(TestSupport.offsetProblems(document) == nil)
    }
}
