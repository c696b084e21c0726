using System.Collections.Concurrent;
using System.Globalization;
using SmartEnv.Complaints.Intake;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.District;

namespace SmartEnv.Web.Ui;

/// <summary>
/// What the public complaint form (<c>/complaint</c>) and the staff entry of phone, letter and visit cases hold while
/// someone types (bound by the page; mutable). Texts as typed; the service trims them. Not thread-safe (one circuit).
/// </summary>
public sealed class ComplaintForm
{
    /// <summary>What happened (≤ <see cref="ComplaintRules.TextMaxChars"/> characters).</summary>
    public string Content { get; set; } = "";

    /// <summary>Where (address as typed), or empty.</summary>
    public string Address { get; set; } = "";

    /// <summary>12-digit code of the chosen street/town, or empty for 「自动识别」 (<see cref="StreetInference"/> from the address).</summary>
    public string StreetCode { get; set; } = "";

    /// <summary>Degrees north of the chosen point (the phone's position, WGS-84, or a click on the district outline), or null.</summary>
    public double? Latitude { get; set; }

    /// <summary>Degrees east of the chosen point, or null.</summary>
    public double? Longitude { get; set; }

    /// <summary>How the point was chosen: <c>gps</c> (使用当前位置) or <c>map</c> (a click on the outline), or null.</summary>
    public string? LocationSource { get; set; }

    /// <summary>When it happened: the value of an HTML <c>datetime-local</c> input (<c>yyyy-MM-ddTHH:mm</c>, Beijing time), or empty.</summary>
    public string OccurredAt { get; set; } = "";

    /// <summary>Chosen pollution type codes (<see cref="PollutionTypes"/>).</summary>
    public HashSet<string> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Name of the reported unit if known, or empty.</summary>
    public string ReportedName { get; set; } = "";

    /// <summary>统一社会信用代码 of the reported unit (staff entry), or empty.</summary>
    public string ReportedUscc { get; set; } = "";

    /// <summary>True for 「匿名」: no name or contact is kept.</summary>
    public bool Anonymous { get; set; } = true;

    /// <summary>Reporter's name (when not anonymous), or empty.</summary>
    public string ReporterName { get; set; } = "";

    /// <summary>Reporter's phone (when not anonymous), or empty.</summary>
    public string ReporterPhone { get; set; } = "";

    /// <summary>Reporter's e-mail (when not anonymous), or empty.</summary>
    public string ReporterEmail { get; set; } = "";

    /// <summary>Channel: <see cref="ComplaintChannel.Online"/> for the public form; staff choose phone, letter, visit….</summary>
    public ComplaintChannel Channel { get; set; } = ComplaintChannel.Online;

    /// <summary>突发环境事件 / 群体性事件 (staff entry), else none.</summary>
    public ComplaintUrgency Urgency { get; set; } = ComplaintUrgency.None;

    /// <summary>Reference of the transferring body or the letter (staff entry), or empty.</summary>
    public string SourceRef { get; set; } = "";
}

/// <summary>A photo chosen on the form, read into memory (at most <see cref="ComplaintRules.PhotoMaxBytes"/> bytes).</summary>
/// <param name="FileName">Name as the browser gave it (shown back only to the person choosing it).</param>
/// <param name="Bytes">The file's bytes as uploaded (verified and re-encoded by the intake's <c>PhotoSanitizer</c>).</param>
public sealed record ComplaintFormPhoto(string FileName, byte[] Bytes);

/// <summary>The outcome of submitting the form: the receipt, or errors per field.</summary>
/// <param name="Receipt">Case number, query code and acceptance due date; null when refused.</param>
/// <param name="Errors">Field key (<see cref="ComplaintsUiService.FieldKeys"/>) → message to show next to it; empty when accepted.</param>
public sealed record ComplaintFormResult(ComplaintReceipt? Receipt, IReadOnlyDictionary<string, string> Errors);

/// <summary>The outcome of the public query (<c>/complaint/query</c>).</summary>
/// <param name="View">The case's public projection, or null.</param>
/// <param name="Message">Why nothing is shown (not found — the same for an unknown number and a wrong code — invalid
/// input, or too many attempts); null when <paramref name="View"/> is set.</param>
public sealed record ComplaintQueryResult(PublicComplaintView? View, string? Message);

/// <summary>
/// View models and actions of the 信访投诉 pages (issue 18 P6; docs/complaints.md "Pages (P6)"). The public form and the
/// query-code lookup go through the intake service (P2) on an UNSCOPED context of the store (the complaint tables are
/// invisible to the public's scoped context; contract §1) and return only the receipt or the public projection — never
/// reporter data or photos. Staff pages read through the circuit's scoped context (staff: <c>DataScope.All</c>).
/// Per-address limits of the public form and query follow <see cref="ComplaintRules"/> (SmartEnv rule: the same numbers
/// as P2's HTTP API, kept per circuit address in this process). Scoped; not thread-safe (one circuit), except the
/// address counters which are shared and thread-safe.
/// </summary>
/// <param name="db">The circuit's scoped context (staff reads and writes).</param>
/// <param name="store">The store, for the unscoped contexts of the public form and query.</param>
/// <param name="time">Clock.</param>
public sealed partial class ComplaintsUiService(SmartEnvDbContext db, SmartEnvStore store, TimeProvider time)
{
    /// <summary>The complaint rules in force (limits shown on the form).</summary>
    public static ComplaintRules Rules => ComplaintRules.Default;

    /// <summary>Field keys of the form's error messages: <c>content address street location occurred_at types reported
    /// photos contact form</c> (<c>form</c>: not tied to a field).</summary>
    public static IReadOnlyList<string> FieldKeys { get; } = ["content", "address", "street", "location", "occurred_at", "types", "reported", "photos", "contact", "form"];

    /// <summary>Pollution types grouped by top type, in the order of <see cref="PollutionTypes.All"/>.</summary>
    public static IReadOnlyList<(PollutionType Top, IReadOnlyList<PollutionType> Subs)> TypeGroups { get; } =
        PollutionTypes.TopLevel.Select(t => (t, (IReadOnlyList<PollutionType>)PollutionTypes.All.Where(s => s.Parent == t.Code).ToList())).ToList();

    /// <summary>A type's name in the current UI culture.</summary>
    /// <param name="code">Type code (<c>air.odour</c>).</param>
    public static string TypeName(string code) => PollutionTypes.Find(code) is { } t ? (SmartEnvUi.IsChinese ? t.NameZh : t.NameEn) : code;

    /// <summary>The street a typed address names (exactly one, <see cref="StreetInference.Infer"/>), or null.</summary>
    /// <param name="address">Address as typed.</param>
    public static DistrictStreet? InferStreet(string? address) => StreetInference.Infer(address);

    /// <summary>Submits the form through <c>ComplaintIntakeService.SubmitAsync</c> on an unscoped context. Checks
    /// what the page can check first (text length, time, anonymous vs contact), then the intake's own checks and the
    /// photo verification; a refusal comes back as a message next to its field. Anonymous callers are limited per address:
    /// registered cases by <see cref="ComplaintRules.PublicSubmissionsPerAddressPerHour"/>, refused forms (the intake's or
    /// the photo check's refusal) by <see cref="ComplaintRules.PublicRefusalsPerAddressPerHour"/>, so a citizen who fixes a
    /// wrong photo a few times is not locked out; the page's own checks cost nothing and count against neither.</summary>
    /// <param name="form">What was typed.</param>
    /// <param name="photos">Photos chosen (at most <see cref="ComplaintRules.PhotosMax"/>).</param>
    /// <param name="actor">Who submits (<see cref="AuditActors.ForUi"/>: <c>anonymous</c> and the address for the public).</param>
    /// <param name="staff">True for a staff entry (enforcement): channel, urgency and reference are taken from the form; no address limit.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ComplaintFormResult> SubmitAsync(ComplaintForm form, IReadOnlyList<ComplaintFormPhoto> photos, AuditActor actor, bool staff, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(photos);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var content = form.Content.Trim();
        if (content.Length == 0) errors["content"] = Texts.Complaints.ErrContentEmpty;
        else if (content.Length > Rules.TextMaxChars) errors["content"] = Texts.Complaints.ErrContentLong(Rules.TextMaxChars);
        DateTimeOffset? occurred = null;
        if (!string.IsNullOrWhiteSpace(form.OccurredAt))
        {
            if (!DateTime.TryParseExact(form.OccurredAt.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                errors["occurred_at"] = Texts.Complaints.ErrOccurredAt;
            else if (BeijingTime.FromLocal(local) is var at && at > time.GetUtcNow().AddMinutes(5))
                errors["occurred_at"] = Texts.Complaints.ErrOccurredFuture;
            else occurred = BeijingTime.FromLocal(local);
        }
        if (form.Types.Count == 0) errors["types"] = Texts.Complaints.ErrTypes;
        if (photos.Count > Rules.PhotosMax) errors["photos"] = Texts.Complaints.ErrPhotosMany(Rules.PhotosMax);
        if (!form.Anonymous && string.IsNullOrWhiteSpace(form.ReporterPhone) && string.IsNullOrWhiteSpace(form.ReporterEmail))
            errors["contact"] = Texts.Complaints.ErrContactMissing;
        if (!string.IsNullOrEmpty(form.StreetCode) && DistrictStreets.Find(form.StreetCode) is null) errors["street"] = Texts.Complaints.ErrStreet;
        if (errors.Count > 0) return new(null, errors);
        var now = time.GetUtcNow();
        if (!staff && (!Attempts.Left("refused", actor.ClientAddress, Rules.PublicRefusalsPerAddressPerHour, now)
                       || !Attempts.TryTake("submit", actor.ClientAddress, Rules.PublicSubmissionsPerAddressPerHour, now)))
            return new(null, new Dictionary<string, string> { ["form"] = Texts.Complaints.ErrTooMany });

        var submission = new ComplaintSubmission(
            staff ? form.Channel : ComplaintChannel.Online, content, Trim(form.Address),
            string.IsNullOrEmpty(form.StreetCode) ? null : form.StreetCode,
            form.Latitude, form.Longitude, occurred, [.. form.Types.Order(StringComparer.Ordinal)], Trim(form.ReportedName),
            staff ? Trim(form.ReportedUscc) : null,
            form.Anonymous ? null : Trim(form.ReporterName), form.Anonymous ? null : Trim(form.ReporterPhone),
            form.Anonymous ? null : Trim(form.ReporterEmail), form.Anonymous,
            staff ? form.Urgency : ComplaintUrgency.None, staff ? Trim(form.SourceRef) : null);
        var uploads = photos.Select(p => new PhotoUpload(p.FileName, new MemoryStream(p.Bytes, writable: false))).ToList();
        try
        {
            await using var unscoped = store.CreateContext();
            var receipt = await new ComplaintIntakeService(unscoped, time).SubmitAsync(submission, uploads, actor, ct); // anonymous → created_by "public" (P2)
            return new(receipt, new Dictionary<string, string>());
        }
        catch (ComplaintInputException e)
        {
            if (!staff)
            {
                // Not a case: give the registration back and count a refusal instead.
                Attempts.GiveBack("submit", actor.ClientAddress, now);
                Attempts.TryTake("refused", actor.ClientAddress, Rules.PublicRefusalsPerAddressPerHour, now);
            }
            var key = FieldOf(e.Field);
            return new(null, new Dictionary<string, string> { [key] = FieldMessage(key) });
        }
        finally
        {
            foreach (var u in uploads) await u.Content.DisposeAsync();
        }
    }

    /// <summary>The public lookup: number and query code → the case's public projection through
    /// <see cref="ComplaintIntakeService.QueryAsync"/> (null for an unknown number and for a wrong code alike, so the page
    /// shows the same text for both). Limited per address (<see cref="ComplaintRules.QueryAttemptsPerAddressPerHour"/>).</summary>
    /// <param name="number">Case number as typed.</param>
    /// <param name="code">Query code as typed (dashes and spaces allowed).</param>
    /// <param name="clientAddress">The circuit's remote address, or null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ComplaintQueryResult> QueryAsync(string? number, string? code, string? clientAddress, CancellationToken ct = default)
    {
        var n = number?.Trim().ToUpperInvariant();
        var c = QueryCode.Normalize(code);
        if (string.IsNullOrEmpty(n) || c is null) return new(null, Texts.Complaints.QueryInvalid);
        if (!Attempts.TryTake("query", clientAddress, Rules.QueryAttemptsPerAddressPerHour, time.GetUtcNow())) return new(null, Texts.Complaints.ErrTooMany);
        await using var unscoped = store.CreateContext();
        var view = await new ComplaintIntakeService(unscoped, time).QueryAsync(n, c, ct);
        return view is null ? new(null, Texts.Complaints.QueryNotFound) : new(view, null);
    }

    /// <summary>The form's field key of an intake error's field name (<see cref="ComplaintInputException"/>).</summary>
    /// <param name="field">Field as the intake names it (e.g. <c>content</c>, <c>photos[1]</c>, <c>reporter_phone</c>).</param>
    public static string FieldOf(string? field)
    {
        var f = (field ?? "").ToLowerInvariant();
        return f switch
        {
            _ when f.StartsWith("photo", StringComparison.Ordinal) || f.StartsWith("file", StringComparison.Ordinal) => "photos",
            _ when f.StartsWith("reporter", StringComparison.Ordinal) || f.Contains("phone", StringComparison.Ordinal) || f.Contains("email", StringComparison.Ordinal) || f == "anonymous" => "contact",
            _ when f.StartsWith("type", StringComparison.Ordinal) => "types",
            _ when f.StartsWith("occurred", StringComparison.Ordinal) => "occurred_at",
            _ when f.StartsWith("lat", StringComparison.Ordinal) || f.StartsWith("lon", StringComparison.Ordinal) || f == "location" => "location",
            _ when f.StartsWith("street", StringComparison.Ordinal) => "street",
            _ when f == "address" => "address",
            _ when f.StartsWith("reported", StringComparison.Ordinal) => "reported",
            _ when f is "content" or "text" or "description" => "content",
            _ => "form",
        };
    }

    /// <summary>The message shown next to a field the intake refused (zh-CN / en-US; the intake's own reason is English
    /// and is not shown in the Chinese UI).</summary>
    /// <param name="key">Field key (<see cref="FieldKeys"/>).</param>
    public static string FieldMessage(string key) => key switch
    {
        "photos" => Texts.Complaints.ErrPhotoRefused(Rules.PhotosMax, Rules.PhotoMaxBytes / (1024 * 1024)),
        "contact" => Texts.Complaints.ErrContactInvalid,
        "types" => Texts.Complaints.ErrTypes,
        "occurred_at" => Texts.Complaints.ErrOccurredAt,
        "location" => Texts.Complaints.ErrLocation,
        "street" => Texts.Complaints.ErrStreet,
        "address" => Texts.Complaints.ErrAddress,
        "reported" => Texts.Complaints.ErrReported,
        "content" => Texts.Complaints.ErrContentLong(Rules.TextMaxChars),
        _ => Texts.Complaints.ErrForm,
    };

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A query code as shown: <c>XXXXX-XXXXX</c>.</summary>
    /// <param name="code">The 10 characters.</param>
    public static string ShowCode(string code) => code.Length == 10 ? code[..5] + "-" + code[5..] : code;

    /// <summary>
    /// Per-address attempt counters of the public form and query in this process: at most N per rolling hour per
    /// (kind, address). SmartEnv rule (numbers from <see cref="ComplaintRules"/>). A missing address counts as one
    /// address. Thread-safe.
    /// </summary>
    internal static class Attempts
    {
        private static readonly ConcurrentDictionary<(string, string), Queue<DateTimeOffset>> Seen = new();

        /// <summary>Takes one attempt; false when the address has used <paramref name="perHour"/> in the last hour.</summary>
        public static bool TryTake(string kind, string? address, int perHour, DateTimeOffset now)
        {
            var q = Seen.GetOrAdd((kind, address ?? "-"), _ => new Queue<DateTimeOffset>());
            lock (q)
            {
                while (q.Count > 0 && now - q.Peek() >= TimeSpan.FromHours(1)) q.Dequeue();
                if (q.Count >= perHour) return false;
                q.Enqueue(now);
                return true;
            }
        }

        /// <summary>True while the address has used fewer than <paramref name="perHour"/> of <paramref name="kind"/> in
        /// the last hour (takes nothing).</summary>
        public static bool Left(string kind, string? address, int perHour, DateTimeOffset now)
        {
            if (!Seen.TryGetValue((kind, address ?? "-"), out var q)) return true;
            lock (q)
            {
                while (q.Count > 0 && now - q.Peek() >= TimeSpan.FromHours(1)) q.Dequeue();
                return q.Count < perHour;
            }
        }

        /// <summary>Returns the attempt taken at <paramref name="at"/> (the submission turned out not to register a case).</summary>
        public static void GiveBack(string kind, string? address, DateTimeOffset at)
        {
            if (!Seen.TryGetValue((kind, address ?? "-"), out var q)) return;
            lock (q)
            {
                // Queue order is by time; drop the latest entry equal to at (rebuild: queues are at most a few dozen long).
                var items = q.ToList();
                var i = items.LastIndexOf(at);
                if (i < 0) return;
                items.RemoveAt(i);
                q.Clear();
                foreach (var t in items) q.Enqueue(t);
            }
        }
    }
}
