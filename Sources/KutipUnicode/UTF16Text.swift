/// A text in UTF-16 code units, as ICU wants it, with the map back to
/// Unicode-scalar offsets, which is what every Kutip span counts.
///
/// Converting once at the boundary keeps the rest of Kutip in scalars. Texts
/// without supplementary-plane scalars (no emoji, no rare CJK) — nearly all
/// news — have identical UTF-16 and scalar offsets, and skip the map.
public struct UTF16Text: Sendable {
    /// The code units.
    public let units: [UInt16]
    /// For each code-unit offset `u` (and `units.count`), the scalar offset of
    /// the scalar that starts at or contains `u`; empty when the two are identical.
    @usableFromInline
    let scalarOffsets: [Int32]

    /// Encodes `scalars`. O(n).
    public init(_ scalars: [Unicode.Scalar]) {
        var supplementary = false
        let basic = [UInt16](unsafeUninitializedCapacity: scalars.count) { buffer, initialized in
            for (index, scalar) in scalars.enumerated() {
                if scalar.value >= 0x10000 {
                    supplementary = true
                    break
                }
                buffer[index] = UInt16(truncatingIfNeeded: scalar.value)
            }
            initialized = supplementary ? 0 : scalars.count
        }
        if !supplementary {
            units = basic
            scalarOffsets = []
            return
        }
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
    @inlinable
    public func scalarOffset(_ utf16Offset: Int32) -> Int {
        scalarOffsets.isEmpty ? Int(utf16Offset) : Int(scalarOffsets[Int(utf16Offset)])
    }
}
