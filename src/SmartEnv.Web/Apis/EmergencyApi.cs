using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Emergency;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Emergency;
using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 20: risk units, emergency plans and their filing, emergency events (docs/emergency.md).
/// <list type="bullet">
/// <item><c>GET /api/enterprises/{uscc}/emergency</c> — the enterprise's risk units, documents (without bytes) and plans
/// with their due flags (own enterprise or staff; another USCC is 404 in the enterprise scope).</item>
/// <item><c>POST …/emergency/units</c> (<c>{id?, name, expression, assessed_on, key, substances}</c>), <c>POST …/emergency/plans</c>
/// (<c>{title, version, signed_on}</c>), <c>PUT …/emergency/plans/{emergencyPlanId}/documents/{doc}?file_name=</c> (raw body = the file),
/// <c>POST …/emergency/plans/{emergencyPlanId}/submit</c> — the enterprise for itself, or admin/enforcement (other staff 403);
/// <c>GET …/emergency/plans/{emergencyPlanId}/attachments/{attachmentId}</c> — one filing-set document with its original file
/// name (own enterprise or staff; the public gets none: the public list publishes the filing, not the filing set).</item>
/// <item><c>GET /api/emergency/plans</c> — every plan with due/overdue flags and the key-unit filing rate (staff);
/// <c>POST /api/emergency/plans/{emergencyPlanId}/check</c> <c>{filed, filing_number, refile_by, note}</c> (enforcement).</item>
/// <item><c>GET /api/emergency/events</c> (staff), <c>POST /api/emergency/events</c> and
/// <c>POST /api/emergency/events/{eventId}/reports</c> <c>{kind, text}</c> (enforcement); <c>POST /api/emergency/classify</c>
/// — Annex 1 level of criteria, nothing stored (staff).</item>
/// <item><c>GET /api/public/emergency-plans</c> — filed units: name, USCC, filing number, filed day; nothing else (public).</item>
/// </list>
/// Refusals of <see cref="EmergencyService"/> keep their status (400, 404, 409).
/// </summary>
public static partial class EmergencyApi
{
    /// <summary>A substance as written.</summary>
    /// <param name="Name">Name.</param>
    /// <param name="Cas">CAS number.</param>
    /// <param name="OnSiteT">On-site quantity, t.</param>
    /// <param name="CriticalT">Critical quantity, t.</param>
    public sealed record SubstanceWrite(string? Name, string? Cas, decimal? OnSiteT, decimal? CriticalT);

    /// <summary>Body of a risk unit.</summary>
    /// <param name="Id">Unit to replace, or null for a new one.</param>
    /// <param name="Name">Unit name.</param>
    /// <param name="Expression">HJ 941 expression.</param>
    /// <param name="AssessedOn">Assessment day.</param>
    /// <param name="Key">Key unit.</param>
    /// <param name="Substances">Substances.</param>
    public sealed record UnitWrite(long? Id, string? Name, string? Expression, DateOnly? AssessedOn, bool? Key, IReadOnlyList<SubstanceWrite>? Substances);

    /// <summary>Body of a new plan.</summary>
    /// <param name="Title">Title.</param>
    /// <param name="Version">Version text.</param>
    /// <param name="SignedOn">Signing day.</param>
    public sealed record PlanWrite(string? Title, string? Version, DateOnly? SignedOn);

    /// <summary>Body of the bureau's check.</summary>
    /// <param name="Filed">True: 备案; false: 补正.</param>
    /// <param name="FilingNumber">备案编号.</param>
    /// <param name="RefileBy">Refile date.</param>
    /// <param name="Note">Notice text.</param>
    public sealed record CheckWrite(bool? Filed, string? FilingNumber, DateOnly? RefileBy, string? Note);

    /// <summary>Annex 1 criteria as written.</summary>
    /// <param name="Deaths">Deaths.</param>
    /// <param name="Injured">Poisoned or seriously injured.</param>
    /// <param name="Evacuated">Evacuated.</param>
    /// <param name="LossYuan">Direct loss, yuan.</param>
    /// <param name="WaterIntake">city, county_town, township.</param>
    /// <param name="CrossBoundary">national, provincial, city, county.</param>
    public sealed record CriteriaWrite(int? Deaths, int? Injured, int? Evacuated, decimal? LossYuan, string? WaterIntake, string? CrossBoundary)
    {
        /// <summary>The rule input.</summary>
        public EventCriteria ToCriteria() => new(Deaths, Injured, Evacuated, LossYuan, WaterIntake, CrossBoundary);
    }

    /// <summary>Body of an event.</summary>
    /// <param name="Title">Title.</param>
    /// <param name="Uscc">Enterprise involved.</param>
    /// <param name="OccurredAt">When it happened.</param>
    /// <param name="LearnedAt">When the bureau learned of it.</param>
    /// <param name="Criteria">Known criteria.</param>
    /// <param name="Circumstances">Art. 4 circumstances.</param>
    public sealed record EventWrite(string? Title, string? Uscc, string? OccurredAt, string? LearnedAt, CriteriaWrite? Criteria, IReadOnlyList<string>? Circumstances);

    /// <summary>Body of a report.</summary>
    /// <param name="Kind">initial, continued, final.</param>
    /// <param name="Text">Content.</param>
    public sealed record ReportWrite(string? Kind, string? Text);

    /// <summary>A plan with its flags.</summary>
    /// <param name="Id">Id.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="Enterprise">Enterprise name.</param>
    /// <param name="Title">Title.</param>
    /// <param name="Version">Version text.</param>
    /// <param name="SignedOn">Signed.</param>
    /// <param name="State">signed, submitted, filed, returned.</param>
    /// <param name="FilingDue">Filing due.</param>
    /// <param name="FilingDueProvisional">Filing due estimated.</param>
    /// <param name="SubmittedOn">Submitted.</param>
    /// <param name="CheckDue">Check due.</param>
    /// <param name="CheckedOn">Checked.</param>
    /// <param name="FilingNumber">备案编号.</param>
    /// <param name="RefileBy">Refile date.</param>
    /// <param name="Note">Notice text.</param>
    /// <param name="ReviewDue">Review due.</param>
    /// <param name="Documents">Filing-set documents attached.</param>
    /// <param name="Due">Due/overdue flags today.</param>
    public sealed record PlanView(long Id, string Uscc, string Enterprise, string Title, string Version, DateOnly SignedOn, string State, DateOnly FilingDue,
        bool FilingDueProvisional, DateOnly? SubmittedOn, DateOnly? CheckDue, DateOnly? CheckedOn, string? FilingNumber, DateOnly? RefileBy, string? Note,
        DateOnly ReviewDue, IReadOnlyList<string> Documents, PlanDueStatus Due);

    /// <summary>The staff plan list.</summary>
    /// <param name="KeyEnterprises">Enterprises with a key unit.</param>
    /// <param name="KeyFiled">Of those, filed.</param>
    /// <param name="Rate">Filing rate 0–1 (target 1).</param>
    /// <param name="Plans">Plans.</param>
    public sealed record PlansView(int KeyEnterprises, int KeyFiled, decimal? Rate, IReadOnlyList<PlanView> Plans);

    /// <summary>A risk unit.</summary>
    /// <param name="Id">Id.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="Name">Name.</param>
    /// <param name="Level">一般, 较大, 重大.</param>
    /// <param name="Expression">Expression.</param>
    /// <param name="AssessedOn">Assessed.</param>
    /// <param name="Key">Key unit.</param>
    /// <param name="Substances">Substances.</param>
    public sealed record UnitView(long Id, string Uscc, string Name, string Level, string Expression, DateOnly AssessedOn, bool Key, IReadOnlyList<SubstanceWrite> Substances);

    /// <summary>A document without bytes.</summary>
    /// <param name="Id">Id.</param>
    /// <param name="Kind">one_source_plan, post_card.</param>
    /// <param name="Title">Title.</param>
    /// <param name="FileName">File name.</param>
    /// <param name="Bytes">Size.</param>
    /// <param name="Sha256">SHA-256.</param>
    /// <param name="UploadedAt">When.</param>
    public sealed record DocumentView(long Id, string Kind, string Title, string FileName, int Bytes, string Sha256, DateTimeOffset UploadedAt);

    /// <summary>An enterprise's emergency file.</summary>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="Units">Risk units.</param>
    /// <param name="Documents">Documents.</param>
    /// <param name="Plans">Plans.</param>
    public sealed record EnterpriseView(string Uscc, IReadOnlyList<UnitView> Units, IReadOnlyList<DocumentView> Documents, IReadOnlyList<PlanView> Plans);

    /// <summary>A classification.</summary>
    /// <param name="Level">Level code or null (unclear).</param>
    /// <param name="LevelZh">Chinese name.</param>
    /// <param name="Roman">Ⅰ–Ⅳ.</param>
    /// <param name="DecidedBy">Deciding criterion.</param>
    /// <param name="Rule">Deciding row.</param>
    /// <param name="ByCriterion">Each known criterion with its level.</param>
    /// <param name="RulesVersion">Rules version.</param>
    public sealed record ClassificationView(string? Level, string? LevelZh, string? Roman, string? DecidedBy, string? Rule, IReadOnlyList<CriterionLevelView> ByCriterion, string RulesVersion);

    /// <summary>One criterion's level.</summary>
    /// <param name="Criterion">Criterion.</param>
    /// <param name="Level">Level code.</param>
    /// <param name="Rule">Row.</param>
    public sealed record CriterionLevelView(string Criterion, string Level, string Rule);

    /// <summary>An event.</summary>
    /// <param name="Id">Id.</param>
    /// <param name="Title">Title.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="OccurredAt">Occurred.</param>
    /// <param name="LearnedAt">Learned.</param>
    /// <param name="Classification">Level and deciding criterion.</param>
    /// <param name="ReportAs">Level whose procedure applies.</param>
    /// <param name="DeadlineReason">Row that set the deadline.</param>
    /// <param name="ReportDue">初报 deadline.</param>
    /// <param name="RemainingMinutes">Minutes left (negative when overdue).</param>
    /// <param name="Overdue">初报 late or missing past the deadline.</param>
    /// <param name="ReportState">open, initial_filed, continuing, closed.</param>
    /// <param name="Reports">Reports.</param>
    public sealed record EventView(long Id, string Title, string? Uscc, DateTimeOffset OccurredAt, DateTimeOffset LearnedAt, ClassificationView Classification,
        string ReportAs, string DeadlineReason, DateTimeOffset ReportDue, long RemainingMinutes, bool Overdue, string ReportState, IReadOnlyList<ReportView> Reports);

    /// <summary>A report.</summary>
    /// <param name="Seq">Seq.</param>
    /// <param name="Kind">initial, continued, final.</param>
    /// <param name="At">Filed at.</param>
    /// <param name="Text">Content.</param>
    public sealed record ReportView(int Seq, string Kind, DateTimeOffset At, string Text);

    /// <summary>A row of the public list.</summary>
    /// <param name="Name">Enterprise name.</param>
    /// <param name="Uscc">USCC.</param>
    /// <param name="FilingNumber">备案编号.</param>
    /// <param name="FiledOn">Day filed.</param>
    public sealed record PublicPlanRow(string Name, string Uscc, string FilingNumber, DateOnly FiledOn);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapEmergencyApi(this IEndpointRouteBuilder app)
    {
        var e = app.MapGroup("/api/enterprises/{uscc}/emergency").WithTags("emergency");
        e.MapGet("", EnterpriseAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("EnterpriseEmergency")
            .WithSummary("An enterprise's risk units, emergency documents and plans with their filing dues (own enterprise or staff).");
        e.MapPost("/units", SaveUnitAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("SaveRiskUnit")
            .WithSummary("Create or replace a risk unit with its assessed HJ 941 expression and substances; the expression is checked (the enterprise itself, admin, enforcement).");
        e.MapPost("/plans", CreatePlanAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("CreateEmergencyPlan")
            .WithSummary("Record a signed emergency plan; the filing due (20 working days) and review due (3 years) are counted (the enterprise itself, admin, enforcement).");
        e.MapPut("/plans/{emergencyPlanId:long}/documents/{doc}", AttachAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("AttachPlanDocument")
            .WithSummary("Upload one document of the filing set (raw body, ?file_name=) before submission or after a notice to complete (the enterprise itself, admin, enforcement).");
        e.MapPost("/plans/{emergencyPlanId:long}/submit", SubmitAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("SubmitEmergencyPlan")
            .WithSummary("Submit a plan with its complete filing set; the bureau's check is due in 5 working days (the enterprise itself, admin, enforcement).");
        e.MapGet("/plans/{emergencyPlanId:long}/attachments/{attachmentId:long}", AttachmentAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("EmergencyPlanAttachment")
            .WithSummary("Download one filing-set document of a plan with its original file name (own enterprise or staff; another enterprise's is 404).");
        var s = app.MapGroup("/api/emergency").WithTags("emergency");
        s.MapGet("/plans", PlansAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ListEmergencyPlans")
            .WithSummary("Every emergency plan with its due and overdue flags, and the key-unit filing rate (staff).");
        s.MapPost("/plans/{emergencyPlanId:long}/check", CheckAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("CheckEmergencyPlan")
            .WithSummary("The bureau's check of a submitted plan: filed with a filing number, or a one-time notice to complete with a refile date (enforcement).");
        s.MapGet("/events", EventsAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ListEmergencyEvents")
            .WithSummary("Emergency events, newest first, with level, deciding criterion, reporting deadline and reports (staff).");
        s.MapPost("/events", RecordEventAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("RecordEmergencyEvent")
            .WithSummary("Record an emergency event: its level from the Annex 1 criteria and its initial-report deadline (enforcement).");
        s.MapPost("/events/{eventId:long}/reports", ReportAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("FileEmergencyReport")
            .WithSummary("File an initial, continued or final report of an event, timestamped; 409 out of order (enforcement).");
        s.MapPost("/classify", Classify).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ClassifyEmergency")
            .WithSummary("The Annex 1 level of an event from its criteria and the criterion that decided it; nothing is stored (staff).");
        app.MapGet("/api/public/emergency-plans", PublicAsync).WithTags("emergency").AllowAnonymous().WithName("PublicEmergencyPlans")
            .WithSummary("Filed emergency plans: unit name, USCC, filing number and filed day, nothing else (public).");
        return app;
    }

    private static IResult Problem(EmergencyException e) => TypedResults.Problem(e.Message, statusCode: e.Status);

    /// <summary>Staff other than admin and enforcement may read but not write an enterprise's emergency file.</summary>
    private static IResult? RefuseReadOnlyStaff(HttpContext http) =>
        SmartEnvPolicies.IsStaff(http.User) && !SmartEnvPolicies.Allows(http.User, SmartEnvPolicies.Enforcement)
            ? TypedResults.Problem("only the enterprise itself, admin or enforcement change an emergency file", statusCode: StatusCodes.Status403Forbidden)
            : null;

    internal static PlanView View(PlanRow r) => new(r.Plan.Id, r.Plan.Uscc, r.EnterpriseName, r.Plan.Title, r.Plan.PlanVersion, r.Plan.SignedOn, r.Plan.State,
        r.Plan.FilingDue, r.Plan.FilingDueProvisional, r.Plan.SubmittedOn, r.Plan.CheckDue, r.Plan.CheckedOn, r.Plan.FilingNumber, r.Plan.RefileBy, r.Plan.Note,
        r.Plan.ReviewDue, r.Attached, r.Status);

    internal static UnitView View(EmergencyRiskUnit u) => new(u.Id, u.Uscc, u.Name, u.Level, u.Expression, u.AssessedOn, u.IsKey,
        [.. u.Substances.OrderBy(x => x.Id).Select(x => new SubstanceWrite(x.Name, x.Cas, x.OnSiteTonnes, x.CriticalTonnes))]);

    internal static ClassificationView View(EventClassification c) => new(
        c.Level is { } l ? EmergencyLevels.Code(l) : null, c.Level is { } z ? EmergencyLevels.Zh(z) : null, c.Level is { } r ? EmergencyLevels.Roman(r) : null,
        c.Decisive?.Criterion, c.Decisive?.Rule, [.. c.ByCriterion.Select(x => new CriterionLevelView(x.Criterion, EmergencyLevels.Code(x.Level), x.Rule))], c.RulesVersion);

    internal static EventView View(SmartEnv.Emergency.EventView v) => new(v.Event.Id, v.Event.Title, v.Event.Uscc, v.Event.OccurredAt, v.Event.LearnedAt,
        View(v.Classification), v.Event.ReportAs, v.Event.DeadlineReason, v.Event.ReportDue, (long)Math.Floor(v.Clock.Remaining.TotalMinutes), v.Clock.Overdue,
        v.Event.ReportState, [.. v.Reports.Select(r => new ReportView(r.Seq, r.Kind, r.At, r.Text))]);

    private static async Task<IResult> EnterpriseAsync(string uscc, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await EnterpriseVisibleAsync(db, uscc, ct)) return ApiValidation.NotFound($"enterprise {uscc} not found");
        var s = new EmergencyService(db, time);
        var units = await s.UnitsAsync(uscc, ct);
        var docs = await s.DocumentsAsync(uscc, ct);
        var plans = await s.PlansAsync(uscc, ct);
        return TypedResults.Ok(new EnterpriseView(uscc, [.. units.Select(View)],
            [.. docs.Select(d => new DocumentView(d.Id, d.Kind, d.Title, d.FileName, d.Bytes, d.Sha256, d.UploadedAt))], [.. plans.Select(View)]));
    }

    private static Task<bool> EnterpriseVisibleAsync(SmartEnvDbContext db, string uscc, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Enterprises, x => x.Uscc == uscc, ct);

    private static async Task<IResult> SaveUnitAsync(string uscc, UnitWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (RefuseReadOnlyStaff(http) is { } refused) return refused;
        if (body?.AssessedOn is not { } assessed) return ApiValidation.Invalid("assessed_on", "assessment day, yyyy-MM-dd");
        var subs = new List<SubstanceInput>();
        foreach (var (x, i) in (body.Substances ?? []).Select((x, i) => (x, i)))
        {
            if (x.OnSiteT is not { } q || x.CriticalT is not { } cq) return ApiValidation.Invalid($"substances[{i}]", "on_site_t and critical_t in tonnes");
            subs.Add(new SubstanceInput(x.Name ?? "", x.Cas, q, cq));
        }
        try
        {
            var u = await new EmergencyService(db, time).SaveUnitAsync(body.Id, new RiskUnitInput(uscc, body.Name ?? "", body.Expression ?? "", assessed, body.Key ?? false, subs),
                AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(View(u));
        }
        catch (EmergencyException ex) { return Problem(ex); }
    }

    private static async Task<IResult> CreatePlanAsync(string uscc, PlanWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (RefuseReadOnlyStaff(http) is { } refused) return refused;
        if (body?.SignedOn is not { } signed) return ApiValidation.Invalid("signed_on", "signing day, yyyy-MM-dd");
        try
        {
            var s = new EmergencyService(db, time);
            var p = await s.CreatePlanAsync(uscc, body.Title ?? "", body.Version ?? "", signed, AuditActors.FromHttp(http), ct);
            return TypedResults.Created($"/api/enterprises/{uscc}/emergency", View((await s.PlansAsync(uscc, ct)).Single(r => r.Plan.Id == p.Id)));
        }
        catch (EmergencyException ex) { return Problem(ex); }
    }

    private static async Task<IResult?> PlanOfAsync(EmergencyService s, string uscc, long emergencyPlanId, CancellationToken ct) =>
        await s.PlanAsync(emergencyPlanId, ct) is { } p && p.Uscc == uscc ? null : ApiValidation.NotFound($"plan {emergencyPlanId} of {uscc} not found");

    private static async Task<IResult> AttachAsync(string uscc, long emergencyPlanId, string doc, string? file_name, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (RefuseReadOnlyStaff(http) is { } refused) return refused;
        var s = new EmergencyService(db, time);
        if (await PlanOfAsync(s, uscc, emergencyPlanId, ct) is { } missing) return missing;
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await http.Request.Body.ReadAsync(buffer, ct)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > EmergencyDocument.MaxBytes) return ApiValidation.Invalid("body", "file: at most 8 MiB");
        }
        try
        {
            await s.AttachAsync(emergencyPlanId, doc, new UploadedFile(string.IsNullOrWhiteSpace(file_name) ? doc : file_name, http.Request.ContentType ?? "application/octet-stream", ms.ToArray()),
                AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(View((await s.PlansAsync(uscc, ct)).Single(r => r.Plan.Id == emergencyPlanId)));
        }
        catch (EmergencyException ex) { return Problem(ex); }
    }

    /// <summary>The content types a stored attachment is served with; anything else (a type the uploader claimed) goes out as
    /// <c>application/octet-stream</c>, so a stored file is never rendered by the browser as a page.</summary>
    internal static readonly IReadOnlySet<string> ServedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/png", "image/jpeg", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/ofd",
    };

    private static async Task<IResult> AttachmentAsync(string uscc, long emergencyPlanId, long attachmentId, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var s = new EmergencyService(db, time);
        if (await PlanOfAsync(s, uscc, emergencyPlanId, ct) is { } missing) return missing;
        var a = await s.AttachmentByIdAsync(emergencyPlanId, attachmentId, ct);
        if (a is null) return ApiValidation.NotFound($"attachment {attachmentId} of plan {emergencyPlanId} not found");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // FileContentHttpResult writes Content-Disposition: attachment; filename=…; filename*=UTF-8''… (RFC 6266 / RFC 5987),
        // so a Chinese file name arrives intact.
        return TypedResults.File(a.Content, ServedTypes.Contains(a.ContentType) ? a.ContentType : "application/octet-stream", a.FileName);
    }

    private static async Task<IResult> SubmitAsync(string uscc, long emergencyPlanId, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (RefuseReadOnlyStaff(http) is { } refused) return refused;
        var s = new EmergencyService(db, time);
        if (await PlanOfAsync(s, uscc, emergencyPlanId, ct) is { } missing) return missing;
        try
        {
            await s.SubmitPlanAsync(emergencyPlanId, AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(View((await s.PlansAsync(uscc, ct)).Single(r => r.Plan.Id == emergencyPlanId)));
        }
        catch (EmergencyException ex) { return Problem(ex); }
    }

    private static async Task<IResult> PlansAsync(SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var s = new EmergencyService(db, time);
        var rate = await s.FilingRateAsync(ct);
        return TypedResults.Ok(new PlansView(rate.KeyEnterprises, rate.Filed, rate.Rate, [.. (await s.PlansAsync(null, ct)).Select(View)]));
    }

    private static async Task<IResult> CheckAsync(long emergencyPlanId, CheckWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body?.Filed is not { } filed) return ApiValidation.Invalid("filed", "true (备案) or false (补正)");
        try
        {
            var s = new EmergencyService(db, time);
            var p = await s.CheckPlanAsync(emergencyPlanId, filed, body.FilingNumber, body.RefileBy, body.Note, AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(View((await s.PlansAsync(p.Uscc, ct)).Single(r => r.Plan.Id == emergencyPlanId)));
        }
        catch (EmergencyException ex) { return Problem(ex); }
    }

    private static async Task<IResult> EventsAsync(SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await new EmergencyService(db, time).EventsAsync(ct)).Select(View).ToList());

    /// <summary>An instant that states its offset (<c>Z</c> or ±hh:mm): a time without one would be read in the server's zone,
    /// 8 h off Beijing time on a UTC server, and move the reporting deadline with it.</summary>
    internal static bool TryInstant(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && OffsetSuffix().IsMatch(text.Trim())
            && DateTimeOffset.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex OffsetSuffix();

    private static async Task<IResult> RecordEventAsync(EventWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!TryInstant(body?.OccurredAt, out var occurred)) return ApiValidation.Invalid("occurred_at", "ISO 8601 instant with its offset (e.g. 2025-03-03T09:00+08:00)");
        if (!TryInstant(body!.LearnedAt, out var learned)) return ApiValidation.Invalid("learned_at", "ISO 8601 instant with its offset (e.g. 2025-03-03T09:00+08:00)");
        try
        {
            var s = new EmergencyService(db, time);
            var ev = await s.RecordEventAsync(new EventInput(body.Title ?? "", body.Uscc, occurred, learned, (body.Criteria ?? new CriteriaWrite(null, null, null, null, null, null)).ToCriteria(),
                body.Circumstances ?? []), AuditActors.FromHttp(http), ct);
            return TypedResults.Created($"/api/emergency/events", View((await s.EventAsync(ev.Id, ct))!));
        }
        catch (EmergencyException ex) { return Problem(ex); }
    }

    private static async Task<IResult> ReportAsync(long eventId, ReportWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!EventReportWorkflow.TryParseKind(body?.Kind, out var kind)) return ApiValidation.Invalid("kind", "initial, continued or final");
        try
        {
            var s = new EmergencyService(db, time);
            await s.FileReportAsync(eventId, kind, body!.Text ?? "", AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(View((await s.EventAsync(eventId, ct))!));
        }
        catch (EmergencyException ex) { return Problem(ex); }
    }

    private static IResult Classify(CriteriaWrite? body)
    {
        try { return TypedResults.Ok(View(EventLevels.Classify((body ?? new CriteriaWrite(null, null, null, null, null, null)).ToCriteria()))); }
        catch (ArgumentOutOfRangeException ex) { return ApiValidation.Invalid(ex.ParamName ?? "criteria", ex.Message); }
    }

    /// <summary>The public list on an unscoped context (plans are invisible to the public scope), projected to name, USCC,
    /// filing number and day.</summary>
    private static async Task<IResult> PublicAsync(SmartEnvStore store, TimeProvider time, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        var rows = await new EmergencyService(db, time).PublicFilingsAsync(ct);
        return TypedResults.Ok(rows.Select(r => new PublicPlanRow(r.Name, r.Uscc, r.FilingNumber, r.FiledOn)).ToList());
    }
}
