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
        // ASCII (most news text): one pass fills the scalars and proves it.
        var ascii = true
        let asciiScalars = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            bytes.withUnsafeBufferPointer { source in
                for index in source.indices {
                    let byte = source[index]
                    if byte >= 0x80 {
                        ascii = false
                        break
                    }
                    buffer[index] = Unicode.Scalar(byte)
                }
            }
            initialized = ascii ? bytes.count : 0
        }
        if ascii {
            self.scalars = asciiScalars
            self.utf8 = bytes
            self.utf8Offsets = []
            return
        }
        // Other text: decode the (already valid) UTF-8 straight into both arrays.
        var count = 0
        var offsets = [Int32](repeating: 0, count: bytes.count + 1)
        let decoded = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { scalarBuffer, scalarsInitialized in
            offsets.withUnsafeMutableBufferPointer { offsetBuffer in
                bytes.withUnsafeBufferPointer { source in
                    var position = 0
                    while position < source.count {
                        let lead = UInt32(source[position])
                        var value: UInt32
                        let width: Int
                        if lead < 0x80 {
                            value = lead
                            width = 1
                        } else if lead < 0xE0 {
                            value = lead & 0x1F
                            width = 2
                        } else if lead < 0xF0 {
                            value = lead & 0x0F
                            width = 3
                        } else {
                            value = lead & 0x07
                            width = 4
                        }
                        if width > 1 {
                            for continuation in 1..<width {
                                value = (value << 6) | (UInt32(source[position + continuation]) & 0x3F)
                            }
                        }
                        scalarBuffer[count] = Unicode.Scalar(value) ?? "\u{FFFD}"
                        offsetBuffer[count] = Int32(truncatingIfNeeded: position)
                        count += 1
                        position += width
                    }
                    offsetBuffer[count] = Int32(truncatingIfNeeded: position)
                }
            }
            scalarsInitialized = count
        }
        offsets.removeSubrange((count + 1)...)
        self.scalars = decoded
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
