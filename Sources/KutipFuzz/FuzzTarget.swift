import Foundation
import Kutip

/// The libFuzzer entry point (`scripts/fuzz` builds it with `-sanitize=fuzzer`):
/// arbitrary bytes go through the pipeline as a plain-text article and, line by
/// line, as JSONL records; every document must keep the offset invariant and
/// re-decode from its own JSON. A broken check traps, which libFuzzer records as
/// a crash with the input that caused it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzCheck.check(bytes)
    return 0
}

/// The checks one fuzz input goes through.
enum FuzzCheck {
    /// Built once: building compiles ICU rules and reads the lexicons
    /// (`KUTIP_LEXICON_DIR` picks a copy with an entity model).
    static let pipeline: Pipeline = {
        do {
            return try Kutip.defaultPipeline()
        } catch {
            fatalError("cannot build the pipeline: \(error)")
        }
    }()

    static func check(_ bytes: [UInt8]) {
        if let document = try? ArticleInput.document(plainText: bytes, origin: "fuzz") {
            checkAnnotated(document, what: "plain text")
        }
        var line = 0
        for record in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            line += 1
            guard let document = try? ArticleInput.document(jsonLine: Array(record), origin: "fuzz", line: line)
            else { continue }
            checkAnnotated(document, what: "JSONL line \(line)")
        }
    }

    static func checkAnnotated(_ input: Document, what: String) {
        let document: Document
        do {
            document = try pipeline.annotate(input)
        } catch {
            fatalError("\(what): the pipeline threw on valid input: \(error)")
        }
        guard document.text == input.text else { fatalError("\(what): the text changed") }
        do {
            try document.validate()
        } catch {
            fatalError("\(what): offset invariant broken: \(error)")
        }
        let json = document.jsonBytes()
        let reread: Document
        do {
            reread = try Document(json: Data(json))
        } catch {
            fatalError("\(what): the output JSON does not re-decode: \(error)")
        }
        guard reread.text == document.text, reread.jsonBytes() == json else {
            fatalError("\(what): the JSON round trip changed the document")
        }
    }
}

#if KUTIP_FUZZ
    /// libFuzzer's driver, from the `-sanitize=fuzzer` runtime.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable with `main` aliased to `<module>_main`, which
    /// would hide libFuzzer's own `main`; this one hands over to libFuzzer's driver.
    @_cdecl("KutipFuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
    }
#else
    /// Without libFuzzer: runs the checks on each file given, to reproduce a
    /// crash or replay a corpus (`swift run KutipFuzz crash-…`).
    @main
    struct FuzzReplay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                    exit(2)
                }
                FuzzCheck.check([UInt8](data))
                print("ok \(path)")
            }
        }
    }
#endif
