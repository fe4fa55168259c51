/// A text in UTF-16 code units, as ICU wants it, with the map back to
/// Unicode-scalar offsets, which is what every Kutip span counts.
///
/// Converting once at the boundary keeps the rest of Kutip in scalars.
public struct UTF16Text: Sendable {
    /// The code units.
    public let units: [UInt16]
    /// For each code-unit offset `u` (and `units.count`), the scalar offset of
    /// the scalar that starts at or contains `u`.
    public let scalarOffsets: [Int32]

    /// Encodes `scalars`. O(n).
    public init(_ scalars: [Unicode.Scalar]) {
        var units: [UInt16] = []
        var offsets: [Int32] = []
        units.reserveCapacity(scalars.count + scalars.count / 16)
        offsets.reserveCapacity(scalars.count + scalars.count / 16 + 1)
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            if value < 0x10000 {
                units.append(UInt16(truncatingIfNeeded: value))
                offsets.append(Int32(truncatingIfNeeded: index))
            } else {
                let shifted = value - 0x10000
                units.append(UInt16(truncatingIfNeeded: 0xD800 + (shifted >> 10)))
                units.append(UInt16(truncatingIfNeeded: 0xDC00 + (shifted & 0x3FF)))
                offsets.append(Int32(truncatingIfNeeded: index))
                offsets.append(Int32(truncatingIfNeeded: index))
            }
        }
        offsets.append(Int32(truncatingIfNeeded: scalars.count))
        self.units = units
        self.scalarOffsets = offsets
    }

    /// The scalar offset of a UTF-16 offset.
    @inline(__always)
    public func scalarOffset(_ utf16Offset: Int32) -> Int {
        Int(scalarOffsets[Int(utf16Offset)])
    }
}
