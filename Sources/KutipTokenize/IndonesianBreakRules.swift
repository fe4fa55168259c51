/// ICU word-break rules appended to ICU's own for Indonesian news.
///
/// They use the variables of ICU's default word rules (`$ALetterPlus`,
/// `$Numeric`, `$ExFm`) and rely on rule chaining: each rule joins two
/// neighbours, and chains of joins make one token.
enum IndonesianBreakRules {
    static let word = #"""
        $KutipHyphen = [\u002D\u2010\u2011];
        $KutipAlnum = [$ALetterPlus $Numeric];
        # Reduplication and hyphenated compounds: undang-undang, sehari-hari, ke-5, 1960-an, APBN-P.
        $KutipAlnum $ExFm* $KutipHyphen $ExFm* $KutipAlnum {200};
        # Dates, times and numbered codes: 30/01/2023, 14:30, I/2007.
        $Numeric $ExFm* [\u002F\u003A] $ExFm* $Numeric {100};
        $ALetterPlus $ExFm* \u002F $ExFm* $Numeric {200};
        # Units with superscripts: km², m³.
        $ALetterPlus $ExFm* [\u00B2\u00B3] {200};
        # TeX-style quotation marks written as two characters: `` and ''.
        \u0060 \u0060;
        \u0027 \u0027;
        # Hashtags.
        \u0023 $ExFm* $KutipAlnum {200};
        """#
}
