using System.Globalization;
using System.Text.RegularExpressions;
using SmartEnv.Complaints.Intake;
using SmartEnv.Standards.Common;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.District;

namespace SmartEnv.Complaints.Open311;

/// <summary>A validated GeoReport v2 <c>POST requests</c>: the spec's arguments this server uses (the others —
/// <c>device_id</c>, <c>account_id</c>, <c>address_id</c> next to another location, <c>jurisdiction_id</c> — are read and
/// dropped). Immutable.</summary>
/// <param name="ServiceCode">A pollution type code (<see cref="PollutionTypes"/>).</param>
/// <param name="Latitude">WGS 84 latitude, degrees, or null.</param>
/// <param name="Longitude">WGS 84 longitude, degrees, or null (both or neither).</param>
/// <param name="AddressString">Address as typed, or null.</param>
/// <param name="Email">Reporter's e-mail, or null.</param>
/// <param name="Phone">Reporter's phone, or null.</param>
/// <param name="FirstName">Reporter's given name, or null.</param>
/// <param name="LastName">Reporter's family name, or null.</param>
/// <param name="Description">What is happening (the complaint text).</param>
/// <param name="MediaUrl">An http(s) URL of media, or null: recorded as text, never fetched.</param>
/// <param name="OccurredAt">Attribute <c>occurred_at</c>, or null.</param>
/// <param name="ReportedName">Attribute <c>reported_name</c>, or null.</param>
/// <param name="ReportedUscc">Attribute <c>reported_uscc</c>, or null.</param>
public sealed record Open311Post(string ServiceCode, double? Latitude, double? Longitude, string? AddressString, string? Email, string? Phone,
    string? FirstName, string? LastName, string Description, string? MediaUrl, DateTimeOffset? OccurredAt, string? ReportedName, string? ReportedUscc);

/// <summary>A validated GeoReport v2 <c>GET requests</c> query. Immutable.</summary>
/// <param name="Ids">Case numbers asked for (<c>service_request_id</c>, comma-separated; overrides every other argument), or null.</param>
/// <param name="ServiceCodes">Codes asked for (a case matches when any of its types is one of them), or null for all.</param>
/// <param name="From">Earliest registration instant (inclusive).</param>
/// <param name="To">Latest registration instant (inclusive).</param>
/// <param name="Statuses"><c>open</c> and/or <c>closed</c>, or null for both.</param>
public sealed record Open311Query(IReadOnlyList<string>? Ids, IReadOnlySet<string>? ServiceCodes, DateTimeOffset From, DateTimeOffset To,
    IReadOnlySet<string>? Statuses);

/// <summary>What GET answers about one case: the fields of the case (after a merge: the master's state, reply, dates and
/// assignee, the duplicate's own number, types and place). Never the text, the reporter or the photos. Immutable.</summary>
/// <param name="Number">Case number (<c>service_request_id</c>).</param>
/// <param name="State">Workflow state.</param>
/// <param name="Types">Pollution type codes (parents included).</param>
/// <param name="RegisteredAt">Registration instant.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="AcceptanceDue">Day the acceptance answer is due.</param>
/// <param name="HandlingDue">Day handling is due (after acceptance), or null.</param>
/// <param name="ReviewDue">Day a 复查/复核 decision is due, or null.</param>
/// <param name="AssigneeName">Who handles it (street/town, section, department), or null.</param>
/// <param name="Reply">The written reply, or null.</param>
/// <param name="NotAcceptedReason">Reason key of 不予受理 (<see cref="NotAcceptedReason"/> name), or null.</param>
/// <param name="NotAcceptedNote">Its note (where to go, the linked case), or null.</param>
/// <param name="StreetCode">Street/town code, or null.</param>
/// <param name="Latitude">Latitude, or null.</param>
/// <param name="Longitude">Longitude, or null.</param>
public sealed record Open311Case(string Number, ComplaintState State, IReadOnlyList<string> Types, DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt,
    DateOnly AcceptanceDue, DateOnly? HandlingDue, DateOnly? ReviewDue, string? AssigneeName, string? Reply, string? NotAcceptedReason,
    string? NotAcceptedNote, string? StreetCode, double? Latitude, double? Longitude);

/// <summary>
/// The pure mapping between GeoReport v2 and SmartEnv complaints (http://wiki.open311.org/GeoReport_v2; docs/complaints.md
/// "Open311 GeoReport v2 (P5)"):
/// <list type="bullet">
/// <item><see cref="ParsePost"/>: the form of <c>POST requests</c> → <see cref="Open311Post"/>, refusing with the spec's
/// statuses (400 missing/invalid argument, 404 unknown <c>service_code</c>); <see cref="ToSubmission"/> → the intake's
/// <see cref="ComplaintSubmission"/> (channel 网上 Online, source <c>open311:&lt;client&gt;</c>).</item>
/// <item><see cref="ParseQuery"/>: the arguments of <c>GET requests</c> (default and maximum span 90 days).</item>
/// <item><see cref="Status"/>, <see cref="StatusNotes"/>, <see cref="Expected"/>, <see cref="Request"/>: a case → the
/// spec's request object, with the privacy cuts: no description, no contact, address = street name only, lat/long
/// rounded to <see cref="CoordinateDecimals"/> decimals.</item>
/// </list>
/// Stateless; thread-safe.
/// </summary>
public static partial class Open311Requests
{
    /// <summary>Decimals of lat/long in answers: 3 (≈ 111 m north–south, ≈ 97 m east–west at 29.6° N). SmartEnv rule:
    /// enough to put a case on a district map, not enough to point at one house.</summary>
    public const int CoordinateDecimals = 3;

    /// <summary>The spec's default and maximum span of <c>GET requests</c> (start_date/end_date): 90 days.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    /// <summary>The spec's response volume: at most 1000 requests per answer.</summary>
    public const int MaxResults = 1000;

    /// <summary>Longest <c>media_url</c> accepted (characters).</summary>
    public const int MediaUrlMaxLength = 2000;

    /// <summary>Longest <c>reported_name</c> accepted (characters).</summary>
    public const int ReportedNameMaxLength = 200;

    /// <summary>Prefix of <see cref="ComplaintSubmission.SourceRef"/> of cases filed through Open311; only such cases are
    /// answered by GET (see docs: the others were filed under the query-code promise).</summary>
    public const string SourcePrefix = "open311:";

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "api_key", "jurisdiction_id", "device_id", "account_id", "address_id", "locale",
    };

    /// <summary>Parses and checks the form of <c>POST requests</c>.</summary>
    /// <param name="form">Form fields (name → values) as received (application/x-www-form-urlencoded, UTF-8).</param>
    /// <param name="maxTextChars">Longest complaint text (<see cref="ComplaintRules"/> <c>TextMaxChars</c>).</param>
    /// <returns>The request.</returns>
    /// <exception cref="Open311Exception">400 naming the argument; 404 for an unknown service_code.</exception>
    public static Open311Post ParsePost(IReadOnlyDictionary<string, string?[]> form, int maxTextChars)
    {
        ArgumentNullException.ThrowIfNull(form);
        foreach (var (name, values) in form)
            if (values.Any(v => v is not null && v.Any(ch => ch < ' ' && ch is not ('\n' or '\r' or '\t'))))
                throw Bad($"{(name.Length <= 40 ? name : name[..40])}: control characters are not accepted");
        string? One(string name)
        {
            if (!form.TryGetValue(name, out var values) || values.Length == 0) return null;
            if (values.Length > 1) throw Bad($"{name}: given {values.Length} times; send it once");
            var v = values[0]?.Trim();
            return string.IsNullOrEmpty(v) ? null : v; // the spec: an empty argument is the same as an absent one
        }

        var code = One("service_code") ?? throw Bad("service_code: required (GET services.json lists the codes)");
        if (PollutionTypes.Find(code) is null)
            throw new Open311Exception(404, $"service_code: no service {code} (GET services.json lists the codes)");

        var latText = One("lat");
        var longText = One("long");
        double? lat = null, lon = null;
        if (latText is not null || longText is not null)
        {
            if (latText is null || longText is null) throw Bad("lat, long: send both (WGS 84 degrees) or neither");
            lat = Degrees("lat", latText, 90);
            lon = Degrees("long", longText, 180);
        }
        var address = One("address_string");
        if (lat is null && address is null)
            throw Bad(One("address_id") is not null
                ? "address_id: this jurisdiction has no address repository; send lat & long or address_string"
                : "lat & long or address_string: a location is required");

        var description = One("description") ?? throw Bad("description: required (what is happening, where, when)");
        var media = One("media_url");
        if (media is not null)
        {
            if (media.Length > MediaUrlMaxLength || !Uri.TryCreate(media, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw Bad($"media_url: an absolute http or https URL of at most {MediaUrlMaxLength} characters");
            if (description.Length + MediaNote(media).Length > maxTextChars)
                throw Bad($"description: with the note of the media_url it is longer than {maxTextChars} characters");
        }

        var attributes = Attributes(form);
        DateTimeOffset? occurred = null;
        if (attributes.TryGetValue("occurred_at", out var occurredText))
            occurred = ParseW3c(occurredText) ?? throw Bad("attribute[occurred_at]: a W3C / ISO 8601 datetime, e.g. 2024-09-20T22:30:00+08:00");
        var reportedName = attributes.GetValueOrDefault("reported_name");
        if (reportedName is { Length: > ReportedNameMaxLength })
            throw Bad($"attribute[reported_name]: at most {ReportedNameMaxLength} characters");
        var reportedUscc = attributes.GetValueOrDefault("reported_uscc")?.ToUpperInvariant();

        return new Open311Post(code, lat, lon, address, One("email"), One("phone"), One("first_name"), One("last_name"), description, media,
            occurred, reportedName, reportedUscc);
    }

    /// <summary>The note appended to the complaint text for a <c>media_url</c>: the URL as plain text, marked as not
    /// fetched (SmartEnv rule: the server never fetches a URL a client names — server-side request forgery — and stores no
    /// unverified media; staff decide whether to open it).</summary>
    /// <param name="mediaUrl">The URL.</param>
    public static string MediaNote(string mediaUrl) => "\n\n[media_url（未获取 not fetched）: " + mediaUrl + "]";

    private static Dictionary<string, string> Attributes(IReadOnlyDictionary<string, string?[]> form)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (!key.StartsWith("attribute[", StringComparison.Ordinal)) continue;
            var m = AttributeKey().Match(key);
            if (!m.Success) throw Bad($"{key}: attributes are sent as attribute[code]=value");
            var code = m.Groups[1].Value;
            if (!Open311Catalogue.Attributes.Any(a => a.Code == code))
                throw Bad($"attribute[{code}]: unknown attribute (GET services/{{service_code}}.json lists them)");
            if (m.Groups[2].Success || values.Length > 1) throw Bad($"attribute[{code}]: takes one value");
            var v = values.Length == 0 ? null : values[0]?.Trim();
            if (!string.IsNullOrEmpty(v)) result[code] = v;
        }
        return result;
    }

    [GeneratedRegex(@"^attribute\[([A-Za-z0-9_.\-]+)\](\[\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeKey();

    private static double Degrees(string name, string text, double limit)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || Math.Abs(v) > limit)
            throw Bad($"{name}: a number of degrees (WGS 84) between -{limit} and {limit}, got \"{Short(text)}\"");
        return v;
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static Open311Exception Bad(string description) => new(400, description);

    /// <summary>The intake submission of a parsed request: channel <see cref="ComplaintChannel.Online"/>, text = description
    /// (+ the media note), address as typed and its street inferred from it (<see cref="StreetInference"/>), the type and
    /// its parent (<see cref="PollutionTypes.TryNormalize"/>), reporter = first/last name (family name first when either
    /// is Chinese), phone, e-mail — anonymous when none is given — and source <c>open311:&lt;client&gt;</c>.</summary>
    /// <param name="post">The parsed request.</param>
    /// <param name="clientName">Name of the API client whose key was presented.</param>
    public static ComplaintSubmission ToSubmission(Open311Post post, string clientName)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientName);
        var content = post.MediaUrl is null ? post.Description : post.Description + MediaNote(post.MediaUrl);
        if (!PollutionTypes.TryNormalize([post.ServiceCode], out var types, out var reason))
            throw new Open311Exception(400, "service_code: " + reason);
        var name = ReporterName(post.FirstName, post.LastName);
        var anonymous = name is null && post.Phone is null && post.Email is null;
        return new ComplaintSubmission(ComplaintChannel.Online, content, post.AddressString, StreetInference.Infer(post.AddressString)?.Code,
            post.Latitude, post.Longitude, post.OccurredAt, types, post.ReportedName, post.ReportedUscc, name, post.Phone, post.Email,
            anonymous, ComplaintUrgency.None, SourcePrefix + clientName);
    }

    /// <summary>The reporter's name from the spec's first/last name: Chinese names family name first without a space
    /// (<c>张</c> + <c>三</c> → <c>张三</c>), others <c>first last</c>; null when neither is given.</summary>
    /// <param name="first">Given name.</param>
    /// <param name="last">Family name.</param>
    public static string? ReporterName(string? first, string? last)
    {
        if (first is null) return last;
        if (last is null) return first;
        return HasCjk(first) || HasCjk(last) ? last + first : first + " " + last;
    }

    private static bool HasCjk(string s) => s.Any(c => c is >= '\u3400' and <= '\u9FFF');

    /// <summary>The argument of the spec that an intake validation field stands for (<see cref="ComplaintInputException"/>
    /// names the submission's field): content → description, address → address_string, latitude/longitude → lat/long,
    /// reporter fields → first_name/last_name, phone, email, types → service_code, occurred_at/reported_* → their
    /// attribute; any other name as is.</summary>
    /// <param name="field">The intake's field name.</param>
    public static string ArgumentOf(string? field) => field switch
    {
        null or "" => "request",
        "content" => "description",
        "address" => "address_string",
        "street" => "address_string",
        "latitude" => "lat",
        "longitude" => "long",
        "anonymous" => "first_name/last_name, phone, email",
        "reporter_name" => "first_name/last_name",
        "reporter_phone" => "phone",
        "reporter_email" => "email",
        "types" => "service_code",
        "occurred_at" => "attribute[occurred_at]",
        "reported_name" => "attribute[reported_name]",
        "reported_uscc" => "attribute[reported_uscc]",
        _ => field,
    };

    /// <summary>Parses the arguments of <c>GET requests</c>.</summary>
    /// <param name="query">Query arguments (name → values).</param>
    /// <param name="now">Now (the default end).</param>
    /// <returns>The query; start/end default to the last 90 days, one of them alone spans 90 days from/to it.</returns>
    /// <exception cref="Open311Exception">400 naming the argument.</exception>
    public static Open311Query ParseQuery(IReadOnlyDictionary<string, string?[]> query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<string>? List(string name)
        {
            if (!query.TryGetValue(name, out var values)) return null;
            var items = values.SelectMany(v => (v ?? "").Split(',')).Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
            return items.Count == 0 ? null : items;
        }
        string? One(string name)
        {
            if (!query.TryGetValue(name, out var values) || values.Length == 0) return null;
            if (values.Length > 1) throw Bad($"{name}: given {values.Length} times; send it once");
            return string.IsNullOrWhiteSpace(values[0]) ? null : values[0]!.Trim();
        }

        var ids = List("service_request_id");
        if (ids is { Count: > MaxResults }) throw Bad($"service_request_id: at most {MaxResults} ids");
        if (ids is not null) return new Open311Query(ids.Distinct(StringComparer.Ordinal).ToList(), null, now - MaxSpan, now, null); // overrides all others

        var codes = List("service_code");
        foreach (var c in codes ?? [])
            if (PollutionTypes.Find(c) is null) throw Bad($"service_code: no service {c} (GET services.json lists the codes)");
        var statuses = List("status")?.Select(s => s.ToLowerInvariant()).ToList();
        foreach (var s in statuses ?? [])
            if (s is not ("open" or "closed")) throw Bad($"status: open or closed, got \"{Short(s)}\"");

        var startText = One("start_date");
        var endText = One("end_date");
        DateTimeOffset? start = startText is null ? null : ParseW3c(startText) ?? throw Bad("start_date: a W3C datetime, e.g. 2024-09-01T00:00:00Z");
        DateTimeOffset? end = endText is null ? null : ParseW3c(endText) ?? throw Bad("end_date: a W3C datetime, e.g. 2024-09-30T23:59:59+08:00");
        var to = end ?? (start is { } s0 ? s0 + MaxSpan : now);
        var from = start ?? to - MaxSpan;
        if (from > to) throw Bad("start_date: later than end_date");
        if (to - from > MaxSpan) throw Bad("start_date, end_date: the range may not span more than 90 days");
        return new Open311Query(null, codes?.ToHashSet(StringComparer.Ordinal), from, to, statuses?.ToHashSet(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^(\d{4})(-(\d{2})(-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex W3cPattern();

    /// <summary>Parses a datetime in the W3C subset of ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.s]]TZD).
    /// A missing offset (and a date alone) is Beijing time (SmartEnv rule: the W3C note requires an offset with a time; the
    /// bureau's clients mean local time). A space before the offset's digits is read as <c>+</c> (an unencoded <c>+</c>
    /// in a query string arrives as a space).</summary>
    /// <param name="text">Text.</param>
    /// <returns>The instant, or null when not in that form or not a real date.</returns>
    public static DateTimeOffset? ParseW3c(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.Length > 6 && t[^6] == ' ' && char.IsAsciiDigit(t[^5])) t = t[..^6] + "+" + t[^5..];
        var m = W3cPattern().Match(t);
        if (!m.Success) return null;
        int G(int i, int dflt) => m.Groups[i].Success ? int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) : dflt;
        try
        {
            var local = new DateTime(G(1, 1), G(3, 1), G(5, 1), G(7, 0), G(8, 0), G(10, 0), DateTimeKind.Unspecified);
            if (m.Groups[11].Success) local = local.AddTicks((long)(double.Parse("0" + m.Groups[11].Value, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
            var offset = BeijingTime.Offset;
            if (m.Groups[12].Success)
            {
                var z = m.Groups[12].Value;
                offset = z == "Z" ? TimeSpan.Zero
                    : (z[0] == '-' ? -1 : 1) * new TimeSpan(int.Parse(z[1..3], CultureInfo.InvariantCulture), int.Parse(z[4..6], CultureInfo.InvariantCulture), 0);
            }
            return new DateTimeOffset(local, offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // 2024-02-30, 25:00, offset beyond ±14 h
        }
    }

    /// <summary>The spec's status of a state: <c>closed</c> once the case is answered — 不予受理 (NotAccepted), 办结 with a
    /// reply (Replied), 回访 (Visited), Closed; <c>open</c> while it is being dealt with — Registered, Accepted, Assigned,
    /// Handling, and again under 复查/复核 (UnderReview, UnderRecheck). A Merged case takes its master's state (the caller
    /// resolves it; unresolved it is <c>open</c>).</summary>
    /// <param name="state">State.</param>
    public static string Status(ComplaintState state) => state switch
    {
        ComplaintState.NotAccepted or ComplaintState.Replied or ComplaintState.Visited or ComplaintState.Closed => "closed",
        _ => "open",
    };

    /// <summary>The <c>status_notes</c>: the written reply once replied; 不予受理 with its reason and note; otherwise what is
    /// happening now (e.g. 已受理，正在办理).</summary>
    /// <param name="c">The case.</param>
    /// <param name="lang">Language of the fixed texts (the reply and notes are as written).</param>
    public static string? StatusNotes(Open311Case c, Open311Language lang)
    {
        ArgumentNullException.ThrowIfNull(c);
        var en = lang == Open311Language.En;
        switch (c.State)
        {
            case ComplaintState.NotAccepted:
                var reason = ReasonText(c.NotAcceptedReason, en);
                var head = en ? "Not accepted" + (reason is null ? "" : ": " + reason) : "不予受理" + (reason is null ? "" : "：" + reason);
                return string.IsNullOrWhiteSpace(c.NotAcceptedNote) ? head : head + (en ? ". " : "。") + c.NotAcceptedNote;
            case ComplaintState.Replied or ComplaintState.Visited or ComplaintState.Closed:
                return string.IsNullOrWhiteSpace(c.Reply) ? (en ? "Closed" : "已办结") : c.Reply;
            case ComplaintState.Registered: return en ? "Registered; the decision on acceptance is pending" : "已登记，等待受理";
            case ComplaintState.Accepted: return en ? "Accepted" : "已受理";
            case ComplaintState.Assigned:
                return c.AssigneeName is null ? (en ? "Accepted and assigned" : "已受理并交办") : (en ? "Assigned to " + c.AssigneeName : "已交办" + c.AssigneeName + "办理");
            case ComplaintState.Handling: return en ? "Being handled (site check)" : "正在办理（现场核查）";
            case ComplaintState.UnderReview: return en ? "Under review (复查) at the reporter's request" : "应投诉人请求复查中";
            case ComplaintState.UnderRecheck: return en ? "Under recheck (复核) at the reporter's request" : "应投诉人请求复核中";
            default: return null;
        }
    }

    private static string? ReasonText(string? key, bool en)
    {
        if (key is null || !Enum.TryParse<NotAcceptedReason>(key.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var r)) return null;
        return r switch
        {
            NotAcceptedReason.OutsideRemit => en ? "outside the bureau's remit" : "不属于本机关职责范围",
            NotAcceptedReason.LegalProceedings => en ? "already in legal proceedings" : "已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决",
            NotAcceptedReason.AlreadyAccepted => en ? "already accepted as another case" : "已受理同一事项",
            NotAcceptedReason.RepeatAfterReply => en ? "the same facts after a reply (ask for 复查/复核 instead)" : "已答复后以同一事实重复投诉（可申请复查、复核）",
            NotAcceptedReason.Unclear => en ? "the complaint is unclear" : "投诉内容不清",
            _ => null,
        };
    }

    /// <summary>The <c>expected_datetime</c>: the end (23:59:59 Beijing) of the day the next answer is due — acceptance
    /// (Registered), handling (Accepted, Assigned, Handling), the 复查/复核 decision (UnderReview, UnderRecheck); null once
    /// closed or when the day is unknown.</summary>
    /// <param name="c">The case.</param>
    public static DateTimeOffset? Expected(Open311Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        DateOnly? day = c.State switch
        {
            ComplaintState.Registered => c.AcceptanceDue,
            ComplaintState.Accepted or ComplaintState.Assigned or ComplaintState.Handling => c.HandlingDue,
            ComplaintState.UnderReview or ComplaintState.UnderRecheck => c.ReviewDue,
            _ => null,
        };
        return day is { } d ? BeijingTime.At(d, new TimeOnly(23, 59, 59)) : null;
    }

    /// <summary>The service code a case is shown under: its most specific type (the first sub-type in ordinal order, else
    /// the first type).</summary>
    /// <param name="types">The case's type codes.</param>
    public static string? ServiceCodeOf(IReadOnlyList<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var ordered = types.Order(StringComparer.Ordinal).ToList();
        return ordered.FirstOrDefault(t => PollutionTypes.Find(t)?.Parent is not null) ?? ordered.FirstOrDefault();
    }

    /// <summary>The spec's request object of a case (fields in the spec's order). <c>description</c>, <c>service_notice</c>,
    /// <c>address_id</c>, <c>zipcode</c> and <c>media_url</c> are always null: the text and photos are the reporter's
    /// words to the bureau, there is no address repository; <c>address</c> is the street/town name only; lat/long are
    /// rounded to <see cref="CoordinateDecimals"/> decimals; datetimes are in Beijing time with their offset.</summary>
    /// <param name="c">The case.</param>
    /// <param name="lang">Language of names and fixed texts.</param>
    public static Open311Object Request(Open311Case c, Open311Language lang)
    {
        ArgumentNullException.ThrowIfNull(c);
        var code = ServiceCodeOf(c.Types);
        var type = code is null ? null : PollutionTypes.Find(code);
        return new Open311Object(
        [
            new("service_request_id", c.Number),
            new("status", Status(c.State)),
            new("status_notes", StatusNotes(c, lang)),
            new("service_name", type is null ? null : Open311Catalogue.Name(type, lang)),
            new("service_code", code),
            new("description", null),
            new("agency_responsible", c.AssigneeName ?? (lang == Open311Language.En ? Open311Catalogue.BureauEn : Open311Catalogue.BureauZh)),
            new("service_notice", null),
            new("requested_datetime", BeijingTime.ToBeijing(c.RegisteredAt)),
            new("updated_datetime", BeijingTime.ToBeijing(c.UpdatedAt)),
            new("expected_datetime", Expected(c)),
            new("address", c.StreetCode is null ? null : DistrictStreets.Find(c.StreetCode)?.Name),
            new("address_id", null),
            new("zipcode", null),
            new("lat", Round(c.Latitude)),
            new("long", Round(c.Longitude)),
            new("media_url", null),
        ]);
    }

    private static object? Round(double? v) => v is { } d ? Math.Round(d, CoordinateDecimals, MidpointRounding.AwayFromZero) : null;

    /// <summary>The answer to a successful <c>POST requests</c>: one request with the case number, a notice (the
    /// acceptance due day and the query code for the bureau's own query page) and <c>account_id</c> null.</summary>
    /// <param name="receipt">The intake's receipt.</param>
    /// <param name="lang">Language of the notice.</param>
    public static Open311List Created(ComplaintReceipt receipt, Open311Language lang)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var code = QueryCode.Normalize(receipt.QueryCode) is not null ? QueryCode.Display(receipt.QueryCode) : receipt.QueryCode;
        var due = receipt.AcceptanceDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var notice = lang == Open311Language.En
            ? $"Registered as {receipt.Number}. The bureau answers whether it accepts the complaint by {due}. Query code {code}: with the number it shows the progress and the reply on the bureau's page /complaint/query; GET requests/{receipt.Number}.json shows the status."
            : $"已登记，编号 {receipt.Number}。生态环境局将在 {due} 前告知是否受理。查询码 {code}：凭编号和查询码可在生态环境局网站 /complaint/query 查看进度和答复；也可用 GET requests/{receipt.Number}.json 查询状态。";
        return new Open311List("request",
        [
            new Open311Object([new("service_request_id", receipt.Number), new("service_notice", notice), new("account_id", null)]),
        ]);
    }
}
