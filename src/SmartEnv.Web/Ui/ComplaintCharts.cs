using System.Globalization;
using System.Text;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The district outline of 江北区 drawn as an SVG the public form can be clicked on (no script): a plain equirectangular
/// projection of the outline's bounding box (lon/lat degrees, GCJ-02 as <see cref="GeoData"/> reads it; x scaled by
/// cos(mid-latitude) so the shape is not stretched), <see cref="Width"/> px wide. Maps a click's offset in the picture
/// back to degrees. Pure; immutable; thread-safe. Source of the outline: DataV.GeoAtlas (wwwroot/geo/ATTRIBUTION.md).
/// </summary>
public sealed class DistrictOutline
{
    /// <summary>Picture width in CSS pixels (fits a 390 px phone with the page's margins).</summary>
    public const double Width = 320;

    /// <summary>Margin around the outline inside the picture, in pixels.</summary>
    public const double Margin = 6;

    /// <summary>Western edge of the picture, degrees east.</summary>
    public double West { get; }

    /// <summary>Eastern edge, degrees east.</summary>
    public double East { get; }

    /// <summary>Southern edge, degrees north.</summary>
    public double South { get; }

    /// <summary>Northern edge, degrees north.</summary>
    public double North { get; }

    /// <summary>Picture height in pixels (from the box's aspect).</summary>
    public double Height { get; }

    /// <summary>SVG path data of the outline's rings (<c>M x,y L … Z</c>, pixels).</summary>
    public string Path { get; }

    private DistrictOutline(IReadOnlyList<double[][]> rings)
    {
        var pts = rings.SelectMany(r => r).ToList();
        West = pts.Min(p => p[0]);
        East = pts.Max(p => p[0]);
        South = pts.Min(p => p[1]);
        North = pts.Max(p => p[1]);
        var cos = Math.Cos((South + North) / 2 * Math.PI / 180);
        Height = Math.Round((Width - 2 * Margin) * (North - South) / ((East - West) * cos) + 2 * Margin, 1);
        var sb = new StringBuilder();
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Length; i++)
            {
                var (x, y) = ToPixel(ring[i][1], ring[i][0]);
                sb.Append(i == 0 ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
            }
            sb.Append('Z');
        }
        Path = sb.ToString();
    }

    /// <summary>The outline of the district named <paramref name="name"/> among <paramref name="rings"/>, or null when absent.</summary>
    /// <param name="rings"><see cref="GeoData.Rings"/>.</param>
    /// <param name="name">District name, default 江北区.</param>
    public static DistrictOutline? Of(IReadOnlyList<(string Name, double[][] Ring)> rings, string name = "江北区")
    {
        ArgumentNullException.ThrowIfNull(rings);
        var mine = rings.Where(r => r.Name == name && r.Ring.Length > 2).Select(r => r.Ring).ToList();
        return mine.Count == 0 ? null : new DistrictOutline(mine);
    }

    /// <summary>Pixel position of a point (may fall outside the picture).</summary>
    /// <param name="latitude">Degrees north.</param>
    /// <param name="longitude">Degrees east.</param>
    public (double X, double Y) ToPixel(double latitude, double longitude) =>
        (Margin + (longitude - West) / (East - West) * (Width - 2 * Margin), Margin + (North - latitude) / (North - South) * (Height - 2 * Margin));

    /// <summary>The point under a click at pixel offset (<paramref name="x"/>, <paramref name="y"/>), rounded to 6 decimals
    /// (≈ 0.1 m), or null outside the outline's box.</summary>
    /// <param name="x">Offset from the picture's left edge, pixels.</param>
    /// <param name="y">Offset from its top edge, pixels.</param>
    public (double Latitude, double Longitude)? FromPixel(double x, double y)
    {
        var lon = West + (x - Margin) / (Width - 2 * Margin) * (East - West);
        var lat = North - (y - Margin) / (Height - 2 * Margin) * (North - South);
        if (lon < West || lon > East || lat < South || lat > North) return null;
        return (Math.Round(lat, 6), Math.Round(lon, 6));
    }
}
