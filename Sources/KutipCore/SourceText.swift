/// The untouched text of a document, with its Unicode scalars laid out for
/// constant-time indexing and fast slicing.
///
/// Every offset in Kutip counts **Unicode scalar values** (code points) from the
/// start of the text, exactly as `../shared/ANNOTATION.md` defines: no
/// normalization, no trimming, and `"\r\n"` counts as two. Python's
/// `text[start:end]` and Swift's `text.unicodeScalars` index the same way.
///
/// `SourceText` is an immutable reference type so that copies of a
/// ``Document`` share one set of arrays.
public final class SourceText: Sendable {
    /// The text exactly as given.
    public let string: String
    /// The text's scalars; index `i` is scalar offset `i`.
    public let scalars: [Unicode.Scalar]
    /// The text's UTF-8 bytes.
    public let utf8: [UInt8]
    /// For each scalar offset `i` (and `count`), the UTF-8 offset where it
    /// starts; empty for ASCII text, where the two are equal.
    @usableFromInline
    let utf8Offsets: [Int32]

    /// Creates the scalar view of `string`. O(n).
    public init(_ string: String) {
        self.string = string
        let bytes = Array(string.utf8)
        if !bytes.contains(where: { $0 >= 0x80 }) {
            self.scalars = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
                for (index, byte) in bytes.enumerated() { buffer[index] = Unicode.Scalar(byte) }
                initialized = bytes.count
            }
            self.utf8 = bytes
            self.utf8Offsets = []
            return
        }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var offsets: [Int32] = []
        offsets.reserveCapacity(bytes.count + 1)
        var position = 0
        for scalar in string.unicodeScalars {
            scalars.append(scalar)
            offsets.append(Int32(truncatingIfNeeded: position))
            position += UTF8.width(scalar)
        }
        offsets.append(Int32(truncatingIfNeeded: position))
        self.scalars = scalars
        self.utf8 = bytes
        self.utf8Offsets = offsets
    }

    /// The UTF-8 offset of a scalar offset (`0...count`).
    @inlinable
    public func utf8Offset(_ scalarOffset: Int) -> Int {
        utf8Offsets.isEmpty ? scalarOffset : Int(utf8Offsets[scalarOffset])
    }

    /// The number of scalars in the text.
    public var count: Int { scalars.count }

    /// The text between two scalar offsets: a copy of their UTF-8 bytes.
    ///
    /// - Precondition: `0 <= start <= end <= count`.
    public func slice(_ start: Int, _ end: Int) -> String {
        let from = utf8Offset(start)
        let to = utf8Offset(end)
        return utf8.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[from..<to]), as: UTF8.self)
        }
    }

    /// A span of this text with its `text` filled in from the slice.
    public func span(_ start: Int, _ end: Int) -> Span {
        Span(start: start, end: end, text: slice(start, end))
    }
}
