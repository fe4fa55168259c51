import Foundation
import KutipCore

/// A linear-chain sequence tagger for PER, ORG and LOC with BIO tags: an
/// averaged structured perceptron over hashed features, decoded by Viterbi.
///
/// Features are hashed into a fixed table (no vocabulary to store), so the
/// model is one row of weights per slot plus a tag-transition matrix. A token's
/// features are hashes of precomputed token hashes (see `EntityFeatures`), so
/// tagging builds no strings. The file format is little-endian: magic "KNER",
/// version, log2 of the slot count, tag count, then the transition and feature
/// weights as Float32.
public struct EntityTagger: Sendable {
    /// The tags, in weight order.
    public static let tags = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
    static let tagCount = tags.count
    /// The file version: 2 is the feature set of `EntityFeatures`; version 1
    /// models (string features) would load but score garbage, so they are refused.
    static let version: UInt32 = 2

    /// log2 of the number of hashed feature slots.
    public let bits: Int
    /// One row per slot; lane `tag` is the weight for that tag, lane 7 unused
    /// (8 lanes keep a row in one cache line and add as one vector).
    var weights: [SIMD8<Float>]
    /// Row `previous` (0…6, 7 = sentence start) → the score of each next tag.
    var transitions: [SIMD8<Float>]

    var dimension: Int { 1 << bits }

    /// The word and name lists behind the gazetteer features; the same lists
    /// must be given at training and at tagging time.
    public var gazetteer = EntityGazetteer()

    public init(bits: Int = 18) {
        self.bits = bits
        self.weights = [SIMD8<Float>](repeating: .zero, count: 1 << bits)
        self.transitions = [SIMD8<Float>](repeating: .zero, count: 8)
    }

    // MARK: Decoding

    /// `-infinity` where a tag may not follow another: "I-X" only after "B-X"
    /// or "I-X", and never lane 7.
    static let forbidden: [SIMD8<Float>] = (0..<8).map { previous in
        var row = SIMD8<Float>(repeating: 0)
        for tag in 0..<8 {
            if tag == 7 || (tag > 0 && tag % 2 == 0 && !(previous == tag || previous == tag - 1)) {
                row[tag] = -.infinity
            }
        }
        return row
    }

    /// The feature score of every tag at each position of `range`.
    @inline(__always)
    func score(_ facts: UnsafeBufferPointer<TokenFacts>, _ position: Int, caseless: Bool) -> SIMD8<Float> {
        var sum = SIMD8<Float>.zero
        let mask = UInt64(dimension - 1)
        weights.withUnsafeBufferPointer { table in
            EntityFeatures.forEach(facts, position, caseless: caseless, mask: mask) { sum += table[$0] }
        }
        return sum
    }

    /// Viterbi over `range` of a sentence's positions given their scores,
    /// entering from `O` (or the sentence start) and, when `closed`, leaving
    /// into `O`. `allowed`, when given, masks the tags each position may take
    /// (used for partially labeled training data).
    func viterbi(
        _ scores: ArraySlice<SIMD8<Float>>, fromStart: Bool, closed: Bool, allowed: ArraySlice<SIMD8<Float>>? = nil
    ) -> [Int] {
        let count = scores.count
        guard count > 0 else { return [] }
        let base = scores.startIndex
        var best = [SIMD8<Float>](repeating: .zero, count: count)
        var back = [SIMD8<Int32>](repeating: .zero, count: count)
        let start = transitions[fromStart ? 7 : 0] + Self.forbidden[fromStart ? 7 : 0]
        best[0] = start + scores[base] + (allowed?[allowed!.startIndex] ?? .zero)
        if count > 1 {
            for position in 1..<count {
                var top = SIMD8<Float>(repeating: -.infinity)
                var arg = SIMD8<Int32>.zero
                let previousBest = best[position - 1]
                for previous in 0..<Self.tagCount {
                    let candidate = previousBest[previous] + transitions[previous] + Self.forbidden[previous]
                    let better = candidate .> top
                    top.replace(with: candidate, where: better)
                    arg.replace(with: Int32(previous), where: better)
                }
                best[position] = top + scores[base + position] + (allowed?[allowed!.startIndex + position] ?? .zero)
                back[position] = arg
            }
        }
        var final = best[count - 1]
        if closed {
            for tag in 0..<Self.tagCount { final[tag] += transitions[tag][0] }
        }
        var tag = 0
        for candidate in 1..<Self.tagCount where final[candidate] > final[tag] { tag = candidate }
        var path = [Int](repeating: 0, count: count)
        for position in stride(from: count - 1, through: 0, by: -1) {
            path[position] = tag
            tag = Int(back[position][tag])
        }
        return path
    }

    /// The best tag sequence (indices into ``tags``) for the tokens `ranges` of
    /// `scalars`.
    ///
    /// A token with no capital letter within two tokens of it is `O` without
    /// being scored (names are capitalized in edited text), and Viterbi runs
    /// over the stretches between; a sentence with no capital at all
    /// (lowercased text) is scored whole.
    func tagIndices(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ ranges: [Range<Int>]) -> [Int] {
        guard !ranges.isEmpty else { return [] }
        let (facts, caseless) = EntityFeatures.facts(scalars, ranges, gazetteer.index)
        let count = facts.count
        var active = [Bool](repeating: caseless, count: count)
        if !caseless {
            for position in 0..<count where facts[position].flags & EntityFeatures.Flag.casing != 0 {
                for near in max(0, position - 2)...min(count - 1, position + 2) { active[near] = true }
            }
        }
        var path = [Int](repeating: 0, count: count)
        var scores = [SIMD8<Float>](repeating: .zero, count: count)
        facts.withUnsafeBufferPointer { facts in
            var position = 0
            while position < count {
                guard active[position] else {
                    position += 1
                    continue
                }
                var end = position
                while end < count && active[end] {
                    scores[end] = score(facts, end, caseless: caseless)
                    end += 1
                }
                let stretch = viterbi(scores[position..<end], fromStart: position == 0, closed: end < count)
                for (offset, tag) in stretch.enumerated() { path[position + offset] = tag }
                position = end
            }
        }
        return path
    }

    /// The tags of a sentence's words.
    public func tag(_ words: [String]) -> [String] {
        let (scalars, ranges) = Self.join(words)
        return scalars.withUnsafeBufferPointer { tagIndices($0, ranges) }.map { Self.tags[$0] }
    }

    /// The scalars of `words` laid end to end, and each word's range.
    static func join(_ words: [String]) -> ([Unicode.Scalar], [Range<Int>]) {
        var scalars: [Unicode.Scalar] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(words.count)
        for word in words {
            let start = scalars.count
            scalars.append(contentsOf: word.unicodeScalars)
            ranges.append(start..<scalars.count)
        }
        return (scalars, ranges)
    }

    // MARK: Training

    /// Trains an averaged structured perceptron on sentences of (word, tag)
    /// pairs; tags outside ``tags`` count as "O". Deterministic for a seed.
    ///
    /// A tag of `"O?"` marks a token whose gold tag is only known to be `O` or
    /// an ORG tag (corpora such as NERP that do not annotate organizations): the
    /// gold path for such a sentence is the best path the model allows under
    /// that constraint (a latent-variable perceptron update).
    public static func train(
        _ sentences: [[(word: String, tag: String)]], gazetteer: EntityGazetteer = EntityGazetteer(), epochs: Int = 8,
        bits: Int = 18, seed: UInt64 = 7, progress: (Int, Double) -> Void = { _, _ in }
    ) -> EntityTagger {
        var model = EntityTagger(bits: bits)
        model.gazetteer = gazetteer
        let mask = UInt64((1 << bits) - 1)
        struct Prepared {
            var keys: [Int32]
            var offsets: [Int32]
            var gold: [Int]
            var allowed: [SIMD8<Float>]?
        }
        let partialLanes = SIMD8<Float>(0, -.infinity, -.infinity, 0, 0, -.infinity, -.infinity, -.infinity)
        let prepared = sentences.map { sentence -> Prepared in
            let (scalars, ranges) = join(sentence.map(\.word))
            let (facts, caseless) = scalars.withUnsafeBufferPointer {
                EntityFeatures.facts($0, ranges, gazetteer.index)
            }
            var keys: [Int32] = []
            var offsets: [Int32] = [0]
            facts.withUnsafeBufferPointer { facts in
                for position in facts.indices {
                    EntityFeatures.forEach(facts, position, caseless: caseless, mask: mask) {
                        keys.append(Int32(truncatingIfNeeded: $0))
                    }
                    offsets.append(Int32(keys.count))
                }
            }
            let partial = sentence.contains { $0.tag == "O?" }
            var allowed: [SIMD8<Float>]?
            if partial {
                allowed = sentence.map { item in
                    if item.tag == "O?" { return partialLanes }
                    var lanes = SIMD8<Float>(repeating: -.infinity)
                    lanes[tags.firstIndex(of: item.tag) ?? 0] = 0
                    return lanes
                }
            }
            return Prepared(
                keys: keys, offsets: offsets, gold: sentence.map { tags.firstIndex(of: $0.tag) ?? 0 }, allowed: allowed)
        }
        var totals = [Float](repeating: 0, count: model.weights.count * 8)
        var stamps = [Int32](repeating: 0, count: model.weights.count * 8)
        var transitionTotals = [Float](repeating: 0, count: 64)
        var transitionStamps = [Int32](repeating: 0, count: 64)
        var order = Array(prepared.indices)
        var random = seed
        var step: Int32 = 1
        for epoch in 0..<epochs {
            // Fisher–Yates with a small LCG, for a reproducible order.
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                order.swapAt(index, Int(random >> 33) % (index + 1))
            }
            var correct = 0
            var total = 0
            for sentenceIndex in order {
                let sentence = prepared[sentenceIndex]
                let count = sentence.gold.count
                var scores = [SIMD8<Float>](repeating: .zero, count: count)
                model.weights.withUnsafeBufferPointer { table in
                    for position in 0..<count {
                        var sum = SIMD8<Float>.zero
                        for key in sentence.keys[Int(sentence.offsets[position])..<Int(sentence.offsets[position + 1])]
                        {
                            sum += table[Int(key)]
                        }
                        scores[position] = sum
                    }
                }
                let guess = model.viterbi(scores[...], fromStart: true, closed: false)
                var gold = sentence.gold
                if let allowed = sentence.allowed {
                    gold = model.viterbi(scores[...], fromStart: true, closed: false, allowed: allowed[...])
                }
                total += count
                for position in 0..<count where gold[position] == guess[position] { correct += 1 }
                if guess != gold {
                    func update(_ slot: Int, _ tag: Int, _ delta: Float) {
                        let index = slot * 8 + tag
                        totals[index] += Float(step - stamps[index]) * model.weights[slot][tag]
                        stamps[index] = step
                        model.weights[slot][tag] += delta
                    }
                    func updateTransition(_ previous: Int, _ tag: Int, _ delta: Float) {
                        let index = previous * 8 + tag
                        transitionTotals[index] +=
                            Float(step - transitionStamps[index]) * model.transitions[previous][tag]
                        transitionStamps[index] = step
                        model.transitions[previous][tag] += delta
                    }
                    for position in 0..<count {
                        let goldTag = gold[position]
                        let guessTag = guess[position]
                        let goldPrevious = position == 0 ? 7 : gold[position - 1]
                        let guessPrevious = position == 0 ? 7 : guess[position - 1]
                        if goldTag != guessTag {
                            for key in sentence.keys[
                                Int(sentence.offsets[position])..<Int(sentence.offsets[position + 1])]
                            {
                                update(Int(key), goldTag, 1)
                                update(Int(key), guessTag, -1)
                            }
                        }
                        if goldTag != guessTag || goldPrevious != guessPrevious {
                            updateTransition(goldPrevious, goldTag, 1)
                            updateTransition(guessPrevious, guessTag, -1)
                        }
                    }
                }
                step += 1
            }
            progress(epoch + 1, Double(correct) / Double(max(1, total)))
        }
        // Average: every weight's sum over all steps, divided by the steps.
        for slot in model.weights.indices {
            for tag in 0..<tagCount {
                let index = slot * 8 + tag
                totals[index] += Float(step - stamps[index]) * model.weights[slot][tag]
                model.weights[slot][tag] = totals[index] / Float(step)
            }
        }
        for previous in 0..<8 {
            for tag in 0..<tagCount {
                let index = previous * 8 + tag
                transitionTotals[index] += Float(step - transitionStamps[index]) * model.transitions[previous][tag]
                model.transitions[previous][tag] = transitionTotals[index] / Float(step)
            }
        }
        return model
    }

    // MARK: Files

    /// The model file: header, then 8 × 7 transition weights (row 7: start),
    /// then 7 weights per slot.
    public func data() -> Data {
        var bytes = Data("KNER".utf8)
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append(Self.version)
        append(UInt32(bits))
        append(UInt32(Self.tagCount))
        var floats: [Float] = []
        floats.reserveCapacity((8 + weights.count) * Self.tagCount)
        for row in transitions + weights {
            for tag in 0..<Self.tagCount { floats.append(row[tag]) }
        }
        floats.withUnsafeBufferPointer {
            bytes.append(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: UInt8.self), count: $0.count * 4))
        }
        return bytes
    }

    /// Reads a model written by ``data()``.
    ///
    /// - Throws: ``EntityModelError`` when the data is not a model of this
    ///   version and tag set, or is truncated.
    public init(data: Data, gazetteer: EntityGazetteer = EntityGazetteer(), origin: String = "ner.model") throws {
        self.gazetteer = gazetteer
        guard data.count >= 16, data.prefix(4) == Data("KNER".utf8) else {
            throw EntityModelError(reason: "\(origin): not a Kutip NER model")
        }
        func read(_ offset: Int) -> UInt32 {
            data.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        }
        guard read(4) == Self.version, read(12) == UInt32(Self.tagCount) else {
            throw EntityModelError(
                reason: "\(origin): unsupported model version or tag set (retrain with this version of kutip train-ner)"
            )
        }
        let bits = Int(read(8))
        guard bits > 0, bits <= 26, data.count == 16 + 4 * Self.tagCount * (8 + (1 << bits)) else {
            throw EntityModelError(reason: "\(origin): truncated model")
        }
        self.bits = bits
        var rows = [SIMD8<Float>](repeating: .zero, count: 8 + (1 << bits))
        data.withUnsafeBytes { raw in
            let tagCount = Self.tagCount
            rows.withUnsafeMutableBufferPointer { rows in
                for row in rows.indices {
                    var value = SIMD8<Float>.zero
                    for tag in 0..<tagCount {
                        value[tag] = Float(
                            bitPattern: UInt32(
                                littleEndian: raw.loadUnaligned(
                                    fromByteOffset: 16 + 4 * (row * tagCount + tag), as: UInt32.self)))
                    }
                    rows[row] = value
                }
            }
        }
        self.transitions = Array(rows[0..<8])
        self.weights = Array(rows[8...])
    }
}

/// A model file that cannot be used.
public struct EntityModelError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
