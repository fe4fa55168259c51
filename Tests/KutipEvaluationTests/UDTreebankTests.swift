import KutipCore
import KutipEvaluation
import Testing

@Suite("UD treebank")
struct UDTreebankTests {
    static let conllu = """
        # sent_id = 1
        # text = Ia pulang, berdirinya rumah.
        1\tIa\tia\tPRON\t_\t_\t2\tnsubj\t_\t_
        2\tpulang\tpulang\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
        3\t,\t,\tPUNCT\t_\t_\t2\tpunct\t_\t_
        4-5\tberdirinya\t_\t_\t_\t_\t_\t_\t_\t_
        4\tberdiri\tdiri\tVERB\t_\t_\t2\tconj\t_\t_
        5\tnya\tdia\tPRON\t_\t_\t4\tnsubj\t_\t_
        6\trumah\trumah\tNOUN\t_\t_\t4\tobj\t_\tSpaceAfter=No
        7\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

        # sent_id = 2
        # text = Selesai.
        1\tSelesai\tselesai\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
        2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_

        """

    @Test func rawTextTokensAndSentencesFollowCoNLL2018() throws {
        let treebank = try UDTreebank(conllu: Self.conllu)
        let document = treebank.document
        #expect(document.text == "Ia pulang, berdirinya rumah. Selesai.")
        #expect(document.tokens?.map(\.span.text) == ["Ia", "pulang", ",", "berdirinya", "rumah", ".", "Selesai", "."])
        #expect(document.sentences?.map(\.text) == ["Ia pulang, berdirinya rumah.", "Selesai."])
        #expect(treebank.unalignedTokens == 0)
        let perfect = treebank.score(document)
        #expect(perfect.tokens.f1 == 1 && perfect.sentences.f1 == 1)
    }
}
