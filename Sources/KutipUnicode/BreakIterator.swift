internal import CICU
import Foundation

/// An ICU break iterator (word or sentence), compiled once and shared.
///
/// Compiling rules is slow and an ICU iterator is not thread-safe, so the
/// compiled iterator is kept as a template that is never given text, and each
/// call borrows a clone of it from a small pool (so clones are made once per
/// concurrent caller, not once per call).
public final class BreakIterator: @unchecked Sendable {
    /// What the iterator finds boundaries between.
    public enum Kind: Sendable {
        case word, sentence

        fileprivate var icuValue: Int32 {
            switch self {
            case .word: return Int32(KUTIP_ICU_BREAK_WORD)
            case .sentence: return Int32(KUTIP_ICU_BREAK_SENTENCE)
            }
        }
    }

    private let template: OpaquePointer
    /// Idle clones, reused so that a clone is made per thread, not per call.
    private var idle: [OpaquePointer] = []
    private let lock = NSLock()

    /// Opens ICU's iterator of `kind` for `locale`, with `extraRules` (ICU
    /// break-rule syntax) appended to the locale's own rules when given.
    ///
    /// - Throws: ``UnicodeError/breakRules(_:)`` with ICU's message, including
    ///   the rule line and offset of a syntax error.
    public init(_ kind: Kind, locale: String = "id", extraRules: String? = nil) throws {
        var message = [CChar](repeating: 0, count: 512)
        let handle: OpaquePointer?
        if let extraRules, !extraRules.isEmpty {
            let units = Array(extraRules.utf16)
            handle = units.withUnsafeBufferPointer { buffer in
                kutip_icu_breaker_open(kind.icuValue, locale, buffer.baseAddress, Int32(buffer.count), &message, 512)
            }
        } else {
            handle = kutip_icu_breaker_open(kind.icuValue, locale, nil, 0, &message, 512)
        }
        guard let handle else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw UnicodeError.breakRules(text)
        }
        template = handle
    }

    deinit {
        for iterator in idle { kutip_icu_breaker_close(iterator) }
        kutip_icu_breaker_close(template)
    }

    private func checkOut() -> OpaquePointer? {
        lock.lock()
        let iterator = idle.popLast()
        lock.unlock()
        return iterator ?? kutip_icu_breaker_clone(template)
    }

    private func checkIn(_ iterator: OpaquePointer) {
        lock.lock()
        if idle.count < 64 {
            idle.append(iterator)
            lock.unlock()
        } else {
            lock.unlock()
            kutip_icu_breaker_close(iterator)
        }
    }

    /// The boundaries of `text` in UTF-16 offsets, `0` and `text.count` included.
    public func boundaries(in text: UTF16Text) -> [Int32] {
        guard let iterator = checkOut() else { return [0, Int32(text.units.count)] }
        defer { checkIn(iterator) }
        var capacity = text.units.count / 3 + 16
        while true {
            var count: Int32 = 0
            let offsets = [Int32](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                count = text.units.withUnsafeBufferPointer { units in
                    kutip_icu_breaker_boundaries(
                        iterator, units.baseAddress, Int32(units.count), buffer.baseAddress, nil, Int32(capacity))
                }
                initialized = count >= 0 ? Int(count) : 0
            }
            if count >= 0 { return offsets }
            if count == -1 { return [0, Int32(text.units.count)] }
            capacity = Int(-count)
        }
    }
}

/// A failure inside ICU.
public enum UnicodeError: Error, CustomStringConvertible, Sendable {
    case breakRules(String)
    case normalization

    public var description: String {
        switch self {
        case .breakRules(let message): return "ICU break rules: \(message)"
        case .normalization: return "ICU normalization failed"
        }
    }
}

/// The ICU library's version, e.g. "72.1".
public var icuVersion: String { String(cString: kutip_icu_version()) }
