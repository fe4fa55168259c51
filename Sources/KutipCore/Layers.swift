/// The annotation layers of a ``Document``, named as in the `kutip/1` JSON.
public enum Layer: String, Sendable, CaseIterable, Codable, Comparable {
    case boilerplate
    case sentences
    case tokens
    case abbreviations
    case entities
    case dates
    case quotes

    public static func < (lhs: Layer, rhs: Layer) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A token: a word, number, punctuation mark or other unit of the text.
public struct Token: SpanAnnotation, Hashable {
    /// What sort of unit a token is.
    public enum Kind: String, Sendable, Codable, Hashable {
        case word, number, punctuation, symbol, url, email, handle, hashtag, abbreviation, emoji, other
    }
    public var span: Span
    public var kind: Kind

    public init(span: Span, kind: Kind) {
        self.span = span
        self.kind = kind
    }
}

/// An abbreviation and its expansion in context.
public struct Abbreviation: SpanAnnotation, Hashable {
    /// Where an expansion came from.
    public enum Origin: String, Sendable, Codable, Hashable {
        /// The article defines the form itself ("Zona Integritas (ZI)").
        case article
        /// A lexicon entry.
        case lexicon
    }

    /// The short form, with its period when it has one ("Pol.").
    public var span: Span
    /// The full form in this context, nested abbreviations expanded too.
    public var expansion: String
    /// Where the expansion came from, when known.
    public var origin: Origin?
    /// The other expansions the form has, when the choice was ambiguous.
    public var alternatives: [String]?

    public init(span: Span, expansion: String, origin: Origin? = nil, alternatives: [String]? = nil) {
        self.span = span
        self.expansion = expansion
        self.origin = origin
        self.alternatives = alternatives
    }
}

/// The type of a named entity.
public enum EntityType: String, Sendable, Codable, Hashable, CaseIterable {
    case person = "PER"
    case organization = "ORG"
    case location = "LOC"
}

/// A mention of a person, organization or place.
public struct Entity: SpanAnnotation, Hashable {
    public var span: Span
    public var type: EntityType
    /// The fullest spelling of the entity's name in the document; required on
    /// persons, optional elsewhere.
    public var canonical: String?
    /// The role the document gives a person ("Sekretaris Jenderal Kemenkumham").
    public var role: String?

    public init(span: Span, type: EntityType, canonical: String? = nil, role: String? = nil) {
        self.span = span
        self.type = type
        self.canonical = canonical
        self.role = role
    }
}

/// The TimeML class of a temporal expression.
public enum TimexType: String, Sendable, Codable, Hashable, CaseIterable {
    case date = "DATE"
    case time = "TIME"
    case duration = "DURATION"
    case set = "SET"
}

/// A temporal expression normalized to a TIMEX3 value.
public struct TemporalExpression: SpanAnnotation, Hashable {
    public var span: Span
    public var type: TimexType
    /// The TIMEX3 value: `2023-01-30`, `2023-W05`, `P2Y`, `PAST_REF`, …
    public var value: String

    public init(span: Span, type: TimexType, value: String) {
        self.span = span
        self.type = type
        self.value = value
    }
}

/// Whether a quote is the speaker's words in quotation marks or reported content.
public enum QuoteKind: String, Sendable, Codable, Hashable, CaseIterable {
    case direct
    case indirect
}

/// Speech or writing the article attributes to someone.
public struct Quote: SpanAnnotation, Hashable {
    /// For a direct quote, from the opening mark to the closing mark inclusive;
    /// for an indirect quote, the content clause.
    public var span: Span
    public var kind: QuoteKind
    /// The canonical name of the speaker, an organization's name, the phrase
    /// naming an unnamed source, or `nil` when the text does not say.
    public var speaker: String?
    /// The speech-verb token linking quote and speaker, when there is one.
    public var cue: Span?
    /// The speaker's role, when the article gives it.
    public var role: String?
    /// The speaker's organization, when the article gives it.
    public var organization: String?
    /// Where the text names the speaker for this quote, when it does so explicitly.
    public var speakerMention: Span?
    /// The index of the paragraph (non-blank line) the quote starts in.
    public var paragraph: Int?

    public init(
        span: Span, kind: QuoteKind, speaker: String?, cue: Span? = nil, role: String? = nil,
        organization: String? = nil, speakerMention: Span? = nil, paragraph: Int? = nil
    ) {
        self.span = span
        self.kind = kind
        self.speaker = speaker
        self.cue = cue
        self.role = role
        self.organization = organization
        self.speakerMention = speakerMention
        self.paragraph = paragraph
    }
}
