import Foundation
import Kutip
import KutipTestSupport
import Testing

let goldFiles = (try? TestSupport.goldFiles()) ?? []
let sharedPipeline = try! Kutip.defaultPipeline()

func loadGold(_ url: URL) throws -> Document {
    try Document(json: try Data(contentsOf: url), origin: url.path)
}

@Suite("Gold corpus")
struct GoldCorpusTests {
    @Test func thereAreEnoughGoldFilesInBothSplits() throws {
        let names = goldFiles.map { $0.deletingLastPathComponent().lastPathComponent }
        #expect(names.filter { $0 == "dev" }.count >= 30)
        #expect(names.filter { $0 == "test" }.count >= 10)
    }

    /// Decoding validates schema, bounds, text == slice and order; the rest is checked here.
    @Test(arguments: goldFiles.map(\.lastPathComponent))
    func goldFileFollowsTheGuidelines(name: String) throws {
        let url = goldFiles.first { $0.lastPathComponent == name }!
        let gold = try loadGold(url)
        for layer: Layer in [.boilerplate, .abbreviations, .entities, .dates, .quotes] {
            #expect(gold.spans(of: layer) != nil, "\(name): layer \(layer) is missing")
        }
        #expect(gold.tokens == nil && gold.sentences == nil, "\(name): gold files do not carry tokens or sentences")
        let boilerplate = gold.boilerplate ?? []
        for layer: Layer in [.abbreviations, .entities, .dates, .quotes] {
            for span in gold.spans(of: layer) ?? [] {
                #expect(
                    !boilerplate.contains { $0.overlaps(span) }, "\(name): \(layer) \(span.text) lies in boilerplate")
            }
        }
        // Every PER has a canonical that is one of its cluster's mentions or a fuller form of one.
        let persons = (gold.entities ?? []).filter { $0.type == .person }
        let clusters = Dictionary(grouping: persons) { $0.canonical ?? "" }
        for (canonical, mentions) in clusters {
            #expect(!canonical.isEmpty, "\(name): a PER without canonical")
            let folded = canonical.lowercased()
            let fits = mentions.contains { mention in
                let text = mention.span.text.lowercased()
                return text == folded || folded.contains(text) || text.contains(folded)
                    || Self.sharesAWord(text, folded)
            }
            #expect(fits, "\(name): canonical \(canonical) fits none of \(mentions.map(\.span.text))")
        }
        for date in gold.dates ?? [] {
            #expect(
                TimexValue.isValid(date.value, type: date.type),
                "\(name): \(date.type.rawValue) \(date.span.text) = \(date.value)")
        }
        // A cue lies in the quote's sentence group: the sentences it touches and one either side.
        let sentences = try sharedPipeline.annotate(Document(source: gold.source)).sentences ?? []
        for quote in gold.quotes ?? [] {
            guard let cue = quote.cue else { continue }
            let touched = sentences.indices.filter { sentences[$0].overlaps(quote.span) }
            guard let first = touched.first, let last = touched.last else { continue }
            let start = sentences[max(0, first - 1)].start
            let end = sentences[min(sentences.count - 1, last + 1)].end
            #expect(
                cue.start >= start && cue.end <= end,
                "\(name): cue \(cue.text) is far from \(quote.span.text.prefix(40))")
        }
    }

    /// Each gold file is exactly what its `.labels` description compiles to.
    @Test(arguments: goldFiles.map(\.lastPathComponent))
    func goldFileMatchesItsDescription(name: String) throws {
        let url = goldFiles.first { $0.lastPathComponent == name }!
        let split = url.deletingLastPathComponent().lastPathComponent
        let labels = TestSupport.packageRoot.appendingPathComponent("Evaluation/labels/\(split)")
            .appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".labels")
        let compiled = try GoldCompiler().compile(contentsOf: labels)
        var expected = compiled.jsonBytes(pretty: true)
        expected.append(UInt8(ascii: "\n"))
        #expect(Array(try Data(contentsOf: url)) == expected, "\(name) is stale: run kutip gold on \(labels.path)")
    }

    @Test(arguments: goldFiles.map(\.lastPathComponent))
    func pipelineOutputOnGoldTextKeepsTheOffsetInvariant(name: String) throws {
        let gold = try loadGold(goldFiles.first { $0.lastPathComponent == name }!)
        let predicted = try sharedPipeline.annotate(Document(id: gold.id, source: gold.source, meta: gold.meta))
        #expect(TestSupport.offsetProblems(predicted) == nil)
        #expect(TestSupport.tokenCoverageProblem(predicted) == nil)
        let reread = try Document(json: Data(predicted.jsonBytes()))
        #expect(reread.sentences == predicted.sentences)
    }

    static func sharesAWord(_ mention: String, _ canonical: String) -> Bool {
        let words = Set(canonical.split(separator: " ").map(String.init))
        return mention.split(separator: " ").contains { word in
            words.contains { $0.count > 2 && (String(word) == $0 || editDistance(String(word), $0) <= 2) }
        }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// The shapes of TIMEX3 values that `ANNOTATION.md` allows.
enum TimexValue {
    static func isValid(_ value: String, type: TimexType) -> Bool {
        switch type {
        case .duration: return isDuration(value)
        case .set: return isDuration(value) || isDate(value) || isTime(value)
        case .date: return isDate(value) || ["PAST_REF", "PRESENT_REF", "FUTURE_REF"].contains(value)
        case .time: return isTime(value) || ["PAST_REF", "PRESENT_REF", "FUTURE_REF"].contains(value)
        }
    }

    static func matches(_ value: String, _ pattern: String) -> Bool {
        value.range(of: "^(" + pattern + ")$", options: .regularExpression) != nil
    }

    static let year = "([0-9]{4}|[0-9X]{4}|[0-9]{2}XX|[0-9]{3}X)"
    static func isDate(_ value: String) -> Bool {
        matches(value, "\(year)(-(0[1-9]|1[0-2]|XX)(-([0-2][0-9]|3[01]|XX))?)?")
            || matches(value, "\(year)-W([0-4][0-9]|5[0-3]|XX)(-WE|-[1-7])?")
            || matches(value, "\(year)-(SP|SU|FA|WI|Q[1-4]|H[12])")
    }

    static func isTime(_ value: String) -> Bool {
        matches(
            value,
            "\(year)-(0[1-9]|1[0-2]|XX)-([0-2][0-9]|3[01]|XX)T(([01][0-9]|2[0-4])(:[0-5][0-9])?|MO|MI|AF|EV|NI|DT)")
    }

    static func isDuration(_ value: String) -> Bool {
        matches(
            value,
            "P([0-9]+(\\.[0-9]+)?|X)(Y|M|W|D|DE|CE)|PT([0-9]+(\\.[0-9]+)?|X)(H|M|S)|P([0-9]+Y)?([0-9]+M)?([0-9]+D)?")
            && value != "P"
    }
}
