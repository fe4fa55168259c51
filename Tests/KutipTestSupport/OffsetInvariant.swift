import Foundation
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

extension TestSupport {
    /// The package's root folder, found from this file's path.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Every gold file under `Evaluation/gold`, with its path.
    public static func goldFiles() throws -> [URL] {
        let root = packageRoot.appendingPathComponent("Evaluation/gold")
        var urls: [URL] = []
        for split in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let folder = root.appendingPathComponent(split)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            where file.hasSuffix(".json") {
                urls.append(folder.appendingPathComponent(file))
            }
        }
        return urls
    }

    /// Whether every non-whitespace scalar of the text lies in exactly one token
    /// and no token covers white space only: nothing is lost, nothing doubled.
    public static func tokenCoverageProblem(_ document: Document) -> String? {
        guard let tokens = document.tokens else { return "no tokens layer" }
        let scalars = document.source.scalars
        var covered = [Int](repeating: 0, count: scalars.count)
        for index in tokens.indices {
            for offset in tokens.start(index)..<tokens.end(index) { covered[offset] += 1 }
        }
        for (offset, scalar) in scalars.enumerated() {
            if covered[offset] > 1 { return "scalar \(offset) is in \(covered[offset]) tokens" }
            if covered[offset] == 0 && !scalar.properties.isWhitespace {
                return "scalar \(offset) (U+\(String(scalar.value, radix: 16, uppercase: true))) is in no token"
            }
        }
        return nil
    }
}

extension SourceText {
    /// The span of the `occurrence`-th (1-based) appearance of `needle`, for
    /// writing test cases without counting offsets.
    public func span(of needle: String, occurrence: Int = 1) -> Span {
        let target = Array(needle.unicodeScalars)
        var seen = 0
        var start = 0
        while start + target.count <= count {
            if scalars[start..<start + target.count].elementsEqual(target) {
                seen += 1
                if seen == occurrence { return span(start, start + target.count) }
            }
            start += 1
        }
        fatalError("\"\(needle)\" occurs \(seen) times, not \(occurrence)")
    }
}
