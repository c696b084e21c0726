using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Supervision.District;

namespace SmartEnv.Web.Ui.Map;

/// <summary>One layer's answer: its info and its features (placed or not).</summary>
/// <param name="Info">The layer.</param>
/// <param name="Features">Every feature of the query, in the layer's order.</param>
public sealed record MapLayerData(MapLayerInfo Info, IReadOnlyList<MapFeature> Features)
{
    /// <summary>Features drawn on the map: a position inside the drawn extent (<see cref="OneMap.Inside"/>).</summary>
    public IReadOnlyList<MapFeature> Placed { get; } = [.. Features.Where(OneMap.Inside)];

    /// <summary>Features listed beside the map (no position, or outside the extent).</summary>
    public IReadOnlyList<MapFeature> Unplaced { get; } = [.. Features.Where(f => !OneMap.Inside(f))];
}

/// <summary>
/// The 一张图 map's one read path (issue 20; docs/map.md): enumerates every <see cref="IMapLayer"/> registered in DI, keeps
/// the public ones for the public map, and asks each for its features with the caller's scoped context, the street filter
/// and Beijing today (from the app's clock). The page and the API (<c>MapApi</c>) both read through it, so the page draws
/// exactly what the API returns. Scoped; not thread-safe.
/// </summary>
/// <param name="layers">Every registered layer.</param>
/// <param name="db">The caller's scoped context.</param>
/// <param name="time">Clock (Beijing today).</param>
public sealed class MapService(IEnumerable<IMapLayer> layers, SmartEnvDbContext db, TimeProvider time)
{
    private readonly IReadOnlyList<IMapLayer> _layers = [.. layers.OrderByDescending(l => l.Info.Order).ThenBy(l => l.Info.Key, StringComparer.Ordinal)];

    /// <summary>The layers a caller may see, in draw order (highest <see cref="MapLayerInfo.Order"/> first, then key).</summary>
    /// <param name="publicOnly">True for the public map: only <see cref="MapLayerInfo.Public"/> layers.</param>
    public IReadOnlyList<MapLayerInfo> Infos(bool publicOnly) => [.. Visible(publicOnly).Select(l => l.Info)];

    private IEnumerable<IMapLayer> Visible(bool publicOnly) => _layers.Where(l => !publicOnly || l.Info.Public);

    /// <summary>A street filter as given: null/blank → none; a 12-digit code or a name of <see cref="DistrictStreets"/> →
    /// its code.</summary>
    /// <param name="street">Code or name.</param>
    /// <exception cref="ArgumentException">Not one of the 12 streets and towns.</exception>
    public static string? StreetCode(string? street)
    {
        if (string.IsNullOrWhiteSpace(street)) return null;
        return DistrictStreets.Find(street)?.Code ?? throw new ArgumentException($"'{street}' is not a street or town of the district (jiangbei-streets.tsv)", nameof(street));
    }

    /// <summary>One layer's features, or null when there is no such layer for this caller (a staff-only key on the public
    /// map is "no such layer").</summary>
    /// <param name="key">Layer key.</param>
    /// <param name="publicOnly">Public map.</param>
    /// <param name="streetCode">12-digit street code or null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<MapLayerData?> LayerAsync(string key, bool publicOnly, string? streetCode, CancellationToken ct = default)
    {
        var layer = Visible(publicOnly).FirstOrDefault(l => l.Info.Key == key);
        if (layer is null) return null;
        return new MapLayerData(layer.Info, await layer.FeaturesAsync(db, Query(publicOnly, streetCode), ct));
    }

    /// <summary>Every visible layer with its features, in draw order (one layer after the other: the context is not
    /// thread-safe).</summary>
    /// <param name="publicOnly">Public map.</param>
    /// <param name="streetCode">12-digit street code or null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<MapLayerData>> AllAsync(bool publicOnly, string? streetCode, CancellationToken ct = default)
    {
        var q = Query(publicOnly, streetCode);
        var list = new List<MapLayerData>();
        foreach (var l in Visible(publicOnly)) list.Add(new MapLayerData(l.Info, await l.FeaturesAsync(db, q, ct)));
        return list;
    }

    private MapLayerQuery Query(bool publicOnly, string? streetCode) => new(publicOnly, streetCode, BeijingTime.Date(time.GetUtcNow()));
}
