import ArgumentParser
import Foundation
import Kutip

struct Abbreviations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the abbreviations of plain-text articles with their expansions.",
        discussion: """
            One row per short form and expansion: how often it occurs, where the expansion came \
            from (the article's own definition, or the lexicon), and the senses not chosen when \
            the form is ambiguous.
            """
    )

    @Argument(help: "Plain-text articles; \"-\" for standard input.")
    var files: [String]

    @OptionGroup var lexicons: LexiconOptions

    func run() throws {
        let pipeline = try lexicons.pipeline().prefix(through: "abbreviations")
        var failed = false
        for file in files {
            let bytes: [UInt8]
            if file == "-" {
                bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            } else if let data = FileManager.default.contents(atPath: file) {
                bytes = [UInt8](data)
            } else {
                report("\(file): cannot open the file")
                failed = true
                continue
            }
            let document: Document
            do {
                document = try pipeline.annotate(try ArticleInput.document(plainText: bytes, origin: file))
            } catch {
                report("\(error)")
                failed = true
                continue
            }
            var rows: [String: (count: Int, item: Abbreviation)] = [:]
            var order: [String] = []
            for item in document.abbreviations ?? [] {
                let key = item.span.text + "\t" + item.expansion
                if rows[key] == nil { order.append(key) }
                rows[key, default: (0, item)].count += 1
            }
            if files.count > 1 { print("== \(file)") }
            let width = min(24, order.map { rows[$0]!.item.span.text.count }.max() ?? 5)
            print("short".padding(toLength: width, withPad: " ", startingAt: 0) + "  ×   from     expansion")
            for key in order {
                let (count, item) = rows[key]!
                var line = item.span.text.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                line += String(count).padding(toLength: 4, withPad: " ", startingAt: 0)
                line += (item.origin?.rawValue ?? "-").padding(toLength: 9, withPad: " ", startingAt: 0)
                line += item.expansion
                if let alternatives = item.alternatives, !alternatives.isEmpty {
                    line += "   (not: " + alternatives.joined(separator: "; ") + ")"
                }
                print(line)
            }
        }
        if failed { throw ExitCode(1) }
    }
}
