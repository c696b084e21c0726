using System.Globalization;
using System.Text.Json;
using SmartEnv.Imports.DataSources;
using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Verifications;
using SmartEnv.Verifications.Files;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Web.Ui;

/// <summary>The verification form of the 核验 tab (strings as chosen or typed).</summary>
public sealed class VerifyForm
{
    /// <summary><c>air</c>, <c>water</c> or <c>noise</c>.</summary>
    public string Domain { get; set; } = "air";
    /// <summary>A format of <see cref="VerificationService.Formats"/> for <see cref="Domain"/>.</summary>
    public string Format { get; set; } = "china-sites";
    /// <summary>Column mapping (<c>field=header,…</c>; csv only), or blank.</summary>
    public string? Map { get; set; }
    /// <summary>Air regime id, or blank for the rule of each row's date.</summary>
    public string? Regime { get; set; }
}

/// <summary>
/// The outcome of one run of the 核验 tab: the report with its two downloads, or the error in the UI culture.
/// Exactly one of <see cref="Report"/> and <see cref="Error"/> is set. Immutable.
/// </summary>
/// <param name="Report">The report, or null on error.</param>
/// <param name="Xlsx">The Excel workbook: the same bytes as <c>POST /api/verify/{domain}?output=xlsx</c> with <c>lang</c>
/// of the UI culture (<see cref="VerificationExcel.Write"/>).</param>
/// <param name="Json">The JSON report (the document of <c>smartenv verify --json</c>, snake_case, indented).</param>
/// <param name="Error">The Chinese (or English) frame of the error, e.g. "文件 a.csv 第 3 行第 2 列有误：", or null.</param>
/// <param name="Detail">The service's message (file/limit/usage detail), or null.</param>
public sealed record VerifyOutcome(VerificationReport? Report, byte[] Xlsx, string Json, string? Error, string? Detail);

/// <summary>
/// View model service of the 核验 tab on <c>/data</c> (issue 22, docs/verification.md "On the 数据 page"): runs
/// <see cref="VerificationService.Run"/> (the one entry point the CLI and <c>POST /api/verify/{domain}</c> use; nothing
/// is re-implemented here), builds the two downloads, names causes and domains in the UI culture, and attaches a finding to
/// a data source through <see cref="DataSourceService.AttachAsync"/> (the method of <c>POST
/// /api/data-sources/{key}/findings</c>; audited <c>data_source.finding.attach</c>). Scoped; not thread-safe.
/// </summary>
/// <param name="db">Context of the circuit's scope.</param>
/// <param name="time">Clock.</param>
public sealed class VerifyUiService(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>How many mismatches the tab lists (the downloads carry them all).</summary>
    public const int MismatchesShown = 50;

    /// <summary>Domains in the order of the domain list.</summary>
    public static IReadOnlyList<string> Domains { get; } = ["air", "water", "noise"];

    /// <summary>Formats the domain reads (<see cref="VerificationService.Formats"/>); empty for an unknown domain.</summary>
    /// <param name="domain">The domain.</param>
    public static IReadOnlyList<string> Formats(string? domain) =>
        domain is not null && VerificationService.Formats.TryGetValue(domain, out var f) ? f : [];

    /// <summary>Regime ids the air domain may name (<see cref="AqiRegime.All"/>).</summary>
    public static IReadOnlyList<string> Regimes { get; } = [.. AqiRegime.All.Select(r => r.Id)];

    /// <summary>Runs the verification of the uploaded files.</summary>
    /// <param name="form">The form; a blank map or regime is none.</param>
    /// <param name="inputs">The files (name and opener), in order.</param>
    /// <returns>The report and downloads, or the error: input errors name file, line and column; a limit names the limit.</returns>
    public static VerifyOutcome Run(VerifyForm form, IReadOnlyList<VerificationInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) return Fail(Texts.Verify.NoFile, null);
        var req = new VerificationRequest(form.Domain, form.Format, inputs, Blank(form.Regime), form.Format == "csv" ? Blank(form.Map) : null);
        VerificationReport report;
        try
        {
            report = VerificationService.Run(req);
        }
        catch (VerificationUsageException e) { return Fail(Texts.Verify.UsageError, e.Message.Replace("--", "", StringComparison.Ordinal)); }
        catch (DataFileLimitException e) { return Fail(Texts.Verify.LimitError(e.Limit), e.Message); }
        catch (DataFileFormatException e) { return Fail(Texts.Verify.InputError(e.Source, e.Line, e.Column), e.Message); }
        using var ms = new MemoryStream();
        VerificationExcel.Write(ms, report, !SmartEnvUi.IsChinese);
        return new VerifyOutcome(report, ms.ToArray(), JsonSerializer.Serialize(report, ContractJson.Indented), null, null);
    }

    /// <summary>Attaches one finding of a report to a data source (audited in the service); the id, or the reason.</summary>
    /// <param name="sourceKey">Source key.</param>
    /// <param name="finding">The finding as the report gives it.</param>
    /// <param name="note">Note ("this source rounds to nearest since …"), or blank.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored finding, or null and the service's message (no such source, invalid field).</returns>
    public async Task<(FindingView? Finding, string? Error)> AttachAsync(string? sourceKey, VerificationFinding finding, string? note, AuditActor actor,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(finding);
        try
        {
            var input = new FindingInput
            {
                Domain = finding.Domain, Cause = finding.Cause, Figure = finding.Figure, From = Iso(finding.From), To = Iso(finding.To), Stations = finding.Stations,
                Rows = finding.Rows, Summary = finding.Summary, SummaryEn = finding.SummaryEn, Note = Blank(note),
            };
            return (await new DataSourceService(db, time).AttachAsync(sourceKey ?? "", input, actor, ct), null);
        }
        catch (DataSourceException e) { return (null, e.Message); }
    }

    /// <summary>The cause in the UI culture (<see cref="VerificationCauses.Zh"/> / <see cref="VerificationCauses.En"/>); an
    /// unknown key is shown as itself.</summary>
    /// <param name="cause">Cause key.</param>
    public static string CauseText(string cause) =>
        VerificationCauses.IsKnown(cause) ? (SmartEnvUi.IsChinese ? VerificationCauses.Zh(cause) : VerificationCauses.En(cause)) : cause;

    /// <summary>The finding's summary in the UI culture.</summary>
    /// <param name="f">The finding.</param>
    public static string SummaryText(VerificationFinding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return SmartEnvUi.IsChinese ? f.Summary : f.SummaryEn;
    }

    /// <summary>The match rate as shown: <c>99.50 %</c>, or a dash when nothing was compared.</summary>
    /// <param name="report">The report.</param>
    public static string RateText(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.MatchRate is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + " %" : "—";
    }

    /// <summary>A Beijing time as <c>yyyy-MM-dd HH:mm</c> (report times carry +08:00 already).</summary>
    /// <param name="t">The time.</param>
    public static string TimeText(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A <c>data:</c> address of bytes for a download link.</summary>
    /// <param name="mediaType">Media type.</param>
    /// <param name="bytes">Content.</param>
    public static string DataUri(string mediaType, byte[] bytes) => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static VerifyOutcome Fail(string error, string? detail) => new(null, [], "", error, detail);
}
