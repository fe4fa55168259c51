internal import CICU

/// Unicode normalization and case folding, by ICU.
public enum TextNormalization {
    /// The normalization forms Kutip uses.
    public enum Form: Sendable {
        /// Canonical composition.
        case nfc
        /// Compatibility composition: folds ligatures, full-width forms, NBSP to space.
        case nfkc
        /// NFKC plus case folding and removal of default-ignorables: the key for lexicon look-ups.
        case nfkcCaseFold

        fileprivate var icuValue: Int32 {
            switch self {
            case .nfc: return Int32(KUTIP_ICU_NFC)
            case .nfkc: return Int32(KUTIP_ICU_NFKC)
            case .nfkcCaseFold: return Int32(KUTIP_ICU_NFKC_CASEFOLD)
            }
        }
    }

    /// `text` normalized to `form`.
    public static func normalize(_ text: String, _ form: Form) -> String {
        transform(text) { input, count, output, capacity in
            kutip_icu_normalize(form.icuValue, input, count, output, capacity)
        }
    }

    /// `text` with full Unicode case folding (for caseless comparison).
    public static func foldCase(_ text: String) -> String {
        transform(text) { input, count, output, capacity in
            kutip_icu_fold_case(input, count, output, capacity)
        }
    }

    private static func transform(
        _ text: String,
        _ body: (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32) -> Int32
    ) -> String {
        let input = Array(text.utf16)
        var capacity = input.count + 8
        while true {
            var output = [UInt16](repeating: 0, count: capacity)
            let written = input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    body(source.baseAddress, Int32(source.count), target.baseAddress, Int32(capacity))
                }
            }
            if written == Int32.min { return text }
            if written >= 0 { return String(decoding: output.prefix(Int(written)), as: UTF16.self) }
            capacity = Int(-written)
        }
    }
}
