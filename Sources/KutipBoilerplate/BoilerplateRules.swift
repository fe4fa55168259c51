import KutipCore

/// The patterns that mark a line as boilerplate, loaded from
/// `Lexicons/data/boilerplate.tsv`.
///
/// Each line of the file is `kind<TAB>pattern`:
/// - `prefix`: a line that starts with the pattern ("Baca juga").
/// - `exact`: a line that is the pattern ("Terkini Lainnya").
/// - `site-tld`: a top-level domain; a line that is only a host name ending
///   in it ("mediaindonesia.com") is the site name alone on a line.
///
/// Comparison ignores surrounding whitespace and ASCII case (patterns are
/// lowercased; non-ASCII letters in a line must match as written). Desk codes at a line's
/// end ("(RO/OL-7)", "/aj", "[ian]") are recognized by shape, not listed.
public struct BoilerplateRules: Sendable {
    public private(set) var prefixes: [String] = []
    public private(set) var exactLines: Set<String> = []
    public private(set) var siteDomains: Set<String> = []

    public init(prefixes: [String] = [], exactLines: Set<String> = [], siteDomains: Set<String> = []) {
        self.prefixes = prefixes.map { $0.lowercased() }.sorted { $0.count > $1.count }
        self.exactLines = Set(exactLines.map { $0.lowercased() })
        self.siteDomains = Set(siteDomains.map { $0.lowercased() })
        index()
    }

    /// Parses the TSV format described above.
    public init(tsv: String, origin: String = "boilerplate.tsv") throws {
        for (number, rawLine) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if rawLine.isEmpty || rawLine.hasPrefix("#") { continue }
            let fields = rawLine.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, !fields[1].isEmpty else {
                throw BoilerplateRulesError(file: origin, line: number + 1, reason: "expected kind<TAB>pattern")
            }
            let pattern = String(fields[1]).lowercased()
            switch fields[0] {
            case "prefix": prefixes.append(pattern)
            case "exact": exactLines.insert(pattern)
            case "site-tld": siteDomains.insert(pattern)
            default:
                throw BoilerplateRulesError(
                    file: origin, line: number + 1, reason: "unknown kind \"\(fields[0])\" (prefix, exact, site-tld)")
            }
        }
        // Longest first, so the most specific prefix decides.
        prefixes.sort { $0.count > $1.count }
        index()
    }

    /// Prefixes as lowercased scalar values, by their first value: a line is
    /// compared only with the prefixes that start with its first letter.
    private(set) var prefixesByFirst: [UInt32: [[UInt32]]] = [:]
    /// The longest exact line or host name worth building a String for.
    private(set) var longestExactLine = 0

    private mutating func index() {
        prefixesByFirst = [:]
        for prefix in prefixes {
            let values = prefix.unicodeScalars.map(\.value)
            guard let first = values.first else { continue }
            prefixesByFirst[first, default: []].append(values)
        }
        longestExactLine = exactLines.map { $0.unicodeScalars.count }.max() ?? 0
    }
}

/// A boilerplate rules file that cannot be read.
public struct BoilerplateRulesError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}
