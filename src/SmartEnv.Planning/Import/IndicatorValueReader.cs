using System.Globalization;
using nietras.SeparatedValues;
using SmartEnv.Planning.Indicators;

namespace SmartEnv.Planning.Import;

/// <summary>Series read from a values file, or the errors (nothing is kept when any row is bad).</summary>
/// <param name="Series">Series by 专栏2 序号, null on error.</param>
/// <param name="Errors">Errors with line and column.</param>
public sealed record IndicatorValueImport(IReadOnlyDictionary<int, IndicatorSeries>? Series, IReadOnlyList<PlanImportError> Errors);

/// <summary>
/// Reads indicator values from a TSV file with the header
/// <c>indicator	year	value	source	by	at	evidence	note</c>: 专栏2 序号, year, exact decimal value in the indicator's
/// unit, <c>computed</c> or <c>reported</c>, who, ISO 8601 date-time (UTC when no offset), evidence, optional note. Rows
/// for the same indicator and year are versions in file order (a later row is a correction, the earlier one is kept).
/// </summary>
public static class IndicatorValueReader
{
    /// <summary>Required header, in order.</summary>
    public static readonly IReadOnlyList<string> Headers = ["indicator", "year", "value", "source", "by", "at", "evidence", "note"];

    /// <summary>Reads the file.</summary>
    /// <param name="file">The TSV file.</param>
    /// <param name="knownIndicators">专栏2 序号s that exist (others are errors).</param>
    public static IndicatorValueImport Read(string file, IReadOnlySet<int> knownIndicators)
    {
        ArgumentNullException.ThrowIfNull(knownIndicators);
        var name = Path.GetFileName(file);
        var errors = new List<PlanImportError>();
        var series = new Dictionary<int, IndicatorSeries>();
        try
        {
            using var reader = Sep.New('\t').Reader(o => o with { HasHeader = true, DisableQuotesParsing = true, DisableColCountCheck = true }).FromFile(file);
            var got = reader.Header.ColNames.Select(c => c.Trim()).ToList();
            if (!got.Take(7).SequenceEqual(Headers.Take(7)))
                return new IndicatorValueImport(null, [new PlanImportError(name, 1, "", $"header must be: {string.Join(" ", Headers)}")]);
            foreach (var row in reader)
            {
                var line = row.LineNumberFrom;
                var cells = new string[row.ColCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString().Trim();
                string C(int i) => i < cells.Length ? cells[i] : "";
                if (cells.All(c => c.Length == 0)) continue;
                var before = errors.Count;
                if (!int.TryParse(C(0), NumberStyles.None, CultureInfo.InvariantCulture, out var no) || !knownIndicators.Contains(no))
                    errors.Add(new PlanImportError(name, line, "indicator", $"'{C(0)}' is not an indicator number of 专栏2"));
                if (!int.TryParse(C(1), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
                    errors.Add(new PlanImportError(name, line, "year", $"'{C(1)}' is not a year"));
                if (!decimal.TryParse(C(2), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                    errors.Add(new PlanImportError(name, line, "value", $"'{C(2)}' is not a number"));
                ValueSource? source = C(3) switch { "computed" => ValueSource.Computed, "reported" => ValueSource.Reported, _ => null };
                if (source is null) errors.Add(new PlanImportError(name, line, "source", $"'{C(3)}' is neither computed nor reported"));
                if (C(4).Length == 0) errors.Add(new PlanImportError(name, line, "by", "who reported or computed the value is required"));
                if (!DateTimeOffset.TryParse(C(5), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    errors.Add(new PlanImportError(name, line, "at", $"'{C(5)}' is not an ISO 8601 date-time"));
                if (source == ValueSource.Reported && C(6).Length == 0)
                    errors.Add(new PlanImportError(name, line, "evidence", "a reported value needs its evidence"));
                if (errors.Count > before) continue;
                if (!series.TryGetValue(no, out var s)) series[no] = s = new IndicatorSeries(no);
                s.Record(new IndicatorValue(no, year, value, source!.Value, C(4), at, C(6), C(7).Length == 0 ? null : C(7)));
            }
        }
        catch (IOException e)
        {
            return new IndicatorValueImport(null, [new PlanImportError(name, 0, "", e.Message)]);
        }
        return errors.Count > 0 ? new IndicatorValueImport(null, errors) : new IndicatorValueImport(series, []);
    }
}
