/// The untouched text of a document, with its Unicode scalars laid out for
/// constant-time slicing.
///
/// Every offset in Kutip counts **Unicode scalar values** (code points) from the
/// start of the text, exactly as `../shared/ANNOTATION.md` defines: no
/// normalization, no trimming, and `"\r\n"` counts as two. Python's
/// `text[start:end]` and Swift's `text.unicodeScalars` index the same way.
///
/// `SourceText` is an immutable reference type so that copies of a
/// ``Document`` share one scalar array.
public final class SourceText: Sendable {
    /// The text exactly as given.
    public let string: String
    /// The text's scalars; index `i` is scalar offset `i`.
    public let scalars: [Unicode.Scalar]

    /// Creates the scalar view of `string`. O(n).
    public init(_ string: String) {
        self.string = string
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(string.utf8.count)
        scalars.append(contentsOf: string.unicodeScalars)
        self.scalars = scalars
    }

    /// The number of scalars in the text.
    public var count: Int { scalars.count }

    /// The text between two scalar offsets. O(end - start).
    ///
    /// - Precondition: `0 <= start <= end <= count`.
    public func slice(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// A span of this text with its `text` filled in from the slice.
    public func span(_ start: Int, _ end: Int) -> Span {
        Span(start: start, end: end, text: slice(start, end))
    }
}
