using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Storage.Tests;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Tests;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The web app over a real database with the issue 18 fixture (<see cref="ComplaintSeed"/>: five cases, reporters 王女士
/// 13800000001, 刘先生 13800000003, 陈先生 13800000004, 赵女士 13800000005; cases 4 and 5 name enterprise A, case 5 属实 and
/// replied; every seeded case opens with <see cref="ComplaintSeed.QueryCodeForSeed"/>) plus P7's own case
/// <see cref="Number"/>: enterprise A reported, air + 恶臭/异味, 属实, replied, at <see cref="Lat"/>/<see cref="Lon"/>, with a
/// reporter whose name, phone and e-mail are strings found nowhere else (<see cref="ReporterName"/>, <see cref="Phone"/>,
/// <see cref="Email"/>), content <see cref="Content"/> and one stored photo; enterprise C (<see cref="UsccC"/>) is
/// registered and named by no complaint. One client per principal, with real personal access tokens and redirects not
/// followed (a page answers a refused user with a redirect to <c>/signin</c>).
/// </summary>
public sealed class ComplaintScopeFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    /// <summary>P7's case: registered 2024-09-30 11:00 Beijing, replied 2024-10-20.</summary>
    public const string Number = "TS202409300001";
    /// <summary>Its query code (10 characters of the <see cref="QueryCode"/> alphabet).</summary>
    public const string Code = "P7CDE23456";
    /// <summary>Reporter's name (distinctive).</summary>
    public const string ReporterName = "隐私测试举报人甲";
    /// <summary>Reporter's phone (distinctive).</summary>
    public const string Phone = "13977770001";
    /// <summary>Reporter's e-mail (distinctive).</summary>
    public const string Email = "p7-reporter-7c1@example.org";
    /// <summary>What the reporter wrote (Open311 GETs must not show it).</summary>
    public const string Content = "P7隐私标记：化工厂夜间排放刺鼻气体";
    /// <summary>The reply (public with the query code).</summary>
    public const string Reply = "P7答复：经核查异味属实，已责令整改。";
    /// <summary>Where, to seven decimals (Open311 rounds the location; these exact texts must not appear there).</summary>
    public const double Lat = 29.5812345, Lon = 106.5712345;
    /// <summary>An enterprise no complaint names (valid GB 32100 code, check character computed by Uscc.CheckCharacter).</summary>
    public static readonly string UsccC = "91500105MA5U0P7C0" + SmartEnv.Standards.Identifiers.Uscc.CheckCharacter("91500105MA5U0P7C0");

    /// <summary>The reporter of the case submitted through the public form (<see cref="PublicNumber"/>).</summary>
    public const string PublicName = "公众提交人乙", PublicPhone = "13977770002", PublicEmail = "p7-public-2@example.org";
    /// <summary>What that reporter wrote.</summary>
    public const string PublicContent = "P7公众件：码头夜间装卸噪声扰民";

    /// <summary>The reporter of the case filed through Open311 (<see cref="Open311Number"/>): first name, phone, e-mail.</summary>
    public const string Open311Name = "开放接口丙名", Open311Phone = "13977770003", Open311Email = "p7-open311-3@example.org";
    /// <summary>What the Open311 client wrote, and the photo URL it sent (kept in the description as a note).</summary>
    public const string Open311Content = "P7开放接口件：餐馆油烟直排", Open311Media = "http://photos.example.org/p7-secret-photo.jpg";

    /// <summary>Every reporter string of the store: P7's, the public submission's, the Open311 client's and the seed's.</summary>
    public static readonly string[] ReporterStrings =
        [ReporterName, Phone, Email, PublicName, PublicPhone, PublicEmail, Open311Name, Open311Phone, Open311Email, "王女士", "13800000001", "刘先生", "13800000003", "陈先生", "13800000004", "赵女士", "13800000005"];

    /// <summary>The case submitted anonymously through <c>POST /api/complaints/public</c> with the reporter
    /// <see cref="PublicName"/> and a photo, then accepted, assigned, found 部分属实 and replied through the handling
    /// service — so its events and stored rows are what the real code writes.</summary>
    public string PublicNumber { get; private set; } = "";
    /// <summary>Its query code as the receipt shows it.</summary>
    public string PublicCode { get; private set; } = "";
    /// <summary>The receipt's body (must not echo the reporter).</summary>
    public string PublicReceipt { get; private set; } = "";
    /// <summary>The case an Open311 client filed (<c>POST /open311/v2/requests.json</c> with a key, contact data and a media_url).</summary>
    public string Open311Number { get; private set; } = "";
    /// <summary>The Open311 POST's answer (must not echo the contact data).</summary>
    public string Open311Receipt { get; private set; } = "";

    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;

    /// <summary>Clients by principal: admin monitoring enforcement planning viewer, <c>enterprise</c> (bound to A, the
    /// reported unit), <c>enterprise-c</c> (bound to C), <c>anonymous</c>.</summary>
    public Dictionary<string, HttpClient> Clients { get; } = new(StringComparer.Ordinal);

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-complaint-scope-" + Guid.NewGuid().ToString("N")[..12]);

    private static DateTimeOffset Bj(int mo, int d, int h) => new DateTimeOffset(2024, mo, d, h, 0, 0, BeijingTime.Offset).ToUniversalTime();

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        await ComplaintSeed.SeedAsync(Store, QueryCode.Hash);
        await using (var db = Store.CreateContext())
        {
            db.Enterprises.Add(new Enterprise { Uscc = UsccC, Name = "重庆江北庚无投诉有限公司", CreatedAt = DateTimeOffset.UtcNow });
            var (hash, salt) = QueryCode.Hash(Code);
            var c = new Complaint
            {
                Number = Number, Channel = StoredComplaintChannel.Online, State = StoredComplaintState.Replied, Urgency = StoredComplaintUrgency.None,
                RegisteredAt = Bj(9, 30, 11), RegisteredOn = new DateOnly(2024, 9, 30), Content = Content, Address = "重庆市江北区寸滩街道港城路",
                StreetCode = ComplaintSeed.StreetCuntan, Latitude = Lat, Longitude = Lon, ReportedName = "重庆江北甲化工有限公司", ReportedUscc = SourceSeed.UsccA,
                IndustryCode = "4411", CreatedBy = "public", QueryCodeHash = hash, QueryCodeSalt = salt, AcceptanceDue = new DateOnly(2024, 10, 15),
                AcceptedAt = Bj(9, 30, 15), AcceptedBy = "seed", HandlingDue = new DateOnly(2024, 11, 29), Findings = "现场异味明显。",
                Verification = StoredVerification.True, CheckedAt = Bj(10, 10, 10), RepliedAt = Bj(10, 20, 10), Reply = Reply, UpdatedAt = Bj(10, 20, 10), Version = 4,
            };
            c.Types.Add(new ComplaintType { Code = "air" });
            c.Types.Add(new ComplaintType { Code = "air.odour" });
            db.Complaints.Add(c);
            await db.SaveChangesAsync();
            db.ComplaintReporters.Add(new ComplaintReporter { ComplaintId = c.Id, Name = ReporterName, Phone = Phone, Email = Email, WantsReply = true });
            var jpeg = Jpeg();
            db.ComplaintPhotos.Add(new ComplaintPhoto
            {
                ComplaintId = c.Id, Seq = 1, Content = jpeg, Width = 16, Height = 16, Bytes = jpeg.Length,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(jpeg)), OriginalFormat = "jpeg", CreatedAt = Bj(9, 30, 11),
            });
            db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, Trigger = "register", ToState = StoredComplaintState.Registered, By = "public", At = Bj(9, 30, 11) });
            await db.SaveChangesAsync();
        }
        App = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback,
        });
        await App.StartAsync();
        Address = SmartEnvWeb.BoundAddress(App);
        foreach (var role in new[] { SmartEnvRoles.Admin, SmartEnvRoles.Monitoring, SmartEnvRoles.Enforcement, SmartEnvRoles.Planning, SmartEnvRoles.Viewer })
            Clients[role] = Client(await TestAccounts.TokenAsync(Store, "p7-" + role, [role]));
        Clients[SmartEnvRoles.Enterprise] = Client(await TestAccounts.TokenAsync(Store, "p7-ent-a", [SmartEnvRoles.Enterprise], [SourceSeed.UsccA]));
        Clients["enterprise-c"] = Client(await TestAccounts.TokenAsync(Store, "p7-ent-c", [SmartEnvRoles.Enterprise], [UsccC]));
        Clients["anonymous"] = Client(null);

        using (var form = new MultipartFormDataContent())
        {
            foreach (var (k, v) in new[] { ("content", PublicContent), ("types", "noise"), ("types", "noise.industrial"), ("address", "重庆市江北区寸滩街道港城东路"),
                         ("latitude", "29.6012345"), ("longitude", "106.6012345"), ("reporter_name", PublicName), ("reporter_phone", PublicPhone), ("reporter_email", PublicEmail) })
                form.Add(new StringContent(v), k);
            var photo = new ByteArrayContent(Jpeg());
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(photo, "photos", "现场.jpg");
            using var res = await Clients["anonymous"].PostAsync("/api/complaints/public", form);
            PublicReceipt = await res.Content.ReadAsStringAsync();
            if (res.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"public submission: {(int)res.StatusCode} {PublicReceipt}");
            using var receipt = System.Text.Json.JsonDocument.Parse(PublicReceipt);
            PublicNumber = receipt.RootElement.GetProperty("number").GetString()!;
            PublicCode = receipt.RootElement.GetProperty("query_code").GetString()!;
        }
        string key;
        await using (var db = Store.CreateContext())
            key = await SmartEnv.Complaints.Open311.Open311ApiKeys.CreateAsync(db, "p7-client", new SmartEnv.Storage.Audit.AuditActor(SmartEnv.Storage.Audit.AuditActorKind.User, "p7"), TimeProvider.System);
        using (var post = await Clients["anonymous"].PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(
            [
                new("api_key", key), new("service_code", "air.cooking"), new("lat", "29.5912345"), new("long", "106.5912345"), new("description", Open311Content),
                new("media_url", Open311Media), new("first_name", Open311Name), new("last_name", "覃"), new("email", Open311Email), new("phone", Open311Phone),
            ])))
        {
            Open311Receipt = await post.Content.ReadAsStringAsync();
            if (!post.IsSuccessStatusCode) throw new InvalidOperationException($"Open311 POST: {(int)post.StatusCode} {Open311Receipt}");
            using var doc = System.Text.Json.JsonDocument.Parse(Open311Receipt);
            Open311Number = doc.RootElement[0].GetProperty("service_request_id").GetString()!;
        }
        await using (var db = Store.CreateContext())
        {
            var handling = new SmartEnv.Complaints.Handling.ComplaintService(db, TimeProvider.System);
            await handling.FireAsync(PublicNumber, ComplaintTrigger.Accept, new(), "p7-enforcement");
            await handling.FireAsync(PublicNumber, ComplaintTrigger.Assign, new(AssigneeKind: AssigneeKind.Street, AssigneeCode: ComplaintSeed.StreetCuntan), "p7-enforcement");
            await handling.FireAsync(PublicNumber, ComplaintTrigger.RecordFindings, new(Findings: "夜间装卸噪声部分属实。", Verification: Verification.PartlyTrue), "p7-enforcement");
            await handling.FireAsync(PublicNumber, ComplaintTrigger.Reply, new(Reply: PublicReply), "p7-enforcement");
        }
    }

    /// <summary>The reply of the public submission.</summary>
    public const string PublicReply = "P7公众件答复：已要求码头调整作业时间。";

    private HttpClient Client(string? token)
    {
        var c = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };
        if (token is not null) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    /// <summary>A 16 × 16 JPEG made by Skia (a real image, as the intake stores them).</summary>
    public static byte[] Jpeg()
    {
        using var bmp = new SKBitmap(16, 16);
        bmp.Erase(new SKColor(120, 140, 90));
        using var img = SKImage.FromBitmap(bmp);
        using var data = img.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    public async Task DisposeAsync()
    {
        foreach (var c in Clients.Values) c.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, true);
    }
}

/// <summary>
/// Issue 18 acceptance "an enterprise user never sees complaints or reporter data (route-table test); the public page shows
/// no contact data" (P7), on both engines. EVERY endpoint whose pattern names complaints (<c>/api/complaints…</c>, the
/// pages <c>/complaint…</c> and <c>/complaints…</c>, any export with <c>complaint</c> in it) or starts with <c>/open311</c>
/// is read from the running app's <see cref="EndpointDataSource"/> — a route added later is probed too; the enumeration
/// itself can fail (the known routes must be among them) — and called with every method by every principal:
/// <list type="bullet">
/// <item>an enterprise user (bound to A, the reported unit of three cases): refused (401/403/404 or a redirect to
///   <c>/signin</c>) everywhere but the public routes, whose bodies hold no reporter string;</item>
/// <item>anonymous: only the public routes (<c>AllowAnonymous</c>, exactly <see cref="PublicRoutes"/>) answer, without
///   reporter strings; Open311 GETs also without the description, photos or the exact location;</item>
/// <item>monitoring, planning, viewer: the case (control: its number and content on <c>GET /api/complaints/{number}</c>)
///   and no reporter string on any route;</item>
/// <item>enforcement, admin: the reporter's name, phone and e-mail on the case detail (control that the strings would be
///   found), never on a public route, an Open311 GET or an export.</item>
/// </list>
/// Bodies are read as text after undoing JSON <c>\uXXXX</c> and HTML character escapes, and an xlsx (zip) is read entry by
/// entry, so an escaped or zipped leak is still found.
/// </summary>
public abstract class ComplaintScopeTests<TDb>(ComplaintScopeFixture<TDb> app) : IClassFixture<ComplaintScopeFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string Number = ComplaintScopeFixture<TDb>.Number;

    /// <summary>A case number that exists nowhere: every state-changing call names it, so no probe changes a case.</summary>
    private const string NoSuchNumber = "TS209912310001";

    /// <summary>The routes open to the public by design (plan §4): the form and the query-code lookup (P2), Open311 (P5), the
    /// public pages (P6). Any other complaint route open to anonymous callers fails the test.</summary>
    private static readonly string[] PublicRoutes =
    [
        "POST /api/complaints/public", "POST /api/complaints/public/query",
        "GET /open311/v2/discovery.{format}", "GET /open311/v2/services.{format}", "GET /open311/v2/services/{service_code}.{format}",
        "POST /open311/v2/requests.{format}", "GET /open311/v2/requests.{format}", "GET /open311/v2/requests/{service_request_id}.{format}",
        "GET /complaint", "POST /complaint", "GET /complaint/query", "POST /complaint/query",
    ];

    /// <summary>Routes that exist today (the enumeration must find them).</summary>
    private static readonly string[] KnownRoutes =
    [
        "POST /api/complaints/public", "POST /api/complaints/public/query", "POST /api/complaints/", "GET /api/complaints/{number}/photos/{seq}",
    ];

    private static readonly string[] StaffWithoutReporter = [SmartEnvRoles.Monitoring, SmartEnvRoles.Planning, SmartEnvRoles.Viewer];
    private static readonly string[] Handlers = [SmartEnvRoles.Enforcement, SmartEnvRoles.Admin];

    /// <summary>One method of one endpoint; <see cref="Format"/> fills <c>{format}</c> (Open311: json and xml are both probed);
    /// <see cref="CaseNumber"/> fills <c>{number}</c> of a GET (P7's hand-made case and the public submission are both probed).</summary>
    private sealed record Route(string Method, string Template, RouteEndpoint Endpoint, bool Public, string Format, string CaseNumber);

    private List<Route> Routes()
    {
        var list = new List<Route>();
        foreach (var e in app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var t = e.RoutePattern.RawText ?? "";
            if (!t.Contains("complaint", StringComparison.OrdinalIgnoreCase) && !t.StartsWith("/open311", StringComparison.OrdinalIgnoreCase)) continue;
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            var open = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var numbered = e.RoutePattern.Parameters.Any(p => p.Name is "number" or "Number" or "service_request_id");
            foreach (var m in methods)
                foreach (var f in t.Contains("{format}", StringComparison.Ordinal) ? new[] { "json", "xml" } : ["json"])
                    foreach (var n in numbered && m == "GET" ? new[] { Number, app.PublicNumber, app.Open311Number } : [Number])
                        list.Add(new Route(m, t, e, open, f, n));
        }
        return list;
    }

    [Fact]
    public void The_enumeration_finds_the_known_routes_and_only_the_planned_ones_are_public()
    {
        var routes = Routes();
        foreach (var k in KnownRoutes) Assert.Contains(routes, r => $"{r.Method} {r.Template}" == k);
        var open = routes.Where(r => r.Public).Select(r => $"{r.Method} {r.Template}").Distinct().Except(PublicRoutes).ToList();
        Assert.True(open.Count == 0, "complaint routes open to anonymous callers but not public by design: " + string.Join("; ", open));
    }

    [Fact]
    public async Task Every_complaint_route_answers_each_principal_without_reporter_data_beyond_its_role()
    {
        var routes = Routes();
        Assert.NotEmpty(routes);
        var problems = new List<string>();
        var controls = new Dictionary<string, string>(StringComparer.Ordinal);
        var open311 = new Dictionary<string, string>(StringComparer.Ordinal);
        var publicControls = new Dictionary<string, string>(StringComparer.Ordinal);
        var open311Controls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in routes)
        {
            foreach (var (who, client) in app.Clients)
            {
                var (status, location, body) = await CallAsync(client, r);
                var where = $"{r.Method} {r.Template} ({r.Format}, {r.CaseNumber}) as {who} → {(int)status}";
                var refused = Refused(status, location);
                var leaked = ComplaintScopeFixture<TDb>.ReporterStrings.Where(s => body.Contains(s, StringComparison.Ordinal)).ToList();
                var handler = Handlers.Contains(who);
                if (who.StartsWith(SmartEnvRoles.Enterprise, StringComparison.Ordinal))
                {
                    if (!r.Public && !refused) problems.Add($"{where}: an enterprise user must be refused (401/403/404)");
                    if (body.Contains(Number, StringComparison.Ordinal) && !r.Public) problems.Add($"{where}: shows the case number");
                }
                else if (who == "anonymous")
                {
                    if (!r.Public && !refused) problems.Add($"{where}: anonymous must be refused");
                    // Open311 answers only for requests filed through Open311 (Open311Api): a case from the form or the
                    // desk stays behind its query code, so the one-request route is 404 for those and 200 for the Open311 one.
                    var open311Only = r.Template == "/open311/v2/requests/{service_request_id}.{format}" && r.CaseNumber != app.Open311Number;
                    if (open311Only && status != HttpStatusCode.NotFound) problems.Add($"{where}: Open311 shows a case not filed through Open311");
                    if (r.Public && refused && !open311Only) problems.Add($"{where}: a public route refused the public");
                }
                // Reporter strings: only enforcement and admin, and for them only off the public routes, Open311 and exports.
                var export = IsZip(body) || r.Template.Contains("xlsx", StringComparison.Ordinal) || r.Template.Contains("{ext}", StringComparison.Ordinal);
                if (leaked.Count > 0 && (!handler || r.Public || r.Template.StartsWith("/open311", StringComparison.Ordinal) || export))
                    problems.Add($"{where}: shows reporter data {string.Join(", ", leaked)}");
                if (r.Method == "GET" && r.Template.StartsWith("/open311", StringComparison.Ordinal))
                    problems.AddRange(Open311Problems(body).Select(p => $"{where}: {p}"));
                if (r.Method == "GET" && r.Template == "/api/complaints/{number}" && r.CaseNumber == Number) controls[who] = $"{(int)status} {body}";
                if (r.Method == "GET" && r.Template == "/api/complaints/{number}" && r.CaseNumber == app.PublicNumber) publicControls[who] = $"{(int)status} {body}";
                if (r.Method == "GET" && r.Template == "/api/complaints/{number}" && r.CaseNumber == app.Open311Number) open311Controls[who] = $"{(int)status} {body}";
                if (r.Method == "GET" && r.Template == "/open311/v2/requests/{service_request_id}.{format}" && who == "anonymous" && r.CaseNumber == app.Open311Number)
                    open311[r.Format] = $"{(int)status} {body}";
            }
        }
        Assert.True(problems.Count == 0, "complaint privacy:\n" + string.Join('\n', problems));

        // Controls (the checks above can fail): the case detail exists and shows the case to staff; to the handling roles
        // with the reporter, to the others without.
        if (controls.Count > 0)
        {
            foreach (var who in StaffWithoutReporter.Concat(Handlers))
            {
                Assert.StartsWith("200 ", controls[who], StringComparison.Ordinal);
                Assert.Contains(Number, controls[who], StringComparison.Ordinal);
                Assert.Contains(ComplaintScopeFixture<TDb>.Content, controls[who], StringComparison.Ordinal);
            }
            foreach (var who in Handlers)
            {
                foreach (var s in new[] { ComplaintScopeFixture<TDb>.ReporterName, ComplaintScopeFixture<TDb>.Phone, ComplaintScopeFixture<TDb>.Email })
                    Assert.Contains(s, controls[who], StringComparison.Ordinal);
                foreach (var s in new[] { ComplaintScopeFixture<TDb>.PublicName, ComplaintScopeFixture<TDb>.PublicPhone, ComplaintScopeFixture<TDb>.PublicEmail })
                    Assert.Contains(s, publicControls[who], StringComparison.Ordinal);
                foreach (var s in new[] { ComplaintScopeFixture<TDb>.Open311Name, ComplaintScopeFixture<TDb>.Open311Phone, ComplaintScopeFixture<TDb>.Open311Email })
                    Assert.Contains(s, open311Controls[who], StringComparison.Ordinal);
            }
            foreach (var who in StaffWithoutReporter)
                Assert.Contains(ComplaintScopeFixture<TDb>.PublicContent, publicControls[who], StringComparison.Ordinal);
        }
        // Open311 answers the public about the case (its number), in JSON and XML, without what is checked above.
        Assert.True(open311.Count == 2, "the Open311 one-request route was probed in JSON and XML for the Open311 case");
        foreach (var (format, answer) in open311)
        {
            Assert.StartsWith("200 ", answer, StringComparison.Ordinal);
            Assert.Contains(app.Open311Number, answer, StringComparison.Ordinal);
            Assert.Contains(format == "xml" ? "<service_request_id>" : "\"service_request_id\"", answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_public_query_shows_the_reply_and_no_contact_data()
    {
        var routes = Routes();
        if (!routes.Any(r => r.Template == "/api/complaints/public/query")) return;
        // The receipts of the public form and of Open311: number (and code), nothing of the reporter.
        Assert.Matches("^TS[0-9]{12}$", app.PublicNumber);
        Assert.Matches("^TS[0-9]{12}$", app.Open311Number);
        foreach (var s in ComplaintScopeFixture<TDb>.ReporterStrings)
        {
            Assert.DoesNotContain(s, Text(Encoding.UTF8.GetBytes(app.PublicReceipt)), StringComparison.Ordinal);
            Assert.DoesNotContain(s, Text(Encoding.UTF8.GetBytes(app.Open311Receipt)), StringComparison.Ordinal);
        }
        foreach (var who in new[] { "anonymous", SmartEnvRoles.Enterprise, SmartEnvRoles.Enforcement })
        {
            using var res = await app.Clients[who].PostAsync("/api/complaints/public/query", Json(new { number = app.PublicNumber, code = app.PublicCode }));
            var body = Text(await res.Content.ReadAsByteArrayAsync());
            Assert.True(res.StatusCode == HttpStatusCode.OK, $"{who}: {(int)res.StatusCode} {body}");
            Assert.Contains(ComplaintScopeFixture<TDb>.PublicReply, body, StringComparison.Ordinal);
            foreach (var s in ComplaintScopeFixture<TDb>.ReporterStrings.Append(ComplaintScopeFixture<TDb>.PublicContent)) Assert.DoesNotContain(s, body, StringComparison.Ordinal);
        }
        foreach (var who in new[] { "anonymous", SmartEnvRoles.Enterprise, SmartEnvRoles.Viewer, SmartEnvRoles.Admin })
        {
            using var res = await app.Clients[who].PostAsync("/api/complaints/public/query", Json(new { number = Number, code = ComplaintScopeFixture<TDb>.Code }));
            var body = Text(await res.Content.ReadAsByteArrayAsync());
            Assert.True(res.StatusCode == HttpStatusCode.OK, $"{who}: {(int)res.StatusCode} {body}");
            Assert.Contains(Number, body, StringComparison.Ordinal);
            Assert.Contains(ComplaintScopeFixture<TDb>.Reply, body, StringComparison.Ordinal);
            foreach (var s in ComplaintScopeFixture<TDb>.ReporterStrings) Assert.DoesNotContain(s, body, StringComparison.Ordinal);
            Assert.DoesNotContain(ComplaintScopeFixture<TDb>.Content, body, StringComparison.Ordinal); // the public projection has no content
            Assert.DoesNotContain("/photos/", body, StringComparison.Ordinal);
            // Another code: nothing, and the same answer as for no such case.
            using var wrong = await app.Clients[who].PostAsync("/api/complaints/public/query", Json(new { number = Number, code = "ABCDE23456" }));
            using var none = await app.Clients[who].PostAsync("/api/complaints/public/query", Json(new { number = NoSuchNumber, code = ComplaintScopeFixture<TDb>.Code }));
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
            Assert.Equal(none.StatusCode, wrong.StatusCode);
            Assert.DoesNotContain(Number, Text(await wrong.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Exports_never_carry_reporter_data()
    {
        var exports = Routes().Where(r => r.Method == "GET" && (r.Template.Contains("xlsx", StringComparison.Ordinal) || r.Template.Contains("{ext}", StringComparison.Ordinal))).ToList();
        foreach (var r in exports)
        {
            foreach (var who in StaffWithoutReporter.Concat(Handlers))
            {
                var (status, _, body) = await CallAsync(app.Clients[who], r);
                Assert.True(status == HttpStatusCode.OK, $"{r.Template} as {who}: {(int)status}");
                foreach (var s in ComplaintScopeFixture<TDb>.ReporterStrings) Assert.DoesNotContain(s, body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_enterprise_file_tab_lists_verified_complaints_for_staff_and_reveals_nothing_to_the_enterprise()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        // The view model, with the clock at 2025-09-29 Beijing: the last 12 months run from 2024-09-29, so P7's case
        // (2024-09-30) is in and the seed's cases 4 (2024-09-23) and 5 (2024-09-25) are out.
        var clock = new FixedClock(new DateTimeOffset(2025, 9, 29, 12, 0, 0, BeijingTime.Offset));
        await using (var all = app.Store.CreateContext())
        {
            var v = await new ComplaintFileSlot(clock).LoadAsync(all, SourceSeed.UsccA, default);
            // A is named by case 4 (accepted, no finding), case 5 (属实) and P7's (属实): 3 named, 2 verified; in the last 12 months 1 and 1.
            Assert.Equal(["点名该单位的投诉", "3 件（近12个月 1 件）"], v.Rows[0]);
            Assert.Equal(["其中查证属实或部分属实", "2 件（近12个月 1 件）"], v.Rows[1]);
            Assert.Equal([Number, "2024-09-30 · 大气、恶臭/异味 · 属实 · 已答复 2024-10-20"], v.Rows[2]);
            Assert.Equal([ComplaintSeed.NumberWaterA, "2024-09-25 · 水、工业废水 · 属实 · 已答复 2024-10-12"], v.Rows[3]);
            Assert.Equal(4, v.Rows.Count);
            var flat = string.Join("|", v.Rows.SelectMany(r => r));
            foreach (var s in ComplaintScopeFixture<TDb>.ReporterStrings.Append(ComplaintScopeFixture<TDb>.Content).Append(ComplaintScopeFixture<TDb>.Reply))
                Assert.DoesNotContain(s, flat, StringComparison.Ordinal);
            var c = await new ComplaintFileSlot(clock).LoadAsync(all, ComplaintScopeFixture<TDb>.UsccC, default);
            Assert.Empty(c.Rows);
            Assert.Equal("未收到点名该单位的信访投诉。", c.EmptyText);
        }
        // Through A's scope (named by three cases) and C's (named by none): no rows, the same text.
        foreach (var uscc in new[] { SourceSeed.UsccA, ComplaintScopeFixture<TDb>.UsccC })
        {
            await using var scoped = app.Store.CreateContext(DataScope.ForEnterprises([uscc]));
            var v = await new ComplaintFileSlot(clock).LoadAsync(scoped, uscc, default);
            Assert.Empty(v.Rows);
            Assert.Equal("信访投诉信息仅向生态环境部门开放。", v.EmptyText);
        }

        // Through the page's view model (EnterpriseFileService with the slots the app registers, over the caller's scoped
        // context: what /enterprises/{uscc}?tab=complaints binds; the pages render on the circuit, without prerendering, so
        // EnterpriseFileBrowserTests checks the rendered tab in Chromium).
        async Task<EnterpriseSlotView?> TabAsync(DataScope scope, string uscc)
        {
            using var di = app.App.Services.CreateScope();
            await using var ctx = app.Store.CreateContext(scope);
            var file = await new EnterpriseFileService(ctx, di.ServiceProvider.GetServices<IEnterpriseFileSlot>(), TimeProvider.System).FileAsync(uscc);
            Assert.NotNull(file);
            return file.Slots["complaints"];
        }
        var staff = await TabAsync(DataScope.All, SourceSeed.UsccA);
        Assert.NotNull(staff); // connected (SmartEnvUi registers ComplaintFileSlot), not 尚未接入
        Assert.Equal([Number, ComplaintSeed.NumberWaterA], staff.Rows.Skip(2).Select(r => r[0]));
        Assert.Equal("2 件（近12个月 0 件）", staff.Rows[1][1]); // today is after 2025-10-20: the cases of 2024 are older than 12 months
        var views = new List<string>();
        foreach (var uscc in new[] { SourceSeed.UsccA, ComplaintScopeFixture<TDb>.UsccC })
        {
            var v = await TabAsync(DataScope.ForEnterprises([uscc]), uscc);
            Assert.NotNull(v);
            views.Add(string.Join("|", v.Headers) + "#" + v.Rows.Count + "#" + v.EmptyText);
        }
        // The tab reads the same for the enterprise named by complaints and for the one named by none.
        Assert.Equal(["项目|内容#0#信访投诉信息仅向生态环境部门开放。", "项目|内容#0#信访投诉信息仅向生态环境部门开放。"], views);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    /// <summary>Open311 GETs (any caller): no description (the case's content), no photo, no exact location.</summary>
    private static IEnumerable<string> Open311Problems(string body)
    {
        foreach (var d in new[] { ComplaintScopeFixture<TDb>.Content, ComplaintScopeFixture<TDb>.PublicContent, ComplaintScopeFixture<TDb>.Open311Content, "p7-secret-photo" })
            if (body.Contains(d, StringComparison.Ordinal)) yield return $"shows the description ({d})";
        if (body.Contains("/photos/", StringComparison.Ordinal) || Regex.IsMatch(body, "\"media_url\"\\s*:\\s*\"[^\"]+\"|<media_url>[^<]+</media_url>"))
            yield return "shows a photo";
        foreach (var exact in new[] { ComplaintScopeFixture<TDb>.Lat, ComplaintScopeFixture<TDb>.Lon, 29.6012345, 106.6012345, 29.5912345, 106.5912345 })
            if (body.Contains(exact.ToString("0.0000000", CultureInfo.InvariantCulture), StringComparison.Ordinal)) yield return $"shows the exact location {exact}";
    }

    private static bool Refused(HttpStatusCode status, string? location) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (status is HttpStatusCode.Redirect or HttpStatusCode.Found && location?.Contains("/signin", StringComparison.Ordinal) == true);

    private static StringContent Json(object o) => new(System.Text.Json.JsonSerializer.Serialize(o), Encoding.UTF8, "application/json");

    /// <summary>Calls a route: GETs name P7's case (its photo 1); state-changing calls name <see cref="NoSuchNumber"/> and
    /// send an empty body of the type the route accepts, except the public query, which is asked with P7's number and code.</summary>
    private static async Task<(HttpStatusCode Status, string? Location, string Body)> CallAsync(HttpClient c, Route r)
    {
        var get = r.Method is "GET" or "HEAD";
        var sb = new StringBuilder();
        foreach (var seg in r.Endpoint.RoutePattern.PathSegments)
        {
            sb.Append('/');
            foreach (var part in seg.Parts)
                sb.Append(part switch
                {
                    RoutePatternLiteralPart l => l.Content,
                    RoutePatternSeparatorPart s => s.Content,
                    RoutePatternParameterPart p => p.Name switch
                    {
                        "number" or "Number" or "service_request_id" => get ? r.CaseNumber : NoSuchNumber,
                        "seq" => "1",
                        "action" => "accept",
                        "service_code" => "air",
                        "ext" => "csv",
                        "format" => r.Format,
                        _ => "1",
                    },
                    _ => "",
                });
        }
        var t = r.Template;
        if (t.Contains("stats", StringComparison.Ordinal)) sb.Append("?month=2024-09");
        else if (t.Contains("hotspots", StringComparison.Ordinal) || t.Contains("streets", StringComparison.Ordinal) || t.Contains("{ext}", StringComparison.Ordinal))
            sb.Append("?from=2024-09-01&to=2024-10-31");
        else if (t == "/open311/v2/requests.{format}" && get) sb.Append("?start_date=2024-09-15T00:00:00Z&end_date=2024-10-15T00:00:00Z");
        using var req = new HttpRequestMessage(new HttpMethod(r.Method), sb.ToString());
        if (!get)
        {
            var accepts = r.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [];
            req.Content = t == "/api/complaints/public/query" ? Json(new { number = Number, code = ComplaintScopeFixture<TDb>.Code })
                : accepts.Contains("multipart/form-data") ? new MultipartFormDataContent { { new StringContent(""), "content" } }
                : accepts.Contains("application/x-www-form-urlencoded") ? new FormUrlEncodedContent([new("service_code", "air")])
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }
        using var res = await c.SendAsync(req);
        return (res.StatusCode, res.Headers.Location?.ToString(), Text(await res.Content.ReadAsByteArrayAsync()));
    }

    private static bool IsZip(string text) => text.StartsWith("[zip]", StringComparison.Ordinal);

    /// <summary>The body as searchable text: a zip (xlsx) entry by entry (prefixed <c>[zip]</c>), JSON <c>\uXXXX</c> escapes and
    /// HTML character references undone.</summary>
    private static string Text(byte[] bytes)
    {
        string s;
        if (bytes.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4)
        {
            var sb = new StringBuilder("[zip]");
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            foreach (var e in zip.Entries)
            {
                using var reader = new StreamReader(e.Open(), Encoding.UTF8);
                sb.Append('\n').Append(e.FullName).Append('\n').Append(reader.ReadToEnd());
            }
            s = sb.ToString();
        }
        else s = Encoding.UTF8.GetString(bytes);
        s = Regex.Replace(s, @"\\u([0-9a-fA-F]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        return WebUtility.HtmlDecode(s);
    }
}

public sealed class SqliteComplaintScopeTests(ComplaintScopeFixture<SqliteTestDatabase> app) : ComplaintScopeTests<SqliteTestDatabase>(app);

public sealed class PostgresComplaintScopeTests(ComplaintScopeFixture<PostgresTestDatabase> app) : ComplaintScopeTests<PostgresTestDatabase>(app);
