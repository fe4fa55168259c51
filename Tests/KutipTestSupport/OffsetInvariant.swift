import KutipCore

/// Test helpers shared by every test target.
public enum TestSupport {
    /// Problems with the offset invariant of every layer of `document`:
    /// `text[start:end] == span.text`, in bounds, ordered, not overlapping.
    public static func offsetProblems(_ document: Document) -> String? {
        do {
            try document.validate()
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Inputs that have broken text pipelines before.
    public static let hostileInputs: [(name: String, text: String)] = [
        ("empty", ""),
        ("whitespace only", " \n\t \r\n  "),
        ("BOM", "\u{FEFF}Presiden Joko Widodo hadir. Ia tersenyum."),
        ("CRLF", "Baris pertama.\r\n\r\n\"Ini kutipan,\" katanya.\r\nBaca juga: berita lain\r\n"),
        ("NBSP", "Komjen\u{00A0}Pol.\u{00A0}Andap hadir pada Senin\u{00A0}(30/1)."),
        ("emoji", "Mantap 👍🏽 sekali! 🇮🇩 Indonesia 👨‍👩‍👧 menang."),
        ("combining marks", "Cafe\u{0301} di Jakarta. A\u{0308}\u{0301} x\u{0300}\u{0301}\u{0302}."),
        ("RTL", "Dia berkata مرحبا بالعالم lalu pergi. שלום."),
        ("NUL bytes", "Teks\u{0000}dengan\u{0000}NUL. Kalimat kedua."),
        ("unbalanced quotes", "\"Ini tidak ditutup, kata dia. “Juga ini. ” » « ‘ ’ \" \"\""),
        ("lone punctuation", ". . . ! ? ... ,,,, ()()) ((("),
        ("control characters", "A\u{0007}B\u{001B}[0m C\u{0085}D\u{2028}E\u{2029}F"),
        ("surrogate-range scalars", "𝔸𝔹ℂ 𝟙𝟚𝟛 😀😃 \u{10FFFF}"),
        ("only a URL", "https://www.example.co.id/berita/2023/01/30/judul-berita?x=1&y=2."),
        ("long word", String(repeating: "a", count: 100_000)),
        ("many quotation marks", String(repeating: "\"a\" “b” ", count: 2_000)),
        ("many capitals", String(repeating: "Andi Budi Cahya ", count: 3_000)),
    ]
}
