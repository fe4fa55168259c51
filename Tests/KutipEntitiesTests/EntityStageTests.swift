import Foundation
import Kutip
import KutipTestSupport
import Testing

@testable import KutipEntities

/// The document-level passes of the entity stage, on a tagger trained on a
/// few sentences: the passes must repair what such a tagger gets wrong.
@Suite("Entity stage (document-level passes)")
struct EntityStageTests {
    /// A tiny tagger: persons after titles, one organization, one place.
    static let stage: EntityStage = {
        let training: [[(word: String, tag: String)]] = [
            [
                ("Komjen", "O"), ("Pol.", "O"), ("Andap", "B-PER"), ("Budhi", "I-PER"), ("Revianto", "I-PER"),
                ("hadir", "O"),
            ],
            [("Menurut", "O"), ("Joko", "B-PER"), ("Widodo", "I-PER"), (",", "O"), ("semua", "O"), ("baik", "O")],
            [("Kantor", "O"), ("KPK", "B-ORG"), ("di", "O"), ("Jakarta", "B-LOC"), ("buka", "O")],
            [("Basuki", "B-PER"), ("Tjahaja", "I-PER"), ("Purnama", "I-PER"), ("datang", "O")],
        ]
        let gazetteer = EntityGazetteer(
            locations: ["Jakarta", "Kota Bogor"], organizations: ["Komisi Pemberantasan Korupsi"])
        return EntityStage(tagger: EntityTagger.train(training, gazetteer: gazetteer, epochs: 8, bits: 14))
    }()

    func entities(_ text: String) throws -> [Entity] {
        let pipeline = try Kutip.defaultPipeline().replacing("entities", with: Self.stage)
        return try pipeline.annotate(text: text).entities ?? []
    }

    @Test func aNameFoundOnceIsFoundEverywhereWithItsCanonical() throws {
        let found = try entities("Komjen Pol. Andap Budhi Revianto hadir. Kemudian Andap bicara lama sekali.")
        let persons = found.filter { $0.type == .person }
        #expect(persons.map(\.span.text) == ["Andap Budhi Revianto", "Andap"])
        #expect(persons.allSatisfy { $0.canonical == "Andap Budhi Revianto" })
    }

    @Test func initialismsBlendsAndAliasesJoinTheirPerson() {
        #expect(EntityStage.isInitialism("SBY", of: ["Susilo", "Bambang", "Yudhoyono"]))
        #expect(!EntityStage.isInitialism("SBY", of: ["Susilo", "Yudhoyono"]))
        #expect(EntityStage.isBlend("Jokowi", of: ["Joko", "Widodo"]))
        #expect(EntityStage.isBlend("Bamsoet", of: ["Bambang", "Soetrisno"]))
        #expect(!EntityStage.isBlend("Ahok", of: ["Basuki", "Tjahaja", "Purnama"]))
        #expect(!EntityStage.isBlend("Joko", of: ["Joko", "Widodo"]))
    }

    @Test func aBracketedAliasTakesTheFullName() throws {
        let found = try entities("Basuki Tjahaja Purnama (Ahok) datang pagi. Ahok lalu pulang.")
        let aliases = found.filter { $0.span.text == "Ahok" }
        #expect(aliases.count == 2)
        #expect(aliases.allSatisfy { $0.type == .person && $0.canonical == "Basuki Tjahaja Purnama" })
    }

    @Test func aSingleLetterNamesNoOrganizationOrPlace() throws {
        // A tagger that learned a lone capital as an organization ("H" in "H - 2").
        let training: [[(word: String, tag: String)]] = Array(
            repeating: [("Kantor", "O"), ("H", "B-ORG"), ("di", "O"), ("Jakarta", "B-LOC"), ("buka", "O")], count: 3)
        let stage = EntityStage(tagger: EntityTagger.train(training, epochs: 8, bits: 14))
        let pipeline = try Kutip.defaultPipeline().replacing("entities", with: stage)
        let found = try pipeline.annotate(text: "Kantor H di Jakarta buka.").entities ?? []
        #expect(found.map(\.span.text) == ["Jakarta"])
    }

    @Test func anOrganizationsInitialsBeforeANameLeaveThePerson() throws {
        // A tagger that learned "CLS" inside a coach's name, and alone as a club.
        let training: [[(word: String, tag: String)]] =
            Array(
                repeating: [
                    ("pelatih", "O"), ("CLS", "B-PER"), ("Wahyu", "I-PER"), ("Jati", "I-PER"), ("datang", "O"),
                ],
                count: 3)
            + Array(repeating: [("tim", "O"), ("CLS", "B-ORG"), ("menang", "O")], count: 3)
        let stage = EntityStage(tagger: EntityTagger.train(training, epochs: 8, bits: 14))
        let pipeline = try Kutip.defaultPipeline().replacing("entities", with: stage)
        let found =
            try pipeline.annotate(text: "Kemarin tim CLS menang. Lalu pelatih CLS Wahyu Jati datang.").entities ?? []
        #expect(found.filter { $0.type == .person }.map(\.span.text) == ["Wahyu Jati"])
    }

    @Test func nicknamesAndParticlesOfTheBundledModelJoinTheirPerson() throws {
        let text =
            "Petenis Argentina Juan Martin del Potro menang di New York. Del Potro kini menunggu lawan berikutnya.\n\n"
            + "Pelatih Wahyu Widayat Jati, biasa disapa Cacing, senang. Cacing memuji timnya."
        let found = try Kutip.defaultPipeline().annotate(text: text).entities ?? []
        let canonicals = Dictionary(found.filter { $0.type == .person }.map { ($0.span.text, $0.canonical ?? "") }) {
            first, _ in first
        }
        #expect(canonicals["Cacing"] == "Wahyu Widayat Jati")
        #expect(canonicals.filter { $0.key.contains("Potro") }.values.allSatisfy { $0 == "Juan Martin del Potro" })
    }

    @Test func aMonthHolidayOrConjunctionAloneIsNoEntity() throws {
        let training: [[(word: String, tag: String)]] = Array(
            repeating: [("Agustus", "B-PER"), ("tiba", "O"), ("Agar", "B-ORG"), ("aman", "O"), ("Ramadan", "B-PER")],
            count: 3)
        let stage = EntityStage(tagger: EntityTagger.train(training, epochs: 8, bits: 14))
        let pipeline = try Kutip.defaultPipeline().replacing("entities", with: stage)
        #expect((try pipeline.annotate(text: "Agustus tiba. Agar aman, Ramadan dijaga.").entities ?? []).isEmpty)
    }

    @Test func initialsOfSuspectsArePersons() throws {
        let found = try entities("Polisi menangkap pelaku berinisial AY di rumahnya. Saat diperiksa, AY mengaku.")
        #expect(found.filter { $0.span.text == "AY" }.map(\.type) == [.person, .person])
    }

    @Test func aDatelineGivesPlaceAndOutlet() throws {
        let found = try entities("JAKARTA (Pos Kota) – Warga datang pagi ini.")
        #expect(found.contains { $0.span.text == "JAKARTA" && $0.type == .location })
        #expect(found.contains { $0.span.text == "Pos Kota" && $0.type == .organization })
    }

    @Test func corporaWithoutOrganizationsLeaveOrganizationsOpen() {
        let sentences = NERCorpus.read("pt\tB-IND\npertamina\tI-IND\ndi\tO\njakarta\tB-PLC\n")
        #expect(sentences[0].map(\.tag) == ["O?", "O?", "O?", "B-LOC"])
        // A partially labeled sentence trains without forcing its unknowns to O.
        let model = EntityTagger.train(sentences + [[("Kantor", "O"), ("KPK", "B-ORG")]], epochs: 2, bits: 12)
        #expect(model.tag(["jakarta"]).count == 1)
    }

    @Test func gazetteerNamesMatchWholeTokensCaseInsensitively() {
        let gazetteer = EntityGazetteer(locations: ["Kota Bogor"], organizations: ["PT Angkasa Pura II"])
        let index = gazetteer.index
        var key = EntityFeatures.phraseSeed
        for word in ["kota", "BOGOR"] {
            key = EntityFeatures.extend(key, EntityFeatures.lowerHash(word.unicodeScalars))
        }
        #expect(index.phrases[key] == GazetteerIndex.location)
        #expect(index.longest == 4)
        #expect(EntityFeatures.splitName("Sekolah (Swasta), Bogor") == ["Sekolah", "(", "Swasta", ")", ",", "Bogor"])
    }

    @Test func aShortenedFirstNameJoinsTheFullName() throws {
        // With the bundled model, as users run it.
        let document = try Kutip.defaultPipeline().annotate(
            text: "Wakil Gubernur DKI Jakarta Sandiaga Uno datang. Sandi menyebut kawasan itu indah.")
        let short = document.entities?.first { $0.span.text == "Sandi" }
        #expect(short?.canonical == "Sandiaga Uno")
    }

    @Test func aDegreeWithoutPeriodsLeavesTheName() throws {
        let found = try entities("Basuki Tjahaja Purnama SH datang ke Jakarta.")
        #expect(found.contains { $0.type == .person && $0.span.text == "Basuki Tjahaja Purnama" })
    }

    @Test func aPersonSpanRunOverAnotherNameIsSplit() throws {
        // With the bundled model, which tags "Duterte Harry Roque" and "Imigrasi Agung Sampurno" as one person.
        let pipeline = try Kutip.defaultPipeline()
        let roque = try pipeline.annotate(
            text: "Presiden Filipina Rodrigo Duterte memilih keluar dari program bantuan itu.\n\n"
                + "Juru bicara Duterte Harry Roque mengatakan Manila tidak merundingkan kesepakatan kedua.")
        let persons = (roque.entities ?? []).filter { $0.type == .person }
        #expect(persons.map(\.span.text) == ["Rodrigo Duterte", "Duterte", "Harry Roque"])
        #expect(persons[1].canonical == "Rodrigo Duterte")
        let agung = try pipeline.annotate(
            text: "Surat itu sudah diterima Ditjen Imigrasi pada Kamis.\n\n"
                + "\"Periode pencegahan berlaku enam bulan,\" kata Kepala Bagian Humas dan Umum Ditjen Imigrasi "
                + "Agung Sampurno saat dikonfirmasi di Jakarta.")
        let entities = (agung.entities ?? []).map { "\($0.type.rawValue):\($0.span.text)" }
        #expect(entities.contains("PER:Agung Sampurno"))
        #expect(entities.filter { $0 == "ORG:Ditjen Imigrasi" }.count == 2)
    }

    @Test func aDatelineDashOnTheLineBeforeDoesNotCutAName() throws {
        let document = try Kutip.defaultPipeline().annotate(
            text: "Suara.com -\n\nAhed Tamimi ditangkap setelah dia difilmkan.")
        #expect(document.entities?.contains { $0.type == .person && $0.span.text == "Ahed Tamimi" } == true)
    }
}
