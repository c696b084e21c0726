using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Web.Ui.Map;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of the 一张图 map (issue 20; docs/map.md). Every layer registered in DI (<see cref="IMapLayer"/>), read through
/// <see cref="MapService"/> — the page's read path, so a layer's count here equals the page's.
/// <list type="bullet">
/// <item><c>GET /api/map/layers</c> — every layer (staff): key, names, public flag, symbol, categories, order.</item>
/// <item><c>GET /api/map/layers/{key}?street=</c> — one layer's features (staff; enterprise users 403: the map shows
/// other enterprises and complaints; they see the public map). <c>street</c> is a 12-digit code or a name of
/// jiangbei-streets.tsv (400 otherwise); unknown key 404.</item>
/// <item><c>GET /api/public/map/layers</c>, <c>GET /api/public/map/layers/{key}?street=</c> — the same for public layers
/// only, anonymous; a staff-only key answers 404 like an unknown one.</item>
/// </list>
/// </summary>
public static class MapApi
{
    /// <summary>A legend category.</summary>
    /// <param name="Key">Key.</param>
    /// <param name="NameZh">Chinese name.</param>
    /// <param name="NameEn">English name.</param>
    /// <param name="Color">"#RRGGBB" (JSON <c>color</c>, the output contract's spelling).</param>
    public sealed record CategoryView(string Key, string NameZh, string NameEn, string Color);

    /// <summary>A layer.</summary>
    /// <param name="Key">Key (path segment).</param>
    /// <param name="NameZh">Chinese name.</param>
    /// <param name="NameEn">English name.</param>
    /// <param name="Public">On the public map.</param>
    /// <param name="Symbol">ECharts symbol.</param>
    /// <param name="Order">Draw order (higher on top).</param>
    /// <param name="Categories">Legend categories.</param>
    public sealed record LayerView(string Key, string NameZh, string NameEn, bool Public, string Symbol, int Order, IReadOnlyList<CategoryView> Categories);

    /// <summary>A feature.</summary>
    /// <param name="Id">Id within the layer.</param>
    /// <param name="Name">Name.</param>
    /// <param name="Longitude">Degrees east (GCJ-02) or null.</param>
    /// <param name="Latitude">Degrees north (GCJ-02) or null.</param>
    /// <param name="Category">Category key.</param>
    /// <param name="StreetCode">12-digit street code or null.</param>
    /// <param name="Href">Its page or null.</param>
    /// <param name="Detail">Tooltip line or null.</param>
    /// <param name="Placed">True when drawn on the map (position inside the extent); false when listed beside it.</param>
    public sealed record FeatureView(string Id, string Name, double? Longitude, double? Latitude, string Category, string? StreetCode,
        string? Href, string? Detail, bool Placed);

    /// <summary>A layer's features.</summary>
    /// <param name="Layer">The layer.</param>
    /// <param name="StreetCode">The street filter applied, or null.</param>
    /// <param name="Count">Features (placed + unplaced).</param>
    /// <param name="Features">The features.</param>
    public sealed record LayerFeaturesView(LayerView Layer, string? StreetCode, int Count, IReadOnlyList<FeatureView> Features);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapMapApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/map/layers").WithTags("map");
        staff.MapGet("", (MapService map) => TypedResults.Ok(map.Infos(false).Select(View).ToList()))
            .RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("MapLayers")
            .WithSummary("The layers of the one map (一张图): key, names, public flag, symbol, categories (staff).");
        staff.MapGet("/{key}", (string key, string? street, MapService map, CancellationToken ct) => FeaturesAsync(key, street, false, map, ct))
            .RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("MapLayerFeatures")
            .WithSummary("One layer's features, placed or not, optionally of one street or town (?street= code or name) (staff).");
        var pub = app.MapGroup("/api/public/map/layers").WithTags("map");
        pub.MapGet("", (MapService map) => TypedResults.Ok(map.Infos(true).Select(View).ToList()))
            .AllowAnonymous().WithName("PublicMapLayers")
            .WithSummary("The public layers of the one map (一张图) (public).");
        pub.MapGet("/{key}", (string key, string? street, MapService map, CancellationToken ct) => FeaturesAsync(key, street, true, map, ct))
            .AllowAnonymous().WithName("PublicMapLayerFeatures")
            .WithSummary("One public layer's features, optionally of one street or town; a staff-only layer is 404 (public).");
        return app;
    }

    private static LayerView View(MapLayerInfo i) =>
        new(i.Key, i.NameZh, i.NameEn, i.Public, i.Symbol, i.Order, [.. i.Categories.Select(c => new CategoryView(c.Key, c.NameZh, c.NameEn, c.Colour))]);

    private static async Task<IResult> FeaturesAsync(string key, string? street, bool publicOnly, MapService map, CancellationToken ct)
    {
        string? code;
        try { code = MapService.StreetCode(street); }
        catch (ArgumentException) { return ApiValidation.Invalid("street", "a street or town of the district: 12-digit code or name (jiangbei-streets.tsv)"); }
        var data = await map.LayerAsync(key, publicOnly, code, ct);
        if (data is null) return ApiValidation.NotFound($"no map layer {key}");
        return TypedResults.Ok(new LayerFeaturesView(View(data.Info), code, data.Features.Count,
            [.. data.Features.Select(f => new FeatureView(f.Id, f.Name, f.Longitude, f.Latitude, f.Category, f.StreetCode, f.Href, f.Detail, OneMap.Inside(f)))]));
    }
}
