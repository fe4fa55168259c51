internal import CICU

/// Hijri dates, by ICU's Umm al-Qura Islamic calendar.
public enum IslamicCalendar {
    /// The Gregorian date of a Hijri date (month 1 = Muharram), or `nil`
    /// when ICU cannot convert it.
    public static func gregorian(year: Int, month: Int, day: Int) -> (year: Int, month: Int, day: Int)? {
        var gregorianYear: Int32 = 0
        var gregorianMonth: Int32 = 0
        var gregorianDay: Int32 = 0
        let status = kutip_icu_hijri_to_gregorian(
            Int32(year), Int32(month), Int32(day), &gregorianYear, &gregorianMonth, &gregorianDay)
        guard status == 0 else { return nil }
        return (Int(gregorianYear), Int(gregorianMonth), Int(gregorianDay))
    }
}
