using SmartEnv.Storage;

namespace SmartEnv.Web.Ui.Map;

/// <summary>
/// One toggleable layer of the 一张图 map (<c>/map</c> for staff, <c>/public/map</c> for everyone; issue 20): air, water and
/// noise stations, enterprises, outlets, risk units, drinking-water sources, drainage outlets, construction sites,
/// complaint hotspots. A module registers its layer in DI (<c>services.AddScoped&lt;IMapLayer, …&gt;()</c>); the map page and
/// the layer API (<c>GET /api/map/layers/{key}</c>, <c>GET /api/public/map/layers/{key}</c>) enumerate every registered
/// layer, so the page draws exactly the features the API returns (the acceptance "a layer's count equals the API's").
/// Implementations read through the scoped context they are given (the caller's <see cref="DataScope"/>) and, when
/// <see cref="MapLayerQuery.PublicOnly"/> is set, return only what may be published (no enterprise-private or staff-only
/// object). Implementations must be safe to call once per request from one circuit (not concurrently).
/// </summary>
public interface IMapLayer
{
    /// <summary>What the layer is: key, names, legend categories, whether it exists on the public map.</summary>
    MapLayerInfo Info { get; }

    /// <summary>The layer's features for one query.</summary>
    /// <param name="db">The caller's scoped context (query filters applied).</param>
    /// <param name="query">Public or staff, street filter, the day "today" is (Beijing time).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Every object of the layer that matches the query, placed or not (features without a position are listed
    /// beside the map, never dropped), in a stable order (by <see cref="MapFeature.Id"/>).</returns>
    Task<IReadOnlyList<MapFeature>> FeaturesAsync(SmartEnvDbContext db, MapLayerQuery query, CancellationToken ct);
}

/// <summary>What a layer is.</summary>
/// <param name="Key">Stable key, lower-case ASCII with hyphens (<c>air</c>, <c>water</c>, <c>noise</c>, <c>enterprises</c>,
/// <c>outlets</c>, <c>risk-units</c>, <c>drinking-water</c>, <c>drainage-outlets</c>, <c>construction-sites</c>,
/// <c>complaint-hotspots</c>); the API path segment.</param>
/// <param name="NameZh">Layer name in Chinese (legend, toggle).</param>
/// <param name="NameEn">Layer name in English.</param>
/// <param name="Public">Whether the public map shows it (a staff-only layer answers 404 on the public API).</param>
/// <param name="Symbol">ECharts symbol of its markers (circle, rect, roundRect, triangle, diamond, pin, arrow).</param>
/// <param name="Categories">Legend categories in legend order; every feature's <see cref="MapFeature.Category"/> is one of
/// their keys.</param>
/// <param name="Order">Draw order among layers (higher on top).</param>
public sealed record MapLayerInfo(string Key, string NameZh, string NameEn, bool Public, string Symbol,
    IReadOnlyList<MapCategory> Categories, int Order);

/// <summary>A legend category of a layer (one colour).</summary>
/// <param name="Key">Stable key within the layer (e.g. <c>green</c>/<c>yellow</c>/<c>red</c> for a site's card, <c>较大</c>
/// for a risk level).</param>
/// <param name="NameZh">Legend text in Chinese.</param>
/// <param name="NameEn">Legend text in English.</param>
/// <param name="Colour">Fill colour "#RRGGBB".</param>
public sealed record MapCategory(string Key, string NameZh, string NameEn, string Colour);

/// <summary>One object on the map.</summary>
/// <param name="Id">Stable id within the layer (site code, USCC, outlet code, site id …).</param>
/// <param name="Name">Display name (Chinese, as registered).</param>
/// <param name="Longitude">Degrees east, GCJ-02 like the district outlines (<see cref="GeoData"/>); null when unknown.</param>
/// <param name="Latitude">Degrees north, GCJ-02; null when unknown.</param>
/// <param name="Category">Its legend category key (<see cref="MapCategory.Key"/>).</param>
/// <param name="StreetCode">12-digit code of its street or town (<c>jiangbei-streets.tsv</c>), or null when unknown (such
/// a feature is left out when the map is filtered by street).</param>
/// <param name="Href">The object's page, local path (<c>/enterprises/{uscc}</c> for an enterprise), or null.</param>
/// <param name="Detail">One line shown in the tooltip (latest value, level, card …), or null.</param>
public sealed record MapFeature(string Id, string Name, double? Longitude, double? Latitude, string Category, string? StreetCode,
    string? Href, string? Detail = null);

/// <summary>What the map asks a layer for.</summary>
/// <param name="PublicOnly">True on the public map and API: only publishable objects.</param>
/// <param name="StreetCode">Only features of this street or town (12-digit code), or null for the whole district.</param>
/// <param name="Today">Today's date in Beijing time (for states that depend on the day: overdue filings, cards).</param>
public sealed record MapLayerQuery(bool PublicOnly, string? StreetCode, DateOnly Today);
