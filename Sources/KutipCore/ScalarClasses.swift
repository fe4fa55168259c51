/// Character classes with an ASCII fast path.
///
/// Unicode property look-ups search tables, and `Unicode.Scalar.Properties`
/// is a resilient type whose mere presence in a function costs a metadata
/// look-up and a dynamic stack frame. News text is mostly ASCII, so the fast
/// path is inlined and the property look-up lives in separate, never-inlined
/// functions.
extension Unicode.Scalar {
    /// White space (Unicode `White_Space`), including NBSP and line breaks.
    @inlinable
    public var isKutipWhitespace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return kutipSlowIsWhitespace(self)
    }

    /// A letter (Unicode `Alphabetic`).
    @inlinable
    public var isKutipLetter: Bool {
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        return kutipSlowIsLetter(self)
    }

    /// A decimal digit, in any script.
    @inlinable
    public var isKutipDigit: Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return kutipSlowIsDigit(self)
    }

    /// A letter or a digit (of any numeric type).
    @inlinable
    public var isKutipAlphanumeric: Bool {
        if value < 0x80 { return isKutipLetter || isKutipDigit }
        return kutipSlowIsAlphanumeric(self)
    }

    /// An uppercase letter.
    @inlinable
    public var isKutipUppercase: Bool {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return kutipSlowIsUppercase(self)
    }

    /// A lowercase letter.
    @inlinable
    public var isKutipLowercase: Bool {
        if value < 0x80 { return value >= 0x61 && value <= 0x7A }
        return kutipSlowIsLowercase(self)
    }
}

@usableFromInline @inline(never)
func kutipSlowIsWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

@usableFromInline @inline(never)
func kutipSlowIsLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }

@usableFromInline @inline(never)
func kutipSlowIsDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.numericType == .decimal }

@usableFromInline @inline(never)
func kutipSlowIsAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || scalar.properties.numericType != nil
}

@usableFromInline @inline(never)
func kutipSlowIsUppercase(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isUppercase }

@usableFromInline @inline(never)
func kutipSlowIsLowercase(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isLowercase }
