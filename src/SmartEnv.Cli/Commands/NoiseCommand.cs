using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SmartEnv.Standards.Noise;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv noise assess</c>: compliance with GB 3096-2008, GB 12523-2011 or GB 12348-2008 (docs/standards-noise.md).
/// </summary>
public static class NoiseCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams to read and write.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("noise", "Noise (GB 3096-2008, GB 12523-2011, GB 12348-2008) — 噪声评价.");
        cmd.Subcommands.Add(Assess(context));
        return cmd;
    }

    private sealed record Settings(string Standard, string Zone, RailwayKind Railway, bool Indoor, NightMaxRule Rule, NoisePeriods Periods);

    private static Command Assess(CliContext context)
    {
        var standard = new Option<string>("--standard") { Description = "gb3096 (ambient, zones 0,1,2,3,4a,4b), gb12523 (construction boundary), gb12348 (industrial boundary, classes 0–4).", Required = true };
        var zone = new Option<string>("--zone") { Description = "Functional zone (gb3096: 0,1,2,3,4a,4b; gb12348: 0–4; ignored by gb12523).", DefaultValueFactory = _ => "2" };
        var railway = new Option<string>("--railway") { Description = "For zone 4b: new (EIA approved from 2011-01-01; 70/60) or existing (urban trunk line by 2010-12-31; 70/55).", DefaultValueFactory = _ => "new" };
        var indoor = new Option<bool>("--indoor") { Description = "Measured indoors in a sensitive building: limits − 10 dB (gb12523, gb12348)." };
        var nightRule = new Option<string>("--night-rule") { Description = "gb12348 night L_max: frequent (+10) or occasional (+15, default).", DefaultValueFactory = _ => "occasional" };
        var dayStart = new Option<string>("--day-start") { Description = "Start of the day period (default 06:00).", DefaultValueFactory = _ => "06:00" };
        var nightStart = new Option<string>("--night-start") { Description = "Start of the night period (default 22:00).", DefaultValueFactory = _ => "22:00" };
        var jsonl = new Option<bool>("--jsonl") { Description = "JSON Lines in and out (the only format)." };
        var cmd = new Command("assess", "Assess objects read as JSON Lines from stdin: {ld, ln, lmax_night} or {samples: [{time, level}, …]}; optional background_ld, background_ln (boundary standards).");
        foreach (var o in new Option[] { standard, zone, railway, indoor, nightRule, dayStart, nightStart, jsonl }) cmd.Options.Add(o);
        cmd.SetAction(pr =>
        {
            var std = pr.GetValue(standard)!.Trim().ToLowerInvariant();
            if (std is not ("gb3096" or "gb12523" or "gb12348")) { context.Err.WriteLine("error: --standard must be gb3096, gb12523 or gb12348"); return 2; }
            var z = pr.GetValue(zone)!.Trim().ToLowerInvariant();
            if (std == "gb3096" && !Gb3096.TryParseZone(z, out _)) { context.Err.WriteLine("error: gb3096 --zone must be 0, 1, 2, 3, 4a or 4b"); return 2; }
            if (std == "gb12348" && z is not ("0" or "1" or "2" or "3" or "4" or "4a" or "4b")) { context.Err.WriteLine("error: gb12348 --zone must be 0–4"); return 2; }
            RailwayKind? rk = pr.GetValue(railway) switch { "new" => RailwayKind.New, "existing" => RailwayKind.ExistingUrban, _ => null };
            NightMaxRule? rule = pr.GetValue(nightRule) switch { "frequent" => NightMaxRule.Frequent10, "occasional" => NightMaxRule.Occasional15, _ => null };
            if (rk is null || rule is null) { context.Err.WriteLine("error: --railway must be new|existing, --night-rule frequent|occasional"); return 2; }
            if (!TimeOnly.TryParseExact(pr.GetValue(dayStart), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ds)
                || !TimeOnly.TryParseExact(pr.GetValue(nightStart), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ns) || ds == ns)
            {
                context.Err.WriteLine("error: --day-start/--night-start must be distinct HH:mm times");
                return 2;
            }
            var settings = new Settings(std, z, rk.Value, pr.GetValue(indoor), rule.Value, new NoisePeriods(ds, ns));
            var failed = false;
            var n = 0;
            while (context.In.ReadLine() is { } line)
            {
                n++;
                if (line.Trim().Length == 0) continue;
                try
                {
                    context.Out.WriteLine(JsonSerializer.Serialize(AssessLine(line, settings), CliJson.Options));
                }
                catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
                {
                    failed = true;
                    context.Err.WriteLine($"line {n}: {e.Message}");
                }
            }
            return failed ? 1 : 0;
        });
        return cmd;
    }

    private static decimal? Num(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : throw new FormatException($"'{name}' must be a number (dB(A))")
            : null;

    private static Dictionary<string, object?> AssessLine(string line, Settings s)
    {
        using var doc = JsonDocument.Parse(line);
        var o = doc.RootElement;
        if (o.ValueKind != JsonValueKind.Object) throw new FormatException("expected a JSON object");
        var result = new Dictionary<string, object?> { ["standard"] = s.Standard };
        decimal? ld = Num(o, "ld"), ln = Num(o, "ln"), lmax = Num(o, "lmax_night");
        if (o.TryGetProperty("samples", out var samples))
        {
            var list = new List<NoiseSample>();
            foreach (var e in samples.EnumerateArray())
            {
                var t = e.GetProperty("time").GetString() ?? throw new FormatException("sample time missing");
                if (!DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) throw new FormatException($"sample time '{t}' is not a date-time");
                list.Add(new NoiseSample(time, e.GetProperty("level").GetDecimal()));
            }
            var sum = NoiseDayNight.Summarise(list, s.Periods);
            ld ??= sum.Ld;
            ln ??= sum.Ln;
            lmax ??= sum.LmaxNight;
            result["leq"] = sum.Leq;
            result["ldn"] = sum.Ldn;
            result["l10"] = sum.L10;
            result["l50"] = sum.L50;
            result["l90"] = sum.L90;
            result["lmax"] = sum.Lmax;
            result["day_samples"] = sum.DaySamples;
            result["night_samples"] = sum.NightSamples;
        }
        if (s.Standard != "gb3096")
        {
            ld = Background(result, "day", ld, Num(o, "background_ld"));
            ln = Background(result, "night", ln, Num(o, "background_ln"));
        }
        var c = s.Standard switch
        {
            "gb3096" => Gb3096.Assess(Zone3096(s.Zone), ld, ln, lmax, s.Railway),
            "gb12523" => Gb12523.Assess(ld, ln, lmax, s.Indoor),
            _ => Gb12348.Assess(s.Zone.StartsWith('4') ? 4 : int.Parse(s.Zone, CultureInfo.InvariantCulture), ld, ln, lmax, s.Rule, s.Indoor),
        };
        if (s.Standard != "gb12523") result["zone"] = s.Zone;
        result["ld"] = ld;
        result["ln"] = ln;
        result["lmax_night"] = lmax;
        result["day_compliant"] = c.DayCompliant;
        result["night_compliant"] = c.NightCompliant;
        result["night_lmax_compliant"] = c.NightLmaxCompliant;
        result["day_exceedance"] = c.DayExceedance;
        result["night_exceedance"] = c.NightExceedance;
        result["limits"] = new Dictionary<string, object?>
        {
            ["day"] = c.Limits.Day, ["night"] = c.Limits.Night, ["night_lmax"] = c.Limits.NightMax, ["basis"] = c.Limits.Basis,
        };
        return result;
    }

    private static decimal? Background(Dictionary<string, object?> result, string period, decimal? level, decimal? background)
    {
        if (level is not { } l || background is not { } b) return level;
        var r = NoiseBackground.Correct(l, b);
        result["background_" + period] = new Dictionary<string, object?>
        {
            ["status"] = r.Status switch
            {
                BackgroundCorrectionStatus.NotNeeded => "not_needed",
                BackgroundCorrectionStatus.Corrected => "corrected",
                _ => "not_correctable",
            },
            ["difference"] = r.Difference, ["correction"] = r.Correction, ["measured"] = l,
        };
        return r.Result;
    }

    private static Gb3096Zone Zone3096(string z) => Gb3096.TryParseZone(z, out var zone) ? zone : throw new FormatException("zone");
}
