/// One article and everything the pipeline has found in it.
///
/// A `Document` flows through a ``Pipeline``; each ``Stage`` adds the layers it
/// provides. The text itself is never rewritten: every layer holds spans with
/// Unicode-scalar offsets into ``text`` (see ``SourceText``). A layer that has
/// not been annotated is `nil`; an empty array means "annotated, none found",
/// as in the `kutip/1` JSON.
public struct Document: Sendable {
    /// The document's identifier, when it has one.
    public var id: String?
    /// The text with its scalar view, shared between copies.
    public let source: SourceText
    public var meta: Metadata

    public var boilerplate: [Span]?
    public var sentences: [Span]?
    public var tokens: TokenList?
    public var abbreviations: [Abbreviation]?
    public var entities: [Entity]?
    public var dates: [TemporalExpression]?
    public var quotes: [Quote]?

    /// Creates a document with no layers.
    public init(id: String? = nil, text: String, meta: Metadata = Metadata()) {
        self.init(id: id, source: SourceText(text), meta: meta)
    }

    /// Creates a document over an existing scalar view.
    public init(id: String? = nil, source: SourceText, meta: Metadata = Metadata()) {
        self.id = id
        self.source = source
        self.meta = meta
    }

    /// The text exactly as given.
    public var text: String { source.string }

    /// The layers that are present (annotated), in schema order.
    public var presentLayers: Set<Layer> {
        var layers: Set<Layer> = []
        if boilerplate != nil { layers.insert(.boilerplate) }
        if sentences != nil { layers.insert(.sentences) }
        if tokens != nil { layers.insert(.tokens) }
        if abbreviations != nil { layers.insert(.abbreviations) }
        if entities != nil { layers.insert(.entities) }
        if dates != nil { layers.insert(.dates) }
        if quotes != nil { layers.insert(.quotes) }
        return layers
    }

    /// The spans of one layer, or `nil` when it is absent.
    public func spans(of layer: Layer) -> [Span]? {
        switch layer {
        case .boilerplate: return boilerplate
        case .sentences: return sentences
        case .tokens: return tokens?.map(\.span)
        case .abbreviations: return abbreviations?.map(\.span)
        case .entities: return entities?.map(\.span)
        case .dates: return dates?.map(\.span)
        case .quotes: return quotes?.map(\.span)
        }
    }

    /// Removes a layer, making it absent.
    public mutating func removeLayer(_ layer: Layer) {
        switch layer {
        case .boilerplate: boilerplate = nil
        case .sentences: sentences = nil
        case .tokens: tokens = nil
        case .abbreviations: abbreviations = nil
        case .entities: entities = nil
        case .dates: dates = nil
        case .quotes: quotes = nil
        }
    }
}
