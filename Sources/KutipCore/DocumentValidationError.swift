/// A document whose annotations do not fit its text, or whose JSON is not
/// `kutip/1`. The message names the file, layer, item and offset.
public struct DocumentValidationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Where the document came from (a file path, "line 12 of input.jsonl"), when known.
    public var origin: String?
    /// The layer at fault, when the problem is in one.
    public var layer: String?
    /// The item's index within its layer.
    public var index: Int?
    /// The scalar offset at fault.
    public var offset: Int?
    /// What is wrong.
    public var reason: String

    public init(origin: String? = nil, layer: String? = nil, index: Int? = nil, offset: Int? = nil, reason: String) {
        self.origin = origin
        self.layer = layer
        self.index = index
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        var parts: [String] = []
        if let origin { parts.append(origin) }
        if let layer {
            var place = "layer \(layer)"
            if let index { place += " item \(index)" }
            if let offset { place += " at offset \(offset)" }
            parts.append(place)
        } else if let offset {
            parts.append("offset \(offset)")
        }
        parts.append(reason)
        return parts.joined(separator: ": ")
    }

    /// The same error with its origin set.
    public func from(_ origin: String) -> DocumentValidationError {
        var copy = self
        copy.origin = origin
        return copy
    }
}
