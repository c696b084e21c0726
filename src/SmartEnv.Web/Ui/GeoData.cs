using Microsoft.AspNetCore.Hosting;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The district outlines for the overview map (<c>wwwroot/geo/jiangbei_neighbors_districts.json</c>, DataV GeoAtlas,
/// GCJ-02; attribution in <c>wwwroot/geo/ATTRIBUTION.md</c>), read once from the web root. Singleton; thread-safe.
/// </summary>
/// <param name="env">Host environment (web root file provider includes static web assets).</param>
public sealed class GeoData(IWebHostEnvironment env)
{
    private readonly Lazy<string?> _districts = new(() =>
    {
        var f = env.WebRootFileProvider.GetFileInfo("geo/jiangbei_neighbors_districts.json");
        if (!f.Exists) return null;
        using var s = f.CreateReadStream();
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    });

    /// <summary>GeoJSON FeatureCollection of 江北 and its five neighbours, or null when the file is missing.</summary>
    public string? Districts => _districts.Value;
}
