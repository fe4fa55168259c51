import Kutip
import KutipTestSupport
import Testing

/// The default pipeline with the bundled entity model: speakers are resolved
/// through the entity clusters, as users get them.
let quotePipeline = try! Kutip.defaultPipeline()

func annotate(_ text: String) -> Document {
    try! quotePipeline.annotate(text: text, meta: Metadata(published: "2023-01-30"))
}

/// "kind|text|speaker|cue" for every quote found.
func quotes(_ text: String) -> [String] {
    (annotate(text).quotes ?? []).map {
        "\($0.kind.rawValue)|\($0.span.text)|\($0.speaker ?? "nil")|\($0.cue?.text ?? "-")"
    }
}

@Suite("Quotes")
struct QuoteTests {
    // MARK: Direct quotes and their marks

    @Test(arguments: [
        ("\"Kami siap bekerja,\" kata Andap.", "\"Kami siap bekerja,\""),
        ("“Kami siap bekerja,” kata Andap.", "“Kami siap bekerja,”"),
        ("„Kami siap bekerja,“ kata Andap.", "„Kami siap bekerja,“"),
        ("«Kami siap bekerja,» kata Andap.", "«Kami siap bekerja,»"),
        ("‘Kami siap bekerja,’ kata Andap.", "‘Kami siap bekerja,’"),
        ("”Kami siap bekerja,” kata Andap.", "”Kami siap bekerja,”"),
    ])
    func everyKindOfMarkQuotes(text: String, quoted: String) {
        #expect(quotes(text) == ["direct|\(quoted)|Andap|kata"])
    }

    @Test func aQuoteMaySpanSentences() {
        let found = quotes("\"Kenapa Rembang? Karena angkanya tinggi. Kami turun,\" kata Andap.")
        #expect(found == ["direct|\"Kenapa Rembang? Karena angkanya tinggi. Kami turun,\"|Andap|kata"])
    }

    @Test func aQuoteContinuedOverParagraphsIsOneQuote() {
        let text = """
            Andap Budhi Revianto hadir di Jakarta.

            "Kami akan memeriksa semua laporan yang masuk.

            "Setelah itu kami umumkan hasilnya kepada publik," kata Andap.
            """
        let found = annotate(text).quotes ?? []
        #expect(found.count == 1)
        #expect(found.first?.span.text.hasPrefix("\"Kami akan memeriksa") == true)
        #expect(found.first?.span.text.hasSuffix("kepada publik,\"") == true)
        #expect(found.first?.speaker == "Andap Budhi Revianto")
        #expect(found.first?.paragraph == 1)
    }

    @Test func anUnclosedMarkEndsWithItsParagraph() {
        let text = """
            "Kami akan memeriksa semua laporan yang masuk, kata Andap.

            Paragraf berikutnya tidak boleh ikut tertelan oleh tanda kutip yang tidak ditutup.
            """
        let found = annotate(text).quotes ?? []
        #expect(found.allSatisfy { !$0.span.text.contains("tertelan") })
        #expect(TestSupport.offsetProblems(annotate(text)) == nil)
    }

    @Test func scareQuotesTitlesAndNicknamesAreNoQuotes() {
        #expect(quotes("Program \"Yes I Do\" berjalan di Rembang sejak tahun lalu.").isEmpty)
        #expect(quotes("Pemerintah saat itu dinilai lebih bisa ‘menerima’ kritik dari warga.").isEmpty)
        #expect(quotes("Ia menulis buku \"Agar Dapat Kubaca Zaman\" tahun lalu.").isEmpty)
        #expect(quotes("Warga menyebut jalan itu \"jalur maut\" sejak dulu.").isEmpty)
    }

    // MARK: Attribution patterns

    @Test func postposedCueNamesTheSpeakerAfterIt() {
        #expect(
            quotes("\"Semua pengurus masjid ikut pelatihan,\" ujar Yusnita Fitriadi, Selasa.")
                == ["direct|\"Semua pengurus masjid ikut pelatihan,\"|Yusnita Fitriadi|ujar"])
    }

    @Test func aCliticPointsAtTheMostRecentSpeaker() {
        let found = quotes(
            """
            "Kami siap bekerja keras tahun ini," kata Andap Budhi Revianto.

            Harun Sulianto juga hadir di Jakarta.

            "ASN harus netral dalam pemilu mendatang," tuturnya.
            """)
        #expect(found.last == "direct|\"ASN harus netral dalam pemilu mendatang,\"|Andap Budhi Revianto|tuturnya")
    }

    @Test func aShortMentionTakesTheFullName() {
        let found = quotes(
            """
            Sekretaris Jenderal Kemenkumham Andap Budhi Revianto hadir di Jakarta.

            "Kami siap bekerja keras tahun ini," tegas Andap.
            """)
        #expect(found == ["direct|\"Kami siap bekerja keras tahun ini,\"|Andap Budhi Revianto|tegas"])
        let quote = annotate(
            """
            Sekretaris Jenderal Kemenkumham Andap Budhi Revianto hadir di Jakarta.

            "Kami siap bekerja keras tahun ini," tegas Andap.
            """
        ).quotes?.first
        #expect(quote?.role == "Sekretaris Jenderal Kemenkumham")
        #expect(quote?.speakerMention?.text == "Andap")
    }

    @Test func appositivesGiveTheRole() {
        let selaku = annotate(
            """
            Arahan itu disambut oleh Harun Sulianto selaku Kepala Kantor Wilayah (kanwil) Kemenkumham Kepulauan Bangka Belitung.

            "Kami siap mengikuti arahan pimpinan," kata Harun.
            """
        ).quotes?.last
        #expect(selaku?.role == "Kepala Kantor Wilayah (kanwil) Kemenkumham Kepulauan Bangka Belitung")
        let comma = annotate(
            "\"Kami siap bekerja keras tahun ini,\" kata Andap Budhi Revianto, Sekretaris Jenderal Kemenkumham."
        )
        .quotes?.first
        #expect(comma?.role == "Sekretaris Jenderal Kemenkumham")
        // A rank before the name is not part of the role.
        let rank = annotate(
            """
            Ikrar dipimpin Sekretaris Jenderal Kemenkumham Komjen Pol. Andap Budhi Revianto di Jakarta.

            "Kami siap bekerja keras tahun ini," tegas Andap.
            """
        ).quotes?.first
        #expect(rank?.role == "Sekretaris Jenderal Kemenkumham")
    }

    @Test func aPreposedVerbNamesTheSpeakerBeforeIt() {
        #expect(
            quotes("Harun Sulianto mengatakan, \"Kami siap melayani masyarakat dengan baik.\"")
                == ["direct|\"Kami siap melayani masyarakat dengan baik.\"|Harun Sulianto|mengatakan"])
        #expect(
            quotes("Menurut Mukhlis, \"Tukang potong harus tahu syarat dan rukun memotong.\"")
                == ["direct|\"Tukang potong harus tahu syarat dan rukun memotong.\"|Mukhlis|Menurut"])
    }

    @Test func aQuoteWithNoCueFollowsTheSentenceNamingItsSpeaker() {
        let found = quotes(
            """
            Garin Nugroho membacakan beberapa puisi di Jakarta. "Kepenyairan adalah jalan tak henti yang panjang."
            """)
        #expect(found == ["direct|\"Kepenyairan adalah jalan tak henti yang panjang.\"|Garin Nugroho|-"])
    }

    @Test func aPronounTakesThePersonTheTextJustTalkedAbout() {
        let found = quotes(
            """
            "Puisi ini lahir dari pengalaman pribadi," kata Annisa.

            Garin Nugroho membacakan beberapa puisi Annisa. Ia mengatakan bahwa Annisa tumbuh dalam beragam pengalaman kekaryaan.
            """)
        #expect(found.last == "indirect|Annisa tumbuh dalam beragam pengalaman kekaryaan|Garin Nugroho|mengatakan")
    }

    @Test func aSpeakerNamedByRoleOnlyIsThePersonHoldingIt() {
        let found = quotes(
            """
            Presiden Joko Widodo hadir di Jakarta.

            "Ini harus menjadi perhatian kita semuanya," tutur Presiden.
            """)
        #expect(found == ["direct|\"Ini harus menjadi perhatian kita semuanya,\"|Joko Widodo|tutur"])
    }

    @Test func anAliasGivenInTheTextJoinsTheFullName() {
        let found = quotes(
            """
            Ketua DPR Bambang Soesatyo hadir. Bamsoet, panggilan Bambang Soesatyo, disambut warga.

            "Saya bangga menjadi bagian keluarga besar ini," ujar Bamsoet.
            """)
        #expect(found.last == "direct|\"Saya bangga menjadi bagian keluarga besar ini,\"|Bambang Soesatyo|ujar")
    }

    @Test func anUnnamedSourceIsReportedAsItsPhrase() {
        let found = quotes("\"Jalan ini rusak sejak tahun lalu,\" kata seorang warga.")
        #expect(found == ["direct|\"Jalan ini rusak sejak tahun lalu,\"|seorang warga|kata"])
    }

    @Test func aSpeakerDescribedInLowercaseIsTheNameAfterTheCommaOrThePhrase() {
        #expect(
            quotes(
                "\"Sudah biasa menjelang bulan puasa, harga naik,\" kata pedagang cabai di Pasar Induk Cianjur, Lilis (45)."
            )
                == ["direct|\"Sudah biasa menjelang bulan puasa, harga naik,\"|Lilis|kata"])
        #expect(
            quotes("\"Naikkan upah tahun depan sebesar 24 persen,\" kata orator.")
                == ["direct|\"Naikkan upah tahun depan sebesar 24 persen,\"|orator|kata"])
    }

    @Test func aMarkGluedToItsCueClosesTheQuote() {
        let found = quotes("“Pelaku sempat mendapatkan perawatan medis, tapi meninggal dunia. \"kata Harun Sulianto.")
        #expect(
            found == ["direct|“Pelaku sempat mendapatkan perawatan medis, tapi meninggal dunia. \"|Harun Sulianto|kata"]
        )
    }

    @Test func aShortenedFirstNameIsTheFullName() {
        let found = quotes(
            """
            Wakil Gubernur DKI Jakarta Sandiaga Uno mengatakan bahwa kawasan itu akan ditata.

            "Kita akan dorong ke arah wisata religi," kata Sandi.
            """)
        #expect(found.last == "direct|\"Kita akan dorong ke arah wisata religi,\"|Sandiaga Uno|kata")
    }

    @Test func aQuoteNobodyIsNamedForHasNoSpeaker() {
        let found = quotes("\"Jalan ini rusak sejak tahun lalu dan belum juga diperbaiki oleh siapa pun.\"")
        #expect(
            found == ["direct|\"Jalan ini rusak sejak tahun lalu dan belum juga diperbaiki oleh siapa pun.\"|nil|-"])
    }

    // MARK: Indirect quotes

    @Test func aSpeechVerbIntroducesItsContentClause() {
        #expect(
            quotes("Andap menjelaskan, ASN harus terbebas dari pengaruh partai politik.")
                == ["indirect|ASN harus terbebas dari pengaruh partai politik|Andap|menjelaskan"])
        #expect(
            quotes("Harun Sulianto mengatakan bahwa pelayanan publik tidak boleh berhenti.")
                == ["indirect|pelayanan publik tidak boleh berhenti|Harun Sulianto|mengatakan"])
        #expect(
            quotes("Andap menjelaskan kepada wartawan, ASN harus terbebas dari pengaruh partai.")
                == ["indirect|ASN harus terbebas dari pengaruh partai|Andap|menjelaskan"])
    }

    @Test func menurutIntroducesContentAfterTheComma() {
        #expect(
            quotes("Menurut Mukhlis, tukang potong hewan harus mengetahui syarat dan rukun.")
                == ["indirect|tukang potong hewan harus mengetahui syarat dan rukun|Mukhlis|Menurut"])
    }

    @Test func aMidSentenceInsertionKeepsBothHalves() {
        #expect(
            quotes("Kegiatan yang digelar, kata Yusnita Fitriadi, merupakan kerja sama dengan Kemenag.")
                == [
                    "indirect|Kegiatan yang digelar, kata Yusnita Fitriadi, merupakan kerja sama dengan Kemenag|Yusnita Fitriadi|kata"
                ])
        // A connective before the insertion is not part of what was said.
        #expect(
            quotes("Dengan demikian, terang Yusnita Fitriadi, masyarakat akan menerima daging yang halal.")
                == ["indirect|masyarakat akan menerima daging yang halal|Yusnita Fitriadi|terang"])
    }

    @Test func anInsertionMayLackItsCommas() {
        let text = """
            Harun Sulianto hadir di lokasi.

            Umumnya kata dia, keramaian ini akan berlangsung sampai akhir pekan.
            """
        #expect(
            quotes(text).last
                == "indirect|Umumnya kata dia, keramaian ini akan berlangsung sampai akhir pekan|Harun Sulianto|kata")
        #expect(
            quotes("Sementara istri korban, kata Harun Sulianto belum bisa dimintai keterangan karena masih syok.")
                == [
                    "indirect|istri korban, kata Harun Sulianto belum bisa dimintai keterangan karena masih syok|Harun Sulianto|kata"
                ])
    }

    @Test func aPostposedCueEndsItsContent() {
        #expect(
            quotes("Pelayanan publik tidak boleh berhenti selama libur, ujar Harun Sulianto.")
                == ["indirect|Pelayanan publik tidak boleh berhenti selama libur|Harun Sulianto|ujar"])
    }

    @Test func aTrailingDateIsNotContent() {
        let found = quotes("Harun Sulianto mengatakan, ASN harus netral dalam pemilu, Senin (30/1).")
        #expect(found == ["indirect|ASN harus netral dalam pemilu|Harun Sulianto|mengatakan"])
    }

    @Test func anObjectIsNotAContentClause() {
        #expect(quotes("Andap menyatakan komitmen bersama untuk bersih dari praktik KKN.").isEmpty)
        #expect(quotes("Bambang Soesatyo mengatakan hal itu dalam sambutannya di Yogyakarta.").isEmpty)
    }

    // MARK: Words that are not speech cues

    @Test func ambiguousCueWordsNeedTheirPosition() {
        #expect(quotes("Tujuan program ini jelas bagi semua warga desa.").isEmpty)
        #expect(quotes("Ia tegas menolak tawaran itu di depan warga.").isEmpty)
    }

    @Test func hearsayWithNoSourceIsAQuoteWithNoSpeaker() {
        // Inside the sentence the whole clause is what is said; opening it with a comma, what follows.
        #expect(
            quotes("Pangeran Harry dikabarkan telah siap menyusul langkah kakaknya untuk membina rumah tangga.")
                == [
                    "indirect|Pangeran Harry dikabarkan telah siap menyusul langkah kakaknya untuk membina rumah tangga|nil|dikabarkan"
                ])
        #expect(
            quotes("Dikabarkan, ia harus dibantu naik dan turun panggung saat konser.")
                == ["indirect|ia harus dibantu naik dan turun panggung saat konser|nil|Dikabarkan"])
        // A label ("disebut sebagai"), a relative clause or an agent is no hearsay.
        #expect(quotes("Kebijakan itu bisa disebut sebagai gejala pemerintahan yang kuat dan tegas.").isEmpty)
        #expect(quotes("Kalimat yang diduga dilaporkan itu adalah sebagai berikut panjangnya.").isEmpty)
    }

    @Test func theDayAndPlaceOfASayingAreNoSpeaker() {
        let found = quotes(
            "Kepala Pusat Penerangan Hukum Kejagung, M Rum di Jakarta, Senin, menyatakan pihaknya menghormati proses hukum di Filipina.\n\n"
                + "\"Keterangannya dibutuhkan untuk mengungkapkan kasus tersebut,\" katanya.")
        #expect(
            found == [
                "indirect|pihaknya menghormati proses hukum di Filipina|M Rum|menyatakan",
                "direct|\"Keterangannya dibutuhkan untuk mengungkapkan kasus tersebut,\"|M Rum|katanya",
            ])
    }

    @Test func aRoleBeforeAnOrganizationIntroducesThePersonAfterIt() {
        let found = quotes(
            "\"Layanan ini mudah dan gratis,\" kata Regional Partnership Manager BigDish Ray Aditya Wong kepada DailySocial."
        )
        #expect(found == ["direct|\"Layanan ini mudah dan gratis,\"|Ray Aditya Wong|kata"])
    }

    @Test func aPersonBeforeAnAppositiveSpeaksForTheVerbAfterIt() {
        let found = quotes(
            "Rachel McDonald, kepala bagian Ilmu Kesehatan dan Medis di Swinburne, mengatakan aplikasi itu akan mengubah hidup anak-anak."
        )
        #expect(found == ["indirect|aplikasi itu akan mengubah hidup anak-anak|Rachel McDonald|mengatakan"])
    }

    @Test func aDescriptionEndingInADemonstrativePointsBackPastTheTitleInIt() {
        let found = quotes(
            "Krisdayanti datang ke studio pagi itu. \"Belum dikenalin ke saya,\" ungkap pelantun lagu 'Menghitung Hari' tersebut."
        )
        #expect(found.map { $0.split(separator: "|")[2] } == ["Krisdayanti"])
    }

    @Test func aDatelineIsNoPartOfTheContent() {
        let found = quotes(
            "London (ANTARA News) - Virgil van Dijk kembali ke latihan tim pertama, kata manajer Mauricio Pellegrino pada Kamis."
        )
        #expect(found.map { $0.split(separator: "|")[1] } == ["Virgil van Dijk kembali ke latihan tim pertama"])
    }

    @Test func anExistentialAdaOpensAContentClause() {
        let found = quotes("Kementerian Komunikasi dan Informatika mencatat ada 43.000 media abal-abal di Indonesia.")
        #expect(found.map { $0.split(separator: "|")[1] } == ["ada 43.000 media abal-abal di Indonesia"])
    }

    @Test func anOrganizationSpeakerKeepsItsShortForm() {
        let found = quotes(
            "Secara terpisah, Polda Jawa Barat menyebut pembakaran markas itu bermula dari kabar bohong di media sosial."
        )
        #expect(found.map { $0.split(separator: "|")[2] } == ["Polda Jawa Barat"])
    }

    @Test func menurutInsideASentenceWithoutACommaBeforeIt() {
        let found = quotes(
            "Ketua serikat, Joko Widodo, mengatakan aksi mogok itu sah. Prestasi buruk direksi menurut dia, juga patut dicurigai sebagai bagian dari rencana penjualan aset."
        )
        #expect(
            found.last
                == "indirect|Prestasi buruk direksi menurut dia, juga patut dicurigai sebagai bagian dari rencana penjualan aset|Joko Widodo|menurut"
        )
    }

    @Test func menurutWithoutACommaAfterTheSpeaker() {
        let found = quotes("Menurut Yane para orang tua perlu untuk mengatur pola makan sehat pada anak.")
        #expect(found == ["indirect|para orang tua perlu untuk mengatur pola makan sehat pada anak|Yane|Menurut"])
    }

    @Test func menurutAfterADateline() {
        let found = quotes(
            "Jakarta (ANTARA News) - Menurut perusahaan riset SimilarWeb, Tokopedia kini menjadi situs paling populer di Indonesia."
        )
        #expect(
            found.map { $0.split(separator: "|")[1] } == ["Tokopedia kini menjadi situs paling populer di Indonesia"])
    }

    @Test func anInstitutionNamedByItsHeadWordAndPlaceSpeaks() {
        let found = quotes("Tentara Israel mengatakan bahwa mereka bertindak secara profesional di lapangan.")
        #expect(found == ["indirect|mereka bertindak secara profesional di lapangan|Tentara Israel|mengatakan"])
    }

    @Test func anAppositiveWithoutAClosingCommaStillNamesThePerson() {
        let found = quotes(
            "Kartini, penjual palai bada di kawasan Ampang, kota Padang mengatakan terdapat banyak jenis palai bada di Sumatera Barat."
        )
        #expect(found.map { $0.split(separator: "|")[2] } == ["Kartini"])
    }

    @Test func aDescriptionInARelativeClauseLeavesTheNamedSubject() {
        let found = quotes(
            "Budi Santoso yang merupakan seorang pengamat ekonomi mengatakan harga beras terus naik sejak bulan lalu.")
        #expect(found.map { $0.split(separator: "|")[2] } == ["Budi Santoso"])
    }

    @Test func anAuxiliaryOpensContentAfterAChannel() {
        let found = quotes(
            "MCC dalam situsnya menyatakan telah menginvestasikan lebih dari 13 miliar dolar AS untuk proyek itu.")
        #expect(
            found == ["indirect|telah menginvestasikan lebih dari 13 miliar dolar AS untuk proyek itu|MCC|menyatakan"])
    }

    @Test func aPromiseIsNoQuote() {
        #expect(quotes("Ketua RT Budi Santoso berjanji akan memperbaiki jalan kampung itu tahun depan.").isEmpty)
    }

    @Test func aCliticAfterAnUnnamedSourcePointsAtThatSource() {
        let found = quotes(
            "\"Setiap kali dia kembali ke atas panggung, dia dibawa dengan kasur,\" kata seorang saksi mata. "
                + "\"Jelas dia terus menghilang selama 15 menit,\" ujarnya melanjutkan.")
        #expect(found.map { $0.split(separator: "|")[2] } == ["seorang saksi mata", "seorang saksi mata"])
    }

    // MARK: Robustness

    @Test func thousandsOfMarksNeitherCrashNorOverrun() {
        let text = String(repeating: "\"a\" “b” ‘c’ \" ", count: 3000) + "\n\nAkhir."
        let document = annotate(text)
        #expect(TestSupport.offsetProblems(document) == nil)
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: true)
        let longest = paragraphs.map { $0.unicodeScalars.count }.max() ?? 0
        #expect((document.quotes ?? []).allSatisfy { $0.span.end - $0.span.start <= longest })
    }

    @Test(arguments: TestSupport.hostileInputs.map(\.name))
    func hostileInputKeepsOffsets(name: String) {
        let text = TestSupport.hostileInputs.first { $0.name == name }!.text
        let document = annotate(text)
        #expect(TestSupport.offsetProblems(document) == nil)
    }

    @Test func attributionWordsCompileWithTheirCliticForms() throws {
        let lexicon = try Lexicons.bundled().attribution
        #expect(lexicon.classes(of: "kata").contains(.after))
        #expect(lexicon.classes(of: "KATANYA").contains(.clitic))
        #expect(lexicon.classes(of: "mengatakan").contains(.active))
        #expect(lexicon.classes(of: "dikatakan").contains(.passive))
        #expect(lexicon.classes(of: "rumah").isEmpty)
        #expect(lexicon.count > 250)
        #expect(throws: QuoteLexiconError.self) { try AttributionLexicon(tsv: "nonsense\tkata\n") }
    }
}
