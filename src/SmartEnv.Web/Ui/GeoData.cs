using Microsoft.AspNetCore.Hosting;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The district outlines for the overview map (<c>wwwroot/geo/jiangbei_neighbors_districts.json</c>, DataV GeoAtlas,
/// GCJ-02; attribution in <c>wwwroot/geo/ATTRIBUTION.md</c>), read once from the web root. Singleton; thread-safe.
/// </summary>
public sealed class GeoData
{
    /// <summary>Reads the outlines from the web root.</summary>
    /// <param name="env">Host environment.</param>
    public GeoData(IWebHostEnvironment env)
    {
        _districts = new(() => Read(env));
        _rings = new(() => ParseRings(_districts.Value));
    }

    private static string? Read(IWebHostEnvironment env)
    {
        var f = env.WebRootFileProvider.GetFileInfo("geo/jiangbei_neighbors_districts.json");
        if (!f.Exists) return null;
        using var s = f.CreateReadStream();
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    private readonly Lazy<string?> _districts;

    /// <summary>GeoJSON FeatureCollection of 江北 and its five neighbours, or null when the file is missing.</summary>
    public string? Districts => _districts.Value;

    /// <summary>Outer and inner rings of every district polygon as [lon, lat] pairs (degrees, GCJ-02), with the district
    /// name (<c>properties.name</c>); empty when the file is missing.</summary>
    public IReadOnlyList<(string Name, double[][] Ring)> Rings => _rings.Value;

    private readonly Lazy<IReadOnlyList<(string, double[][])>> _rings;

    private static IReadOnlyList<(string, double[][])> ParseRings(string? json)
    {
        var result = new List<(string, double[][])>();
        if (json is null) return result;
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        foreach (var f in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var name = f.GetProperty("properties").GetProperty("name").GetString() ?? "";
            var g = f.GetProperty("geometry");
            var polygons = g.GetProperty("type").GetString() == "MultiPolygon"
                ? g.GetProperty("coordinates").EnumerateArray().ToList()
                : [g.GetProperty("coordinates")];
            foreach (var poly in polygons)
                foreach (var ring in poly.EnumerateArray())
                    result.Add((name, ring.EnumerateArray().Select(p => new[] { p[0].GetDouble(), p[1].GetDouble() }).ToArray()));
        }
        return result;
    }
}
