import Kutip
import KutipTestSupport
import Testing

let bundledLexicons = try! Lexicons.bundled()
let tokenizer = try! Tokenizer(lexicon: bundledLexicons.dottedAbbreviations)

/// Runs tokenization, boilerplate and abbreviations with `lexicon`.
func abbreviations(_ text: String, lexicon: AbbreviationLexicon = bundledLexicons.abbreviations) -> [Abbreviation] {
    var document = Document(text: text)
    let (tokens, sentences) = tokenizer.tokenize(document.source)
    document.tokens = tokens
    document.sentences = sentences
    document.boilerplate = BoilerplateStage(rules: bundledLexicons.boilerplate).detect(in: document.source)
    return AbbreviationStage(lexicon: lexicon).find(in: document)
}

func pairs(_ text: String, lexicon: AbbreviationLexicon = bundledLexicons.abbreviations) -> [String] {
    abbreviations(text, lexicon: lexicon).map { "\($0.span.text)=\($0.expansion)" }
}

let smallLexicon = try! AbbreviationLexicon(files: [
    (
        "test.tsv",
        """
        # test entries
        HAM\tHak Asasi Manusia\t\tumum
        Kemenkumham\tKementerian Hukum dan HAM\t\tumum
        KKN\tkorupsi, kolusi, dan nepotisme\tkorupsi,kolusi,nepotisme,kpk\tumum
        KKN\tKuliah Kerja Nyata\tmahasiswa,kampus,desa,dosen\tumum
        Pemilu\tpemilihan umum\t\tumum
        Kemenko Polhukam\tKementerian Koordinator Bidang Politik, Hukum, dan Keamanan\t\tumum
        Pol.\tPolisi\t\tumum
        Kab.\tKabupaten\t\tumum
        yg\tyang\t\tumum
        ASN\tAparatur Sipil Negara\t\tumum
        """
    )
])

@Suite("Abbreviations: definitions in the article")
struct DefinitionTests {
    @Test func longFormThenShortForm() {
        #expect(
            pairs("Pembangunan Zona Integritas (ZI) penting. ZI harus dijaga.", lexicon: AbbreviationLexicon())
                == ["ZI=Zona Integritas", "ZI=Zona Integritas"])
        #expect(
            pairs("Mereka menolak korupsi, kolusi, dan nepotisme (KKN) di sini.", lexicon: AbbreviationLexicon())
                == ["KKN=korupsi, kolusi, dan nepotisme"])
        #expect(
            pairs("Menuju Wilayah Bebas dari Korupsi (WBK) tahun ini.", lexicon: AbbreviationLexicon())
                == ["WBK=Wilayah Bebas dari Korupsi"])
    }

    @Test func shortFormThenLongForm() {
        #expect(
            pairs("Semua ASN (Aparatur Sipil Negara) hadir. ASN netral.", lexicon: AbbreviationLexicon())
                == ["ASN=Aparatur Sipil Negara", "ASN=Aparatur Sipil Negara"])
    }

    @Test func definitionsWithAtauAliasDisingkat() {
        #expect(
            pairs("Harga minyak tanah atau mitan naik. Stok mitan habis.", lexicon: AbbreviationLexicon())
                == ["mitan=minyak tanah", "mitan=minyak tanah"])
        #expect(
            pairs("Zona Ekonomi Eksklusif yang disingkat ZEE, dijaga.", lexicon: AbbreviationLexicon())
                == ["ZEE=Zona Ekonomi Eksklusif"])
        #expect(pairs("Ia memilih teh atau kopi.", lexicon: AbbreviationLexicon()).isEmpty)
    }

    @Test func syllabicAcronymsAreAligned() {
        #expect(
            DefinitionFinder.align(short: "Kemenkumham", long: "pegawai Kementerian Hukum dan Hak Asasi Manusia")
                == "Kementerian Hukum dan Hak Asasi Manusia")
        #expect(DefinitionFinder.align(short: "Setjen", long: "jajaran Sekretariat Jenderal") == "Sekretariat Jenderal")
        #expect(DefinitionFinder.align(short: "Parpol", long: "kader partai politik") == "partai politik")
        #expect(
            DefinitionFinder.align(
                short: "Menkopolhukam", long: "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan")
                == "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan")
        #expect(
            pairs("Kantor Wilayah (kanwil) buka. Kanwil ramai.", lexicon: AbbreviationLexicon())
                == ["kanwil=Kantor Wilayah", "Kanwil=Kantor Wilayah"])
    }

    @Test func implausiblePairsAreRejected() {
        #expect(DefinitionFinder.align(short: "XYZ", long: "Zona Integritas") == nil)
        #expect(pairs("Ia lahir di Jakarta (2015) dan pindah.", lexicon: AbbreviationLexicon()).isEmpty)
        #expect(pairs("Harga naik (lihat grafik) kemarin.", lexicon: AbbreviationLexicon()).isEmpty)
        #expect(
            pairs("Kata Presiden Joko Widodo (Jokowi) kepada wartawan.", lexicon: AbbreviationLexicon())
                .allSatisfy { !$0.hasPrefix("Jokowi") || $0 == "Jokowi=Joko Widodo" })
    }

    @Test func theArticleWinsOverTheLexiconAndNestedFormsAreExpanded() {
        #expect(
            pairs("Pegawai Kementerian Hukum dan HAM (Kemenkumham) hadir.", lexicon: smallLexicon)
                == ["HAM=Hak Asasi Manusia", "Kemenkumham=Kementerian Hukum dan Hak Asasi Manusia"])
        #expect(
            pairs("Program Kuliah Kerja Nyata (KKN) dibuka. Berantas korupsi! KKN dimulai.", lexicon: smallLexicon)
                == ["KKN=Kuliah Kerja Nyata", "KKN=Kuliah Kerja Nyata"])
    }
}

@Suite("Abbreviations: lexicon")
struct LexiconMatchingTests {
    @Test func lexiconExpansionsHaveNoNestedAbbreviations() {
        #expect(
            smallLexicon.entries["Kemenkumham"]?.senses.first?.expansion == "Kementerian Hukum dan Hak Asasi Manusia")
    }

    @Test func caseRules() {
        #expect(
            pairs("Pemilu dan pemilu serta PEMILU.", lexicon: smallLexicon)
                == ["Pemilu=pemilihan umum", "pemilu=pemilihan umum", "PEMILU=pemilihan umum"])
        #expect(pairs("asn dan Asn bukan ASN.", lexicon: smallLexicon) == ["ASN=Aparatur Sipil Negara"])
        #expect(pairs("Yg datang yg lain.", lexicon: smallLexicon) == ["Yg=yang", "yg=yang"])
    }

    @Test func multiWordDottedAndSplitForms() {
        #expect(
            pairs("Rapat di Kemenko Polhukam kemarin.", lexicon: smallLexicon)
                == ["Kemenko Polhukam=Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan"])
        #expect(
            pairs("Komjen Pol. Andap dari Kab. Bogor.", lexicon: smallLexicon) == ["Pol.=Polisi", "Kab.=Kabupaten"])
    }

    @Test func ambiguityFollowsTheArticleAndReportsTheAlternatives() {
        let corruption = abbreviations("KPK memberantas KKN. Korupsi dan nepotisme merusak.", lexicon: smallLexicon)
        #expect(corruption.first?.expansion == "korupsi, kolusi, dan nepotisme")
        #expect(corruption.first?.alternatives == ["Kuliah Kerja Nyata"])
        let campus = abbreviations("Mahasiswa berangkat KKN ke desa bersama dosen.", lexicon: smallLexicon)
        #expect(campus.first?.expansion == "Kuliah Kerja Nyata")
        #expect(campus.first?.origin == .lexicon)
    }

    @Test func boilerplateAndLinksAreSkipped() {
        #expect(
            pairs("Isi ASN.\nBaca juga: ASN hadir\nhttps://asn.go.id/ASN", lexicon: smallLexicon) == [
                "ASN=Aparatur Sipil Negara"
            ])
    }

    /// Every ambiguous entry of the bundled lexicon, once in a context made of
    /// each sense's cues: that sense must win.
    @Test func everyAmbiguousBundledEntryFollowsItsCues() {
        var checked = 0
        for entry in bundledLexicons.abbreviations.entries.values where entry.senses.count > 1 {
            guard !entry.short.contains(" ") else { continue }
            for sense in entry.senses where !sense.cues.isEmpty {
                let text =
                    "Berita ini tentang \(sense.cues.joined(separator: " ")). Kata \(entry.short) muncul di sini."
                let found = abbreviations(text).first { $0.span.text == entry.short }
                #expect(found?.expansion == sense.expansion, "\(entry.short) with cues \(sense.cues)")
                checked += 1
            }
        }
        #expect(checked >= 20 || bundledLexicons.abbreviations.count < 100)
    }

    @Test func ordinaryCapitalizedProseGivesNothing() {
        let prose = """
            Ketika Matahari Terbenam Di Ufuk Barat, Para Nelayan Pulang Membawa Ikan Segar Untuk Dijual \
            Di Pasar Pagi Kota Tua. Mereka Bercerita Tentang Ombak Besar Dan Angin Kencang Yang Datang \
            Tiba-Tiba Sepanjang Malam Tanpa Henti.
            """
        #expect(pairs(prose).isEmpty, "\(pairs(prose))")
    }

    @Test(arguments: TestSupport.hostileInputs.map(\.name))
    func hostileInputKeepsOffsets(name: String) throws {
        let document = try Kutip.defaultPipeline().annotate(
            text: TestSupport.hostileInputs.first { $0.name == name }!.text)
        #expect(TestSupport.offsetProblems(document) == nil)
    }
}
