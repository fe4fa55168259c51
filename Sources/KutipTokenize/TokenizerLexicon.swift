import KutipCore

/// What the tokenizer needs to know about abbreviations written with periods.
///
/// Loaded from `Lexicons/data/dotted-abbreviations.tsv`: one form per line with
/// its class. A `title` (Prof., Pol., Jl., No.) always precedes what it
/// modifies, so it never ends a sentence; an `any` form (dll., dsb., S.H.)
/// may end one.
public struct TokenizerLexicon: Sendable {
    /// How an abbreviation behaves at a possible sentence end.
    public enum Class: String, Sendable {
        case title
        case any
    }

    /// Lowercased forms with their final period, e.g. `"pol."`, `"s.h."`.
    public let forms: [String: Class]
    /// The longest form in scalars, bounding the look-back of the merge pass.
    let longestForm: Int
    /// Hashes of the lowercased forms: the tokenizer asks about every word
    /// before a period, and most are not abbreviations, so a miss must not
    /// allocate a String.
    private let hashes: HashFilter

    public init(forms: [String: Class]) {
        self.forms = forms
        self.longestForm = forms.keys.map { $0.unicodeScalars.count }.max() ?? 0
        var filter = HashFilter(capacity: forms.count)
        for form in forms.keys { filter.insert(Self.hash(form.unicodeScalars)) }
        self.hashes = filter
    }

    static func hash<Scalars: Sequence>(_ scalars: Scalars) -> UInt64 where Scalars.Element == Unicode.Scalar {
        HashFilter.hash(scalars, foldingCase: true)
    }

    /// The class of the form spelled by `scalars` (case-insensitive), without
    /// allocating unless the form may be listed.
    public func lookup<Scalars: Collection>(_ scalars: Scalars) -> Class? where Scalars.Element == Unicode.Scalar {
        guard scalars.count <= longestForm, hashes.mayContain(Self.hash(scalars)) else { return nil }
        return lookup(String(String.UnicodeScalarView(scalars)))
    }

    /// Parses the TSV format: `form<TAB>class`; `#` starts a comment.
    public init(tsv: String, origin: String = "dotted-abbreviations.tsv") throws {
        var forms: [String: Class] = [:]
        for (number, rawLine) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map { $0.trimmingWhitespace() }
            guard fields.count >= 2, let kind = Class(rawValue: String(fields[1])), fields[0].hasSuffix(".") else {
                throw LexiconError(
                    file: origin, line: number + 1, reason: "expected \"form.<TAB>title|any\", found \"\(line)\"")
            }
            forms[fields[0].lowercased()] = kind
        }
        self.init(forms: forms)
    }

    /// The class of a form (case-insensitive), or `nil` when it is not listed.
    public func lookup(_ form: String) -> Class? {
        forms[form.lowercased()]
    }
}

/// A lexicon file that cannot be read.
public struct LexiconError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
