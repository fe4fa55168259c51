@_exported import KutipAbbreviations
@_exported import KutipBoilerplate
@_exported import KutipCore
@_exported import KutipDates
@_exported import KutipEntities
@_exported import KutipEvaluation
@_exported import KutipTokenize
@_exported import KutipUnicode
