import Foundation

/// Where the lexicon files that ship with Kutip live.
///
/// SwiftPM's generated `Bundle.module` traps when the resource bundle is
/// missing; this looks in the same places and reports which ones it tried.
public enum LexiconBundle {
    /// The name SwiftPM gives the resource bundle.
    static let bundleName = "Kutip_KutipLexicons.resources"

    /// The candidate folders, in the order they are tried.
    public static var candidates: [URL] {
        var urls: [URL] = []
        if let override = ProcessInfo.processInfo.environment["KUTIP_LEXICON_DIR"], !override.isEmpty {
            urls.append(URL(fileURLWithPath: override))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        urls.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName).appendingPathComponent("data"))
        urls.append(Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("data"))
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            urls.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(bundleName).appendingPathComponent("data"))
        }
        // The source checkout, for development builds and tests.
        urls.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("data"))
        return urls
    }

    /// The first candidate folder that exists, or `nil` with the list of tried paths.
    public static func locate() -> (url: URL?, tried: [String]) {
        var tried: [String] = []
        for url in candidates {
            tried.append(url.path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return (url, tried)
            }
        }
        return (nil, tried)
    }
}
