using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Web.Apis;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The intake routes over HTTP (loopback; <see cref="ComplaintIntakeApi"/>): an anonymous multipart submission with a photo
/// is 201 with a number and a query code; the query with that code shows the state and no contact data, another code and an
/// unknown number give the same 404; staff download the photo as a JPEG attachment with nosniff, the public gets 401; staff
/// enter a telephone case as JSON. Hostile input — a text file named .jpg, an 11 MiB photo, a 2001-character text, a point in
/// Shanghai — is a 400 naming the field and stores nothing. Beyond the per-address windows (set to 3 submissions and 4
/// queries here) the routes answer 429 with <c>Retry-After</c>.
/// </summary>
public sealed class ComplaintIntakeApiTests(WebAppFixture<SqliteTestDatabase> fx) : IClassFixture<WebAppFixture<SqliteTestDatabase>>
{
    private async Task<WebApplication> StartAsync(ComplaintIntakeLimits limits)
    {
        var app = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = fx.Store, AdminToken = AdminToken.LoadOrCreate(Path.Combine(Path.GetTempPath(), "smartenv-tok-" + Guid.NewGuid().ToString("N"))),
            Readiness = new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback,
        }, s => s.AddSingleton(limits));
        await app.StartAsync();
        return app;
    }

    private static readonly ComplaintIntakeLimits Generous = new() { SubmissionsPerWindow = 100, QueriesPerWindow = 100 };

    private static byte[] Png(int w, int h)
    {
        using var surface = SKSurface.Create(new SKImageInfo(w, h));
        surface.Canvas.Clear(SKColors.Orange);
        using var img = surface.Snapshot();
        return img.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private static MultipartFormDataContent Form(string content = "小区旁餐馆油烟直排，每天傍晚很呛。", params (string Name, byte[] Bytes, string Type)[] photos)
    {
        var f = new MultipartFormDataContent
        {
            { new StringContent(content), "content" },
            { new StringContent("air.cooking"), "types" },
            { new StringContent("重庆市江北区观音桥街道建新北路"), "address" },
            { new StringContent("29.5760"), "latitude" },
            { new StringContent("106.5330"), "longitude" },
            { new StringContent("李先生"), "reporter_name" },
            { new StringContent("13900000002"), "reporter_phone" },
        };
        foreach (var (name, bytes, type) in photos)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            f.Add(part, "photos", name);
        }
        return f;
    }

    private async Task<int> CountAsync()
    {
        await using var db = fx.Store.CreateContext();
        return await db.Complaints.CountAsync() + await db.ComplaintPhotos.CountAsync() + await db.ComplaintReporters.CountAsync();
    }

    [Fact]
    public async Task Anonymous_submission_gets_a_number_and_code_that_show_the_state_and_only_that_code_does()
    {
        await using var app = await StartAsync(Generous);
        var address = SmartEnvWeb.BoundAddress(app);
        using var anon = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var res = await anon.PostAsync("/api/complaints/public", Form(photos: [("IMG_0001.jpg", Png(800, 600), "image/jpeg")]));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var receipt = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
        var number = receipt.GetProperty("number").GetString()!;
        var code = receipt.GetProperty("query_code").GetString()!;
        Assert.Matches("^TS[0-9]{12}$", number);
        Assert.Matches("^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$", code);
        Assert.True(DateOnly.TryParse(receipt.GetProperty("acceptance_due").GetString(), out _));

        var q = await anon.PostAsJsonAsync("/api/complaints/public/query", new { number, code });
        Assert.Equal(HttpStatusCode.OK, q.StatusCode);
        var text = await q.Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal(("registered", "观音桥街道"), (view.GetProperty("state_key").GetString(), view.GetProperty("street_name").GetString()));
        Assert.DoesNotContain("13900000002", text);
        Assert.DoesNotContain("李先生", text);
        Assert.DoesNotContain("油烟直排", text); // not even the content

        var other = await anon.PostAsJsonAsync("/api/complaints/public/query", new { number, code = "22222-22222" });
        var unknown = await anon.PostAsJsonAsync("/api/complaints/public/query", new { number = "TS200001010001", code });
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.StatusCode, unknown.StatusCode));
        Assert.Equal(JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(),
            JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync($"/api/complaints/{number}/photos/1")).StatusCode);
        using var staff = new HttpClient { BaseAddress = address };
        staff.DefaultRequestHeaders.Authorization = TestAccounts.Bearer(await TestAccounts.TokenAsync(fx.Store, "intake-viewer", [SmartEnvRoles.Viewer]));
        var photo = await staff.GetAsync($"/api/complaints/{number}/photos/1");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", photo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", photo.Content.Headers.ContentDisposition!.DispositionType);
        var jpeg = await photo.Content.ReadAsByteArrayAsync();
        Assert.Equal((0xFF, 0xD8), (jpeg[0], jpeg[1]));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/complaints/{number}/photos/2")).StatusCode);
    }

    [Fact]
    public async Task Staff_enter_a_telephone_case_as_json()
    {
        await using var app = await StartAsync(Generous);
        using var staff = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(app) };
        staff.DefaultRequestHeaders.Authorization = TestAccounts.Bearer(await TestAccounts.TokenAsync(fx.Store, "intake-enforcer", [SmartEnvRoles.Enforcement]));
        var res = await staff.PostAsJsonAsync("/api/complaints", new
        {
            channel = "phone", content = "夜间施工噪声。", types = new[] { "noise.construction" }, street = "500105002000",
            reporter_name = "张先生", reporter_phone = "023-12345678", source_ref = "12369-2024-0001", urgency = "none",
        });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var number = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("number").GetString();
        await using var db = fx.Store.CreateContext();
        var c = await db.Complaints.SingleAsync(x => x.Number == number);
        Assert.Equal(("intake-enforcer", "12369-2024-0001", "500105002000"), (c.CreatedBy, c.SourceRef, c.StreetCode));
        Assert.Equal("张先生", (await db.ComplaintReporters.SingleAsync(r => r.ComplaintId == c.Id)).Name);
        var bad = await staff.PostAsJsonAsync("/api/complaints", new { channel = "fax", content = "x", types = new[] { "noise" } });
        Assert.Equal("channel", Field(await bad.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Hostile_input_is_a_400_naming_the_field_and_stores_nothing()
    {
        await using var app = await StartAsync(Generous);
        using var anon = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(app), Timeout = TimeSpan.FromSeconds(120) };
        var before = await CountAsync();
        var textAsJpeg = ("photo.jpg", Encoding.UTF8.GetBytes("#!/bin/sh\necho pwned\n"), "image/jpeg");
        var tooBig = new byte[11 * 1024 * 1024]; // 11 MiB > PhotoMaxBytes 10 MiB
        tooBig[0] = 0xFF; tooBig[1] = 0xD8; tooBig[2] = 0xFF;
        var attempts = new (MultipartFormDataContent Form, string Field)[]
        {
            (Form(photos: [("ok.png", Png(50, 50), "image/png"), textAsJpeg]), "photos"),
            (Form(photos: [("big.jpg", tooBig, "image/jpeg")]), "photos"),
            (Form(new string('臭', 2001)), "content"),
            (Form(""), "content"),
        };
        foreach (var (form, field) in attempts)
        {
            var res = await anon.PostAsync("/api/complaints/public", form);
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            Assert.Equal(field, Field(await res.Content.ReadAsStringAsync()));
        }
        var sh = new MultipartFormDataContent { { new StringContent("噪声"), "content" }, { new StringContent("noise"), "types" }, { new StringContent("31.23"), "latitude" }, { new StringContent("121.47"), "longitude" } };
        var r = await anon.PostAsync("/api/complaints/public", sh);
        Assert.Equal("latitude", Field(await r.Content.ReadAsStringAsync()));
        var notForm = await anon.PostAsync("/api/complaints/public", new StringContent("content=x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, notForm.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Beyond_the_per_address_windows_the_routes_answer_429_with_retry_after()
    {
        await using var app = await StartAsync(new ComplaintIntakeLimits { SubmissionsPerWindow = 3, QueriesPerWindow = 4, Window = TimeSpan.FromMinutes(10) });
        using var anon = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(app), Timeout = TimeSpan.FromSeconds(60) };
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await anon.PostAsync("/api/complaints/public", Form("第 " + i + " 次举报油烟。"))).StatusCode);
        var before = await CountAsync();
        var fourth = await anon.PostAsync("/api/complaints/public", Form("第 4 次举报油烟。"));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(int.TryParse(fourth.Headers.GetValues("Retry-After").Single(), out var retry) && retry is > 0 and <= 600, $"Retry-After {retry}");
        Assert.Contains("at most 3 per 10 min", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync()); // the refused one stored nothing

        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await anon.PostAsJsonAsync("/api/complaints/public/query", new { number = "TS200001010001", code = "22222-22222" })).StatusCode);
        var fifth = await anon.PostAsJsonAsync("/api/complaints/public/query", new { number = "TS200001010001", code = "22222-22222" });
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.True(fifth.Headers.Contains("Retry-After"));
    }

    [Fact]
    public void Ipv6_addresses_share_a_window_per_64_prefix()
    {
        Assert.Equal("2001:db8:1:2::/64", ComplaintIntakeApi.AddressKey(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        Assert.Equal(ComplaintIntakeApi.AddressKey(IPAddress.Parse("2001:db8:1:2::1")), ComplaintIntakeApi.AddressKey(IPAddress.Parse("2001:db8:1:2::ffff")));
        Assert.Equal("192.0.2.7", ComplaintIntakeApi.AddressKey(IPAddress.Parse("::ffff:192.0.2.7")));
    }

    private static string? Field(string problem)
    {
        var errors = JsonDocument.Parse(problem).RootElement.GetProperty("errors");
        return errors.EnumerateObject().Single().Name;
    }
}
