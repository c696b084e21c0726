using System.Text;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>
/// CSV/Excel formula injection (issue 14 item 11; OWASP "CSV Injection"): text that an anonymous TCP client or a user put
/// in the store — an MN <c>=HYPERLINK(…)</c>, a peer <c>@SUM(…)</c>, a detail <c>+…</c>/<c>-…</c>, a TAB or CR first — leaves
/// every CSV export with a leading <c>'</c>, inside a quoted field when it holds a separator; numbers stay numbers; the xlsx
/// holds no formula cell. Expected bytes are written out by hand here.
/// </summary>
public abstract class CsvInjectionTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    [Fact]
    public async Task The_quarantine_export_escapes_formula_cells_as_OWASP_recommends()
    {
        var mn = "=HYPERLINK(\"http://evil.example/" + Guid.NewGuid().ToString("N")[..6] + "\",\"点击\")";
        await using (var db = app.Store.CreateContext())
        {
            db.RawPackets.Add(new RawPacket
            {
                Text = "##0000QN=1;CN=2011;MN=x&&0000", ReceivedAt = DateTimeOffset.UtcNow, Status = PacketStatus.Quarantined,
                QuarantineReason = QuarantineReason.UnknownMn, Mn = mn, Cn = "+2011", Peer = "@SUM(1+1)", QuarantineDetail = "-1+cmd|' /C calc'!A0",
                FramingDiagnostics = "\tTAB first",
            });
            await db.SaveChangesAsync();
        }
        using var admin = app.Client(admin: true);
        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/ui/export/quarantine.csv?culture=en-US"));
        var line = csv.Split('\n').Single(l => l.Contains("evil.example/", StringComparison.Ordinal) && l.Contains("SUM", StringComparison.Ordinal));
        // MiniExcel quotes a field holding a comma or a quote and doubles its quotes; the ' goes inside the quotes.
        Assert.Contains(",\"'" + mn.Replace("\"", "\"\"", StringComparison.Ordinal) + "\",", line, StringComparison.Ordinal);
        Assert.Contains(",'+2011,", line, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(1+1),", line, StringComparison.Ordinal);
        Assert.Contains("'-1+cmd|' /C calc'!A0", line, StringComparison.Ordinal);
        Assert.Contains("'\tTAB first", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",+", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", line, StringComparison.Ordinal);

        var xlsx = PublicExposureTests<TDb>.XlsxText(await admin.GetByteArrayAsync("/ui/export/quarantine.xlsx"));
        Assert.Contains("evil.example/", xlsx, StringComparison.Ordinal);
        Assert.DoesNotContain("<x:f>", xlsx, StringComparison.Ordinal);
        Assert.DoesNotContain("<f>", xlsx, StringComparison.Ordinal);
    }

    [Fact]
    public void The_escaper_follows_OWASP_and_is_reversible()
    {
        Assert.Equal("'=1+1", SpreadsheetCells.Escape("=1+1"));
        Assert.Equal("'+1", SpreadsheetCells.Escape("+1"));
        Assert.Equal("'-1", SpreadsheetCells.Escape("-1"));
        Assert.Equal("'@x", SpreadsheetCells.Escape("@x"));
        Assert.Equal("'\tx", SpreadsheetCells.Escape("\tx"));
        Assert.Equal("'\rx", SpreadsheetCells.Escape("\rx"));
        Assert.Equal("''quoted", SpreadsheetCells.Escape("'quoted"));
        Assert.Equal("长江 =1", SpreadsheetCells.Escape("长江 =1"));
        Assert.Equal("", SpreadsheetCells.Escape(""));
        Assert.Null(SpreadsheetCells.Escape(null));
        Assert.Equal(-3.5m, SpreadsheetCells.EscapeValue(-3.5m));
        foreach (var s in new[] { "=1", "'x", "''", "plain", "-", "'" })
            Assert.Equal(s, SpreadsheetCells.Unescape(SpreadsheetCells.Escape(s)));
    }
}

public sealed class SqliteCsvInjectionTests(WebAppFixture<SqliteTestDatabase> app) : CsvInjectionTests<SqliteTestDatabase>(app);

public sealed class PostgresCsvInjectionTests(WebAppFixture<PostgresTestDatabase> app) : CsvInjectionTests<PostgresTestDatabase>(app);
