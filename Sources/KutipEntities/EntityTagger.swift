import Foundation
import KutipCore

/// A linear-chain sequence tagger for PER, ORG and LOC with BIO tags: an
/// averaged structured perceptron over hashed features, decoded by Viterbi.
///
/// Features are hashed into a fixed table (no vocabulary to store), so the
/// model is one row of weights per slot plus a tag-transition matrix. A token's
/// features are hashes of precomputed token hashes (see `EntityFeatures`), so
/// tagging builds no strings. Feature weights are kept as 16-bit integers
/// times one scale: a row of 8 fits in 16 bytes, so the table of a 2^18-slot
/// model (4 MB) stays mostly in cache, which is what tagging speed depends
/// on. The file format is little-endian: magic "KNER", version, log2 of the
/// slot count, tag count, the scale (Float32), the transitions (Float32),
/// then 7 Int16 weights per slot.
public struct EntityTagger: Sendable {
    /// The tags, in weight order.
    public static let tags = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
    static let tagCount = tags.count
    /// The file version: 2 is the feature set of `EntityFeatures`; version 1
    /// models (string features) would load but score garbage, so they are refused.
    static let version: UInt32 = 3

    /// log2 of the number of hashed feature slots.
    public let bits: Int
    /// One row per slot; lane `tag` is the weight for that tag in units of
    /// ``scale``, lane 7 unused (8 lanes add as one vector).
    var weights: [SIMD8<Int16>]
    /// The value of one weight unit.
    var scale: Float = 1
    /// Row `previous` (0…6, 7 = sentence start) → the score of each next tag.
    var transitions: [SIMD8<Float>]

    var dimension: Int { 1 << bits }

    /// The word and name lists behind the gazetteer features; the same lists
    /// must be given at training and at tagging time.
    public var gazetteer = EntityGazetteer()

    public init(bits: Int = 18) {
        self.bits = bits
        self.weights = [SIMD8<Int16>](repeating: .zero, count: 1 << bits)
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

    /// The shift that takes a 64-bit feature hash to a slot.
    var shift: UInt64 { UInt64(64 - bits) }

    /// The most feature slots one position has: 15 of the word, 18 of its context.
    static let slotsPerPosition = 33

    /// The score of every tag at each `active` position of a sentence: the
    /// word's own features (cached per word and casing of the sentence, since
    /// most words recur in a document) plus the features of its context, into
    /// `state.scores`.
    ///
    /// Two phases: first every slot of every position is hashed into
    /// `scratch`, then the weight rows are summed. The table does not fit in
    /// L2, so most rows miss; a tight loop of independent loads keeps many
    /// misses in flight, where interleaving the hashing with the loads let the
    /// processor overlap only one position's. Sums are wrapping `Int32`
    /// additions, so their order does not change a score.
    func score(
        _ facts: UnsafeBufferPointer<TokenFacts>, active: [Bool], caseless: Bool, state: inout TaggingState
    ) {
        let shift = self.shift
        let count = facts.count
        if state.ends.count < count { state.reserve(count) }
        let salt: UInt64 = caseless ? 0x5bd1_e995 : 0
        let scale = self.scale
        state.slots.withUnsafeMutableBufferPointer { slots in
            state.ends.withUnsafeMutableBufferPointer { ends in
                state.wordSlots.withUnsafeMutableBufferPointer { wordSlots in
                    state.wordSums.withUnsafeMutableBufferPointer { wordSums in
                        var next = 0
                        for position in 0..<count where active[position] {
                            let fact = facts[position]
                            if let cached = state.words[fact.raw ^ salt] {
                                wordSums[position] = cached
                                wordSlots[position] = 0
                            } else {
                                let first = next
                                EntityFeatures.forEachWordFeature(fact, caseless: caseless, shift: shift) {
                                    slots[next] = Int32(truncatingIfNeeded: $0)
                                    next += 1
                                }
                                wordSlots[position] = UInt8(next - first)
                            }
                            EntityFeatures.forEachContextFeature(facts, position, caseless: caseless, shift: shift) {
                                slots[next] = Int32(truncatingIfNeeded: $0)
                                next += 1
                            }
                            ends[position] = Int32(truncatingIfNeeded: next)
                        }
                        weights.withUnsafeBufferPointer { table in
                            var k = 0
                            for position in 0..<count where active[position] {
                                var sum: SIMD8<Int32>
                                let words = Int(wordSlots[position])
                                if words > 0 {
                                    sum = .zero
                                    for _ in 0..<words {
                                        sum &+= SIMD8<Int32>(truncatingIfNeeded: table[Int(slots[k])])
                                        k += 1
                                    }
                                    state.words[facts[position].raw ^ salt] = sum
                                } else {
                                    sum = wordSums[position]
                                }
                                let end = Int(ends[position])
                                while k < end {
                                    sum &+= SIMD8<Int32>(truncatingIfNeeded: table[Int(slots[k])])
                                    k += 1
                                }
                                state.scores[position] = SIMD8<Float>(sum) * scale
                            }
                        }
                    }
                }
            }
        }
    }

    /// Sets the feature weights from floats: 16-bit integers with one scale.
    mutating func quantize(_ floats: [SIMD8<Float>]) {
        var largest: Float = 0
        for row in floats {
            for tag in 0..<Self.tagCount { largest = max(largest, abs(row[tag])) }
        }
        scale = largest > 0 ? largest / 32767 : 1
        weights = floats.map { row in
            var packed = SIMD8<Int16>.zero
            for tag in 0..<Self.tagCount { packed[tag] = Int16((row[tag] / scale).rounded()) }
            return packed
        }
    }

    /// Viterbi over `range` of a sentence's positions given their scores,
    /// entering from `O` (or the sentence start) and, when `closed`, leaving
    /// into `O`. `allowed`, when given, masks the tags each position may take
    /// (used for partially labeled training data).
    func viterbi(
        _ scores: ArraySlice<SIMD8<Float>>, fromStart: Bool, closed: Bool, allowed: ArraySlice<SIMD8<Float>>? = nil
    ) -> [Int] {
        var path = [Int](repeating: 0, count: scores.count)
        viterbi(
            scores, fromStart: fromStart, closed: closed, allowed: allowed, rows: transitionRows, into: &path, at: 0)
        return path
    }

    /// ``viterbi(_:fromStart:closed:allowed:)`` writing the tags into
    /// `path[offset...]`, with its tables on the stack: tagging runs it once per
    /// stretch of capitalized text, many times per sentence.
    func viterbi(
        _ scores: ArraySlice<SIMD8<Float>>, fromStart: Bool, closed: Bool, allowed: ArraySlice<SIMD8<Float>>?,
        rows: [SIMD8<Float>], into path: inout [Int], at offset: Int
    ) {
        let count = scores.count
        guard count > 0 else { return }
        let base = scores.startIndex
        withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: count) { best in
            withUnsafeTemporaryAllocation(of: SIMD8<Int32>.self, capacity: count) { back in
                let start = rows[fromStart ? 7 : 0]
                best[0] = start + scores[base] + (allowed?[allowed!.startIndex] ?? .zero)
                back[0] = .zero
                if count > 1 {
                    for position in 1..<count {
                        var top = SIMD8<Float>(repeating: -.infinity)
                        var arg = SIMD8<Int32>.zero
                        let previousBest = best[position - 1]
                        for previous in 0..<Self.tagCount {
                            let candidate = previousBest[previous] + rows[previous]
                            let better = candidate .> top
                            top.replace(with: candidate, where: better)
                            arg.replace(with: Int32(previous), where: better)
                        }
                        best[position] =
                            top + scores[base + position] + (allowed?[allowed!.startIndex + position] ?? .zero)
                        back[position] = arg
                    }
                }
                var final = best[count - 1]
                if closed {
                    for tag in 0..<Self.tagCount { final[tag] += transitions[tag][0] }
                }
                var tag = 0
                for candidate in 1..<Self.tagCount where final[candidate] > final[tag] { tag = candidate }
                for position in stride(from: count - 1, through: 0, by: -1) {
                    path[offset + position] = tag
                    tag = Int(back[position][tag])
                }
            }
        }
    }

    /// Each transition row plus its `-infinity` for forbidden successors.
    var transitionRows: [SIMD8<Float>] { (0..<8).map { transitions[$0] + Self.forbidden[$0] } }

    /// How many tokens on each side of a capitalized token are scored.
    static let reach = 1

    /// The best tag sequence (indices into ``tags``) for the tokens `ranges` of
    /// `scalars`.
    ///
    /// A token with no capital letter within two tokens of it is `O` without
    /// being scored (names are capitalized in edited text), and Viterbi runs
    /// over the stretches between; a sentence with no capital at all
    /// (lowercased text) is scored whole.
    func tagIndices(
        _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ ranges: [Range<Int>], state: inout TaggingState
    ) -> [Int] {
        guard !ranges.isEmpty else { return [] }
        // A cheap first look: which tokens hold a capital, and is the sentence caseless?
        var capitals: [Int] = []
        var letters = 0
        for (position, range) in ranges.enumerated() {
            var capital = false
            for offset in range {
                let scalar = scalars[offset]
                if scalar.isKutipUppercase {
                    capital = true
                    break
                }
                if scalar.isKutipLetter { letters += 1 }
            }
            if capital { capitals.append(position) }
        }
        let count = tag(scalars, ranges, capitals: capitals, letters: letters, state: &state)
        return Array(state.path[0..<count])
    }

    /// ``tagIndices(_:_:state:)`` given the first look — the positions of the
    /// tokens that hold a capital, and the sentence's letters (only asked
    /// whether a sentence without capitals has 12 or more) — which the entity
    /// stage takes from its per-document token table. The tags go to
    /// `state.path[0..<ranges.count]`; returns `ranges.count`.
    func tag(
        _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ ranges: [Range<Int>], capitals: [Int], letters: Int,
        state: inout TaggingState
    ) -> Int {
        let count = ranges.count
        guard count > 0 else { return 0 }
        let caseless = capitals.isEmpty && letters >= 12
        if state.path.count < count { state.reserve(max(count, 2 * state.path.count)) }
        // Only positions 0..<count are read below; clear what the last sentence left.
        state.path.withUnsafeMutableBufferPointer {
            UnsafeMutableBufferPointer(rebasing: $0[0..<count]).update(repeating: 0)
        }
        state.active.withUnsafeMutableBufferPointer {
            UnsafeMutableBufferPointer(rebasing: $0[0..<count]).update(repeating: caseless)
        }
        state.needed.withUnsafeMutableBufferPointer {
            UnsafeMutableBufferPointer(rebasing: $0[0..<count]).update(repeating: caseless)
        }
        if !caseless {
            for position in capitals {
                for near in max(0, position - Self.reach)...min(count - 1, position + Self.reach) {
                    state.active[near] = true
                }
                for near in max(0, position - Self.reach - 2)...min(count - 1, position + Self.reach + 2) {
                    state.needed[near] = true
                }
            }
        }
        guard caseless || !capitals.isEmpty else { return count }
        EntityFeatures.facts(
            into: &state.facts, scalars, ranges, gazetteer.index, needed: state.needed, caseless: caseless)
        if state.rows.isEmpty { state.rows = transitionRows }
        let rows = state.rows
        state.facts.withUnsafeBufferPointer { all in
            let facts = UnsafeBufferPointer(rebasing: all[0..<count])
            score(facts, active: state.active, caseless: caseless, state: &state)
        }
        var position = 0
        while position < count {
            guard state.active[position] else {
                position += 1
                continue
            }
            var end = position
            while end < count && state.active[end] { end += 1 }
            viterbi(
                state.scores[position..<end], fromStart: position == 0, closed: end < count, allowed: nil, rows: rows,
                into: &state.path, at: position)
            position = end
        }
        return count
    }

    /// The tags of a sentence's words.
    public func tag(_ words: [String]) -> [String] {
        let (scalars, ranges) = Self.join(words)
        var state = TaggingState()
        return scalars.withUnsafeBufferPointer { tagIndices($0, ranges, state: &state) }.map { Self.tags[$0] }
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
        let shift = UInt64(64 - bits)
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
                    EntityFeatures.forEachWordFeature(facts[position], caseless: caseless, shift: shift) {
                        keys.append(Int32(truncatingIfNeeded: $0))
                    }
                    EntityFeatures.forEachContextFeature(facts, position, caseless: caseless, shift: shift) {
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
        var weights = [SIMD8<Float>](repeating: .zero, count: 1 << bits)
        var totals = [Float](repeating: 0, count: weights.count * 8)
        var stamps = [Int32](repeating: 0, count: weights.count * 8)
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
                weights.withUnsafeBufferPointer { table in
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
                        totals[index] += Float(step - stamps[index]) * weights[slot][tag]
                        stamps[index] = step
                        weights[slot][tag] += delta
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
        for slot in weights.indices {
            for tag in 0..<tagCount {
                let index = slot * 8 + tag
                totals[index] += Float(step - stamps[index]) * weights[slot][tag]
                weights[slot][tag] = totals[index] / Float(step)
            }
        }
        model.quantize(weights)
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

    /// The model file: header, scale, then 8 × 7 transition weights (row 7:
    /// start) as Float32, then 7 Int16 weights per slot.
    public func data() -> Data {
        var bytes = Data("KNER".utf8)
        func append<Value: FixedWidthInteger>(_ value: Value) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        append(Self.version)
        append(UInt32(bits))
        append(UInt32(Self.tagCount))
        append(scale.bitPattern)
        bytes.reserveCapacity(20 + 4 * 8 * Self.tagCount + 2 * weights.count * Self.tagCount)
        for row in transitions {
            for tag in 0..<Self.tagCount { append(row[tag].bitPattern) }
        }
        var packed = [Int16]()
        packed.reserveCapacity(weights.count * Self.tagCount)
        for row in weights {
            for tag in 0..<Self.tagCount { packed.append(row[tag].littleEndian) }
        }
        packed.withUnsafeBytes { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Reads a model written by ``data()``.
    ///
    /// - Throws: ``EntityModelError`` when the data is not a model of this
    ///   version and tag set, or is truncated.
    public init(data: Data, gazetteer: EntityGazetteer = EntityGazetteer(), origin: String = "ner.model") throws {
        self.gazetteer = gazetteer
        guard data.count >= 20, data.prefix(4) == Data("KNER".utf8) else {
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
        let tagCount = Self.tagCount
        let header = 20 + 4 * 8 * tagCount
        guard bits > 0, bits <= 26, data.count == header + 2 * tagCount * (1 << bits) else {
            throw EntityModelError(reason: "\(origin): truncated model")
        }
        self.bits = bits
        self.scale = Float(bitPattern: read(16))
        var transitions = [SIMD8<Float>](repeating: .zero, count: 8)
        for row in 0..<8 {
            for tag in 0..<tagCount { transitions[row][tag] = Float(bitPattern: read(20 + 4 * (row * tagCount + tag))) }
        }
        self.transitions = transitions
        var weights = [SIMD8<Int16>](repeating: .zero, count: 1 << bits)
        data.withUnsafeBytes { raw in
            weights.withUnsafeMutableBufferPointer { rows in
                var offset = header
                for row in rows.indices {
                    var value = SIMD8<Int16>.zero
                    for tag in 0..<tagCount {
                        value[tag] = Int16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int16.self))
                        offset += 2
                    }
                    rows[row] = value
                }
            }
        }
        self.weights = weights
    }
}

/// What tagging keeps across the sentences of one document: the cached word
/// scores, and buffers reused so that a sentence allocates less.
struct TaggingState {
    var words = WordScores()
    /// Feature slots of a sentence's scored positions, laid end to end.
    var slots: [Int32] = []
    /// Per position: where its slots end; how many of them are word features
    /// (0 when the word's sum is cached, then in `wordSums`).
    var ends: [Int32] = []
    var wordSlots: [UInt8] = []
    var wordSums: [SIMD8<Int32>] = []
    /// Per position of the sentence being tagged (sized for the longest so far).
    var path: [Int] = []
    var scores: [SIMD8<Float>] = []
    var active: [Bool] = []
    var needed: [Bool] = []
    var facts: [TokenFacts] = []
    /// The tagger's transition rows, computed on the first sentence.
    var rows: [SIMD8<Float>] = []

    /// Sizes the per-position buffers for sentences of up to `count` tokens.
    /// The entity stage calls it once per document with its longest sentence:
    /// growing them sentence by sentence allocated each several times (and
    /// looked up generic metadata every time).
    mutating func reserve(_ count: Int) {
        guard path.count < count else { return }
        path = [Int](repeating: 0, count: count)
        scores = [SIMD8<Float>](repeating: .zero, count: count)
        active = [Bool](repeating: false, count: count)
        needed = [Bool](repeating: false, count: count)
        facts = [TokenFacts](repeating: TokenFacts(), count: count)
        slots = [Int32](repeating: 0, count: count * EntityTagger.slotsPerPosition)
        ends = [Int32](repeating: 0, count: count)
        wordSlots = [UInt8](repeating: 0, count: count)
        wordSums = [SIMD8<Int32>](repeating: .zero, count: count)
    }
}

/// Cached word-feature scores of one document, by word hash: a small
/// open-addressing table (a `Dictionary` would rehash every key with SipHash).
struct WordScores {
    private var keys = [UInt64](repeating: 0, count: 256)
    private var values = [SIMD8<Int32>](repeating: .zero, count: 256)
    private var count = 0

    subscript(key: UInt64) -> SIMD8<Int32>? {
        get {
            let key = key == 0 ? 1 : key
            let mask = keys.count - 1
            var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while true {
                let stored = keys[index]
                if stored == key { return values[index] }
                if stored == 0 { return nil }
                index = (index + 1) & mask
            }
        }
        set {
            guard let newValue else { return }
            let key = key == 0 ? 1 : key
            if (count + 1) * 2 > keys.count { grow() }
            let mask = keys.count - 1
            var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
            if keys[index] == 0 { count += 1 }
            keys[index] = key
            values[index] = newValue
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [SIMD8<Int32>](repeating: .zero, count: oldKeys.count * 2)
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != 0 { self[key] = value }
    }
}

/// A model file that cannot be used.
public struct EntityModelError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
