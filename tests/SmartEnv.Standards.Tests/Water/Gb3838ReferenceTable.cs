using System.Globalization;
using System.Text.RegularExpressions;
using SmartEnv.Tests;

namespace SmartEnv.Standards.Tests.Water;

/// <summary>GB 3838-2002 Table 1 as transcribed in ../shared/reference/standards.md §4.1 (independent of the code's table).</summary>
public static partial class Gb3838ReferenceTable
{
    public sealed record Row(int No, string Name, decimal[] River, decimal[]? Lake);

    public static IReadOnlyList<Row> Rows { get; } = Load();

    private static IReadOnlyList<Row> Load()
    {
        var lines = File.ReadAllLines(RepoPaths.SharedFile("reference/standards.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("### 4.1"));
        var rows = new List<Row>();
        foreach (var line in lines.Skip(start + 1))
        {
            if (line.StartsWith("### ")) break;
            var m = RowRe().Match(line);
            if (!m.Success) continue;
            var cells = line.Split('|', StringSplitOptions.TrimEntries).Skip(1).ToArray();
            var no = int.Parse(cells[0], CultureInfo.InvariantCulture);
            if (no <= 2) { rows.Add(new Row(no, cells[1], [], null)); continue; }
            var river = new decimal[5];
            decimal[]? lake = null;
            for (var k = 0; k < 5; k++)
            {
                var nums = NumRe().Matches(cells[2 + k]).Select(x => decimal.Parse(x.Value, CultureInfo.InvariantCulture)).ToArray();
                if (no == 3 && k == 0) { river[k] = nums[^1]; continue; } // "saturation 90% (or 7.5)"
                river[k] = nums[0];
                if (nums.Length > 1) { lake ??= new decimal[5]; lake[k] = nums[1]; }
            }
            rows.Add(new Row(no, cells[1], river, lake));
        }
        if (rows.Count != 24) throw new InvalidOperationException($"expected 24 rows in standards.md §4.1, found {rows.Count}");
        return rows;
    }

    [GeneratedRegex(@"^\| (\d+) \|")]
    private static partial Regex RowRe();

    [GeneratedRegex(@"\d+(\.\d+)?(?!%)")]
    private static partial Regex NumRe();
}
