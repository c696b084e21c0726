namespace SmartEnv.Storage.Migrations;

/// <summary>
/// The data migration of <c>MeasurementKey</c> (one per provider; the SQL is the same on SQLite and PostgreSQL except the
/// ordinal collation): the <c>observations</c> table goes from the HJ 212 wire key (mn, cn, data_time, parameter_code)
/// to the measurement key (site_id, parameter_code, period, data_time) with unit and provenance (docs/storage.md).
/// <list type="number">
/// <item>Invented codes of the CNEMC moving statistics become the pollutant's factor code and an explicit period:
/// <c>CODE_24h</c> → moving24h, <c>CODE_8h</c> → moving8h, <c>CODE_24hmax</c> → max1h_of24h, <c>CODE_8h_24h</c> →
/// max8h_of24h (the six codes a34004, a34002, a21026, a21004, a05024, a21005).</item>
/// <item>Rows that now share a key (two devices, or a device and a file, for the same site, parameter, period and time)
/// keep the one the readers used before: a value whose flag makes it a measurement (none or N, HJ 212-2017 table 8)
/// before a flagged one before an empty one, then the lowest MN (ordinal) — the order of <c>AirEvaluator</c> and
/// <c>NoiseService</c> — then the oldest row.</item>
/// <item>Unit from the factor registry (<c>SmartEnv.Hj212.Codes.Hj212CodeRegistry</c> of 2026-12-06, copied here so the
/// migration never changes): at an air site the ambient unit (GB 3095: μg/m³, CO mg/m³; the standards unit), elsewhere
/// the HJ 212-2017 App. B unit (mg/L, μg/L for the metals, dB(A); empty for pH). The file imports stored the same units
/// (CNEMC and PRSA air: μg/m³, CO mg/m³; CNEMC water: the column headers' ℃, pH, mg/L, μS/cm, NTU). Unknown codes: null.</item>
/// <item>Pseudo-MNs <c>file:FORMAT:STATION</c> become import provenance: the earliest import run of that format
/// (cnemc → cnemc-sites, prsa → prsa, water → cnemc-water) that inserted values (the old schema never linked a value to
/// its run; the file line was never recorded, so <c>source_row</c> stays null), and MN null (migration
/// <c>ImportsWithoutMn</c>).</item>
/// </list>
/// Pure; thread-safe.
/// </summary>
internal static class MeasurementKeyData
{
    /// <summary>The six air codes whose moving statistics had suffixed codes.</summary>
    private static readonly string[] AirCodes = ["a34004", "a34002", "a21026", "a21004", "a05024", "a21005"];

    /// <summary>Old code suffix → new period text (snake_case <c>PeriodType</c>).</summary>
    private static readonly (string Suffix, string Period)[] Suffixes =
        [("_24h", "moving24h"), ("_8h", "moving8h"), ("_24hmax", "max1h_of24h"), ("_8h_24h", "max8h_of24h")];

    /// <summary>Old pseudo-MN format → import_logs.format.</summary>
    private static readonly (string Pseudo, string Format)[] Formats =
        [("cnemc", "cnemc-sites"), ("prsa", "prsa"), ("water", "cnemc-water")];

    /// <summary>Registry units as of this migration: (code, App. B unit, ambient unit).</summary>
    private static readonly (string Code, string AppendixB, string Ambient)[] Units =
    [
        ("w00000", "L/s", "L/s"),
        ("w01001", "", ""),
        ("w01002", "倍", "倍"),
        ("w01003", "NTU", "NTU"),
        ("w01008", "cm", "cm"),
        ("w01009", "mg/L", "mg/L"),
        ("w01010", "℃", "℃"),
        ("w01012", "mg/L", "mg/L"),
        ("w01014", "μS/cm", "μS/cm"),
        ("w01017", "mg/L", "mg/L"),
        ("w01018", "mg/L", "mg/L"),
        ("w01019", "mg/L", "mg/L"),
        ("w01020", "mg/L", "mg/L"),
        ("w02003", "个/L", "个/L"),
        ("w20111", "μg/L", "mg/L"),
        ("w20115", "μg/L", "mg/L"),
        ("w20116", "mg/L", "mg/L"),
        ("w20117", "μg/L", "mg/L"),
        ("w20119", "μg/L", "mg/L"),
        ("w20120", "μg/L", "mg/L"),
        ("w20121", "mg/L", "mg/L"),
        ("w20122", "mg/L", "mg/L"),
        ("w20123", "mg/L", "mg/L"),
        ("w21001", "mg/L", "mg/L"),
        ("w21003", "mg/L", "mg/L"),
        ("w21011", "mg/L", "mg/L"),
        ("w21016", "mg/L", "mg/L"),
        ("w21017", "mg/L", "mg/L"),
        ("w22001", "mg/L", "mg/L"),
        ("w23002", "mg/L", "mg/L"),
        ("a00000", "m³/s", "m³/s"),
        ("a01001", "℃", "℃"),
        ("a01002", "%", "%"),
        ("a01006", "kPa", "kPa"),
        ("a01007", "m/s", "m/s"),
        ("a01008", "°", "°"),
        ("a01010", "级", "级"),
        ("a01011", "m/s", "m/s"),
        ("a01012", "℃", "℃"),
        ("a01013", "kPa", "kPa"),
        ("a01014", "%", "%"),
        ("a01015", "℃", "℃"),
        ("a01016", "m²", "m²"),
        ("a01017", "kPa", "kPa"),
        ("a01901", "℃", "℃"),
        ("a01902", "℃", "℃"),
        ("a05001", "mg/m³", "mg/m³"),
        ("a05002", "ng/m³", "ng/m³"),
        ("a05024", "μg/m³", "μg/m³"),
        ("a19001", "%", "%"),
        ("a21001", "ng/m³", "ng/m³"),
        ("a21002", "mg/m³", "μg/m³"),
        ("a21003", "mg/m³", "mg/m³"),
        ("a21004", "mg/m³", "μg/m³"),
        ("a21005", "mg/m³", "mg/m³"),
        ("a21018", "mg/m³", "mg/m³"),
        ("a21024", "mg/m³", "mg/m³"),
        ("a21026", "mg/m³", "μg/m³"),
        ("a21028", "mg/m³", "mg/m³"),
        ("a24087", "mg/m³", "mg/m³"),
        ("a24088", "mg/m³", "mg/m³"),
        ("a25002", "mg/m³", "mg/m³"),
        ("a25003", "mg/m³", "mg/m³"),
        ("a25005", "mg/m³", "mg/m³"),
        ("a34001", "ng/m³", "μg/m³"),
        ("a34002", "ng/m³", "μg/m³"),
        ("a34004", "ng/m³", "μg/m³"),
        ("a34005", "ng/m³", "ng/m³"),
        ("a34011", "t/(km²·月)", "t/(km²·月)"),
        ("a34013", "mg/m³", "mg/m³"),
        ("LA", "dB(A)", "dB(A)"),
        ("L5", "dB(A)", "dB(A)"),
        ("L10", "dB(A)", "dB(A)"),
        ("L50", "dB(A)", "dB(A)"),
        ("L90", "dB(A)", "dB(A)"),
        ("L95", "dB(A)", "dB(A)"),
        ("Leq", "dB(A)", "dB(A)"),
        ("Ldn", "dB(A)", "dB(A)"),
        ("Ld", "dB(A)", "dB(A)"),
        ("Ln", "dB(A)", "dB(A)"),
        ("LMx", "dB(A)", "dB(A)"),
        ("LMn", "dB(A)", "dB(A)"),
        ("B01", "L/s", "L/s"), // HJ/T 212-2005 code of w00000
        ("001", "", ""), // HJ/T 212-2005 code of w01001
        ("002", "倍", "倍"), // HJ/T 212-2005 code of w01002
        ("003", "mg/L", "mg/L"), // HJ/T 212-2005 code of w01012
        ("010", "mg/L", "mg/L"), // HJ/T 212-2005 code of w01017
        ("011", "mg/L", "mg/L"), // HJ/T 212-2005 code of w01018
        ("015", "mg/L", "mg/L"), // HJ/T 212-2005 code of w01020
        ("550", "个/L", "个/L"), // HJ/T 212-2005 code of w02003
        ("020", "μg/L", "mg/L"), // HJ/T 212-2005 code of w20111
        ("022", "μg/L", "mg/L"), // HJ/T 212-2005 code of w20115
        ("023", "mg/L", "mg/L"), // HJ/T 212-2005 code of w20116
        ("024", "μg/L", "mg/L"), // HJ/T 212-2005 code of w20117
        ("026", "μg/L", "mg/L"), // HJ/T 212-2005 code of w20119
        ("027", "μg/L", "mg/L"), // HJ/T 212-2005 code of w20120
        ("028", "mg/L", "mg/L"), // HJ/T 212-2005 code of w20121
        ("029", "mg/L", "mg/L"), // HJ/T 212-2005 code of w20122
        ("030", "mg/L", "mg/L"), // HJ/T 212-2005 code of w20123
        ("065", "mg/L", "mg/L"), // HJ/T 212-2005 code of w21001
        ("060", "mg/L", "mg/L"), // HJ/T 212-2005 code of w21003
        ("101", "mg/L", "mg/L"), // HJ/T 212-2005 code of w21011
        ("070", "mg/L", "mg/L"), // HJ/T 212-2005 code of w21016
        ("072", "mg/L", "mg/L"), // HJ/T 212-2005 code of w21017
        ("080", "mg/L", "mg/L"), // HJ/T 212-2005 code of w22001
        ("110", "mg/L", "mg/L"), // HJ/T 212-2005 code of w23002
        ("B02", "m³/s", "m³/s"), // HJ/T 212-2005 code of a00000
        ("37", "级", "级"), // HJ/T 212-2005 code of a01010
        ("S02", "m/s", "m/s"), // HJ/T 212-2005 code of a01011
        ("S03", "℃", "℃"), // HJ/T 212-2005 code of a01012
        ("S08", "kPa", "kPa"), // HJ/T 212-2005 code of a01013
        ("S05", "%", "%"), // HJ/T 212-2005 code of a01014
        ("S06", "℃", "℃"), // HJ/T 212-2005 code of a01015
        ("S07", "m²", "m²"), // HJ/T 212-2005 code of a01016
        ("S04", "kPa", "kPa"), // HJ/T 212-2005 code of a01017
        ("30", "mg/m³", "mg/m³"), // HJ/T 212-2005 code of a05001
        ("S01", "%", "%"), // HJ/T 212-2005 code of a19001
        ("10", "ng/m³", "ng/m³"), // HJ/T 212-2005 code of a21001
        ("03", "mg/m³", "μg/m³"), // HJ/T 212-2005 code of a21002
        ("04", "mg/m³", "mg/m³"), // HJ/T 212-2005 code of a21005
        ("06", "mg/m³", "mg/m³"), // HJ/T 212-2005 code of a21018
        ("08", "mg/m³", "mg/m³"), // HJ/T 212-2005 code of a21024
        ("02", "mg/m³", "μg/m³"), // HJ/T 212-2005 code of a21026
        ("05", "mg/m³", "mg/m³"), // HJ/T 212-2005 code of a21028
        ("25", "mg/m³", "mg/m³"), // HJ/T 212-2005 code of a24087
        ("17", "mg/m³", "mg/m³"), // HJ/T 212-2005 code of a25003
        ("18", "mg/m³", "mg/m³"), // HJ/T 212-2005 code of a25005
        ("01", "mg/m³", "mg/m³"), // HJ/T 212-2005 code of a34013
    ];

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string UnitCase(Func<(string Code, string AppendixB, string Ambient), string> pick) =>
        "CASE parameter_code " + string.Concat(Units.Select(u => $"WHEN {Quote(u.Code)} THEN {Quote(pick(u))} ")) + "ELSE NULL END";

    /// <summary>Statements run after the new columns exist and <c>mn</c> is nullable, before <c>cn</c> is dropped and the
    /// new unique index is built.</summary>
    /// <param name="postgres">True for PostgreSQL (ordinal collation <c>COLLATE "C"</c>; SQLite compares text
    /// byte-wise by default).</param>
    public static IEnumerable<string> UpSql(bool postgres)
    {
        // One pass over the table (the old indexes are gone by now): SET reads the old parameter_code on both engines.
        var moving = AirCodes.SelectMany(code => Suffixes.Select(x => (Old: code + x.Suffix, Code: code, x.Period))).ToList();
        yield return "UPDATE observations SET period = CASE parameter_code "
            + string.Concat(moving.Select(m => $"WHEN {Quote(m.Old)} THEN {Quote(m.Period)} ")) + "END, parameter_code = CASE parameter_code "
            + string.Concat(moving.Select(m => $"WHEN {Quote(m.Old)} THEN {Quote(m.Code)} ")) + "END "
            + $"WHERE parameter_code IN ({string.Join(", ", moving.Select(m => Quote(m.Old)))});";
        var collate = postgres ? " COLLATE \"C\"" : "";
        const string valid = "(flag IS NULL OR TRIM(flag) = '' OR UPPER(TRIM(flag)) = 'N')";
        yield return "DELETE FROM observations WHERE id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER ("
            + "PARTITION BY site_id, parameter_code, period, data_time ORDER BY "
            + $"CASE WHEN value IS NOT NULL AND {valid} THEN 0 WHEN NOT {valid} THEN 1 ELSE 2 END, mn{collate}, id) AS rn "
            + "FROM observations) ranked WHERE rn > 1);";
        yield return "UPDATE observations SET unit = CASE WHEN (SELECT kind FROM sites WHERE sites.id = observations.site_id) = 'air' "
            + $"THEN {UnitCase(u => u.Ambient)} ELSE {UnitCase(u => u.AppendixB)} END;";
        foreach (var (pseudo, format) in Formats)
            yield return $"UPDATE observations SET import_log_id = (SELECT MIN(l.id) FROM import_logs l WHERE l.format = {Quote(format)} "
                + $"AND l.values_inserted > 0) WHERE mn LIKE {Quote("file:" + pseudo + ":%")};";
    }

    /// <summary>Migration <c>ImportsWithoutMn</c>: imported rows lose their pseudo-MN (a separate migration because SQLite
    /// makes <c>mn</c> nullable by rebuilding the table at the end of <c>MeasurementKey</c>).</summary>
    public const string ClearPseudoMnSql = "UPDATE observations SET mn = NULL WHERE mn LIKE 'file:%';";

    /// <summary>Statements of the way back of <c>MeasurementKey</c>, run after <c>cn</c> is re-added (empty): CN from the
    /// period, suffixed codes for the moving statistics.</summary>
    public static IEnumerable<string> DownSql()
    {
        yield return "UPDATE observations SET cn = CASE period WHEN 'rtd' THEN '2011' WHEN 'min' THEN '2051' WHEN 'day' THEN '2031' ELSE '2061' END;";
        foreach (var (suffix, period) in Suffixes)
            yield return $"UPDATE observations SET parameter_code = parameter_code || {Quote(suffix)}, period = 'hour' WHERE period = {Quote(period)};";
    }

    /// <summary>The way back of <c>ImportsWithoutMn</c>: pseudo-MN <c>file:FORMAT:SITECODE</c> for imported rows (the
    /// PRSA station name is not kept: the site code stands for it).</summary>
    public static string RestorePseudoMnSql =>
        "UPDATE observations SET mn = 'file:' || COALESCE((SELECT CASE l.format "
            + string.Concat(Formats.Select(f => $"WHEN {Quote(f.Format)} THEN {Quote(f.Pseudo)} "))
            + "ELSE l.format END FROM import_logs l WHERE l.id = observations.import_log_id), 'import') || ':' "
            + "|| (SELECT code FROM sites WHERE sites.id = observations.site_id) WHERE mn IS NULL;";
}
