namespace SmartEnv.Hj212;

/// <summary>
/// A departure from HJ 212-2017 that real loggers send and that a tolerant policy accepts with a warning, while a
/// strict policy rejects the packet (<see cref="Hj212RejectReason.NotTolerated"/>). The clause each one departs from
/// is given per value; docs/hj212.md lists the evidence.
/// </summary>
public enum Hj212Deviation
{
    /// <summary>Length field counts characters, not bytes (table 2; only differs for Chinese text).</summary>
    LengthCountsChars = 1,

    /// <summary>Length field counts the CRC and CR LF too (segment + 6).</summary>
    LengthIncludesCrcAndTerminator = 2,

    /// <summary>Length field has 3 digits instead of 4 (table 2).</summary>
    ThreeDigitLength = 3,

    /// <summary>Data segment longer than 1024 bytes (§6.3: 0 ≤ n ≤ 1024).</summary>
    SegmentOver1024 = 4,

    /// <summary>Packet ends with LF only (table 2: CR LF).</summary>
    TerminatorLfOnly = 5,

    /// <summary>Packet has no CR LF after the CRC (table 2).</summary>
    TerminatorMissing = 6,

    /// <summary>CRC printed in lower-case hex (Appendix A prints upper case; the value itself verified).</summary>
    LowercaseCrc = 7,

    /// <summary>CRC verified only under a Modbus variant allowed for this device (Appendix A algorithm failed).</summary>
    NonStandardCrcVariant = 8,

    /// <summary>Segment decoded as GBK, not UTF-8 (§6.3: Chinese as UTF-8).</summary>
    GbkEncoding = 9,

    /// <summary>No QN field (table 3; typical of HJ/T 212-2005 uploads).</summary>
    MissingQn = 10,

    /// <summary>No Flag field (table 3; typical of HJ/T 212-2005 uploads); version taken as 2005, no ack.</summary>
    MissingFlag = 11,

    /// <summary>QN is not 17 digits <c>YYYYMMDDhhmmsszzz</c> (table 3).</summary>
    NonStandardQn = 12,

    /// <summary>ST is not 2 characters 0-9/A-Z (§6.6.1.2), e.g. <c>ST=101</c>.</summary>
    NonStandardSt = 13,

    /// <summary>CN is not in the command table (table 9, HJ/T 212-2005 and HJ 212-2025 additions), e.g. vendor 8013.</summary>
    UnknownCommand = 14,

    /// <summary>',' used between header fields, or a stray ',' before a key (§6.3.3.1: fields separated by ';').</summary>
    CommaBetweenHeaderFields = 15,

    /// <summary>A header key written in another case than the standard's (e.g. <c>FLAG=0</c>; table 3).</summary>
    NonCanonicalKeyCase = 16,

    /// <summary><c>CP=&amp;&amp;</c> glued to the previous field without ';' (the standard's own C.19 typo).</summary>
    MissingSeparatorBeforeCp = 17,

    /// <summary>PW or MN present but empty (table 3).</summary>
    EmptyPwOrMn = 18,

    /// <summary>PNUM/PNO present although Flag bit D is 0 or Flag is missing (table 3).</summary>
    SplitFieldsWithoutFlagD = 19,

    /// <summary>CP longer than 950 bytes (table 3).</summary>
    CpOver950 = 20,

    /// <summary>DataTime with 17 digits (milliseconds) instead of 14 (table 4: N14); the time is kept to the millisecond.</summary>
    DataTimeWithMilliseconds = 21,

    /// <summary>A factor code that matches no code shape of HJ 212-2017 (letter + 5 digits, noise L-codes, SBx) nor
    /// HJ/T 212-2005 (2–3 digits, letter + 2 digits), e.g. <c>a214</c>, <c>ele01</c>, <c>PM10</c>; kept verbatim.</summary>
    NonStandardFactorCode = 22,

    /// <summary>A CP key without factor code that is not a table 4 field (e.g. a bare <c>Flag=N</c>); kept verbatim.</summary>
    UnknownCpKey = 23,

    /// <summary>A water code (w…) under an air/noise system code or an air code (a…) under a water-quality system code
    /// (§6.6.1 table 5 versus App. B).</summary>
    FactorDomainMismatch = 24,

    /// <summary>An answer (9013/9014) whose CP is not empty (App. C: <c>CP=&amp;&amp;&amp;&amp;</c>).</summary>
    ContentInAckCp = 25,

    /// <summary>CP block holding only white space (<c>CP=&amp;&amp; &amp;&amp;</c>, as printed in C.4).</summary>
    WhitespaceOnlyCp = 26,

    /// <summary>A header key that is none of QN, ST, CN, PW, MN, Flag, PNUM, PNO (table 3); kept out of the packet.</summary>
    UnknownHeaderField = 27,

    /// <summary>Flag bit D set but PNUM/PNO absent (table 3), e.g. requests sent with Flag=3 by some 2005-era platforms.</summary>
    FlagDWithoutSplitFields = 28,

    /// <summary>A factor field name of table 4 written in another case than the standard's (§6.3.3.2.1: case-sensitive,
    /// first letter upper case), e.g. <c>A18-flag</c>, <c>a34004-AVG</c>; read as its canonical field (<c>Flag</c>,
    /// <c>Avg</c>) so value and flag are both kept. <see cref="Hj212Warning.Detail"/> gives the key as sent.</summary>
    NonCanonicalFieldName = 29,

    /// <summary>Space, TAB or NUL bytes between the CRC and CR LF (table 2 puts CR LF right after the CRC; one CEMS
    /// vendor's firmware pads). Accepted only when length and CRC verify on the bytes before them.</summary>
    PaddingBeforeTerminator = 30,

    /// <summary>A data upload (CN 2011/2051/2061/2031/2041 carrying factor values) without <c>DataTime</c> in CP
    /// (table 4; App. C examples). Such values cannot be placed in time; the gateway quarantines them.</summary>
    MissingDataTime = 31,

    /// <summary>A numeric factor field (<c>-Rtd -Avg -Min -Max -Cou</c>, the Zs… values, noise <c>-Data</c>, …) whose
    /// value is not a plain decimal number (table 4: N14.2 etc.), e.g. <c>7O</c> or an empty value.
    /// <see cref="Hj212Warning.Detail"/> gives <c>key=value</c>.</summary>
    NonNumericValue = 32,

    /// <summary>A <c>-Flag</c> value outside the data flags of table 8 (N F M S D C T B, one upper-case letter), e.g.
    /// <c>N℃</c>. <see cref="Hj212Warning.Detail"/> gives <c>key=value</c>.</summary>
    UnknownDataFlag = 33,

    /// <summary>A factor code of standard shape that is not in <see cref="Codes.Hj212CodeRegistry"/> (App. B and the
    /// conventional a05024), e.g. vendor codes <c>a34006</c>, <c>o31104</c>. A notice, not a departure: App. B is a code
    /// scheme that vendors extend, so even <see cref="Hj212ParsePolicy.Strict"/> accepts it with this warning;
    /// <see cref="Hj212Warning.Detail"/> names the code. Map it with <see cref="Codes.Hj212FactorAliases"/>.</summary>
    UnregisteredFactorCode = 34,
}
