using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.District;

namespace SmartEnv.Complaints.Intake;

/// <summary>
/// Registers complaints from every channel and answers the public query-code lookup (issue 18 P2; docs/complaints.md
/// "Intake"). <see cref="SubmitAsync(ComplaintSubmission, IReadOnlyList{PhotoUpload}, AuditActor, CancellationToken)"/>
/// validates every field (<see cref="ComplaintInputException"/> naming it), sanitises the photos
/// (<see cref="PhotoSanitizer"/>) BEFORE anything is written, then in ONE transaction with the audit entry
/// <c>complaint.register</c>: allocates the case number of the Beijing day from <c>complaint_serials</c> (one
/// <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, atomic on SQLite and PostgreSQL; the audit chain lock also serialises
/// registrations), stores the case (state <c>registered</c>, acceptance due = 15 calendar days rolled to a working day,
/// <see cref="ComplaintDeadlines.AcceptanceDue"/>), its types, the reporter row (kept apart), the photos and a
/// <c>register</c> event, and keeps only the PBKDF2 hash and salt of the new query code, which is returned once in the
/// <see cref="ComplaintReceipt"/>. The reported unit is linked to <c>enterprises</c> by USCC or by exact name (then its
/// industry class is copied). <see cref="QueryAsync"/> gives the <see cref="PublicComplaintView"/> for the right number and
/// code, and null — after the same PBKDF2 work — for an unknown number or a wrong code alike.
/// Works on any <see cref="SmartEnvDbContext"/> (it ignores the scope filters it needs to: the public form runs on an
/// unscoped context). One instance per unit of work; not thread-safe (the context is not).
/// </summary>
/// <param name="db">The store context (one unit of work).</param>
/// <param name="time">Clock (registration time, Beijing day).</param>
/// <param name="rules">Rules; default <see cref="ComplaintRules.Default"/>.</param>
/// <param name="calendar">Workday calendar; default <see cref="WorkdayCalendar.China"/>.</param>
public sealed class ComplaintIntakeService(SmartEnvDbContext db, TimeProvider time, ComplaintRules? rules = null, WorkdayCalendar? calendar = null)
{
    /// <summary>Audit action of a registration.</summary>
    public const string ActionRegister = "complaint.register";

    /// <summary>Audit target type of every complaint action.</summary>
    public const string TargetComplaint = "complaint";

    /// <summary><see cref="Complaint.CreatedBy"/> of cases from the anonymous public form.</summary>
    public const string PublicAuthor = "public";

    /// <summary>Latitude/longitude box a complaint's point must lie in (WGS-84 degrees): Jiangbei District spans about
    /// 29.55–29.78 N and 106.47–106.88 E; the box adds ≈ 5 km on each side (GPS error, a point just across the river).
    /// SmartEnv rule.</summary>
    public static readonly (double MinLat, double MaxLat, double MinLon, double MaxLon) DistrictBox = (29.50, 29.83, 106.42, 106.93);

    private readonly ComplaintRules _rules = rules ?? ComplaintRules.Default;
    private readonly WorkdayCalendar _calendar = calendar ?? WorkdayCalendar.China;

    /// <summary>A hash and salt of a code nobody holds: an unknown number is verified against it so that it costs the same
    /// PBKDF2 work as a wrong code.</summary>
    private static readonly Lazy<(string Hash, string Salt)> Decoy = new(() => QueryCode.Hash(QueryCode.New()));

    /// <summary>Registers a case with the actor's name as author (see the other overload).</summary>
    /// <param name="s">The submission.</param>
    /// <param name="photos">Uploads (≤ <c>PhotosMax</c>).</param>
    /// <param name="by">User name of the registering person (audited as a user), or <see cref="PublicAuthor"/>.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<ComplaintReceipt> SubmitAsync(ComplaintSubmission s, IReadOnlyList<PhotoUpload> photos, string by, CancellationToken ct = default) =>
        SubmitAsync(s, photos, new AuditActor(AuditActorKind.User, by), ct);

    /// <summary>
    /// Validates, sanitises the photos, and registers the case in one transaction (nothing is stored when any field or any
    /// photo is refused).
    /// </summary>
    /// <param name="s">The submission.</param>
    /// <param name="photos">Uploads (≤ <c>PhotosMax</c>); the caller disposes the streams.</param>
    /// <param name="by">Who (its name becomes <c>created_by</c>; anonymous web callers are recorded as <see cref="PublicAuthor"/>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Number, query code (only here) and acceptance due date.</returns>
    /// <exception cref="ComplaintInputException">A refused field (400).</exception>
    public async Task<ComplaintReceipt> SubmitAsync(ComplaintSubmission s, IReadOnlyList<PhotoUpload> photos, AuditActor by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(photos);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        var v = Validate(s, now);
        if (photos.Count > _rules.PhotosMax)
            throw new ComplaintInputException("photos", $"at most {_rules.PhotosMax} photos, {photos.Count} sent");
        var sanitized = new List<SanitizedPhoto>(photos.Count);
        for (var i = 0; i < photos.Count; i++)
        {
            try { sanitized.Add(PhotoSanitizer.Sanitize(photos[i].Content, _rules)); }
            catch (ComplaintInputException e)
            {
                var name = Printable(photos[i].FileName, 64);
                throw new ComplaintInputException("photos", $"photo {i + 1}{(name.Length > 0 ? " (" + name + ")" : "")}: {e.Reason}");
            }
        }

        // The reported unit: by USCC (the registry's name when none given), else by exact name.
        Enterprise? unit = null;
        if (v.ReportedUscc is { } uscc)
            unit = await db.Enterprises.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(e => e.Uscc == uscc, ct);
        else if (v.ReportedName is { } rn)
        {
            var named = await db.Enterprises.IgnoreQueryFilters().AsNoTracking().Where(e => e.Name == rn).Take(2).ToListAsync(ct);
            if (named.Count == 1) unit = named[0];
        }

        var author = by.Kind == AuditActorKind.User && by.Name == "anonymous" ? PublicAuthor : Printable(by.Name, Complaint.ShortLength);
        var today = BeijingTime.Today(time);
        var due = ComplaintDeadlines.AcceptanceDue(today, _rules, _calendar);
        var code = QueryCode.New();
        var (hash, salt) = QueryCode.Hash(code);

        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var serial = await NextSerialAsync(today, ct);
        var number = ComplaintNumber.Format(today, serial);
        var c = new Complaint
        {
            Number = number, Channel = ComplaintEnumMap.ToStored(s.Channel), State = StoredComplaintState.Registered,
            Urgency = ComplaintEnumMap.ToStored(s.Urgency), RegisteredAt = now, RegisteredOn = today, OccurredAt = s.OccurredAt,
            Content = v.Content, Address = v.Address, StreetCode = v.Street?.Code, Latitude = s.Latitude, Longitude = s.Longitude,
            ReportedName = v.ReportedName ?? unit?.Name, ReportedUscc = unit?.Uscc ?? v.ReportedUscc, IndustryCode = unit?.IndustryCode,
            SourceRef = v.SourceRef, CreatedBy = author, QueryCodeHash = hash, QueryCodeSalt = salt,
            AcceptanceDue = due.Date, AcceptanceDueProvisional = due.Provisional, UpdatedAt = now,
        };
        foreach (var t in v.Types) c.Types.Add(new ComplaintType { Code = t });
        db.Complaints.Add(c);
        await db.SaveChangesAsync(ct);
        db.ComplaintReporters.Add(new ComplaintReporter
        {
            ComplaintId = c.Id, Name = v.ReporterName, Phone = v.ReporterPhone, Email = v.ReporterEmail, Anonymous = s.Anonymous,
            WantsReply = !s.Anonymous && (v.ReporterPhone is not null || v.ReporterEmail is not null),
        });
        for (var i = 0; i < sanitized.Count; i++)
        {
            var p = sanitized[i];
            db.ComplaintPhotos.Add(new ComplaintPhoto
            {
                ComplaintId = c.Id, Seq = i + 1, Content = p.Jpeg, Width = p.Width, Height = p.Height, Bytes = p.Jpeg.Length,
                Sha256 = p.Sha256, OriginalFormat = p.OriginalFormat, CreatedAt = now,
            });
        }
        db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, Trigger = "register", ToState = StoredComplaintState.Registered, By = author, At = now });
        // The audit entry names the case, never the reporter or the code (the trail is read by admins, not only handlers).
        var after = new
        {
            number, channel = ComplaintEnumMap.Key(s.Channel), urgency = ComplaintEnumMap.Key(s.Urgency), types = v.Types,
            street_code = c.StreetCode, reported_uscc = c.ReportedUscc, photos = sanitized.Count, acceptance_due = due.Date,
            anonymous = s.Anonymous,
        };
        await AuditTrail.AppendAsync(db, by, ActionRegister, TargetComplaint, number, null, after, null, now, ct);
        await tx.CommitAsync(ct);
        return new ComplaintReceipt(number, code, due.Date);
    }

    /// <summary>
    /// The public view of case <paramref name="number"/> for the holder of its query code (spaces, dashes and case of the
    /// code do not matter). An unknown or malformed number and a wrong code give the same null after the same PBKDF2 work
    /// (an unknown number is checked against a decoy hash). A merged case shows its master's state, handling and reply
    /// (following at most 8 merges). Reads through scope filters (the caller is the public).
    /// </summary>
    /// <param name="number">Case number.</param>
    /// <param name="code">Query code.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The view, or null.</returns>
    public async Task<PublicComplaintView?> QueryAsync(string number, string code, CancellationToken ct = default)
    {
        var n = number?.Trim().ToUpperInvariant();
        var row = ComplaintNumber.TryParse(n, out _, out _, out _)
            ? await db.Complaints.IgnoreQueryFilters().AsNoTracking().Where(c => c.Number == n)
                .Select(c => new { c.Id, c.QueryCodeHash, c.QueryCodeSalt }).FirstOrDefaultAsync(ct)
            : null;
        var (hash, salt) = row is null ? Decoy.Value : (row.QueryCodeHash, row.QueryCodeSalt);
        var ok = QueryCode.Verify(code ?? "", hash, salt);
        if (row is null || !ok) return null;

        var c = await db.Complaints.IgnoreQueryFilters().AsNoTracking().Include(x => x.Types).SingleAsync(x => x.Id == row.Id, ct);
        var shown = c;
        string? linked = c.LinkedNumber;
        for (var hops = 0; shown.State == StoredComplaintState.Merged && shown.MergedIntoId is { } masterId && hops < 8; hops++)
        {
            shown = await db.Complaints.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Id == masterId, ct);
            linked = shown.Number;
        }
        return new PublicComplaintView(c.Number, ComplaintEnumMap.Key(shown.State), c.RegisteredAt, c.AcceptanceDue, shown.AcceptedAt,
            shown.NotAcceptedReason is { } why ? ComplaintEnumMap.Key(why) : null, shown.NotAcceptedNote, linked, shown.HandlingDue,
            shown.RepliedAt, shown.Reply, [.. c.Types.Select(t => t.Code).OrderBy(t => t, StringComparer.Ordinal)],
            c.StreetCode is { } sc ? DistrictStreets.Find(sc)?.Name : null, c.AcceptanceDueProvisional, shown.HandlingDueProvisional);
    }

    /// <summary>Allocates the next serial of the Beijing day <paramref name="day"/> inside the open transaction: one
    /// statement that inserts the day's row (next = 2, serial 1) or increments it, returning the new next.</summary>
    private async Task<int> NextSerialAsync(DateOnly day, CancellationToken ct)
    {
        var key = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var next = await db.Database.SqlQueryRaw<int>(
            "INSERT INTO complaint_serials (day, next) VALUES ({0}, 2) ON CONFLICT (day) DO UPDATE SET next = complaint_serials.next + 1 RETURNING next AS \"Value\"",
            key).ToListAsync(ct);
        var serial = next.Single() - 1;
        if (serial > ComplaintNumber.MaxSerial)
            throw new InvalidOperationException($"more than {ComplaintNumber.MaxSerial} complaints registered on {day:yyyy-MM-dd}");
        return serial;
    }

    private sealed record Valid(string Content, string? Address, DistrictStreet? Street, IReadOnlyList<string> Types, string? ReportedName,
        string? ReportedUscc, string? ReporterName, string? ReporterPhone, string? ReporterEmail, string? SourceRef);

    private Valid Validate(ComplaintSubmission s, DateTimeOffset now)
    {
        if (!Enum.IsDefined(s.Channel)) throw new ComplaintInputException("channel", "unknown channel");
        if (!Enum.IsDefined(s.Urgency)) throw new ComplaintInputException("urgency", "unknown urgency");
        var content = Text("content", s.Content, _rules.TextMaxChars, multiline: true)
            ?? throw new ComplaintInputException("content", "describe what is happening (1–" + _rules.TextMaxChars + " characters)");
        var address = Text("address", s.Address, Complaint.AddressLength, multiline: false);

        DistrictStreet? street;
        if (!string.IsNullOrWhiteSpace(s.StreetCode))
            street = DistrictStreets.Find(s.StreetCode) ?? throw new ComplaintInputException("street",
                $"'{Printable(s.StreetCode, 32)}' is not a street or town of the district (one of {string.Join(", ", DistrictStreets.All.Select(x => x.Code + " " + x.Name))})");
        else street = StreetInference.Infer(address);

        if (s.Latitude.HasValue != s.Longitude.HasValue)
            throw new ComplaintInputException(s.Latitude.HasValue ? "longitude" : "latitude", "give latitude and longitude together, or neither");
        if (s.Latitude is { } lat && s.Longitude is { } lon)
        {
            var (minLat, maxLat, minLon, maxLon) = DistrictBox;
            if (!double.IsFinite(lat) || lat < minLat || lat > maxLat)
                throw new ComplaintInputException("latitude", string.Create(CultureInfo.InvariantCulture, $"the point must lie in or near the district: latitude {minLat}–{maxLat} (WGS-84 degrees)"));
            if (!double.IsFinite(lon) || lon < minLon || lon > maxLon)
                throw new ComplaintInputException("longitude", string.Create(CultureInfo.InvariantCulture, $"the point must lie in or near the district: longitude {minLon}–{maxLon} (WGS-84 degrees)"));
        }
        if (s.OccurredAt is { } at && (at > now.AddMinutes(10) || at.Year < 2000))
            throw new ComplaintInputException("occurred_at", "the time it happened cannot be in the future");

        if (!PollutionTypes.TryNormalize(s.Types ?? [], out var types, out var why))
            throw new ComplaintInputException("types", why!);

        var reportedName = Text("reported_name", s.ReportedName, Complaint.NameLength, multiline: false);
        string? reportedUscc = null;
        if (!string.IsNullOrWhiteSpace(s.ReportedUscc))
        {
            reportedUscc = s.ReportedUscc.Trim().ToUpperInvariant();
            if (reportedUscc.Length != 18 || !Uscc.IsValid(reportedUscc))
                throw new ComplaintInputException("reported_uscc", "not a valid 18-character 统一社会信用代码 (GB 32100-2015 check character)");
        }

        var reporterName = Text("reporter_name", s.ReporterName, ComplaintReporter.NameLength, multiline: false);
        var phone = Text("reporter_phone", s.ReporterPhone, ComplaintReporter.PhoneLength, multiline: false);
        if (phone is not null && (!phone.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '+' or '-' or '(' or ')') || phone.Count(char.IsAsciiDigit) < 5))
            throw new ComplaintInputException("reporter_phone", "a telephone number: digits, spaces and + - ( ) only");
        var email = Text("reporter_email", s.ReporterEmail, ComplaintReporter.EmailLength, multiline: false);
        if (email is not null && (email.Count(ch => ch == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Contains(' ') || !email[(email.IndexOf('@') + 1)..].Contains('.')))
            throw new ComplaintInputException("reporter_email", "an e-mail address such as name@example.com");
        if (s.Anonymous && (reporterName ?? phone ?? email) is not null)
            throw new ComplaintInputException("anonymous", "an anonymous report carries no name, telephone or e-mail: clear them or untick anonymous");
        var sourceRef = Text("source_ref", s.SourceRef, Complaint.ShortLength, multiline: false);
        return new Valid(content, address, street, types, reportedName, reportedUscc, reporterName, phone, email, sourceRef);
    }

    /// <summary>Trimmed text of at most <paramref name="max"/> characters (Unicode code points), null when empty; control
    /// characters refused (line breaks and tabs allowed in multi-line text).</summary>
    private static string? Text(string field, string? value, int max, bool multiline)
    {
        var t = value?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        foreach (var ch in t)
            if (char.IsControl(ch) && !(multiline && ch is '\n' or '\r' or '\t'))
                throw new ComplaintInputException(field, "contains control characters");
        var runes = t.EnumerateRunes().Count();
        if (runes > max) throw new ComplaintInputException(field, $"at most {max} characters ({runes} given)");
        return t.Normalize(NormalizationForm.FormC);
    }

    /// <summary>A client-supplied name made safe for a message: control characters dropped, cut to <paramref name="max"/>.</summary>
    private static string Printable(string? s, int max)
    {
        var t = new string((s ?? "").Where(ch => !char.IsControl(ch)).ToArray()).Trim();
        return t.Length <= max ? t : t[..max];
    }
}
