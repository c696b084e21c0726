using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SmartEnv.Supervision.Inspections.Draw;

/// <summary>
/// The JSON form of a <see cref="DrawPlan"/> (what is published and what <c>smartenv draw run|verify PLAN.json</c> reads),
/// written in the canonical form that the seed hashes (docs/inspections.md, "Canonical JSON"):
/// <list type="bullet">
/// <item>UTF-8 without BOM; no whitespace outside strings; objects with exactly the properties listed below, in that
/// order; arrays in list order.</item>
/// <item>Strings: the characters as they are, except <c>"</c> → <c>\"</c>, <c>\</c> → <c>\\</c>, U+0008 <c>\b</c>,
/// U+0009 <c>\t</c>, U+000A <c>\n</c>, U+000C <c>\f</c>, U+000D <c>\r</c>, other U+0000–U+001F → <c>\u00XX</c> (lowercase
/// hex) — the string rule of RFC 8785 (JCS); no Unicode normalization; a lone surrogate is refused.</item>
/// <item>Numbers: decimals in plain invariant notation, no exponent, no trailing zeros, no trailing point
/// (0.25, 1, 1.5); integers plain. Booleans <c>true</c>/<c>false</c>; absent values <c>null</c>.</item>
/// <item>Dates <c>YYYY-MM-DD</c>; enums as lowercase tokens (key/special/general; honest/good/warning/bad or null;
/// onsite/offsite).</item>
/// </list>
/// Shape: <c>{"plan":{"id","district","quarter","frozenAt"},"rules":{"version","keyRatio","specialRatio",
/// "generalUnitsPerInspectorYear","multipliers":{"honest","good","warning","bad","none"},"inspectorsPerTask",
/// "differentDepartments","recuseLastTime"},"objects":[{"id","name","class","specialReason","grade","positiveList",
/// "lastInspectors":[…]}],"inspectors":[{"id","name","department","conflicts":[…]}],"commitment":{"hash","publicValue",
/// "secret"},"result":{"tasks":[{"object","mode","inspectors":[…]}]}|null}</c>.
/// Reading accepts any JSON whitespace and property order but refuses unknown, duplicate or missing properties.
/// Pure (strings and streams, no files); static; thread-safe.
/// </summary>
public static partial class DrawPlanJson
{
    /// <summary>The canonical JSON of <paramref name="plan"/>.</summary>
    /// <param name="plan">A plan.</param>
    /// <returns>The text (its UTF-8 bytes are <see cref="WriteUtf8"/>).</returns>
    /// <exception cref="ArgumentException">A string holds a lone surrogate, or an enum value is undefined.</exception>
    public static string Write(DrawPlan plan) => Encoding.UTF8.GetString(WriteUtf8(plan));

    /// <summary>The canonical JSON of <paramref name="plan"/> as UTF-8 bytes.</summary>
    /// <param name="plan">A plan.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ArgumentException">A string holds a lone surrogate, or an enum value is undefined.</exception>
    public static byte[] WriteUtf8(DrawPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Canonical(w => WritePlan(w, plan, inputOnly: false));
    }

    /// <summary>Writes the canonical JSON of <paramref name="plan"/> to <paramref name="utf8"/> (left open).</summary>
    /// <param name="plan">A plan.</param>
    /// <param name="utf8">The destination stream.</param>
    /// <exception cref="ArgumentException">As <see cref="WriteUtf8"/>.</exception>
    public static void Write(DrawPlan plan, Stream utf8)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        utf8.Write(WriteUtf8(plan));
    }

    /// <summary>
    /// The bytes the input hash covers: the canonical JSON of <c>{"plan","rules","objects","inspectors",
    /// "commitment":{"hash"}}</c> — the plan without result, public value and secret.
    /// </summary>
    /// <param name="plan">A plan.</param>
    /// <returns>UTF-8 bytes.</returns>
    /// <exception cref="ArgumentException">As <see cref="WriteUtf8"/>.</exception>
    public static byte[] CanonicalInput(DrawPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Canonical(w => WritePlan(w, plan, inputOnly: true));
    }

    /// <summary>Reads a plan.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="FormatException">Not JSON: the message names the 1-based line and column (characters) where the
    /// JSON reader stopped (<c>not valid JSON at line 3, column 7: …</c>). Not a plan: the message names the path (e.g.
    /// <c>objects[3].class</c>) and what is wrong (missing, unknown or duplicate property, wrong type, unknown token,
    /// bad date).</exception>
    public static DrawPlan Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, Options);
            return ReadPlan(doc.RootElement);
        }
        catch (JsonException e) { throw Syntax(json, e); }
    }

    /// <summary>Reads a plan from UTF-8 JSON (a leading byte-order mark is skipped).</summary>
    /// <param name="utf8">The stream (read to its end, left open).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="FormatException">Bytes that are not UTF-8 (the message names the byte and line), else as
    /// <see cref="Read(string)"/>.</exception>
    public static DrawPlan Read(Stream utf8)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var ms = new MemoryStream();
        utf8.CopyTo(ms);
        var bytes = ms.GetBuffer().AsSpan(0, (int)ms.Length);
        if (bytes.StartsWith(Utf8Bom)) bytes = bytes[Utf8Bom.Length..];
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte {e.Index + 1}" : "";
            throw new FormatException($"draw plan: not valid UTF-8{at} (line {LineOfByte(bytes, Math.Max(e.Index, 0))})", e);
        }
        return Read(text);
    }

    /// <summary>A JSON syntax error as a <see cref="FormatException"/> naming the 1-based line and column (in characters)
    /// where the reader stopped, e.g. <c>draw plan: not valid JSON at line 3, column 7: '}' is an invalid start of a
    /// value.</c></summary>
    private static FormatException Syntax(string json, JsonException e)
    {
        var reason = TrailingPosition().Replace(e.Message, "").Trim();
        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } bytePos)
            return new FormatException($"draw plan: not valid JSON: {reason}", e);
        var lines = json.Split('\n');
        var column = 1L;
        if (line < lines.Length)
        {
            var lineBytes = Encoding.UTF8.GetBytes(lines[line]);
            column = Encoding.UTF8.GetCharCount(lineBytes, 0, (int)Math.Min(bytePos, lineBytes.Length)) + 1;
        }
        return new FormatException($"draw plan: not valid JSON at line {line + 1}, column {column}: {reason}", e);
    }

    private static int LineOfByte(ReadOnlySpan<byte> bytes, int index) => bytes[..Math.Min(index, bytes.Length)].Count((byte)'\n') + 1;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*(Path: \S* \|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial System.Text.RegularExpressions.Regex TrailingPosition();

    /// <summary>The canonical string token of <paramref name="s"/> (with its quotes), per the string rule above.</summary>
    /// <param name="s">A string.</param>
    /// <returns>The JSON token.</returns>
    /// <exception cref="ArgumentException"><paramref name="s"/> holds a lone surrogate.</exception>
    public static string CanonicalString(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) throw new ArgumentException("lone surrogate in a string", nameof(s));
                sb.Append(c).Append(s[++i]);
                continue;
            }
            if (char.IsLowSurrogate(c)) throw new ArgumentException("lone surrogate in a string", nameof(s));
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20) sb.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>The canonical number token of <paramref name="d"/>: plain invariant notation, no trailing zeros
    /// (0.25m, 1.0m → <c>1</c>, 1.50m → <c>1.5</c>).</summary>
    /// <param name="d">A decimal.</param>
    /// <returns>The token.</returns>
    public static string CanonicalNumber(decimal d) =>
        d == 0m ? "0" : d.ToString("0.############################", CultureInfo.InvariantCulture);

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    private static byte[] Canonical(Action<Utf8JsonWriter> write)
    {
        var buf = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buf, new JsonWriterOptions { Indented = false, SkipValidation = false }))
            write(w);
        return buf.WrittenSpan.ToArray();
    }

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        w.WritePropertyName(name);
        if (value is null) w.WriteNullValue();
        else w.WriteRawValue(CanonicalString(value), skipInputValidation: true);
    }

    private static void Num(Utf8JsonWriter w, string name, decimal value)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(CanonicalNumber(value), skipInputValidation: true);
    }

    private static void StrArray(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var v in values) w.WriteRawValue(CanonicalString(v ?? throw new ArgumentException($"{name}: null entry")), skipInputValidation: true);
        w.WriteEndArray();
    }

    private static void WritePlan(Utf8JsonWriter w, DrawPlan p, bool inputOnly)
    {
        w.WriteStartObject();
        w.WritePropertyName("plan");
        w.WriteStartObject();
        Str(w, "id", p.Plan.Id);
        Str(w, "district", p.Plan.District);
        Str(w, "quarter", p.Plan.Quarter);
        Str(w, "frozenAt", p.Plan.FrozenAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteEndObject();

        var r = p.Rules;
        w.WritePropertyName("rules");
        w.WriteStartObject();
        Str(w, "version", r.Version);
        Num(w, "keyRatio", r.KeyRatio);
        Num(w, "specialRatio", r.SpecialRatio);
        Num(w, "generalUnitsPerInspectorYear", r.GeneralUnitsPerInspectorYear);
        w.WritePropertyName("multipliers");
        w.WriteStartObject();
        Num(w, "honest", r.MultiplierHonest);
        Num(w, "good", r.MultiplierGood);
        Num(w, "warning", r.MultiplierWarning);
        Num(w, "bad", r.MultiplierBad);
        Num(w, "none", r.MultiplierNone);
        w.WriteEndObject();
        w.WriteNumber("inspectorsPerTask", r.InspectorsPerTask);
        w.WriteBoolean("differentDepartments", r.DifferentDepartments);
        w.WriteBoolean("recuseLastTime", r.RecuseLastTime);
        w.WriteEndObject();

        w.WritePropertyName("objects");
        w.WriteStartArray();
        foreach (var o in p.Objects)
        {
            w.WriteStartObject();
            Str(w, "id", o.Id);
            Str(w, "name", o.Name);
            Str(w, "class", ClassToken(o.Class));
            Str(w, "specialReason", o.SpecialReason);
            Str(w, "grade", GradeToken(o.Grade));
            w.WriteBoolean("positiveList", o.PositiveList);
            StrArray(w, "lastInspectors", o.LastInspectors);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WritePropertyName("inspectors");
        w.WriteStartArray();
        foreach (var i in p.Inspectors)
        {
            w.WriteStartObject();
            Str(w, "id", i.Id);
            Str(w, "name", i.Name);
            Str(w, "department", i.Department);
            StrArray(w, "conflicts", i.Conflicts);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WritePropertyName("commitment");
        w.WriteStartObject();
        Str(w, "hash", p.Commitment.Hash);
        if (!inputOnly)
        {
            Str(w, "publicValue", p.Commitment.PublicValue);
            Str(w, "secret", p.Commitment.Secret);
        }
        w.WriteEndObject();

        if (!inputOnly)
        {
            w.WritePropertyName("result");
            if (p.Result is null) w.WriteNullValue();
            else
            {
                w.WriteStartObject();
                w.WritePropertyName("tasks");
                w.WriteStartArray();
                foreach (var t in p.Result.Tasks)
                {
                    w.WriteStartObject();
                    Str(w, "object", t.ObjectId);
                    Str(w, "mode", ModeToken(t.Mode));
                    StrArray(w, "inspectors", t.InspectorIds);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
        }
        w.WriteEndObject();
    }

    /// <summary>The JSON token of a class.</summary>
    /// <param name="c">A class.</param>
    /// <returns><c>key</c>, <c>special</c> or <c>general</c>.</returns>
    /// <exception cref="ArgumentException">Undefined value.</exception>
    public static string ClassToken(ObjectClass c) => c switch
    {
        ObjectClass.Key => "key",
        ObjectClass.Special => "special",
        ObjectClass.General => "general",
        _ => throw new ArgumentException($"undefined object class {(int)c}"),
    };

    /// <summary>The JSON token of a grade.</summary>
    /// <param name="g">A grade.</param>
    /// <returns><c>honest</c>, <c>good</c>, <c>warning</c>, <c>bad</c>, or null for <see cref="DrawGrade.None"/>.</returns>
    /// <exception cref="ArgumentException">Undefined value.</exception>
    public static string? GradeToken(DrawGrade g) => g switch
    {
        DrawGrade.Honest => "honest",
        DrawGrade.Good => "good",
        DrawGrade.Warning => "warning",
        DrawGrade.Bad => "bad",
        DrawGrade.None => null,
        _ => throw new ArgumentException($"undefined grade {(int)g}"),
    };

    /// <summary>The JSON token of a mode.</summary>
    /// <param name="m">A mode.</param>
    /// <returns><c>onsite</c> or <c>offsite</c>.</returns>
    /// <exception cref="ArgumentException">Undefined value.</exception>
    public static string ModeToken(TaskMode m) => m switch
    {
        TaskMode.OnSite => "onsite",
        TaskMode.OffSite => "offsite",
        _ => throw new ArgumentException($"undefined mode {(int)m}"),
    };

    // ---- reading ----

    private static Dictionary<string, JsonElement> Props(JsonElement e, string path, params string[] names)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"draw plan: {path} must be an object");
        var d = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (!names.Contains(p.Name)) throw new FormatException($"draw plan: {Join(path, p.Name)} is not a known property");
            if (!d.TryAdd(p.Name, p.Value)) throw new FormatException($"draw plan: {Join(path, p.Name)} appears twice");
        }
        foreach (var n in names)
            if (!d.ContainsKey(n)) throw new FormatException($"draw plan: {Join(path, n)} is missing");
        return d;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string? OptString(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => Text(e, path),
        _ => throw new FormatException($"draw plan: {path} must be a string or null"),
    };

    private static string ReqString(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String ? Text(e, path) : throw new FormatException($"draw plan: {path} must be a string");

    // A string escape that decodes to a lone surrogate (e.g. "\ud800") cannot be transcoded: refuse it like the writer does.
    private static string Text(JsonElement e, string path)
    {
        try { return e.GetString()!; }
        catch (InvalidOperationException ex) { throw new FormatException($"draw plan: {path} is not valid Unicode text", ex); }
    }

    private static decimal Dec(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var d) ? d : throw new FormatException($"draw plan: {path} must be a decimal number");

    private static bool Bool(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"draw plan: {path} must be true or false"),
    };

    private static List<string> StrList(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new FormatException($"draw plan: {path} must be an array");
        var l = new List<string>();
        var i = 0;
        foreach (var x in e.EnumerateArray()) l.Add(ReqString(x, $"{path}[{i++}]"));
        return l;
    }

    private static DrawPlan ReadPlan(JsonElement root)
    {
        var top = Props(root, "", "plan", "rules", "objects", "inspectors", "commitment", "result");

        var h = Props(top["plan"], "plan", "id", "district", "quarter", "frozenAt");
        var frozenText = ReqString(h["frozenAt"], "plan.frozenAt");
        if (!DateOnly.TryParseExact(frozenText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var frozen))
            throw new FormatException($"draw plan: plan.frozenAt '{frozenText}' is not a date YYYY-MM-DD");
        var header = new DrawPlanHeader(ReqString(h["id"], "plan.id"), ReqString(h["district"], "plan.district"),
            ReqString(h["quarter"], "plan.quarter"), frozen);

        var r = Props(top["rules"], "rules", "version", "keyRatio", "specialRatio", "generalUnitsPerInspectorYear",
            "multipliers", "inspectorsPerTask", "differentDepartments", "recuseLastTime");
        var m = Props(r["multipliers"], "rules.multipliers", "honest", "good", "warning", "bad", "none");
        var perTask = r["inspectorsPerTask"];
        if (perTask.ValueKind != JsonValueKind.Number || !perTask.TryGetInt32(out var perTaskN))
            throw new FormatException("draw plan: rules.inspectorsPerTask must be a whole number");
        var rules = new DrawRuleSet(ReqString(r["version"], "rules.version"), Dec(r["keyRatio"], "rules.keyRatio"),
            Dec(r["specialRatio"], "rules.specialRatio"), Dec(r["generalUnitsPerInspectorYear"], "rules.generalUnitsPerInspectorYear"),
            Dec(m["honest"], "rules.multipliers.honest"), Dec(m["good"], "rules.multipliers.good"),
            Dec(m["warning"], "rules.multipliers.warning"), Dec(m["bad"], "rules.multipliers.bad"),
            Dec(m["none"], "rules.multipliers.none"), perTaskN,
            Bool(r["differentDepartments"], "rules.differentDepartments"), Bool(r["recuseLastTime"], "rules.recuseLastTime"));

        if (top["objects"].ValueKind != JsonValueKind.Array) throw new FormatException("draw plan: objects must be an array");
        var objects = new List<DrawObject>();
        var k = 0;
        foreach (var e in top["objects"].EnumerateArray())
        {
            var path = $"objects[{k++}]";
            var o = Props(e, path, "id", "name", "class", "specialReason", "grade", "positiveList", "lastInspectors");
            var cls = ReqString(o["class"], path + ".class") switch
            {
                "key" => ObjectClass.Key,
                "special" => ObjectClass.Special,
                "general" => ObjectClass.General,
                var x => throw new FormatException($"draw plan: {path}.class '{x}' is not key, special or general"),
            };
            var grade = OptString(o["grade"], path + ".grade") switch
            {
                null => DrawGrade.None,
                "honest" => DrawGrade.Honest,
                "good" => DrawGrade.Good,
                "warning" => DrawGrade.Warning,
                "bad" => DrawGrade.Bad,
                var x => throw new FormatException($"draw plan: {path}.grade '{x}' is not honest, good, warning, bad or null"),
            };
            objects.Add(new DrawObject(ReqString(o["id"], path + ".id"), ReqString(o["name"], path + ".name"), cls,
                OptString(o["specialReason"], path + ".specialReason"), grade, Bool(o["positiveList"], path + ".positiveList"),
                StrList(o["lastInspectors"], path + ".lastInspectors")));
        }

        if (top["inspectors"].ValueKind != JsonValueKind.Array) throw new FormatException("draw plan: inspectors must be an array");
        var inspectors = new List<DrawInspector>();
        k = 0;
        foreach (var e in top["inspectors"].EnumerateArray())
        {
            var path = $"inspectors[{k++}]";
            var i = Props(e, path, "id", "name", "department", "conflicts");
            inspectors.Add(new DrawInspector(ReqString(i["id"], path + ".id"), ReqString(i["name"], path + ".name"),
                ReqString(i["department"], path + ".department"), StrList(i["conflicts"], path + ".conflicts")));
        }

        var c = Props(top["commitment"], "commitment", "hash", "publicValue", "secret");
        var commitment = new DrawCommitment(ReqString(c["hash"], "commitment.hash"),
            OptString(c["publicValue"], "commitment.publicValue"), OptString(c["secret"], "commitment.secret"));

        DrawResult? result = null;
        if (top["result"].ValueKind != JsonValueKind.Null)
        {
            var res = Props(top["result"], "result", "tasks");
            if (res["tasks"].ValueKind != JsonValueKind.Array) throw new FormatException("draw plan: result.tasks must be an array");
            var tasks = new List<DrawTask>();
            k = 0;
            foreach (var e in res["tasks"].EnumerateArray())
            {
                var path = $"result.tasks[{k++}]";
                var t = Props(e, path, "object", "mode", "inspectors");
                var mode = ReqString(t["mode"], path + ".mode") switch
                {
                    "onsite" => TaskMode.OnSite,
                    "offsite" => TaskMode.OffSite,
                    var x => throw new FormatException($"draw plan: {path}.mode '{x}' is not onsite or offsite"),
                };
                tasks.Add(new DrawTask(ReqString(t["object"], path + ".object"), mode, StrList(t["inspectors"], path + ".inspectors")));
            }
            result = new DrawResult(tasks);
        }
        return new DrawPlan(header, rules, objects, inspectors, commitment, result);
    }
}
