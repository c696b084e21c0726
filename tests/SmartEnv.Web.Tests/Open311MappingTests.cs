using SmartEnv.Complaints.Open311;
using SmartEnv.Standards.Common;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Web.Tests;

/// <summary>The pure GeoReport v2 mapping of issue 18 P5 (<see cref="Open311Requests"/>, <see cref="Open311Document"/>,
/// <see cref="Open311Catalogue"/>), with values worked by hand from http://wiki.open311.org/GeoReport_v2.</summary>
public sealed class Open311MappingTests
{
    private static Dictionary<string, string?[]> Form(params (string Key, string Value)[] pairs) =>
        pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Select(p => (string?)p.Value).ToArray(), StringComparer.Ordinal);

    private static readonly DateTimeOffset Now = new(2024, 9, 20, 2, 0, 0, TimeSpan.Zero); // 10:00 Beijing

    [Theory]
    // The spec's two examples of the same instant, and the W3C note's reduced forms (no offset → Beijing).
    [InlineData("1994-11-05T08:15:30-05:00", "1994-11-05T13:15:30Z")]
    [InlineData("1994-11-05T13:15:30Z", "1994-11-05T13:15:30Z")]
    [InlineData("2010-01-01T00:00:00Z", "2010-01-01T00:00:00Z")]
    [InlineData("2024-09-20", "2024-09-19T16:00:00Z")]            // Beijing midnight = 16:00 UTC the day before
    [InlineData("2024-09-20T22:30", "2024-09-20T14:30:00Z")]      // no offset: Beijing
    [InlineData("2024-09-20T22:30:00 08:00", "2024-09-20T14:30:00Z")] // '+' decoded as a space in a query string
    [InlineData("2024-09-20T22:30:00.5+08:00", "2024-09-20T14:30:00.5Z")]
    public void W3c_datetimes_parse_to_the_instant(string text, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Open311Requests.ParseW3c(text));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-02-30")]
    [InlineData("2024-09-20T25:00:00Z")]
    [InlineData("20240920")]
    [InlineData("2024-09-20T10:00:00+15:00")]
    public void Other_datetimes_are_refused(string text) => Assert.Null(Open311Requests.ParseW3c(text));

    [Fact]
    public void Datetimes_are_written_in_Beijing_time_with_the_offset()
    {
        // 2024-09-20 02:00 UTC = 10:00 at UTC+8.
        Assert.Equal("2024-09-20T10:00:00+08:00", Open311Document.W3c(BeijingTime.ToBeijing(Now)));
    }

    [Theory]
    [InlineData(ComplaintState.Registered, "open")]
    [InlineData(ComplaintState.Accepted, "open")]
    [InlineData(ComplaintState.Assigned, "open")]
    [InlineData(ComplaintState.Handling, "open")]
    [InlineData(ComplaintState.UnderReview, "open")]
    [InlineData(ComplaintState.UnderRecheck, "open")]
    [InlineData(ComplaintState.Merged, "open")] // unresolved master; the service resolves it
    [InlineData(ComplaintState.NotAccepted, "closed")]
    [InlineData(ComplaintState.Replied, "closed")]
    [InlineData(ComplaintState.Visited, "closed")]
    [InlineData(ComplaintState.Closed, "closed")]
    public void Every_state_maps_to_open_or_closed(ComplaintState state, string status) => Assert.Equal(status, Open311Requests.Status(state));

    private static Open311Case Case(ComplaintState state, string? reply = null, string? reason = null, string? note = null) =>
        new("TS202409200002", state, ["noise", "noise.construction"], Now, Now, new DateOnly(2024, 10, 8), new DateOnly(2024, 11, 19), null,
            null, reply, reason, note, "500105006000", 29.57549, 106.53251);

    [Fact]
    public void Status_notes_and_expected_datetime_follow_the_state()
    {
        Assert.Equal("已登记，等待受理", Open311Requests.StatusNotes(Case(ComplaintState.Registered), Open311Language.Zh));
        Assert.Equal(new DateTimeOffset(2024, 10, 8, 23, 59, 59, BeijingTime.Offset), Open311Requests.Expected(Case(ComplaintState.Registered)));
        // Accepted 2024-09-20 → handling due 2024-11-19 (the plan's hand count): the end of that day.
        Assert.Equal(new DateTimeOffset(2024, 11, 19, 23, 59, 59, BeijingTime.Offset), Open311Requests.Expected(Case(ComplaintState.Handling)));
        Assert.Null(Open311Requests.Expected(Case(ComplaintState.UnderReview))); // no review due recorded
        Assert.Null(Open311Requests.Expected(Case(ComplaintState.Replied, "已责令整改")));
        Assert.Equal("已责令整改", Open311Requests.StatusNotes(Case(ComplaintState.Replied, "已责令整改"), Open311Language.En));
        Assert.Equal("不予受理：不属于本机关职责范围。请向区住房城乡建委反映",
            Open311Requests.StatusNotes(Case(ComplaintState.NotAccepted, reason: "OutsideRemit", note: "请向区住房城乡建委反映"), Open311Language.Zh));
        Assert.Equal("Not accepted: outside the bureau's remit",
            Open311Requests.StatusNotes(Case(ComplaintState.NotAccepted, reason: "outside_remit"), Open311Language.En));
    }

    [Fact]
    public void A_request_object_has_the_spec_fields_and_cuts_personal_data()
    {
        var o = Open311Requests.Request(Case(ComplaintState.Registered), Open311Language.Zh);
        Assert.Equal(["service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
            "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"], o.Fields.Select(f => f.Key));
        var f = o.Fields.ToDictionary(x => x.Key, x => x.Value);
        Assert.Equal("noise.construction", f["service_code"]); // the sub-type, not its parent
        Assert.Equal("观音桥街道", f["address"]);
        Assert.Equal(29.575, f["lat"]);   // 29.57549 → 29.575
        Assert.Equal(106.533, f["long"]); // 106.53251 → 106.533 (…251 rounds up)
        Assert.Null(f["description"]);
        Assert.Null(f["media_url"]);
    }

    [Fact]
    public void The_spec_example_POST_maps_to_a_submission()
    {
        // The spec's example request with the district's values.
        var post = Open311Requests.ParsePost(Form(("api_key", "xyz"), ("jurisdiction_id", "cqjb.gov.cn"), ("service_code", "noise.construction"),
            ("lat", "29.57549"), ("long", "106.53251"), ("address_string", "江北区观音桥街道建新北路1号"), ("email", "smit333@example.edu"),
            ("device_id", "tt222111"), ("account_id", "123456"), ("first_name", "john"), ("last_name", "smith"), ("phone", "111111111"),
            ("description", "A large sinkhole"), ("media_url", "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg"),
            ("attribute[occurred_at]", "2024-09-19T23:30:00+08:00")), 2000);
        var s = Open311Requests.ToSubmission(post, "jiangbei-app");
        Assert.Equal(ComplaintChannel.Online, s.Channel);
        Assert.Equal("open311:jiangbei-app", s.SourceRef);
        Assert.Equal(["noise", "noise.construction"], s.Types.Order(StringComparer.Ordinal));
        Assert.Equal("500105006000", s.StreetCode);
        Assert.Equal((29.57549, 106.53251), (s.Latitude!.Value, s.Longitude!.Value));
        Assert.Equal("john smith", s.ReporterName); // Latin names: first last
        Assert.Equal(("111111111", "smit333@example.edu"), (s.ReporterPhone, s.ReporterEmail));
        Assert.False(s.Anonymous);
        Assert.Equal("A large sinkhole\n\n[media_url（未获取 not fetched）: http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg]", s.Content);
        Assert.Equal(new DateTimeOffset(2024, 9, 19, 15, 30, 0, TimeSpan.Zero), s.OccurredAt);
        Assert.Equal(ComplaintUrgency.None, s.Urgency);

        var anonymous = Open311Requests.ToSubmission(Open311Requests.ParsePost(Form(("service_code", "air"), ("address_string", "五里店"), ("description", "异味")), 2000), "a");
        Assert.True(anonymous.Anonymous);
        Assert.Null(anonymous.ReporterName);
        Assert.Equal("张三", Open311Requests.ReporterName("三", "张"));
    }

    [Theory]
    [InlineData("lat=29.5&long=106.5&description=x", 400, "service_code")]
    [InlineData("service_code=999&lat=29.5&long=106.5&description=x", 404, "service_code")]
    [InlineData("service_code=noise&lat=91&long=106.5&description=x", 400, "lat")]
    [InlineData("service_code=noise&lat=29.5&long=NaN&description=x", 400, "long")]
    [InlineData("service_code=noise&lat=29.5&lat=29.6&long=106.5&description=x", 400, "lat")]
    [InlineData("service_code=noise&lat=29.5&long=106.5&description=x&attribute[reported_name][]=a", 400, "attribute[reported_name]")]
    [InlineData("service_code=noise&lat=29.5&long=106.5&description=x&media_url=ftp://example.org/a.jpg", 400, "media_url")]
    public void Bad_posts_name_the_argument(string query, int code, string argument)
    {
        var form = Form(query.Split('&').Select(p => (p[..p.IndexOf('=')], p[(p.IndexOf('=') + 1)..])).ToArray());
        var e = Assert.Throws<Open311Exception>(() => Open311Requests.ParsePost(form, 2000));
        Assert.Equal(code, e.Status);
        Assert.StartsWith(argument, e.Errors[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_media_note_that_would_overflow_the_text_is_refused()
    {
        // The note is "\n\n[media_url（未获取 not fetched）: " (31 characters) + the URL + "]" (1): 72 for a 40-character URL;
        // 1950 + 72 = 2022 > 2000, 1928 + 72 = 2000 fits.
        var url = "http://example.org/" + new string('a', 17) + ".jpg"; // 19 + 17 + 4 = 40
        Assert.Equal(72, Open311Requests.MediaNote(url).Length);
        var e = Assert.Throws<Open311Exception>(() => Open311Requests.ParsePost(
            Form(("service_code", "noise"), ("address_string", "x"), ("description", new string('x', 1950)), ("media_url", url)), 2000));
        Assert.StartsWith("description", e.Errors[0].Description, StringComparison.Ordinal);
        Assert.NotNull(Open311Requests.ParsePost(Form(("service_code", "noise"), ("address_string", "x"), ("description", new string('x', 1928)), ("media_url", url)), 2000));
    }

    [Fact]
    public void Query_defaults_to_the_last_90_days_and_refuses_longer_spans()
    {
        var q = Open311Requests.ParseQuery(new Dictionary<string, string?[]>(), Now);
        Assert.Equal((Now.AddDays(-90), Now), (q.From, q.To));
        q = Open311Requests.ParseQuery(Form(("start_date", "2024-09-01T00:00:00Z")), Now);
        Assert.Equal(new DateTimeOffset(2024, 11, 30, 0, 0, 0, TimeSpan.Zero), q.To); // 1 Sep + 90 days = 30 Nov
        q = Open311Requests.ParseQuery(Form(("status", "open,closed"), ("service_code", "noise"), ("service_code", "air")), Now);
        Assert.Equal(["closed", "open"], q.Statuses!.Order(StringComparer.Ordinal));
        Assert.Equal(["air", "noise"], q.ServiceCodes!.Order(StringComparer.Ordinal));
        q = Open311Requests.ParseQuery(Form(("service_request_id", "TS202409200002,TS202409200003"), ("status", "bogus")), Now); // ids override the rest
        Assert.Equal(["TS202409200002", "TS202409200003"], q.Ids!);
        // 2024-06-01 − 2024-01-01 = 152 days > 90.
        Assert.Throws<Open311Exception>(() => Open311Requests.ParseQuery(Form(("start_date", "2024-01-01T00:00:00Z"), ("end_date", "2024-06-01T00:00:00Z")), Now));
        Assert.Throws<Open311Exception>(() => Open311Requests.ParseQuery(Form(("start_date", "2024-09-02"), ("end_date", "2024-09-01")), Now));
    }

    [Fact]
    public void Json_and_xml_come_from_one_tree_as_the_spark_convention_says()
    {
        var errors = Open311Document.Errors([new Open311Error(403, "Invalid api_key received -- can't proceed with create_request.")]);
        // The spec's own error example, in both forms.
        Assert.Equal("[{\"code\":403,\"description\":\"Invalid api_key received -- can't proceed with create_request.\"}]",
            System.Text.Encoding.UTF8.GetString(Open311Document.Write(errors, "errors", Open311Format.Json)));
        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>403</code><description>Invalid api_key received -- can't proceed with create_request.</description></error></errors>",
            System.Text.Encoding.UTF8.GetString(Open311Document.Write(errors, "errors", Open311Format.Xml)));
        var created = new Open311List("request", [new Open311Object([new("service_request_id", "TS202409200002"), new("account_id", null)])]);
        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests><request><service_request_id>TS202409200002</service_request_id><account_id /></request></service_requests>",
            System.Text.Encoding.UTF8.GetString(Open311Document.Write(created, "service_requests", Open311Format.Xml)));
        Assert.True(Open311Document.TryParseFormat("XML", out var f) && f == Open311Format.Xml);
        Assert.False(Open311Document.TryParseFormat("yaml", out _));
    }

    [Fact]
    public void Language_is_chinese_unless_english_is_asked()
    {
        Assert.Equal(Open311Language.Zh, Open311Catalogue.LanguageOf(null, null));
        Assert.Equal(Open311Language.En, Open311Catalogue.LanguageOf("en-US", "zh-CN"));
        Assert.Equal(Open311Language.Zh, Open311Catalogue.LanguageOf("zh", "en"));
        Assert.Equal(Open311Language.En, Open311Catalogue.LanguageOf(null, "en-GB,en;q=0.9"));
        Assert.Equal(Open311Language.Zh, Open311Catalogue.LanguageOf(null, "zh-CN,en;q=0.8"));
    }
}
