// A deliberately small C surface over ICU. Only <stdint.h> types cross it, so
// Swift never sees ICU's headers (they clash with Foundation's bundled ICU and
// are renamed per version by urename.h).
#ifndef KUTIP_ICU_H
#define KUTIP_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Break iterator kinds, mirroring ICU's UBRK_WORD and UBRK_SENTENCE.
enum {
    KUTIP_ICU_BREAK_WORD = 1,
    KUTIP_ICU_BREAK_SENTENCE = 3
};

/// An opaque ICU break iterator. Not thread-safe: clone it per thread.
typedef struct kutip_icu_breaker kutip_icu_breaker;

/// Opens a break iterator of `kind` for `locale`. When `extra_rules` is not
/// NULL the locale's own rules are read back and `extra_rules` (UTF-16) is
/// appended to them before compiling, so Indonesian additions refine ICU's
/// rules instead of replacing them. Returns NULL on failure and writes a
/// message to `error_message` (NUL-terminated, truncated to `error_capacity`).
kutip_icu_breaker *kutip_icu_breaker_open(int32_t kind, const char *locale,
                                          const uint16_t *extra_rules, int32_t extra_rules_length,
                                          char *error_message, int32_t error_capacity);

/// A new iterator with the same rules, for use on another thread.
kutip_icu_breaker *kutip_icu_breaker_clone(const kutip_icu_breaker *breaker);

void kutip_icu_breaker_close(kutip_icu_breaker *breaker);

/// Writes every boundary of `text` (UTF-16 offsets, 0 and `length` included)
/// to `boundaries` and the rule status of the segment ending there to
/// `statuses` (may be NULL). Returns the number of boundaries, or, when
/// `capacity` is too small, the negated number needed. -1 signals an ICU error.
int32_t kutip_icu_breaker_boundaries(kutip_icu_breaker *breaker,
                                     const uint16_t *text, int32_t length,
                                     int32_t *boundaries, int32_t *statuses, int32_t capacity);

/// Normalization forms for `kutip_icu_normalize`.
enum {
    KUTIP_ICU_NFC = 0,
    KUTIP_ICU_NFKC = 1,
    KUTIP_ICU_NFKC_CASEFOLD = 2
};

/// Normalizes UTF-16 `text` into `output`. Returns the output length, the
/// negated length needed when `capacity` is too small, or INT32_MIN on error.
int32_t kutip_icu_normalize(int32_t form, const uint16_t *text, int32_t length,
                            uint16_t *output, int32_t capacity);

/// Full Unicode case folding (ICU u_strFoldCase, default options).
int32_t kutip_icu_fold_case(const uint16_t *text, int32_t length,
                            uint16_t *output, int32_t capacity);

/// Converts a Hijri date (month 1 = Muharram) to the Gregorian calendar with
/// ICU's Umm al-Qura Islamic calendar. Returns 0 on success.
int32_t kutip_icu_hijri_to_gregorian(int32_t year, int32_t month, int32_t day,
                                     int32_t *gregorian_year, int32_t *gregorian_month,
                                     int32_t *gregorian_day);

/// The ICU version string, e.g. "72.1".
const char *kutip_icu_version(void);

#ifdef __cplusplus
}
#endif

#endif
