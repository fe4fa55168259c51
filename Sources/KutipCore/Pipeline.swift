/// An ordered list of ``Stage``s whose requirements have been checked.
///
/// Build it once and reuse it: `Pipeline` is a `Sendable` value, and
/// ``annotate(_:)`` may be called from many tasks at once.
public struct Pipeline: Sendable {
    /// The stages, in the order they run.
    public let stages: [any Stage]

    /// Checks that every stage's requirements are provided by an earlier stage
    /// (or by `initialLayers`, the layers documents arrive with) and that no
    /// two stages provide the same layer.
    ///
    /// - Throws: ``PipelineError`` listing every problem at once.
    public init(_ stages: [any Stage], initialLayers: Set<Layer> = []) throws {
        var problems: [PipelineError.Problem] = []
        var available = initialLayers
        var names: Set<String> = []
        for stage in stages {
            if !names.insert(stage.name).inserted {
                problems.append(.duplicateName(stage: stage.name))
            }
            for layer in stage.requires.subtracting(available).sorted() {
                problems.append(.missingRequirement(stage: stage.name, layer: layer))
            }
            for layer in stage.provides.intersection(available).sorted() {
                problems.append(.providedTwice(stage: stage.name, layer: layer))
            }
            available.formUnion(stage.provides)
        }
        guard problems.isEmpty else { throw PipelineError(problems: problems) }
        self.stages = stages
        self.initialLayers = initialLayers
    }

    /// The layers documents are expected to arrive with.
    public let initialLayers: Set<Layer>

    /// Every layer the pipeline's output has.
    public var providedLayers: Set<Layer> {
        stages.reduce(initialLayers) { $0.union($1.provides) }
    }

    /// The stage names, in order.
    public var stageNames: [String] { stages.map(\.name) }

    /// A pipeline with `stage` inserted right after the stage named `name`.
    public func inserting(_ stage: any Stage, after name: String) throws -> Pipeline {
        try inserting(stage, at: try index(of: name) + 1)
    }

    /// A pipeline with `stage` inserted right before the stage named `name`.
    public func inserting(_ stage: any Stage, before name: String) throws -> Pipeline {
        try inserting(stage, at: try index(of: name))
    }

    /// A pipeline with `stage` added at the end.
    public func appending(_ stage: any Stage) throws -> Pipeline {
        try inserting(stage, at: stages.count)
    }

    /// A pipeline with the stage named `name` replaced by `stage`.
    public func replacing(_ name: String, with stage: any Stage) throws -> Pipeline {
        var copy = stages
        copy[try index(of: name)] = stage
        return try Pipeline(copy, initialLayers: initialLayers)
    }

    /// A pipeline that stops after the stage named `name`.
    public func prefix(through name: String) throws -> Pipeline {
        try Pipeline(Array(stages[...(try index(of: name))]), initialLayers: initialLayers)
    }

    private func inserting(_ stage: any Stage, at position: Int) throws -> Pipeline {
        var copy = stages
        copy.insert(stage, at: position)
        return try Pipeline(copy, initialLayers: initialLayers)
    }

    private func index(of name: String) throws -> Int {
        guard let position = stages.firstIndex(where: { $0.name == name }) else {
            throw PipelineError(problems: [.unknownStage(name: name, known: stageNames)])
        }
        return position
    }

    /// Runs every stage on `document`.
    ///
    /// In debug builds the document is validated after each stage, so a stage
    /// that breaks the offset invariant is caught where it happens.
    public func annotate(_ document: Document) throws -> Document {
        var document = document
        for stage in stages {
            try stage.process(&document)
            #if DEBUG
                do {
                    try document.validate()
                } catch {
                    throw StageError(stage: stage.name, reason: "left an invalid document: \(error)")
                }
            #endif
        }
        return document
    }

    /// Annotates a plain text.
    public func annotate(text: String, id: String? = nil, meta: Metadata = Metadata()) throws -> Document {
        try annotate(Document(id: id, text: text, meta: meta))
    }
}

/// A pipeline whose stages do not fit together.
public struct PipelineError: Error, CustomStringConvertible, Sendable, Equatable {
    /// One thing wrong with the stage order.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case missingRequirement(stage: String, layer: Layer)
        case providedTwice(stage: String, layer: Layer)
        case duplicateName(stage: String)
        case unknownStage(name: String, known: [String])

        public var description: String {
            switch self {
            case .missingRequirement(let stage, let layer):
                return "stage \"\(stage)\" requires layer \"\(layer.rawValue)\", which no earlier stage provides"
            case .providedTwice(let stage, let layer):
                return
                    "stage \"\(stage)\" provides layer \"\(layer.rawValue)\", which an earlier stage already provides"
            case .duplicateName(let stage):
                return "two stages are named \"\(stage)\""
            case .unknownStage(let name, let known):
                return "no stage is named \"\(name)\" (stages: \(known.joined(separator: ", ")))"
            }
        }
    }

    /// Every problem found.
    public var problems: [Problem]

    public var description: String {
        "invalid pipeline: " + problems.map(\.description).joined(separator: "; ")
    }
}
