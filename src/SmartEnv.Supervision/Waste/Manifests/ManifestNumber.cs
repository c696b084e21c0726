using System.Globalization;

namespace SmartEnv.Supervision.Waste.Manifests;

/// <summary>
/// 危险废物转移联单编号, 《危险废物转移管理办法》 (2021, 部令第23号) Art. 15 (supervision.md §3.4 [P†]): <b>14 digits</b> =
/// 4-digit year + 2-digit province code + 2-digit city code of the 移出地 (GB/T 2260, the first four digits of the
/// 6-digit division code: Chongqing 50, its 市辖区 01 → <c>5001</c>) + a 6-digit serial per city and year (000001 …),
/// e.g. <c>20245001000001</c>. The serial is allocated by the store (<c>hw_manifest_serials</c>, per year + division4);
/// this type only formats and checks. Input is not trimmed. Pure and thread-safe.
/// </summary>
public static class ManifestNumber
{
    /// <summary>Length of a number (Art. 15: 4 + 2 + 2 + 6).</summary>
    public const int Length = 14;

    /// <summary>Largest serial a city can issue in one year (6 digits).</summary>
    public const int MaxSerial = 999_999;

    /// <summary>The first two digits of every GB/T 2260 province-level division (11 Beijing … 65 Xinjiang, 71 Taiwan,
    /// 81/82 Hong Kong/Macao). A number whose digits 5–6 are not one of them cannot be a manifest number.</summary>
    public static readonly IReadOnlySet<string> Provinces = new HashSet<string>(StringComparer.Ordinal)
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44",
        "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
    };

    /// <summary>Formats a number.</summary>
    /// <param name="year">Year of the transfer (the year the number is allocated in), 2000–9999.</param>
    /// <param name="divisionCode6">6-digit GB/T 2260 code of the 移出地 (the generator's <c>hw_parties.division_code</c>, e.g.
    /// <c>500105</c>); only its first four digits enter the number.</param>
    /// <param name="serial">The city's serial for the year, 1–<see cref="MaxSerial"/>.</param>
    /// <returns>The 14 digits.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Year outside 2000–9999, serial outside 1–999999 (the city's serial space
    /// for the year is exhausted), or a division code that is not 6 ASCII digits with a known province.</exception>
    public static string Format(int year, string divisionCode6, int serial)
    {
        ArgumentNullException.ThrowIfNull(divisionCode6);
        if (year is < 2000 or > 9999)
            throw new ArgumentOutOfRangeException(nameof(year), year, "a manifest year has 4 digits (2000–9999)");
        if (serial is < 1 or > MaxSerial)
            throw new ArgumentOutOfRangeException(nameof(serial), serial, $"the serial of a city per year is 1–{MaxSerial} (6 digits, 办法 Art. 15)");
        if (divisionCode6.Length != 6 || !divisionCode6.All(char.IsAsciiDigit) || !Provinces.Contains(divisionCode6[..2]) || divisionCode6[2..4] == "00")
            throw new ArgumentOutOfRangeException(nameof(divisionCode6), divisionCode6, "a GB/T 2260 division code has 6 digits with a known province and a city other than 00 (e.g. 500105)");
        return string.Create(CultureInfo.InvariantCulture, $"{year:D4}{divisionCode6[..4]}{serial:D6}");
    }

    /// <summary>Reads a number.</summary>
    /// <param name="text">The number as given.</param>
    /// <param name="year">Digits 1–4.</param>
    /// <param name="province">Digits 5–6 (GB/T 2260 province).</param>
    /// <param name="city">Digits 7–8 (city within the province).</param>
    /// <param name="serial">Digits 9–14.</param>
    /// <param name="reason">Why it is not a number (naming the 1-based position); null on success.</param>
    /// <returns>True when <paramref name="text"/> is 14 ASCII digits, year ≥ 2000, a known province, a city other than
    /// 00 and a serial other than 000000.</returns>
    public static bool TryParse(string? text, out int year, out string province, out string city, out int serial, out string? reason)
    {
        year = 0; province = ""; city = ""; serial = 0;
        if (text is null || text.Length != Length)
        {
            reason = $"a manifest number has {Length} digits (办法 Art. 15: year 4 + province 2 + city 2 + serial 6); got {text?.Length ?? 0}";
            return false;
        }
        for (var i = 0; i < Length; i++)
            if (!char.IsAsciiDigit(text[i]))
            {
                reason = $"position {i + 1}: '{text[i]}' — a manifest number has digits only";
                return false;
            }
        var y = int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
        if (y < 2000) { reason = $"positions 1–4: {y} is not a manifest year (2000 or later)"; return false; }
        if (!Provinces.Contains(text[4..6])) { reason = $"positions 5–6: {text[4..6]} is not a GB/T 2260 province code"; return false; }
        if (text[6..8] == "00") { reason = "positions 7–8: the city code is not 00 (GB/T 2260)"; return false; }
        var s = int.Parse(text.AsSpan(8, 6), CultureInfo.InvariantCulture);
        if (s == 0) { reason = "positions 9–14: the serial starts at 000001"; return false; }
        (year, province, city, serial, reason) = (y, text[4..6], text[6..8], s, null);
        return true;
    }
}
