import Kutip
import KutipTestSupport
import Testing

let datePipeline = try! Kutip.defaultPipeline().prefix(through: "dates")

/// "text=TYPE:value" for every expression found, with `published` as the reference.
func dates(_ text: String, published: String? = "2023-01-30") -> [String] {
    let document = try! datePipeline.annotate(text: text, meta: Metadata(published: published))
    return (document.dates ?? []).map { "\($0.span.text)=\($0.type.rawValue):\($0.value)" }
}

@Suite("Dates")
struct DateTests {
    @Test(arguments: [
        ("Pada 30 Januari 2023 ia datang.", ["30 Januari 2023=DATE:2023-01-30"]),
        ("Pada 30 Jan 2023 ia datang.", ["30 Jan 2023=DATE:2023-01-30"]),
        (
            "Pada 30/01/2023 dan 30-1-2023 serta 2023-01-30.",
            ["30/01/2023=DATE:2023-01-30", "30-1-2023=DATE:2023-01-30", "2023-01-30=DATE:2023-01-30"]
        ),
        ("Sejak Januari 2023 dan tahun 2023.", ["Januari 2023=DATE:2023-01", "tahun 2023=DATE:2023"]),
        ("Target awal 2023 dan akhir 2024.", ["awal 2023=DATE:2023", "akhir 2024=DATE:2024"]),
        ("Pemilu 2024 mendatang.", ["2024 mendatang=DATE:2024"]),
        (
            "Dibuka 5 Nop 2022, 3 Peb 2022, 1 Mrt 2022, dan 17 Agt 2022.",
            [
                "5 Nop 2022=DATE:2022-11-05", "3 Peb 2022=DATE:2022-02-03", "1 Mrt 2022=DATE:2022-03-01",
                "17 Agt 2022=DATE:2022-08-17",
            ]
        ),
    ])
    func absoluteDates(text: String, expected: [String]) {
        #expect(dates(text) == expected)
    }

    @Test func aDayWithItsPartOfDayAndABracketedDateIsOneExpression() {
        #expect(dates("Debat digelar Senin malam (30/1) di Jakarta.") == ["Senin malam (30/1)=TIME:2023-01-30TNI"])
        #expect(dates("Ia tiba hari ini (27/1) di Jakarta.") == ["hari ini (27/1)=DATE:2023-01-27"])
    }

    @Test func aClockTimeTakesItsPartOfDay() {
        #expect(
            dates("Ia ditemukan pukul 03.00 dini hari di rumahnya.") == ["pukul 03.00 dini hari=TIME:2023-01-30T03:00"])
        #expect(dates("Acara dimulai pukul 8 malam di balai desa.") == ["pukul 8 malam=TIME:2023-01-30T20"])
    }

    @Test func ramadanWithoutAYearIsTheYearOfTheNearestRamadan() {
        // Ramadan 1444 began on 23 March 2023; the reference is 30 January 2023.
        #expect(dates("Harga naik menjelang bulan Ramadan.") == ["bulan Ramadan=DATE:2023"])
        #expect(dates("Harga sempat naik pada Ramadan lalu.") == ["Ramadan lalu=DATE:2022"])
    }

    @Test func theWordHariBelongsToTheDayName() {
        #expect(dates("Ia datang pada hari Kamis.", published: "2017-12-04") == ["hari Kamis=DATE:2017-11-30"])
    }

    @Test func aMonthWithNantiIsTheComingOne() {
        #expect(dates("Diresmikan Desember nanti.", published: "2017-12-04") == ["Desember nanti=DATE:2017-12"])
        #expect(dates("Diresmikan Maret nanti.", published: "2017-12-04") == ["Maret nanti=DATE:2018-03"])
    }

    @Test func aMonthWrittenOutLeavesTheFullStopOut() {
        #expect(dates("Mereka tiba pada 1 Juli.", published: "2017-06-24") == ["1 Juli=DATE:2017-07-01"])
    }

    @Test func theCountOfDaysToLebaranInBracketsBelongsToTheDate() {
        #expect(
            dates("Lonjakan dimulai 15 Juni (H - 10) sampai 28 Juni (H+2).", published: "2017-06-24")
                == ["15 Juni (H - 10)=DATE:2017-06-15", "28 Juni (H+2)=DATE:2017-06-28"])
    }

    @Test func lebaranWithoutAYearIsTheNearestIdulFitri() {
        #expect(
            dates("Usai Lebaran harga turun, tidak seperti usai Lebaran tahun lalu.", published: "2017-07-06")
                == ["Lebaran=DATE:2017-06-25", "Lebaran tahun lalu=DATE:2016-07-06"])
    }

    @Test func aYearModifierAfterAMonthOrAHolidayJoinsIt() {
        #expect(
            dates("Kunjungan selama bulan Juni tahun ini turun, Maret tahun lalu naik.", published: "2017-08-02")
                == ["bulan Juni tahun ini=DATE:2017-06", "Maret tahun lalu=DATE:2016-03"])
        #expect(
            dates("Mudik Lebaran tahun ini ramai.", published: "2017-06-24") == ["Lebaran tahun ini=DATE:2017-06-25"])
        #expect(dates("Di penghujung tahun 2017, mereka untung.") == ["penghujung tahun 2017=DATE:2017"])
    }

    @Test func anAgeInBracketsAfterANameIsNoDuration() {
        #expect(dates("Klub itu membeli Corentin Tolisso (22 tahun) musim panas.").isEmpty)
        #expect(dates("Proyek itu berjalan (dua tahun) lamanya.") == ["dua tahun=DURATION:P2Y"])
    }

    @Test func aSeasonIsValuedByTheYear() {
        #expect(
            dates("Musim lalu mereka juara, musim ini belum.", published: "2017-12-19")
                == ["Musim lalu=DATE:2016", "musim ini=DATE:2017"])
    }

    @Test func aShortMonthAloneIsNoDate() {
        #expect(dates("Menurut Agus, harga cabai naik.").isEmpty)
        #expect(dates("Sejak Agustus harga cabai naik.") == ["Agustus=DATE:2022-08"])
    }

    @Test func aMonthWithLaluIsTheLastOneBeforeTheArticle() {
        #expect(dates("Sejak Januari lalu harga naik.") == ["Januari lalu=DATE:2022-01"])
        #expect(dates("Sejak Desember lalu harga naik.") == ["Desember lalu=DATE:2022-12"])
        #expect(dates("Baru-baru ini harga naik.") == ["Baru-baru ini=DATE:PAST_REF"])
    }

    @Test(arguments: [
        ("Ikrar dipimpin Andap, Senin (30/1).", ["Senin (30/1)=DATE:2023-01-30"]),
        ("Ikrar dipimpin Andap, Senin (30/01/2023).", ["Senin (30/01/2023)=DATE:2023-01-30"]),
        ("Rapat digelar pada Selasa.", ["Selasa=DATE:2023-01-24"]),
        ("Ia datang Rabu lalu dan pulang Kamis depan.", ["Rabu lalu=DATE:2023-01-25", "Kamis depan=DATE:2023-02-02"]),
        (
            "Ia tiba pada Jumat, pada Jum'at, atau pada Ahad.",
            ["Jumat=DATE:2023-01-27", "Jum'at=DATE:2023-01-27", "Ahad=DATE:2023-01-29"]
        ),
        ("Sepanjang minggu ini hujan, tetapi Minggu cerah.", ["minggu ini=DATE:2023-W05", "Minggu=DATE:2023-01-29"]),
    ])
    func dayNames(text: String, expected: [String]) {
        #expect(dates(text) == expected)
    }

    @Test func aDayWithoutAYearTakesTheYearOfItsWeekday() {
        // 30 January was a Monday in 2023, not in 2024.
        #expect(dates("Senin (30/1) rapat.", published: "2023-06-01") == ["Senin (30/1)=DATE:2023-01-30"])
        // A written year stands even when the weekday disagrees; an inferred one follows the weekday.
        #expect(dates("Selasa, 30 Januari 2023 rapat.") == ["Selasa, 30 Januari 2023=DATE:2023-01-30"])
        #expect(dates("Selasa, 30 Januari rapat.", published: "2024-02-10") == ["Selasa, 30 Januari=DATE:2024-01-30"])
        // A weekday typo: the nearest date wins over a year-old one.
        #expect(dates("Selasa (9/8) lalu.", published: "2017-08-10") == ["Selasa (9/8) lalu=DATE:2017-08-09"])
        // Without a publication date, the years the article mentions decide.
        #expect(
            dates("Pemilu 2024 kian dekat. Senin (30/1) rapat.", published: nil) == [
                "2024=DATE:2024", "Senin (30/1)=DATE:2023-01-30",
            ])
    }

    @Test(arguments: [
        ("kemarin", "kemarin=DATE:2023-01-29"), ("hari ini", "hari ini=DATE:2023-01-30"),
        ("besok", "besok=DATE:2023-01-31"),
        ("lusa", "lusa=DATE:2023-02-01"), ("kemarin lusa", "kemarin lusa=DATE:2023-01-28"),
        ("tadi pagi", "tadi pagi=TIME:2023-01-30TMO"), ("nanti malam", "nanti malam=TIME:2023-01-30TNI"),
        ("pekan lalu", "pekan lalu=DATE:2023-W04"), ("minggu depan", "minggu depan=DATE:2023-W06"),
        ("bulan lalu", "bulan lalu=DATE:2022-12"), ("bulan depan", "bulan depan=DATE:2023-02"),
        ("tahun lalu", "tahun lalu=DATE:2022"), ("tahun depan", "tahun depan=DATE:2024"),
        ("dua hari lalu", "dua hari lalu=DATE:2023-01-28"), ("tiga bulan lagi", "tiga bulan lagi=DATE:2023-04"),
        ("dua puluh tahun yang lalu", "dua puluh tahun yang lalu=DATE:2003"),
        ("5 tahun mendatang", "5 tahun mendatang=DATE:2028"),
        ("puluhan tahun lalu", "puluhan tahun lalu=DATE:PAST_REF"),
        ("sebelas hari lalu", "sebelas hari lalu=DATE:2023-01-19"),
    ])
    func relativeExpressions(phrase: String, expected: String) {
        #expect(dates("Ia bilang \(phrase) itu penting.") == [expected])
    }

    @Test func timesKeepTheirDayAndZone() {
        #expect(
            dates("Dimulai Senin (30/1) pukul 10.00 WIB.") == ["Senin (30/1) pukul 10.00 WIB=TIME:2023-01-30T10:00"])
        #expect(dates("Dimulai pukul 14:30 WITA.") == ["pukul 14:30 WITA=TIME:2023-01-30T14:30"])
        #expect(dates("Gempa pada 09.15 WIT terasa.") == ["09.15 WIT=TIME:2023-01-30T09:15"])
        #expect(dates("Rapat Senin (30/1) malam.") == ["Senin (30/1) malam=TIME:2023-01-30TNI"])
        #expect(
            dates("Pukul 20.00 WIB, Selasa (31/1) ia tiba.") == ["Pukul 20.00 WIB, Selasa (31/1)=TIME:2023-01-31T20:00"]
        )
    }

    @Test func durationsAndSets() {
        #expect(dates("Ia ditahan selama dua tahun.") == ["dua tahun=DURATION:P2Y"])
        #expect(dates("Proyek tiga bulan dan sepekan penuh.") == ["tiga bulan=DURATION:P3M", "sepekan=DURATION:P1W"])
        #expect(dates("Ia kembali sepekan lagi.") == ["sepekan lagi=DATE:2023-W06"])
        #expect(dates("Butuh 1,5 tahun.") == ["1,5 tahun=DURATION:P18M"])
        #expect(dates("Digelar setiap tahun dan tiap Senin.") == ["setiap tahun=SET:P1Y", "tiap Senin=SET:XXXX-WXX-1"])
        #expect(dates("Rp 64 triliun / tahun.") == ["/ tahun=SET:P1Y"])
        #expect(dates("Bunga 3% satu bulan dan obat sehari 3 kali.") == ["satu bulan=SET:P1M", "sehari=SET:P1D"])
    }

    @Test func vagueReferences() {
        #expect(dates("Hal itu terjadi beberapa waktu lalu.") == ["beberapa waktu lalu=DATE:PAST_REF"])
        #expect(dates("Saat ini dan kini semua baik.") == ["Saat ini=DATE:PRESENT_REF", "kini=DATE:PRESENT_REF"])
        #expect(dates("Ke depan kita lihat.") == ["Ke depan=DATE:FUTURE_REF"])
    }

    @Test func hijriDatesGoThroughICU() {
        // Umm al-Qura: 1 Ramadan 1444 = 2023-03-23, 1 Syawal 1444 = 2023-04-21.
        #expect(dates("Puasa dimulai 1 Ramadan 1444 H.") == ["1 Ramadan 1444 H=DATE:2023-03-23"])
        #expect(dates("Lebaran Idul Fitri 1444 H tiba.") == ["Idul Fitri 1444 H=DATE:2023-04-21"])
    }

    @Test func thingsThatAreNotDates() {
        #expect(dates("Hal itu berlandaskan Undang-undang No.5 Tahun 2014.").isEmpty)
        #expect(dates("Hubungi 0812-3456-7890 segera.").isEmpty)
        #expect(dates("Skor akhir 2-1 untuk tuan rumah.").isEmpty)
        #expect(dates("Harganya Rp 2.500 dan 2023 orang hadir.").isEmpty)
        #expect(dates("Nenek berusia 76 tahun itu sehat.").isEmpty)
        #expect(dates("Ia tinggal di Pasar Kamis, Tangerang.").isEmpty)
    }

    @Test(arguments: TestSupport.hostileInputs.map(\.name))
    func hostileInputKeepsOffsets(name: String) throws {
        let document = try datePipeline.annotate(text: TestSupport.hostileInputs.first { $0.name == name }!.text)
        #expect(TestSupport.offsetProblems(document) == nil)
    }
}
