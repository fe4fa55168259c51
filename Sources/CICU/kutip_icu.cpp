#include "kutip_icu.h"

// C++ only for RuleBasedBreakIterator::getRules(); everything exported is C.

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/brkiter.h>
#include <unicode/rbbi.h>
#include <unicode/ubrk.h>
#include <unicode/ucal.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

struct kutip_icu_breaker {
    UBreakIterator *iterator;
};

static void write_error(char *out, int32_t capacity, const char *what, UErrorCode status,
                        const UParseError *parse) {
    if (out == NULL || capacity <= 0) return;
    if (parse != NULL && parse->line > 0) {
        snprintf(out, (size_t)capacity, "%s: %s at rule line %d, offset %d", what,
                 u_errorName(status), parse->line, parse->offset);
    } else {
        snprintf(out, (size_t)capacity, "%s: %s", what, u_errorName(status));
    }
}

kutip_icu_breaker *kutip_icu_breaker_open(int32_t kind, const char *locale,
                                          const uint16_t *extra_rules, int32_t extra_rules_length,
                                          char *error_message, int32_t error_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *base = ubrk_open((UBreakIteratorType)kind, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        write_error(error_message, error_capacity, "ubrk_open", status, NULL);
        return NULL;
    }
    UBreakIterator *iterator = base;
    if (extra_rules != NULL && extra_rules_length > 0) {
        // ICU 72 has no C ubrk_getRules, but every data-loaded iterator is a
        // RuleBasedBreakIterator that keeps its rule source.
        icu::RuleBasedBreakIterator *rules_based =
            dynamic_cast<icu::RuleBasedBreakIterator *>(reinterpret_cast<icu::BreakIterator *>(base));
        if (rules_based == NULL) {
            write_error(error_message, error_capacity, "getRules", U_UNSUPPORTED_ERROR, NULL);
            ubrk_close(base);
            return NULL;
        }
        icu::UnicodeString rules(rules_based->getRules());
        rules.append((UChar)'\n');
        rules.append((const UChar *)extra_rules, extra_rules_length);
        UParseError parse;
        memset(&parse, 0, sizeof parse);
        iterator = ubrk_openRules(rules.getBuffer(), rules.length(), NULL, 0, &parse, &status);
        ubrk_close(base);
        if (U_FAILURE(status)) {
            write_error(error_message, error_capacity, "ubrk_openRules", status, &parse);
            return NULL;
        }
    }
    kutip_icu_breaker *breaker = (kutip_icu_breaker *)malloc(sizeof *breaker);
    if (breaker == NULL) {
        ubrk_close(iterator);
        return NULL;
    }
    breaker->iterator = iterator;
    return breaker;
}

kutip_icu_breaker *kutip_icu_breaker_clone(const kutip_icu_breaker *breaker) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *copy = ubrk_clone(breaker->iterator, &status);
    if (U_FAILURE(status)) return NULL;
    kutip_icu_breaker *result = (kutip_icu_breaker *)malloc(sizeof *result);
    if (result == NULL) {
        ubrk_close(copy);
        return NULL;
    }
    result->iterator = copy;
    return result;
}

void kutip_icu_breaker_close(kutip_icu_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

int32_t kutip_icu_breaker_boundaries(kutip_icu_breaker *breaker,
                                     const uint16_t *text, int32_t length,
                                     int32_t *boundaries, int32_t *statuses, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    static const UChar empty[1] = {0};
    ubrk_setText(breaker->iterator, length > 0 ? (const UChar *)text : empty, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    int32_t position = ubrk_first(breaker->iterator);
    while (position != UBRK_DONE) {
        if (count < capacity) {
            boundaries[count] = position;
            if (statuses != NULL) statuses[count] = ubrk_getRuleStatus(breaker->iterator);
        }
        count++;
        position = ubrk_next(breaker->iterator);
    }
    /* Detach the caller's buffer so a later clone never reads freed memory. */
    ubrk_setText(breaker->iterator, empty, 0, &status);
    return count <= capacity ? count : -count;
}

static const UNormalizer2 *normalizer_for(int32_t form, UErrorCode *status) {
    switch (form) {
    case KUTIP_ICU_NFC: return unorm2_getNFCInstance(status);
    case KUTIP_ICU_NFKC: return unorm2_getNFKCInstance(status);
    default: return unorm2_getNFKCCasefoldInstance(status);
    }
}

int32_t kutip_icu_normalize(int32_t form, const uint16_t *text, int32_t length,
                            uint16_t *output, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = normalizer_for(form, &status);
    if (U_FAILURE(status)) return INT32_MIN;
    int32_t written = unorm2_normalize(normalizer, (const UChar *)text, length,
                                       (UChar *)output, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -written;
    if (U_FAILURE(status)) return INT32_MIN;
    return written;
}

int32_t kutip_icu_fold_case(const uint16_t *text, int32_t length,
                            uint16_t *output, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = u_strFoldCase((UChar *)output, capacity, (const UChar *)text, length,
                                    U_FOLD_CASE_DEFAULT, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -written;
    if (U_FAILURE(status)) return INT32_MIN;
    return written;
}

int32_t kutip_icu_hijri_to_gregorian(int32_t year, int32_t month, int32_t day,
                                     int32_t *gregorian_year, int32_t *gregorian_month,
                                     int32_t *gregorian_day) {
    static const UChar utc[] = {'U', 'T', 'C', 0};
    UErrorCode status = U_ZERO_ERROR;
    UCalendar *hijri = ucal_open(utc, 3, "id@calendar=islamic-umalqura", UCAL_DEFAULT, &status);
    UCalendar *gregorian = ucal_open(utc, 3, "id@calendar=gregorian", UCAL_GREGORIAN, &status);
    if (U_FAILURE(status)) {
        if (hijri) ucal_close(hijri);
        if (gregorian) ucal_close(gregorian);
        return -1;
    }
    ucal_clear(hijri);
    ucal_set(hijri, UCAL_EXTENDED_YEAR, year);
    ucal_set(hijri, UCAL_MONTH, month - 1);
    ucal_set(hijri, UCAL_DATE, day);
    UDate moment = ucal_getMillis(hijri, &status);
    ucal_setMillis(gregorian, moment, &status);
    *gregorian_year = ucal_get(gregorian, UCAL_EXTENDED_YEAR, &status);
    *gregorian_month = ucal_get(gregorian, UCAL_MONTH, &status) + 1;
    *gregorian_day = ucal_get(gregorian, UCAL_DATE, &status);
    ucal_close(hijri);
    ucal_close(gregorian);
    return U_FAILURE(status) ? -1 : 0;
}

const char *kutip_icu_version(void) {
    static char version[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, version);
    return version;
}
