using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Complaints.Open311;

/// <summary>The language of the human-readable texts of an answer: zh-CN (the default) or English when the client asks
/// (<c>locale=en…</c> or <c>Accept-Language: en…</c>; see <see cref="Open311Catalogue.LanguageOf"/>).</summary>
public enum Open311Language
{
    /// <summary>Simplified Chinese (default).</summary>
    Zh,

    /// <summary>English.</summary>
    En,
}

/// <summary>One optional attribute of every service definition (GeoReport v2 "GET Service Definition").</summary>
/// <param name="Code">Attribute code, sent back as <c>attribute[code]=value</c>.</param>
/// <param name="Datatype"><c>string</c> or <c>datetime</c>.</param>
/// <param name="Order">Display order (1 first).</param>
/// <param name="DescriptionZh">Instruction in Chinese.</param>
/// <param name="DescriptionEn">Instruction in English.</param>
/// <param name="DatatypeDescriptionZh">Input hint in Chinese.</param>
/// <param name="DatatypeDescriptionEn">Input hint in English.</param>
public sealed record Open311Attribute(string Code, string Datatype, int Order, string DescriptionZh, string DescriptionEn,
    string DatatypeDescriptionZh, string DatatypeDescriptionEn);

/// <summary>
/// The GeoReport v2 service list, service definitions and discovery document of the bureau (http://wiki.open311.org/GeoReport_v2
/// "GET Service List", "GET Service Definition"; http://wiki.open311.org/Service_Discovery).
/// <list type="bullet">
/// <item>One service per pollution type of <see cref="PollutionTypes.All"/> (MEE bulletin categories, P1's
/// <c>complaint-categories.tsv</c>), top-level types and sub-types alike: <c>service_code</c> = the type code (e.g.
/// <c>noise</c>, <c>noise.construction</c>), <c>service_name</c> = its name (zh-CN, or English when asked),
/// <c>description</c> = parent name — name, <c>group</c> = the name of its top-level type, <c>keywords</c> = code, Chinese and
/// English names, <c>type</c> = <c>realtime</c> (the case number is returned at once), <c>metadata</c> = <c>true</c>.</item>
/// <item>Every service has the same definition: three OPTIONAL attributes (none required, so a client that skips the
/// definition still files a valid request): <c>occurred_at</c> (datetime: when it happened), <c>reported_name</c>
/// (string: the unit reported, 被举报单位) and <c>reported_uscc</c> (string: its 统一社会信用代码). SmartEnv rule: these
/// are fields of the bureau's own form (issue 18 "Intake") that the spec has no argument for.</item>
/// </list>
/// Stateless; thread-safe.
/// </summary>
public static class Open311Catalogue
{
    /// <summary>The specification token of the discovery document.</summary>
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>Changeset of the discovery document and the service list (sortable): bump it when the categories or the
    /// attributes change, so clients refresh their cached lists.</summary>
    public const string Changeset = "2026-12-07 00:00";

    /// <summary>The bureau (agency responsible until a case is assigned).</summary>
    public const string BureauZh = "重庆市江北区生态环境局";

    /// <summary>The bureau in English.</summary>
    public const string BureauEn = "Jiangbei District Ecology and Environment Bureau, Chongqing";

    /// <summary>The attributes of every service definition, in order.</summary>
    public static IReadOnlyList<Open311Attribute> Attributes { get; } =
    [
        new("occurred_at", "datetime", 1, "问题发生的时间（如知道）", "When it happened, if known",
            "ISO 8601 日期时间，如 2024-09-20T22:30:00+08:00；无时区按北京时间", "ISO 8601 datetime, e.g. 2024-09-20T22:30:00+08:00; without an offset, Beijing time"),
        new("reported_name", "string", 2, "被举报单位名称（如知道）", "Name of the unit reported, if known",
            "不超过 200 字", "At most 200 characters"),
        new("reported_uscc", "string", 3, "被举报单位统一社会信用代码（如知道）", "Unified social credit code of the unit reported, if known",
            "18 位统一社会信用代码", "18-character unified social credit code (GB 32100-2015)"),
    ];

    /// <summary>Chooses the language: an explicit <paramref name="locale"/> argument wins (<c>en…</c> → English, anything
    /// else → Chinese); otherwise the first language of <paramref name="acceptLanguage"/> (<c>en…</c> → English); default
    /// Chinese.</summary>
    /// <param name="locale">The <c>locale</c> argument, or null.</param>
    /// <param name="acceptLanguage">The Accept-Language header, or null.</param>
    public static Open311Language LanguageOf(string? locale, string? acceptLanguage)
    {
        if (!string.IsNullOrWhiteSpace(locale))
            return locale.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? Open311Language.En : Open311Language.Zh;
        var first = acceptLanguage?.Split(',')[0].Split(';')[0].Trim();
        return first is not null && first.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? Open311Language.En : Open311Language.Zh;
    }

    /// <summary>The name of a type in a language.</summary>
    /// <param name="type">Type.</param>
    /// <param name="lang">Language.</param>
    public static string Name(PollutionType type, Open311Language lang)
    {
        ArgumentNullException.ThrowIfNull(type);
        return lang == Open311Language.En ? type.NameEn : type.NameZh;
    }

    /// <summary>The service list (every pollution type, in the catalogue's order).</summary>
    /// <param name="lang">Language of names and descriptions.</param>
    public static Open311List Services(Open311Language lang) =>
        new("service", PollutionTypes.All.Select(t => (object?)Service(t, lang)).ToList());

    private static Open311Object Service(PollutionType t, Open311Language lang)
    {
        var top = PollutionTypes.Find(PollutionTypes.TopOf(t.Code)) ?? t;
        var description = t.Parent is null ? Name(t, lang) : Name(top, lang) + " — " + Name(t, lang);
        return new Open311Object(
        [
            new("service_code", t.Code),
            new("service_name", Name(t, lang)),
            new("description", description),
            new("metadata", true),
            new("type", "realtime"),
            new("keywords", string.Join(", ", new[] { t.Code, t.NameZh, t.NameEn }.Distinct(StringComparer.Ordinal))),
            new("group", Name(top, lang)),
        ]);
    }

    /// <summary>The service definition of a code, or null when no pollution type has it.</summary>
    /// <param name="serviceCode">Service code.</param>
    /// <param name="lang">Language of the descriptions.</param>
    public static Open311Object? Definition(string serviceCode, Open311Language lang)
    {
        if (PollutionTypes.Find(serviceCode) is not { } t) return null;
        return new Open311Object(
        [
            new("service_code", t.Code),
            new("attributes", new Open311List("attribute", Attributes.Select(a => (object?)new Open311Object(
            [
                new("variable", true),
                new("code", a.Code),
                new("datatype", a.Datatype),
                new("required", false),
                new("datatype_description", lang == Open311Language.En ? a.DatatypeDescriptionEn : a.DatatypeDescriptionZh),
                new("order", a.Order),
                new("description", lang == Open311Language.En ? a.DescriptionEn : a.DescriptionZh),
            ])).ToList())),
        ]);
    }

    /// <summary>The discovery document (http://wiki.open311.org/Service_Discovery; all its fields are required).</summary>
    /// <param name="endpointUrl">Absolute URL of the GeoReport v2 endpoint, e.g. <c>https://host/open311/v2</c>.</param>
    /// <param name="lang">Language of contact and key_service.</param>
    public static Open311Object Discovery(string endpointUrl, Open311Language lang) => new(
    [
        new("changeset", Changeset),
        new("contact", lang == Open311Language.En
            ? BureauEn + "; environmental complaints hotline 12369."
            : BureauZh + "；环保举报热线 12369。"),
        new("key_service", lang == Open311Language.En
            ? "API keys (needed to file requests) are issued by the bureau on request: contact the bureau; the operator runs `smartenv complaints open311-key add NAME`."
            : "提交请求需要 api_key，由生态环境局按申请发放：请联系生态环境局；运维人员执行 `smartenv complaints open311-key add 名称`。"),
        new("endpoints", new Open311List("endpoint",
        [
            new Open311Object(
            [
                new("specification", Specification),
                new("url", endpointUrl),
                new("changeset", Changeset),
                new("type", "production"),
                new("formats", new Open311List("format", ["text/xml", "application/json"])),
            ]),
        ])),
    ]);
}
