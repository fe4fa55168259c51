/// The people, organizations and places of one document, each entity once
/// with its mentions counted: what `kutip entities` prints.
public struct EntitySummary: Sendable, Equatable {
    /// One entity: every mention that shares a canonical name.
    public struct Item: Sendable, Equatable {
        /// The canonical name (the mention's own text when it has none).
        public var name: String
        /// How many times the document mentions it.
        public var mentions: Int
        /// The distinct spellings used, in order of first appearance.
        public var forms: [String]
        /// A person's role: the entity layer's when it gives one, else the one
        /// the quotes layer gives that speaker.
        public var role: String?
        /// Where it is first mentioned (scalar offset), for a stable order.
        public var firstOffset: Int
    }

    /// People, most mentioned first.
    public var people: [Item]
    /// Organizations, most mentioned first.
    public var organizations: [Item]
    /// Places, most mentioned first.
    public var places: [Item]

    /// Summarizes the entities (and quote roles) of `document`; empty lists
    /// when it has no entities layer.
    public init(_ document: Document) {
        var speakerRoles: [String: String] = [:]
        for quote in document.quotes ?? [] {
            if let speaker = quote.speaker, let role = quote.role, speakerRoles[speaker] == nil {
                speakerRoles[speaker] = role
            }
        }
        func items(_ type: EntityType) -> [Item] {
            var byName: [String: Item] = [:]
            for entity in document.entities ?? [] where entity.type == type {
                let name = entity.canonical ?? entity.span.text
                var item =
                    byName[name] ?? Item(name: name, mentions: 0, forms: [], role: nil, firstOffset: entity.span.start)
                item.mentions += 1
                if !item.forms.contains(entity.span.text) { item.forms.append(entity.span.text) }
                if item.role == nil { item.role = entity.role }
                byName[name] = item
            }
            if type == .person {
                for (name, item) in byName where item.role == nil { byName[name]?.role = speakerRoles[name] }
            }
            return byName.values.sorted {
                ($0.mentions, -$0.firstOffset, $0.name) > ($1.mentions, -$1.firstOffset, $1.name)
            }
        }
        people = items(.person)
        organizations = items(.organization)
        places = items(.location)
    }
}
