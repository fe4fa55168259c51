import KutipCore
import Testing

@Suite("Scalar table")
struct ScalarTableTests {
    func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    @Test func exactKeysMatchOnlyAsWritten() {
        let table = ScalarTable([(scalars("ASN"), 1), (scalars("Kanwil"), 2)], foldingCase: false)
        #expect(table.value(for: scalars("ASN"), hash: HashFilter.hash(scalars("ASN"), foldingCase: false)) == 1)
        #expect(table.value(for: scalars("asn"), hash: HashFilter.hash(scalars("asn"), foldingCase: false)) == nil)
        #expect(table.value(for: scalars("Polri"), hash: HashFilter.hash(scalars("Polri"), foldingCase: false)) == nil)
        #expect(table.count == 2)
    }

    @Test func foldedKeysMatchAnyCase() {
        let table = ScalarTable([(scalars("kemenkumham"), "x"), (scalars("josé"), "y")], foldingCase: true)
        for word in ["KEMENKUMHAM", "Kemenkumham", "kemenkumham"] {
            #expect(table.value(for: scalars(word), hash: HashFilter.hash(scalars(word), foldingCase: true)) == "x")
        }
        #expect(table.value(for: scalars("JOSÉ"), hash: HashFilter.hash(scalars("JOSÉ"), foldingCase: true)) == "y")
        #expect(
            table.value(for: scalars("kemenkeu"), hash: HashFilter.hash(scalars("kemenkeu"), foldingCase: true)) == nil)
    }
}
