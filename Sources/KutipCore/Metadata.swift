/// What is known about a document besides its text.
public struct Metadata: Sendable, Hashable {
    /// The outlet or collection the text comes from.
    public var source: String?
    public var url: String?
    public var title: String?
    /// The publication date as an ISO date (`YYYY-MM-DD`): the reference time
    /// that relative dates are resolved against.
    public var published: String?
    /// Any other fields, kept as given and written back in key order.
    public var extra: [String: JSONValue]

    public init(
        source: String? = nil, url: String? = nil, title: String? = nil, published: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.source = source
        self.url = url
        self.title = title
        self.published = published
        self.extra = extra
    }
}
