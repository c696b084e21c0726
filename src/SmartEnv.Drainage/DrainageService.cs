using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Water;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Drainage;
using SmartEnv.Supervision.District;
using SmartEnv.Supervision.Drainage;

namespace SmartEnv.Drainage;

/// <summary>An outlet as entered (a form, an API body or an import row); texts as given, keys or Chinese names.</summary>
/// <param name="Code">Outlet code.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="River">River key or name (drainage-rules.tsv).</param>
/// <param name="Bank"><c>left</c>/<c>左岸</c>, <c>right</c>/<c>右岸</c> or empty.</param>
/// <param name="Longitude">Degrees east (GCJ-02), 105–110, or null.</param>
/// <param name="Latitude">Degrees north (GCJ-02), 28–32, or null.</param>
/// <param name="Street">Street code or name (jiangbei-streets.tsv), or empty.</param>
/// <param name="Type">Type key or name.</param>
/// <param name="ResponsibleUnit">Responsible unit name, or empty.</param>
/// <param name="ResponsibleUscc">Its USCC (18 characters), or empty.</param>
/// <param name="Status">整治 status key or name; empty → 未整治.</param>
/// <param name="TargetClass">GB 3838 class the samples are assessed against (Ⅲ, III, Ⅲ类 …), or empty: no standard applies.</param>
/// <param name="CameraId">Camera device id, or empty.</param>
/// <param name="LevelSensorId">Level sensor id or MN, or empty.</param>
/// <param name="FlowSensorId">Flow sensor id or MN, or empty.</param>
public sealed record DrainageOutletInput(string? Code, string? Name, string? River, string? Bank, decimal? Longitude, decimal? Latitude, string? Street,
    string? Type, string? ResponsibleUnit, string? ResponsibleUscc, string? Status, string? TargetClass, string? CameraId, string? LevelSensorId, string? FlowSensorId);

/// <summary>A refused change: what and why (status 400 invalid, 404 unknown outlet, 409 conflict).</summary>
/// <param name="status">HTTP status to answer.</param>
/// <param name="message">Why, in English.</param>
public sealed class DrainageException(int status, string message) : Exception(message)
{
    /// <summary>HTTP status.</summary>
    public int Status { get; } = status;
}

/// <summary>A rejected import row.</summary>
/// <param name="Row">Row number in the file (1 = header).</param>
/// <param name="Reason">Why.</param>
public sealed record DrainageImportError(int Row, string Reason);

/// <summary>The outcome of an import: stored count, or the errors (then nothing stored).</summary>
/// <param name="Stored">Outlets stored (0 when any row was rejected).</param>
/// <param name="Errors">Rejected rows.</param>
public sealed record DrainageImportResult(int Stored, IReadOnlyList<DrainageImportError> Errors);

/// <summary>A sample with its values, as read.</summary>
/// <param name="Sample">The row.</param>
/// <param name="Values">Item key → value.</param>
public sealed record DrainageSampleView(DrainageSample Sample, IReadOnlyDictionary<string, decimal> Values);

/// <summary>
/// The 入河排水口 registry (issue 20 part A; docs/drainage.md): register and change outlets, move the 整治 status (with
/// history), record water-quality samples, import a registry file, list and count progress. Rules from
/// <see cref="DrainageRules"/>; a sample is classed by the GB 3838-2002 engine (<see cref="WaterClassifier"/>, single
/// factor over the items given) <b>only</b> when the outlet has a target class (e.g. from its receiving water); otherwise it
/// is stored as "GB 3838 not applicable" and never classed — effluent has no GB 3838 class. Every change writes an audit
/// entry in its transaction. Not thread-safe (one per request, as its context).
/// </summary>
/// <param name="db">Context (staff scope for samples).</param>
/// <param name="time">Clock.</param>
public sealed class DrainageService(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>Audit target type.</summary>
    public const string Target = "drainage_outlet";

    /// <summary>Rows an import accepts at most.</summary>
    public const int MaxImportRows = 5000;

    /// <summary>The rules in use.</summary>
    public DrainageRules Rules { get; } = DrainageRules.Default;

    /// <summary>The plausibility bounds of sample values (<c>drainage-sample-bounds.tsv</c>).</summary>
    public DrainageSampleBounds SampleBounds { get; } = DrainageSampleBounds.Default;

    /// <summary>Changes an outlet's responsible unit (name and optional USCC) and its sensors (camera, level, flow ids or MN),
    /// audited <c>drainage.update</c> with the old and new values. The 整治 status changes only through
    /// <see cref="SetStatusAsync"/> (history row, no future day).</summary>
    /// <param name="code">Outlet code.</param>
    /// <param name="responsibleUnit">Responsible unit name, or null/blank for none.</param>
    /// <param name="responsibleUscc">Its USCC (18 characters), or null/blank.</param>
    /// <param name="cameraId">Camera id, or null/blank.</param>
    /// <param name="levelSensorId">Level sensor id or MN, or null/blank.</param>
    /// <param name="flowSensorId">Flow sensor id or MN, or null/blank.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The outlet.</returns>
    /// <exception cref="DrainageException">404 unknown outlet; 400 a too long text or a USCC not of 18 characters, or nothing changed.</exception>
    public async Task<DrainageOutlet> UpdateAsync(string code, string? responsibleUnit, string? responsibleUscc, string? cameraId, string? levelSensorId, string? flowSensorId,
        AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        static string? T(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var o = await db.DrainageOutlets.SingleOrDefaultAsync(x => x.Code == code, ct) ?? throw new DrainageException(404, $"no outlet {code}");
        var errors = new List<string>();
        if (T(responsibleUscc) is { } u && u.Length != 18) errors.Add("responsible_uscc: 18 characters");
        foreach (var (f, v) in new[] { ("camera_id", cameraId), ("level_sensor_id", levelSensorId), ("flow_sensor_id", flowSensorId), ("responsible_unit", responsibleUnit) })
            if (T(v) is { } x && x.Length > (f == "responsible_unit" ? DrainageOutlet.NameLength : DrainageOutlet.DeviceLength)) errors.Add(f + ": too long");
        if (errors.Count > 0) throw new DrainageException(400, string.Join("; ", errors));
        var before = new { responsible_unit = o.ResponsibleUnit, responsible_uscc = o.ResponsibleUscc, camera_id = o.CameraId, level_sensor_id = o.LevelSensorId, flow_sensor_id = o.FlowSensorId };
        var after = new { responsible_unit = T(responsibleUnit), responsible_uscc = T(responsibleUscc), camera_id = T(cameraId), level_sensor_id = T(levelSensorId), flow_sensor_id = T(flowSensorId) };
        if (before.Equals(after)) throw new DrainageException(400, "nothing changed");
        var now = time.GetUtcNow();
        (o.ResponsibleUnit, o.ResponsibleUscc, o.CameraId, o.LevelSensorId, o.FlowSensorId) = (after.responsible_unit, after.responsible_uscc, after.camera_id, after.level_sensor_id, after.flow_sensor_id);
        o.UpdatedAt = now;
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "drainage.update", Target, o.Code, before, after, null, now, ct);
        await tx.CommitAsync(ct);
        return o;
    }

    /// <summary>Validates an input into a new entity (not saved); errors as "field: reason".</summary>
    /// <param name="input">Input.</param>
    /// <param name="errors">Reasons, empty when valid.</param>
    public DrainageOutlet? Validate(DrainageOutletInput input, out List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        errors = [];
        static string? T(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var code = T(input.Code);
        if (Rules.CodeError(code) is { } ce) errors.Add("code: " + ce);
        var name = T(input.Name);
        if (name is null || name.Length > DrainageOutlet.NameLength) errors.Add($"name: required, at most {DrainageOutlet.NameLength} characters");
        var river = Rules.FindRiver(input.River);
        if (river is null) errors.Add($"river: '{input.River}' is none of {string.Join("、", Rules.Rivers.Select(r => r.NameZh))}");
        var type = Rules.FindType(input.Type);
        if (type is null) errors.Add($"type: '{input.Type}' is none of {string.Join("、", Rules.Types.Select(r => r.NameZh))}");
        var status = T(input.Status) is null ? Rules.Statuses[0] : Rules.FindStatus(input.Status);
        if (status is null) errors.Add($"status: '{input.Status}' is none of {string.Join("、", Rules.Statuses.Select(r => r.NameZh))}");
        string? bank = T(input.Bank) switch { null => null, "left" or "左岸" => "left", "right" or "右岸" => "right", _ => "?" };
        if (bank == "?") errors.Add("bank: left/左岸, right/右岸 or empty");
        if (input.Longitude is { } lon && lon is < 105m or > 110m) errors.Add("longitude: degrees east 105–110 (GCJ-02)");
        if (input.Latitude is { } lat && lat is < 28m or > 32m) errors.Add("latitude: degrees north 28–32 (GCJ-02)");
        if ((input.Longitude is null) != (input.Latitude is null)) errors.Add("longitude/latitude: both or neither");
        string? street = null;
        if (T(input.Street) is { } st) { street = DistrictStreets.Find(st)?.Code; if (street is null) errors.Add($"street: '{st}' is no street or town of the district"); }
        var uscc = T(input.ResponsibleUscc);
        if (uscc is not null && uscc.Length != 18) errors.Add("responsible_uscc: 18 characters");
        string? target = null;
        if (T(input.TargetClass) is { } tc)
        {
            if (WaterClassText.TryParse(tc, out var wc) && wc is { } w && w != WaterClass.WorseThanV) target = w.ToAscii();
            else errors.Add($"target_class: '{tc}' is no GB 3838 class Ⅰ–Ⅴ");
        }
        foreach (var (f, v) in new[] { ("camera_id", input.CameraId), ("level_sensor_id", input.LevelSensorId), ("flow_sensor_id", input.FlowSensorId), ("responsible_unit", input.ResponsibleUnit) })
            if (T(v) is { } x && x.Length > (f == "responsible_unit" ? DrainageOutlet.NameLength : DrainageOutlet.DeviceLength)) errors.Add(f + ": too long");
        if (errors.Count > 0) return null;
        var now = time.GetUtcNow();
        return new DrainageOutlet
        {
            Code = code!, Name = name!, River = river!.Key, Bank = bank, Longitude = input.Longitude, Latitude = input.Latitude, StreetCode = street,
            Type = type!.Key, ResponsibleUnit = T(input.ResponsibleUnit), ResponsibleUscc = uscc, Status = status!.Key, TargetClass = target,
            CameraId = T(input.CameraId), LevelSensorId = T(input.LevelSensorId), FlowSensorId = T(input.FlowSensorId), RulesVersion = Rules.Version,
            CreatedAt = now, UpdatedAt = now,
        };
    }

    /// <summary>Registers an outlet (its first status is a history row), audited <c>drainage.create</c>.</summary>
    /// <param name="input">Input.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DrainageException">400 invalid, 409 code exists.</exception>
    public async Task<DrainageOutlet> CreateAsync(DrainageOutletInput input, AuditActor actor, CancellationToken ct = default)
    {
        var o = Validate(input, out var errors) ?? throw new DrainageException(400, string.Join("; ", errors));
        if (await db.DrainageOutlets.AnyAsync(x => x.Code == o.Code, ct)) throw new DrainageException(409, $"outlet {o.Code} exists");
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        await AddAsync(o, actor, ct);
        await AuditTrail.AppendAsync(db, actor, "drainage.create", Target, o.Code, null, Snapshot(o), null, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return o;
    }

    private async Task AddAsync(DrainageOutlet o, AuditActor actor, CancellationToken ct)
    {
        db.DrainageOutlets.Add(o);
        await db.SaveChangesAsync(ct);
        db.DrainageStatusChanges.Add(new DrainageStatusChange
        {
            OutletId = o.Id, FromStatus = null, ToStatus = o.Status, EffectiveOn = BeijingTime.Date(o.CreatedAt), Note = "登记", RecordedAt = o.CreatedAt, RecordedBy = actor.Name,
        });
        await db.SaveChangesAsync(ct);
    }

    private static object Snapshot(DrainageOutlet o) => new
    {
        o.Code, o.Name, o.River, o.Bank, o.Longitude, o.Latitude, o.StreetCode, o.Type, o.ResponsibleUnit, o.ResponsibleUscc, o.Status, o.TargetClass,
        o.CameraId, o.LevelSensorId, o.FlowSensorId,
    };

    /// <summary>Moves an outlet's 整治 status (any step of the ladder, also back: a reopened outlet), with a history row,
    /// audited <c>drainage.status</c>.</summary>
    /// <param name="code">Outlet code.</param>
    /// <param name="status">Status key or name.</param>
    /// <param name="effectiveOn">Day it took effect (Beijing); null → today.</param>
    /// <param name="note">Note (required when moving back down the ladder).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DrainageException">404 unknown outlet, 400 unknown status, same status, a step back without a note, or a day in the future.</exception>
    public async Task<DrainageStatusChange> SetStatusAsync(string code, string? status, DateOnly? effectiveOn, string? note, AuditActor actor, CancellationToken ct = default)
    {
        var o = await db.DrainageOutlets.SingleOrDefaultAsync(x => x.Code == code, ct) ?? throw new DrainageException(404, $"no outlet {code}");
        var to = Rules.FindStatus(status) ?? throw new DrainageException(400, $"status: '{status}' is none of {string.Join("、", Rules.Statuses.Select(r => r.NameZh))}");
        if (to.Key == o.Status) throw new DrainageException(400, $"status: the outlet is already {to.NameZh}");
        var rank = (string k) => Rules.Statuses.ToList().FindIndex(s => s.Key == k);
        if (rank(to.Key) < rank(o.Status) && string.IsNullOrWhiteSpace(note)) throw new DrainageException(400, "note: required when the status goes back");
        var now = time.GetUtcNow();
        // A change recorded ahead of its day would count as done today (progress, public map): record it when it happens.
        if (effectiveOn > BeijingTime.Date(now)) throw new DrainageException(400, "effective_on: in the future");
        var change = new DrainageStatusChange
        {
            OutletId = o.Id, FromStatus = o.Status, ToStatus = to.Key, EffectiveOn = effectiveOn ?? BeijingTime.Date(now), Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            RecordedAt = now, RecordedBy = actor.Name,
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var before = o.Status;
        o.Status = to.Key;
        o.UpdatedAt = now;
        db.DrainageStatusChanges.Add(change);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "drainage.status", Target, o.Code, new { status = before }, new { status = to.Key, effective_on = change.EffectiveOn }, change.Note, now, ct);
        await tx.CommitAsync(ct);
        return change;
    }

    /// <summary>
    /// Records a sample, audited <c>drainage.sample</c>. When the outlet has a target class, the GB 3838-2002 single-factor
    /// class over the items given (<see cref="WaterClassifier.Classify"/>, river) is stored with whether it meets the target;
    /// without one the sample is stored "not applicable" and has no class.
    /// </summary>
    /// <param name="code">Outlet code.</param>
    /// <param name="sampledAt">When sampled (UTC); not after now.</param>
    /// <param name="values">GB 3838 table 1 item key (<c>cod</c>, <c>nh3n</c>, <c>tp</c> …) → value in the item's unit.</param>
    /// <param name="note">Note.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DrainageException">404 unknown outlet; 400 no value, an unknown item, a value outside its plausibility
    /// bound (<see cref="DrainageSampleBounds"/>: item, value and bound named), a negative value, a future time.</exception>
    public async Task<DrainageSample> RecordSampleAsync(string code, DateTimeOffset sampledAt, IReadOnlyDictionary<string, decimal> values, string? note, AuditActor actor,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var o = await db.DrainageOutlets.AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct) ?? throw new DrainageException(404, $"no outlet {code}");
        var now = time.GetUtcNow();
        if (sampledAt > now) throw new DrainageException(400, "sampled_at: in the future");
        if (values.Count == 0) throw new DrainageException(400, "values: at least one item");
        var items = new Dictionary<WaterItem, decimal>();
        foreach (var (k, v) in values)
        {
            if (!Gb3838Table1.TryGetByKey(k, out var item)) throw new DrainageException(400, $"values: '{k}' is no GB 3838 table 1 item key (cod, nh3n, tp …)");
            if (SampleBounds.Check(k, v) is { } implausible) throw new DrainageException(400, "values: " + implausible);
            if (v < 0) throw new DrainageException(400, $"values: {k} is negative");
            items[item] = v;
        }
        var sample = new DrainageSample
        {
            OutletId = o.Id, SampledAt = sampledAt, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), RecordedAt = now, RecordedBy = actor.Name,
            Values = [.. values.Select(kv => new DrainageSampleValue { Item = kv.Key.Trim().ToLowerInvariant(), Value = kv.Value })],
        };
        if (o.TargetClass is { } tc && WaterClassText.TryParse(tc, out var target) && target is { } t)
        {
            sample.Gb3838Applies = true;
            try
            {
                var a = WaterClassifier.Classify(items, items.Keys);
                sample.Gb3838Class = a.Class?.ToAscii();
                sample.MeetsTarget = a.Class is { } c ? WaterClassifier.MeetsTarget(c, t) : null;
            }
            catch (ArgumentOutOfRangeException e) { throw new DrainageException(400, "values: " + e.Message); }
        }
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.DrainageSamples.Add(sample);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "drainage.sample", Target, o.Code, null,
            new { sample.Id, sampled_at = sampledAt, values, gb3838 = sample.Gb3838Applies ? sample.Gb3838Class : "not_applicable" }, null, now, ct);
        await tx.CommitAsync(ct);
        return sample;
    }

    /// <summary>The columns of an import file (header row; Chinese header or key).</summary>
    public static readonly IReadOnlyList<(string Key, string Header)> Columns =
    [
        ("code", "编码"), ("name", "名称"), ("river", "河流"), ("bank", "岸别"), ("longitude", "经度"), ("latitude", "纬度"), ("street", "街道"),
        ("type", "类型"), ("responsible_unit", "责任单位"), ("responsible_uscc", "统一社会信用代码"), ("status", "整治状态"),
        ("target_class", "目标水质类别"), ("camera_id", "摄像头"), ("level_sensor_id", "液位计"), ("flow_sensor_id", "流量计"),
    ];

    /// <summary>Largest registry file accepted over HTTP or the page, bytes (10 MiB: 5000 rows of 15 columns stay far below).</summary>
    public const long MaxImportBytes = 10 * 1024 * 1024;

    /// <summary>One refusal of an import row by cell: row number, the column as its header and key (<c>河流 (river)</c>) when
    /// the reason names one, and the reason.</summary>
    /// <param name="error">A rejected row (its reason may join several "field: reason" parts with "; ").</param>
    public static IEnumerable<(int Row, string? Column, string Reason)> Cells(DrainageImportError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        foreach (var part in error.Reason.Split("; "))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var field = colon > 0 ? part[..colon] : null;
            var col = field is null ? default : Columns.FirstOrDefault(c => c.Key == field);
            yield return (error.Row, col.Key is null ? field : $"{col.Header} ({col.Key})", colon > 0 && col.Key is not null ? part[(colon + 1)..].Trim() : part);
        }
    }

    /// <summary>Reads a registry file (CSV UTF-8 or XLSX; row 1 the header) into inputs with their row numbers; header
    /// errors as row 1.</summary>
    /// <param name="file">File content.</param>
    /// <param name="xlsx">True for .xlsx, false for .csv.</param>
    public static (List<(int Row, DrainageOutletInput Input)> Rows, List<DrainageImportError> Errors) Read(Stream file, bool xlsx)
    {
        ArgumentNullException.ThrowIfNull(file);
        var rows = new List<object?[]>();
        try
        {
            foreach (IDictionary<string, object?> r in file.Query(useHeaderRow: false, excelType: xlsx ? ExcelType.XLSX : ExcelType.CSV))
            {
                rows.Add([.. r.Values]);
                if (rows.Count > MaxImportRows + 1) return ([], [new DrainageImportError(MaxImportRows + 2, $"more than {MaxImportRows} rows: split the file")]);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or FormatException or ArgumentException
            || (e.GetType().Namespace?.StartsWith("MiniExcelLibs", StringComparison.Ordinal) ?? false))
        {
            return ([], [new DrainageImportError(0, "not a readable file: " + e.Message)]);
        }
        static string? Text(object? c) => c switch
        {
            null => null,
            string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
            double d => d.ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(c, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } t ? t : null,
        };
        var errors = new List<DrainageImportError>();
        if (rows.Count == 0) return ([], [new DrainageImportError(1, "empty file: row 1 must be the header")]);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows[0].Length; i++)
        {
            var h = Text(rows[0][i]);
            if (h is null) continue;
            var col = Columns.FirstOrDefault(c => c.Header == h || c.Key == h);
            if (col.Key is null) errors.Add(new DrainageImportError(1, $"unknown column '{h}'"));
            else if (!index.TryAdd(col.Key, i)) errors.Add(new DrainageImportError(1, $"column '{h}' appears twice"));
        }
        foreach (var req in new[] { "code", "name", "river", "type" })
            if (!index.ContainsKey(req)) errors.Add(new DrainageImportError(1, $"required column {Columns.First(c => c.Key == req).Header} missing"));
        if (errors.Count > 0) return ([], errors);
        var list = new List<(int, DrainageOutletInput)>();
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            string? Get(string key) => index.TryGetValue(key, out var i) && i < row.Length ? Text(row[i]) : null;
            if (Columns.All(c => Get(c.Key) is null)) continue; // blank line
            decimal? Dec(string key, out bool bad)
            {
                bad = false;
                if (Get(key) is not { } s) return null;
                if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
                bad = true;
                return null;
            }
            var lon = Dec("longitude", out var badLon);
            var lat = Dec("latitude", out var badLat);
            if (badLon || badLat) { errors.Add(new DrainageImportError(r + 1, "longitude/latitude: not a number")); continue; }
            list.Add((r + 1, new DrainageOutletInput(Get("code"), Get("name"), Get("river"), Get("bank"), lon, lat, Get("street"), Get("type"),
                Get("responsible_unit"), Get("responsible_uscc"), Get("status"), Get("target_class"), Get("camera_id"), Get("level_sensor_id"), Get("flow_sensor_id"))));
        }
        return (list, errors);
    }

    /// <summary>Imports a registry file: every row valid and every code new (in the file and the store) → all stored in one
    /// transaction with one audit entry <c>drainage.import</c>; any bad row → its row number and reason, nothing stored.</summary>
    /// <param name="file">File content.</param>
    /// <param name="xlsx">True for .xlsx, false for .csv.</param>
    /// <param name="fileName">Name for the audit entry.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DrainageImportResult> ImportAsync(Stream file, bool xlsx, string fileName, AuditActor actor, CancellationToken ct = default)
    {
        var (rows, errors) = Read(file, xlsx);
        var valid = new List<DrainageOutlet>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var existing = (await db.DrainageOutlets.AsNoTracking().Select(o => o.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var (row, input) in rows)
        {
            var o = Validate(input, out var e);
            if (o is null) { errors.Add(new DrainageImportError(row, string.Join("; ", e))); continue; }
            if (seen.TryGetValue(o.Code, out var first)) { errors.Add(new DrainageImportError(row, $"code: {o.Code} also on row {first}")); continue; }
            seen[o.Code] = row;
            if (existing.Contains(o.Code)) { errors.Add(new DrainageImportError(row, $"code: {o.Code} is already registered")); continue; }
            valid.Add(o);
        }
        if (errors.Count > 0) return new DrainageImportResult(0, [.. errors.OrderBy(x => x.Row)]);
        if (valid.Count == 0) return new DrainageImportResult(0, [new DrainageImportError(2, "no data rows")]);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        foreach (var o in valid) await AddAsync(o, actor, ct);
        await AuditTrail.AppendAsync(db, actor, "drainage.import", Target, null, null, new { file = fileName, codes = valid.Select(o => o.Code).ToList() }, null, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return new DrainageImportResult(valid.Count, []);
    }

    /// <summary>Outlets by filters (keys or names; null = all), by code.</summary>
    /// <param name="river">River.</param>
    /// <param name="type">Type.</param>
    /// <param name="status">Status.</param>
    /// <param name="street">Street code or name.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<DrainageOutlet>> ListAsync(string? river = null, string? type = null, string? status = null, string? street = null, CancellationToken ct = default)
    {
        var q = db.DrainageOutlets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(river)) { var k = Rules.FindRiver(river)?.Key ?? "?"; q = q.Where(o => o.River == k); }
        if (!string.IsNullOrWhiteSpace(type)) { var k = Rules.FindType(type)?.Key ?? "?"; q = q.Where(o => o.Type == k); }
        if (!string.IsNullOrWhiteSpace(status)) { var k = Rules.FindStatus(status)?.Key ?? "?"; q = q.Where(o => o.Status == k); }
        if (!string.IsNullOrWhiteSpace(street)) { var k = DistrictStreets.Find(street)?.Code ?? "?"; q = q.Where(o => o.StreetCode == k); }
        return [.. (await q.ToListAsync(ct)).OrderBy(o => o.Code, StringComparer.Ordinal)];
    }

    /// <summary>An outlet with its status history (oldest first) and samples (newest first), or null.</summary>
    /// <param name="code">Code.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<(DrainageOutlet Outlet, List<DrainageStatusChange> History, List<DrainageSampleView> Samples)?> GetAsync(string code, CancellationToken ct = default)
    {
        var o = await db.DrainageOutlets.AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (o is null) return null;
        var history = await db.DrainageStatusChanges.AsNoTracking().Where(h => h.OutletId == o.Id).OrderBy(h => h.Id).ToListAsync(ct);
        var samples = await db.DrainageSamples.AsNoTracking().Include(s => s.Values).Where(s => s.OutletId == o.Id).ToListAsync(ct);
        return (o, history, [.. samples.OrderByDescending(s => s.SampledAt).ThenByDescending(s => s.Id)
            .Select(s => new DrainageSampleView(s, s.Values.ToDictionary(v => v.Item, v => v.Value)))]);
    }

    /// <summary>整治 progress of the outlets of the filters (<see cref="DrainageRules.Progress"/>).</summary>
    /// <param name="outlets">Outlets.</param>
    public DrainageProgress Progress(IEnumerable<DrainageOutlet> outlets) => Rules.Progress(outlets.Select(o => o.Status));
}
