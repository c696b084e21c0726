namespace SmartEnv.Supervision.Complaints.Statistics;

/// <summary>One occupied grid cell.</summary>
/// <param name="Column">Cell column east of the grid origin (0-based; negative west of it).</param>
/// <param name="Row">Cell row north of the grid origin (0-based; negative south of it).</param>
/// <param name="Latitude">Centre of the cell's points: mean latitude, decimal degrees.</param>
/// <param name="Longitude">Centre of the cell's points: mean longitude, decimal degrees.</param>
/// <param name="CellSouth">Latitude of the cell's southern edge.</param>
/// <param name="CellWest">Longitude of the cell's western edge.</param>
/// <param name="CellNorth">Latitude of the cell's northern edge.</param>
/// <param name="CellEast">Longitude of the cell's eastern edge.</param>
/// <param name="Count">Cases in the cell.</param>
/// <param name="Numbers">Their case numbers, ordinal order.</param>
public sealed record Hotspot(int Column, int Row, double Latitude, double Longitude, double CellSouth, double CellWest,
    double CellNorth, double CellEast, int Count, IReadOnlyList<string> Numbers);

/// <summary>
/// Clusters located complaints into square grid cells of a given size for the hotspot map. Projection: local
/// equirectangular around the district — x = R·Δλ·cos φ₀, y = R·Δφ (radians) from the origin <see cref="OriginLatitude"/>,
/// <see cref="OriginLongitude"/> (a round point just south-west of 江北区, whose outline spans 29.552–29.679 °N,
/// 106.451–106.894 °E in <c>wwwroot/geo/jiangbei_neighbors_districts.json</c>), with φ₀ = <see cref="ScaleLatitude"/> (the
/// district's middle latitude) and R = 6 371 008.8 m (the mean radius DuplicateRule uses). Inside the district the east-west
/// scale error is within ±0.07 % (cos φ varies by that much over ±0.065°), i.e. under 30 m across its 43 km width;
/// north-south is exact on the sphere. Far outside the district cells stop being square; the grid still works. Coordinates
/// are taken as given (the store's datum; the grid does not convert WGS-84/GCJ-02 — both shift a whole cell pattern alike).
/// Cell (col, row) = (⌊x ÷ size⌋, ⌊y ÷ size⌋). SmartEnv rule (no standard defines complaint hotspots). Pure, thread-safe.
/// </summary>
public static class HotspotGrid
{
    /// <summary>Grid origin latitude (south-west of the district), degrees.</summary>
    public const double OriginLatitude = 29.55;

    /// <summary>Grid origin longitude (south-west of the district), degrees.</summary>
    public const double OriginLongitude = 106.45;

    /// <summary>Latitude whose cosine scales longitude differences (the district's middle latitude), degrees.</summary>
    public const double ScaleLatitude = 29.615;

    /// <summary>Earth radius, metres (IUGG mean radius, as DuplicateRule).</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Smallest cell accepted, metres.</summary>
    public const double MinCellMetres = 50;

    /// <summary>Largest cell accepted, metres.</summary>
    public const double MaxCellMetres = 20_000;

    private static readonly double MetresPerDegreeLat = EarthRadiusMetres * Math.PI / 180;
    private static readonly double MetresPerDegreeLon = MetresPerDegreeLat * Math.Cos(ScaleLatitude * Math.PI / 180);

    /// <summary>Clusters points into cells; the result is ordered by count (most first), then row and column.</summary>
    /// <param name="pts">Points: latitude and longitude in decimal degrees, and the case number.</param>
    /// <param name="cellMetres">Cell edge in metres, <see cref="MinCellMetres"/>–<see cref="MaxCellMetres"/>.</param>
    /// <returns>One <see cref="Hotspot"/> per occupied cell.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Cell size out of range or not finite; a point with a latitude outside
    /// −90…90, a longitude outside −180…180 or a non-finite coordinate.</exception>
    public static IReadOnlyList<Hotspot> Cluster(IReadOnlyList<(double Lat, double Lon, string Number)> pts, double cellMetres)
    {
        ArgumentNullException.ThrowIfNull(pts);
        if (!double.IsFinite(cellMetres) || cellMetres < MinCellMetres || cellMetres > MaxCellMetres)
            throw new ArgumentOutOfRangeException(nameof(cellMetres), cellMetres, $"cell size {MinCellMetres}–{MaxCellMetres} m");
        var cells = new Dictionary<(int Col, int Row), List<(double Lat, double Lon, string Number)>>();
        foreach (var p in pts)
        {
            if (!double.IsFinite(p.Lat) || !double.IsFinite(p.Lon) || p.Lat is < -90 or > 90 || p.Lon is < -180 or > 180)
                throw new ArgumentOutOfRangeException(nameof(pts), $"{p.Number}: ({p.Lat}, {p.Lon}) is not a latitude/longitude");
            var key = CellOf(p.Lat, p.Lon, cellMetres);
            if (!cells.TryGetValue(key, out var list)) cells[key] = list = [];
            list.Add(p);
        }
        return cells.Select(kv =>
            {
                var (col, row) = kv.Key;
                var (south, west) = Corner(col, row, cellMetres);
                var (north, east) = Corner(col + 1, row + 1, cellMetres);
                return new Hotspot(col, row, kv.Value.Average(p => p.Lat), kv.Value.Average(p => p.Lon), south, west, north, east,
                    kv.Value.Count, kv.Value.Select(p => p.Number).Order(StringComparer.Ordinal).ToList());
            })
            .OrderByDescending(h => h.Count).ThenBy(h => h.Row).ThenBy(h => h.Column).ToList();
    }

    /// <summary>The cell (column, row) of a point.</summary>
    /// <param name="lat">Latitude, degrees.</param>
    /// <param name="lon">Longitude, degrees.</param>
    /// <param name="cellMetres">Cell edge, metres (not checked here).</param>
    public static (int Column, int Row) CellOf(double lat, double lon, double cellMetres)
    {
        var x = (lon - OriginLongitude) * MetresPerDegreeLon;
        var y = (lat - OriginLatitude) * MetresPerDegreeLat;
        return ((int)Math.Floor(x / cellMetres), (int)Math.Floor(y / cellMetres));
    }

    /// <summary>Latitude and longitude of the south-west corner of a cell.</summary>
    private static (double Lat, double Lon) Corner(int col, int row, double cellMetres) =>
        (OriginLatitude + row * cellMetres / MetresPerDegreeLat, OriginLongitude + col * cellMetres / MetresPerDegreeLon);
}
