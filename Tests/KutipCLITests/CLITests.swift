import Foundation
import KutipTestSupport
import Testing

/// Runs the built `kutip` with `arguments`, feeding `input` to standard input.
func runKutip(_ arguments: [String], input: [UInt8] = [], environment: [String: String] = [:]) throws -> (
    status: Int32, stdout: String, stderr: String
) {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var binary = folder.appendingPathComponent("kutip")
    if !FileManager.default.fileExists(atPath: binary.path) {
        binary = TestSupport.packageRoot.appendingPathComponent(".build/debug/kutip")
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = TestSupport.packageRoot
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kutip-cli-\(UUID().uuidString)-\(name)")
    try Data(bytes).write(to: url)
    return url.path
}

@Suite("kutip command line", .serialized)
struct CLITests {
    @Test func annotatesASeedArticle() throws {
        let result = try runKutip(["annotate", "seeds/000_a559e40114c469ae.txt", "--no-tokens"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "kutip/1")
        #expect((object?["boilerplate"] as? [Any])?.count == 7)
        #expect(object?["tokens"] == nil)
    }

    @Test func invalidUTF8SaysWhere() throws {
        let path = try temporaryFile("bad.txt", Array("Halo ".utf8) + [0xFF, 0xFE] + Array(" x".utf8))
        let result = try runKutip(["annotate", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("invalid UTF-8 at byte offset 5"))
        #expect(result.stderr.split(separator: "\n").count <= 2)
    }

    @Test func aBadJSONLLineGivesAnErrorRecordAndTheRunGoesOn() throws {
        let lines = [
            #"{"id":"a","text":"Satu. Dua.","published":"2023-01-30"}"#,
            #"{"id":"b","text":42}"#,
            "not json at all",
            #"{"id":"c","text":"Tiga."}"#,
        ]
        let path = try temporaryFile("batch.jsonl", Array(lines.joined(separator: "\n").utf8))
        let result = try runKutip(["annotate", path, "--no-tokens"])
        #expect(result.status == 1)
        let records = result.stdout.split(separator: "\n").map { String($0) }
        #expect(records.count == 4)
        #expect(records[0].contains("\"id\":\"a\"") && records[0].contains("\"sentences\""))
        #expect(records[1].contains("\"error\"") && records[1].contains("\"line\":2"))
        #expect(records[2].contains("\"error\"") && records[2].contains("\"line\":3"))
        #expect(records[3].contains("\"id\":\"c\""))
        #expect(result.stderr.contains("batch.jsonl:2: no string field \"text\""))
        #expect(result.stderr.contains("batch.jsonl:3: not a JSON object"))
    }

    @Test func standardInputEmptyFilesAndCRLFWork() throws {
        let piped = try runKutip(
            ["annotate", "-", "--no-tokens"], input: Array("Baris satu.\r\nBaca juga: x\r\n".utf8))
        #expect(piped.status == 0)
        #expect(piped.stdout.contains("\"text\":\"Baca juga: x\""))
        let empty = try runKutip(["annotate", try temporaryFile("empty.txt", [])])
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("\"sentences\":[]"))
        let binary = try runKutip(["annotate", try temporaryFile("nul.txt", [0x00, 0x01, 0x41, 0x00])])
        #expect(binary.status == 0)
    }

    @Test func unknownOptionsAndMissingFilesFailClearly() throws {
        let unknown = try runKutip(["annotate", "--frobnicate", "x.txt"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("frobnicate"))
        let missing = try runKutip(["annotate", "/nonexistent/article.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/article.txt: cannot open the file"))
        let badDate = try runKutip(["annotate", "seeds/000_a559e40114c469ae.txt", "--published", "30/01/2023"])
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("YYYY-MM-DD"))
    }

    @Test func goldCompilesAndReportsItsErrors() throws {
        let text = try temporaryFile("a.txt", Array("Andap hadir.".utf8))
        let labels = try temporaryFile(
            "a.labels",
            Array(
                "text: \(URL(fileURLWithPath: text).lastPathComponent)\nid: a\n\nPER: Andap => Andap\nORG: Harun\n".utf8
            ))
        let result = try runKutip(["gold", labels, "--output", "-"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("a.labels:5: \"Harun\" occurs 0 times"))
    }

    @Test func evaluateWritesTheTableForBothSplits() throws {
        let result = try runKutip(["evaluate", "--report-dir", ""])
        #expect(result.status == 0)
        #expect(result.stdout.contains("== dev:"))
        #expect(result.stdout.contains("== test:"))
        #expect(result.stdout.contains("quotes"))
    }
}
