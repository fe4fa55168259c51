/// One step of a ``Pipeline``: it reads some layers of a ``Document`` and adds others.
///
/// A stage declares what it ``requires`` and what it ``provides``; the pipeline
/// checks the order once, when it is built. Stages hold only immutable,
/// `Sendable` state (compiled lexicons, models), so one pipeline can annotate
/// documents from many tasks at once.
///
/// ```swift
/// struct ShoutingStage: Stage {
///     let name = "shouting"
///     let requires: Set<Layer> = [.tokens]
///     let provides: Set<Layer> = [.abbreviations]
///     func process(_ document: inout Document) throws {
///         document.abbreviations = document.tokens!.filter { $0.span.text == "ASN" }
///             .map { Abbreviation(span: $0.span, expansion: "Aparatur Sipil Negara") }
///     }
/// }
/// ```
public protocol Stage: Sendable {
    /// A short unique name, used to insert other stages before or after this one.
    var name: String { get }
    /// The layers that must be present before this stage runs.
    var requires: Set<Layer> { get }
    /// The layers this stage writes. It must not change any other layer, nor the text.
    var provides: Set<Layer> { get }
    /// Adds this stage's layers to `document`.
    func process(_ document: inout Document) throws
}

/// A stage that failed on a document.
public struct StageError: Error, CustomStringConvertible, Sendable {
    /// The stage's ``Stage/name``.
    public var stage: String
    /// What went wrong.
    public var reason: String

    public init(stage: String, reason: String) {
        self.stage = stage
        self.reason = reason
    }

    public var description: String { "stage \(stage): \(reason)" }
}
