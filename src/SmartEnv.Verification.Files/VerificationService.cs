using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;
using SmartEnv.Verifications.Air;
using SmartEnv.Verifications.Noise;
using SmartEnv.Verifications.Water;

namespace SmartEnv.Verifications.Files;

/// <summary>One input file of a verification.</summary>
/// <param name="Name">File name (messages and locations).</param>
/// <param name="Open">Opens the raw bytes (plain or gzip); the service decompresses and disposes.</param>
public sealed record VerificationInput(string Name, Func<Stream> Open);

/// <summary>A verification request (CLI <c>smartenv verify</c>, API <c>POST /api/verify/{domain}</c>).</summary>
/// <param name="Domain"><c>air</c>, <c>water</c> or <c>noise</c>.</param>
/// <param name="Format"><c>china-sites</c>, <c>cnemc-water</c>, <c>prsa</c> or <c>csv</c>.</param>
/// <param name="Inputs">Files, read in order (rows are sorted by time afterwards).</param>
/// <param name="Regime">Air: regime id applied to every row, or null for the regime of each row's date.</param>
/// <param name="Map">Column mapping (<c>csv</c> only).</param>
/// <param name="Limits">Import limits; <see cref="ImportLimits.Default"/> when null.</param>
public sealed record VerificationRequest(string Domain, string Format, IReadOnlyList<VerificationInput> Inputs, string? Regime = null,
    string? Map = null, ImportLimits? Limits = null);

/// <summary>
/// Runs a verification: validates the request, reads the inputs with <see cref="VerificationReaders"/> and calls the pure
/// verifier of the domain. The one entry point of the CLI and the API. Thread-safe (no shared state).
/// </summary>
public static class VerificationService
{
    /// <summary>The message of a report over a format that publishes no figure (PRSA).</summary>
    public const string NothingToVerify = "no published figures to verify";

    /// <summary>Formats per domain: air china-sites, prsa, csv; water cnemc-water, csv; noise csv.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Formats { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["air"] = ["china-sites", "prsa", "csv"],
        ["water"] = ["cnemc-water", "csv"],
        ["noise"] = ["csv"],
    };

    /// <summary>Checks a request without reading it (domain, format, regime, map).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The parsed regime (air, when named) and map (csv).</returns>
    /// <exception cref="VerificationUsageException">Unknown domain, a format the domain does not read, unknown regime, a
    /// regime outside air, a bad map or a map without csv, no input.</exception>
    public static (AqiRegime? Regime, VerificationMap? Map) Validate(VerificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Formats.TryGetValue(request.Domain ?? "", out var formats))
            throw new VerificationUsageException($"unknown domain '{request.Domain}': air, water or noise");
        if (!formats.Contains(request.Format))
            throw new VerificationUsageException($"{request.Domain} reads --format {string.Join(" | ", formats)}, not '{request.Format}'");
        if (request.Inputs.Count == 0) throw new VerificationUsageException("no input file");
        AqiRegime? regime = null;
        if (request.Regime is { Length: > 0 } id)
        {
            if (request.Domain != "air") throw new VerificationUsageException("--regime applies to air only");
            if (!AqiRegime.TryFromId(id, out var r))
                throw new VerificationUsageException($"unknown regime '{id}': {string.Join(", ", AqiRegime.All.Select(x => x.Id))}");
            regime = r;
        }
        VerificationMap? map = null;
        if (request.Format == "csv") map = VerificationMap.Parse(request.Map, request.Domain!);
        else if (!string.IsNullOrWhiteSpace(request.Map)) throw new VerificationUsageException("--map applies to --format csv only");
        return (regime, map);
    }

    /// <summary>Runs the verification.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The report.</returns>
    /// <exception cref="VerificationUsageException">See <see cref="Validate"/>.</exception>
    /// <exception cref="DataFileFormatException">An input error with file, line and column (<see cref="DataFileLimitException"/> past a limit).</exception>
    public static VerificationReport Run(VerificationRequest request)
    {
        var (regime, map) = Validate(request);
        var limits = request.Limits;
        switch (request.Domain, request.Format)
        {
            case ("air", "prsa"):
                var n = request.Inputs.Sum(i => Read(i, s => VerificationReaders.CountPrsa(s, i.Name)));
                return new VerificationReport { Domain = "air", Regime = regime?.Id, Rows = n, Findings = [], Mismatches = [], Message = NothingToVerify };
            case ("air", _):
                var air = new List<AirPublishedRow>();
                foreach (var i in request.Inputs)
                    Read(i, s =>
                    {
                        air.AddRange(request.Format == "csv" ? VerificationReaders.CsvAir(s, i.Name, map!, limits) : VerificationReaders.ChinaSites(s, i.Name, limits));
                        return 0;
                    });
                return AirVerifier.Verify(air, regime);
            case ("water", _):
                var water = new List<WaterPublishedRow>();
                foreach (var i in request.Inputs)
                    Read(i, s =>
                    {
                        water.AddRange(request.Format == "csv" ? VerificationReaders.CsvWater(s, i.Name, map!, limits) : VerificationReaders.CnemcWater(s, i.Name, limits));
                        return 0;
                    });
                return WaterVerifier.Verify(water);
            default:
                var noise = new List<NoisePublishedRow>();
                foreach (var i in request.Inputs) Read(i, s => { noise.AddRange(VerificationReaders.CsvNoise(s, i.Name, map!, limits)); return 0; });
                return NoiseVerifier.Verify(noise);
        }
    }

    private static int Read(VerificationInput input, Func<Stream, int> read)
    {
        using var raw = input.Open();
        using var s = CompressedFile.OpenRead(raw, input.Name);
        return read(s);
    }
}
