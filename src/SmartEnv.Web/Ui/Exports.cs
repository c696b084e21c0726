using SmartEnv.Accounts;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Water;
using SmartEnv.Storage.Entities;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Web.Ui;

/// <summary>A table ready to export: column headers and rows of cells (string, number or null).</summary>
/// <param name="Name">File stem, e.g. <c>air-daily-1420A-2019-01-01-2019-12-31</c>.</param>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Rows, each as long as <paramref name="Headers"/>.</param>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Table exports of the UI (<c>GET /ui/export/{table}.{xlsx|csv}</c>): the daily AQI table of a station/district
/// period (HJ 663 daily values), the water sections table, and (policy Monitoring) the quarantine list, the raw packet list,
/// the import runs and one import's rejected rows. Excel and CSV are both written by MiniExcel;
/// CSV is UTF-8 with BOM so Excel opens Chinese text. Headers are in the current UI language. A cell holding a list
/// (primary pollutants, items, exclusion reasons) joins it with <see cref="ContractJson.ListSeparator"/> (<c>;</c>), the
/// one list joiner of the output contract (docs/api.md).
/// </summary>
public static class Exports
{
    /// <summary>Maps <c>/ui/export/air-daily.{ext}?site=&amp;from=&amp;to=&amp;regime=</c>, <c>/ui/export/quarantine.{ext}</c>
    /// and <c>/ui/export/packets.{ext}</c>.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/export/air-daily.{ext}", async (string ext, string site, DateOnly from, DateOnly to, string? regime, AirService air,
            SmartEnv.Storage.SmartEnvDbContext db, HttpContext http, CancellationToken ct) =>
        {
            if (to < from || to.DayNumber - from.DayNumber > 3660) return Results.BadRequest("from…to must be ascending and at most 10 years");
            // As the 空气 page (issue 14: year 1 overflowed the on-demand hours): plausible data times only.
            if (from.Year < 2000 || to.Year > 2099) return Results.BadRequest("from…to must lie within 2000-01-01…2099-12-31");
            AqiRegime? r = null;
            if (!string.IsNullOrEmpty(regime) && !AqiRegime.TryFromId(regime, out r)) return Results.BadRequest("unknown regime");
            // Public means public (issue 14): a station the caller may not see is a 404, as an unknown code; the district
            // series (the 空气 page's 江北区 option, a public figure of public stations) is offered to everyone.
            if (site != AirService.DistrictCode && await SmartEnv.Web.Apis.SitesApi.FindVisibleAsync(db, http, site, ct) is not { Kind: SiteKind.Air })
                return Results.NotFound();
            var a = await air.AssessAsync(site, from, to, r, ct);
            return a is null ? Results.BadRequest("the period has not begun") : Write(ext, AirDaily(a, site));
        }).AllowAnonymous().ExcludeFromDescription();
        foreach (var (table, status) in new[] { ("quarantine", PacketStatus.Quarantined), ("packets", PacketStatus.Accepted) })
            app.MapGet($"/ui/export/{table}.{{ext}}", async (string ext, DataService data, CancellationToken ct) =>
                Write(ext, Packets(table, await data.PacketsAsync(status, null, ct))))
                .RequireAuthorization(SmartEnvPolicies.Monitoring).ExcludeFromDescription(); // raw packets are not public data
        app.MapGet("/ui/export/imports.{ext}", async (string ext, DataService data, CancellationToken ct) =>
            Write(ext, Imports(await data.ImportsAsync(ct)))).RequireAuthorization(SmartEnvPolicies.Monitoring).ExcludeFromDescription();
        app.MapGet("/ui/export/import-rejects.{ext}", async (string ext, long id, DataService data, CancellationToken ct) =>
            await data.ImportReportAsync(id, ct) is { } r ? Write(ext, Rejects(r.Import, r.Rejects)) : Results.NotFound())
            .RequireAuthorization(SmartEnvPolicies.Monitoring).ExcludeFromDescription();
        app.MapGet("/ui/export/water-sections.{ext}", async (string ext, HttpContext http, WaterService water, CancellationToken ct) =>
            Write(ext, WaterSections(await water.SectionsAsync(SmartEnvPolicies.IsStaff(http.User), ct)))).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Daily table of an assessment: date, daily values by indicator (μg/m³; CO mg/m³), AQI, level, category,
    /// primary pollutants, regime, valid AQI day, exclusion reasons.</summary>
    /// <param name="a">Assessment.</param>
    /// <param name="site">Station code or district.</param>
    public static ExportTable AirDaily(AirAssessment a, string site)
    {
        var zh = SmartEnvUi.IsChinese;
        var inds = Hj663Assessment.DailyIndicators;
        var headers = new List<string> { zh ? "日期" : "Date" };
        headers.AddRange(inds.Select(i => $"{Display.Indicator(i)} ({i.Unit()})"));
        headers.AddRange(zh ? ["AQI", "级别", "类别", "首要污染物", "规则", "有效AQI日", "剔除原因"]
            : ["AQI", "Level", "Category", "Primary pollutants", "Regime", "Valid AQI day", "Excluded because"]);
        var rows = a.Days.Select(d =>
        {
            var row = new List<object?> { Display.Date(d.Date) };
            row.AddRange(inds.Select(i => d.Values.TryGetValue(i, out var v) ? (object)v : null));
            row.Add(d.Aqi?.Aqi);
            row.Add(d.Aqi?.Level);
            row.Add(d.Aqi?.Category is { } c ? (zh ? c.Zh : c.En) : null);
            row.Add(d.Aqi is { PrimaryPollutants.Count: > 0 } ? ContractJson.JoinList(d.Aqi.PrimaryPollutants.Select(Display.Pollutant).Distinct()) : null);
            row.Add(d.Aqi?.Regime.Id);
            row.Add((d.AqiValid ? Texts.Common.Yes : Texts.Common.No));
            row.Add(ContractJson.JoinList(d.Exclusions.Select(Display.Exclusion)));
            return row.ToArray();
        }).ToList();
        return new ExportTable($"air-daily-{site}-{Display.Date(a.From)}-{Display.Date(a.To)}", headers, rows);
    }

    /// <summary>Import runs: id, format, file, start/end (Beijing time), rows read, values accepted/inserted, rejects.</summary>
    /// <param name="rows">Import runs.</param>
    public static ExportTable Imports(IReadOnlyList<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var zh = SmartEnvUi.IsChinese;
        string[] headers = zh
            ? ["编号", "格式", "文件", "开始（北京时间）", "结束（北京时间）", "读取行数", "接受数值", "新增数值", "拒绝"]
            : ["Id", "Format", "File", "Started (Beijing time)", "Finished (Beijing time)", "Rows read", "Values accepted", "Values inserted", "Rejected"];
        return new ExportTable("imports", headers, rows.Select(i => new object?[]
        {
            i.Id, FormatName(i.Format), i.FileName, Display.Beijing(i.StartedAt), i.FinishedAt is { } f ? Display.Beijing(f) : null, i.RowsRead,
            i.ValuesAccepted, i.ValuesInserted, i.Rejected,
        }).ToList());
    }

    /// <summary>Rejected rows of one import: row (1-based line), column (0 = whole row), reason.</summary>
    /// <param name="import">The import run.</param>
    /// <param name="rows">Its rejects.</param>
    public static ExportTable Rejects(ImportRow import, IReadOnlyList<RejectRow> rows)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(rows);
        var zh = SmartEnvUi.IsChinese;
        string[] headers = zh ? ["行", "列", "原因"] : ["Row", "Column", "Reason"];
        return new ExportTable($"import-{import.Id}-rejects", headers, rows.Select(r => new object?[] { r.Row, r.Column, r.Reason }).ToList());
    }

    /// <summary>Water sections table as on /water: code, name, water body, control level, target class, latest class,
    /// 达标/超标, per-item values and classes, 超标倍数, main pollutants, sample time (Beijing).</summary>
    /// <param name="rows">Section rows.</param>
    public static ExportTable WaterSections(IReadOnlyList<WaterSectionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var zh = SmartEnvUi.IsChinese;
        string[] headers = zh
            ? ["断面编码", "断面", "水体", "控制级别", "目标类别", "最新类别", "达标情况", "单项类别", "超标倍数", "主要污染指标", "采样时间（北京时间）"]
            : ["Code", "Section", "Water body", "Control level", "Target class", "Latest class", "Target compliance", "Per-item class", "Exceeding multiple", "Main pollutants", "Sample time (Beijing time)"];
        string Item(WaterItem i) => zh ? Gb3838Table1.Get(i).NameZh : Gb3838Table1.Get(i).NameEn;
        return new ExportTable("water-sections", headers, rows.Select(r => new object?[]
        {
            r.Code, r.Name, r.WaterBody, r.ControlLevel is { } c ? Texts.Common.Level(c) : null, Display.WaterClass(r.TargetClass),
            r.Latest?.Class?.ToDisplay(),
            r.MeetsTarget is { } m ? (m ? (zh ? "达标" : "meets target") : (zh ? "超标" : "exceeds target")) : null,
            r.Latest is null ? null : ContractJson.JoinList(r.Latest.Items.Select(i => $"{Item(i.Item)} {i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} → {i.Class?.ToDisplay() ?? "—"}")),
            r.Latest is null ? null : ContractJson.JoinList(r.Latest.Items.Where(i => i.ExceedingMultiple is not null)
                .Select(i => $"{Item(i.Item)} {Display.ExceedingMultiple(i.ExceedingMultiple!.Value)}")),
            r.Latest is null ? null : ContractJson.JoinList(r.Latest.MainPollutants.Select(Item)),
            r.SampleTime is { } st ? Display.Beijing(st) : null,
        }).ToList());
    }

    /// <summary>Name of an import format (<see cref="SmartEnv.Imports.FileImport.Formats"/>) in the current UI language
    /// (texts <c>Fmt_…</c>); the format id itself when it has no text.</summary>
    /// <param name="format">Format id, e.g. <c>cnemc-sites</c>.</param>
    public static string FormatName(string format)
    {
        var name = Texts.Data.ImportFormat(format);
        return name == "Fmt_" + format ? format : name;
    }

    private static ExportTable Packets(string name, List<PacketRow> rows)
    {
        var zh = SmartEnvUi.IsChinese;
        string[] headers = zh
            ? ["编号", "接收时间（北京时间）", "来源", "MN", "CN", "状态", "隔离原因", "说明", "CRC有效", "帧诊断", "报文（PW已隐去）"]
            : ["Id", "Received (Beijing time)", "Peer", "MN", "CN", "Status", "Quarantine reason", "Detail", "CRC valid", "Framing", "Frame (PW hidden)"];
        return new ExportTable(name, headers, rows.Select(p => new object?[]
        {
            p.Id, Display.Beijing(p.ReceivedAt), p.Peer, p.Mn, p.Cn, Texts.Common.Packet(p.Status), p.Reason is { } r ? Texts.Common.Quarantine(r) : null,
            p.Detail, (p.CrcValid ? Texts.Common.Yes : Texts.Common.No), p.Diagnostics, p.Text,
        }).ToList());
    }

    /// <summary>Writes a table as <c>xlsx</c> or <c>csv</c> (MiniExcel) without holding the file in memory: rows are turned
    /// into cells one at a time into a temporary file (deleted when the response has been sent), which is then streamed.
    /// CSV text cells go through <see cref="SpreadsheetCells.Escape"/> (formula injection, OWASP); CSV is UTF-8 with BOM so
    /// Excel opens Chinese text.</summary>
    /// <param name="ext"><c>xlsx</c> or <c>csv</c>; anything else is a 400.</param>
    /// <param name="table">Table.</param>
    public static IResult Write(string ext, ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var type = ext switch { "xlsx" => ExcelType.XLSX, "csv" => ExcelType.CSV, _ => (ExcelType?)null };
        if (type is null) return Results.BadRequest("format must be xlsx or csv");
        var file = new FileStream(Path.Combine(Path.GetTempPath(), "smartenv-export-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            if (type == ExcelType.CSV) file.Write(Encoding.UTF8.Preamble);
            MiniExcel.SaveAs(file, Cells(table, type == ExcelType.CSV), printHeader: true, sheetName: Texts.Common.ExportSheet, excelType: type.Value);
            file.Position = 0;
        }
        catch
        {
            file.Dispose();
            throw;
        }
        var contentType = type == ExcelType.XLSX ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
        return Results.File(file, contentType, table.Name + "." + ext); // disposes (deletes) the file after sending
    }

    /// <summary>The rows of a table as MiniExcel reads them (header → value), built lazily; CSV text escaped.</summary>
    private static IEnumerable<IDictionary<string, object?>> Cells(ExportTable table, bool csv)
    {
        foreach (var r in table.Rows)
        {
            var d = new Dictionary<string, object?>(table.Headers.Count);
            for (var i = 0; i < table.Headers.Count; i++) d[table.Headers[i]] = csv ? SpreadsheetCells.EscapeValue(r[i]) : r[i];
            yield return d;
        }
    }
}
