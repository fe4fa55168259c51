import Foundation
import KutipCore

/// A linear-chain sequence tagger for PER, ORG and LOC with BIO tags: an
/// averaged structured perceptron over hashed features, decoded by Viterbi.
///
/// Features are hashed into a fixed table (no vocabulary to store), so the
/// model is one array of weights per tag plus a tag-transition matrix. The
/// file format is little-endian: magic "KNER", version, dimension, tag count,
/// then the transition and feature weights as Float32.
/// Word lists the tagger reads as features: given names and words of place names.
public struct EntityGazetteer: Sendable {
    public var givenNames: Set<String>
    public var placeWords: Set<String>

    public init(givenNames: Set<String> = [], placeWords: Set<String> = []) {
        self.givenNames = givenNames
        self.placeWords = placeWords
    }

    /// Parses one lowercase word per line; `#` starts a comment.
    public static func words(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").map { String($0).lowercased() }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }
}

public struct EntityTagger: Sendable {
    /// The tags, in weight order.
    public static let tags = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
    static let tagCount = tags.count

    /// log2 of the number of hashed feature slots.
    public let bits: Int
    var weights: [Float]  // dimension × tagCount
    var transitions: [Float]  // (tagCount + 1) × tagCount; row tagCount is the start

    var dimension: Int { 1 << bits }

    /// The word lists behind the gazetteer features; the same lists must be
    /// given at training and at tagging time.
    public var gazetteer = EntityGazetteer()

    public init(bits: Int = 18) {
        self.bits = bits
        self.weights = [Float](repeating: 0, count: (1 << bits) * Self.tagCount)
        self.transitions = [Float](repeating: 0, count: (Self.tagCount + 1) * Self.tagCount)
    }

    // MARK: Features

    /// The hashed feature indices of every token of a sentence.
    static func features(_ words: [String], bits: Int, gazetteer: EntityGazetteer) -> [[Int32]] {
        let mask = (1 << bits) - 1
        let lowered = words.map { $0.lowercased() }
        let gazette = lowered.map { word -> String in
            (gazetteer.givenNames.contains(word) ? "n" : "") + (gazetteer.placeWords.contains(word) ? "p" : "")
        }
        func shape(_ word: String) -> String {
            var out = ""
            var last: Character = " "
            for scalar in word.unicodeScalars {
                let kind: Character =
                    scalar.isKutipUppercase ? "X" : scalar.isKutipLowercase ? "x" : scalar.isKutipDigit ? "d" : "."
                if kind != last { out.append(kind); last = kind }
            }
            return out
        }
        var result: [[Int32]] = []
        result.reserveCapacity(words.count)
        for (index, word) in words.enumerated() {
            var keys: [String] = ["b", "w=" + lowered[index], "s=" + shape(word)]
            let scalars = Array(lowered[index].unicodeScalars)
            for length in 1...4 where scalars.count >= length {
                keys.append("p\(length)=" + String(String.UnicodeScalarView(scalars.prefix(length))))
                keys.append("x\(length)=" + String(String.UnicodeScalarView(scalars.suffix(length))))
            }
            let first = word.unicodeScalars.first
            let capital = first?.isKutipUppercase ?? false
            keys.append("c=\(capital)\(index == 0)")
            keys.append(index > 0 ? "w-1=" + lowered[index - 1] : "w-1=<s>")
            keys.append(index + 1 < words.count ? "w+1=" + lowered[index + 1] : "w+1=</s>")
            keys.append(index > 1 ? "w-2=" + lowered[index - 2] : "w-2=<s>")
            keys.append(index + 2 < words.count ? "w+2=" + lowered[index + 2] : "w+2=</s>")
            if index > 0 { keys.append("s-1=" + shape(words[index - 1]) + "|" + shape(word)) }
            if index + 1 < words.count { keys.append("s+1=" + shape(word) + "|" + shape(words[index + 1])) }
            if index > 0 { keys.append("w-1w=" + lowered[index - 1] + "|" + lowered[index]) }
            if !gazette[index].isEmpty { keys.append("g=" + gazette[index] + "\(capital)") }
            keys.append("W=" + word)
            if index > 0 {
                let previous = lowered[index - 1]
                if let trigger = Self.triggers[previous] { keys.append("t-1=" + trigger + "\(capital)") }
                keys.append("c-1=\(words[index - 1].unicodeScalars.first?.isKutipUppercase ?? false)\(capital)")
            }
            if index > 1, let trigger = Self.triggers[lowered[index - 2]] {
                keys.append("t-2=" + trigger + "\(capital)")
            }
            if let trigger = Self.triggers[lowered[index]] { keys.append("t0=" + trigger) }
            if index + 1 < words.count {
                keys.append("c+1=\(words[index + 1].unicodeScalars.first?.isKutipUppercase ?? false)\(capital)")
            }
            keys.append(
                "g-1=" + (index > 0 ? gazette[index - 1] : "<s>") + "|g+1="
                    + (index + 1 < words.count ? gazette[index + 1] : "</s>"))
            result.append(
                keys.map {
                    Int32(
                        truncatingIfNeeded: Int(HashFilter.hash($0.unicodeScalars, foldingASCII: false) & UInt64(mask)))
                })
        }
        return result
    }

    /// Words that announce what follows: a person (titles, ranks, roles), an
    /// organization (its head noun) or a place (prepositions of place).
    static let triggers: [String: String] = {
        var table: [String: String] = [:]
        for word in [
            "bapak", "pak", "ibu", "bu", "saudara", "sdr", "tuan", "nyonya", "presiden", "wakil", "menteri", "gubernur",
            "bupati", "wali", "walikota", "ketua", "kepala", "direktur", "komisaris", "jenderal", "kapolri", "kapolda",
            "kapolres", "kapolsek", "komjen", "irjen", "brigjen", "kombes", "akbp", "kompol", "akp", "letjen", "mayjen",
            "kolonel", "mayor", "kapten", "pelatih", "kapten", "juru", "jubir", "sekretaris", "camat", "lurah", "kades",
            "dokter", "dr", "prof", "profesor", "ustaz", "ustad", "kiai", "habib", "haji", "hj", "h", "penyanyi",
            "aktris",
            "aktor", "pengamat", "tersangka", "terdakwa", "korban", "pelaku", "kata", "ujar", "tutur", "menurut",
            "oleh",
        ] { table[word] = "per" }
        for word in [
            "kementerian", "badan", "dinas", "komisi", "partai", "universitas", "pt", "lembaga", "dewan", "majelis",
            "pengadilan", "kejaksaan", "kepolisian", "polda", "polres", "polsek", "pemerintah", "pemkot", "pemkab",
            "pemprov", "bank", "perusahaan", "yayasan", "institut", "sekolah", "rumah", "klub", "tim", "persatuan",
            "asosiasi", "himpunan", "ikatan", "koperasi", "kantor", "direktorat", "inspektorat", "biro", "pusat",
        ] { table[word] = "org" }
        for word in [
            "di", "ke", "dari", "kota", "kabupaten", "provinsi", "desa", "kecamatan", "kelurahan", "jalan", "jl",
            "pulau", "negara", "wilayah", "kawasan",
        ] {
            table[word] = "loc"
        }
        return table
    }()

    // MARK: Decoding

    /// The best tag sequence (indices into ``tags``) for a sentence's features.
    func decode(_ features: [[Int32]]) -> [Int] {
        let count = features.count
        guard count > 0 else { return [] }
        let tagCount = Self.tagCount
        var scores = [Float](repeating: 0, count: count * tagCount)
        for (position, keys) in features.enumerated() {
            for key in keys {
                let base = Int(key) * tagCount
                for tag in 0..<tagCount { scores[position * tagCount + tag] += weights[base + tag] }
            }
        }
        // Viterbi; "I-X" may only follow "B-X" or "I-X".
        func allowed(_ previous: Int, _ tag: Int) -> Bool {
            guard tag > 0, tag % 2 == 0 else { return true }  // O and B-* always
            return previous == tag || previous == tag - 1
        }
        var best = [Float](repeating: -.infinity, count: count * tagCount)
        var back = [Int](repeating: 0, count: count * tagCount)
        for tag in 0..<tagCount where tag == 0 || tag % 2 == 1 {
            best[tag] = scores[tag] + transitions[tagCount * tagCount + tag]
        }
        if count > 1 {
            for position in 1..<count {
                for tag in 0..<tagCount {
                    var top: Float = -.infinity
                    var arg = 0
                    for previous in 0..<tagCount where allowed(previous, tag) {
                        let value = best[(position - 1) * tagCount + previous] + transitions[previous * tagCount + tag]
                        if value > top { top = value; arg = previous }
                    }
                    best[position * tagCount + tag] = top + scores[position * tagCount + tag]
                    back[position * tagCount + tag] = arg
                }
            }
        }
        var tag = (0..<tagCount).max { best[(count - 1) * tagCount + $0] < best[(count - 1) * tagCount + $1] }!
        var path = [Int](repeating: 0, count: count)
        for position in stride(from: count - 1, through: 0, by: -1) {
            path[position] = tag
            tag = back[position * tagCount + tag]
        }
        return path
    }

    /// The tags of a sentence's words.
    public func tag(_ words: [String]) -> [String] {
        decode(Self.features(words, bits: bits, gazetteer: gazetteer)).map { Self.tags[$0] }
    }

    // MARK: Training

    /// Trains an averaged structured perceptron on sentences of (word, tag)
    /// pairs; tags outside ``tags`` count as "O". Deterministic for a seed.
    public static func train(
        _ sentences: [[(word: String, tag: String)]], gazetteer: EntityGazetteer = EntityGazetteer(), epochs: Int = 8,
        bits: Int = 18, seed: UInt64 = 7, progress: (Int, Double) -> Void = { _, _ in }
    ) -> EntityTagger {
        var model = EntityTagger(bits: bits)
        model.gazetteer = gazetteer
        let tagCount = Self.tagCount
        var totals = [Float](repeating: 0, count: model.weights.count)
        var transitionTotals = [Float](repeating: 0, count: model.transitions.count)
        var stamps = [Int32](repeating: 0, count: model.weights.count)
        var transitionStamps = [Int32](repeating: 0, count: model.transitions.count)
        let prepared = sentences.map { sentence -> ([[Int32]], [Int]) in
            (
                features(sentence.map(\.word), bits: bits, gazetteer: gazetteer),
                sentence.map { tags.firstIndex(of: $0.tag) ?? 0 }
            )
        }
        var order = Array(prepared.indices)
        var random = seed
        var step: Int32 = 1
        func update(
            _ array: inout [Float], _ totalArray: inout [Float], _ stampArray: inout [Int32], _ index: Int,
            _ delta: Float
        ) {
            totalArray[index] += Float(step - stampArray[index]) * array[index]
            stampArray[index] = step
            array[index] += delta
        }
        for epoch in 0..<epochs {
            // Fisher–Yates with a small LCG, for a reproducible order.
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                order.swapAt(index, Int(random >> 33) % (index + 1))
            }
            var correct = 0
            var total = 0
            for sentenceIndex in order {
                let (keys, gold) = prepared[sentenceIndex]
                let guess = model.decode(keys)
                total += gold.count
                for position in gold.indices where gold[position] == guess[position] { correct += 1 }
                if guess != gold {
                    for position in gold.indices {
                        let goldTag = gold[position]
                        let guessTag = guess[position]
                        let goldPrevious = position == 0 ? tagCount : gold[position - 1]
                        let guessPrevious = position == 0 ? tagCount : guess[position - 1]
                        if goldTag != guessTag {
                            for key in keys[position] {
                                update(&model.weights, &totals, &stamps, Int(key) * tagCount + goldTag, 1)
                                update(&model.weights, &totals, &stamps, Int(key) * tagCount + guessTag, -1)
                            }
                        }
                        if goldTag != guessTag || goldPrevious != guessPrevious {
                            update(
                                &model.transitions, &transitionTotals, &transitionStamps,
                                goldPrevious * tagCount + goldTag, 1)
                            update(
                                &model.transitions, &transitionTotals, &transitionStamps,
                                guessPrevious * tagCount + guessTag, -1)
                        }
                    }
                }
                step += 1
            }
            progress(epoch + 1, Double(correct) / Double(max(1, total)))
        }
        // Average: every weight's sum over all steps, divided by the steps.
        for index in model.weights.indices {
            totals[index] += Float(step - stamps[index]) * model.weights[index]
            model.weights[index] = totals[index] / Float(step)
        }
        for index in model.transitions.indices {
            transitionTotals[index] += Float(step - transitionStamps[index]) * model.transitions[index]
            model.transitions[index] = transitionTotals[index] / Float(step)
        }
        return model
    }

    // MARK: Files

    public func data() -> Data {
        var bytes = Data("KNER".utf8)
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append(1)
        append(UInt32(bits))
        append(UInt32(Self.tagCount))
        for array in [transitions, weights] {
            array.withUnsafeBufferPointer { buffer in
                bytes.append(
                    UnsafeBufferPointer(
                        start: UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: UInt8.self),
                        count: buffer.count * 4))
            }
        }
        return bytes
    }

    public init(data: Data, gazetteer: EntityGazetteer = EntityGazetteer(), origin: String = "ner.model") throws {
        self.gazetteer = gazetteer
        guard data.count >= 16, data.prefix(4) == Data("KNER".utf8) else {
            throw EntityModelError(reason: "\(origin): not a Kutip NER model")
        }
        func read(_ offset: Int) -> UInt32 {
            data.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        }
        guard read(4) == 1, read(12) == UInt32(Self.tagCount) else {
            throw EntityModelError(reason: "\(origin): unsupported model version or tag set")
        }
        let bits = Int(read(8))
        let transitionCount = (Self.tagCount + 1) * Self.tagCount
        let weightCount = (1 << bits) * Self.tagCount
        guard data.count == 16 + 4 * (transitionCount + weightCount) else {
            throw EntityModelError(reason: "\(origin): truncated model")
        }
        self.bits = bits
        var transitions = [Float](repeating: 0, count: transitionCount)
        var weights = [Float](repeating: 0, count: weightCount)
        data.withUnsafeBytes { raw in
            transitions.withUnsafeMutableBytes {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[16..<(16 + 4 * transitionCount)]))
            }
            weights.withUnsafeMutableBytes {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[(16 + 4 * transitionCount)...]))
            }
        }
        self.transitions = transitions
        self.weights = weights
    }
}

public struct EntityModelError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
