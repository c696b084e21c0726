namespace SmartEnv.Storage.Migrations;

/// <summary>
/// The data fix of migration <c>SeedPositionsNotPlaceholders</c> (one per provider): seeds before 2026-12-06 put six sites
/// without a published position on a placeholder spot, the DataV centroid of 江北区 (106.707045, 29.613285, GCJ-02), where
/// the overview map drew them under each other. Such rows get what the seed now says: no position (null), not
/// approximate, source "no position: " + the rest of the old source text. Only rows whose source still starts with
/// <see cref="Prefix"/> change (an operator's own position is kept). Pure; thread-safe.
/// </summary>
internal static class PlaceholderPositions
{
    /// <summary>The source text prefix of the old seed's placeholder positions.</summary>
    public const string Prefix = "approximate placeholder: DataV centroid of 江北区 (GCJ-02); ";

    /// <summary>The UPDATE statement (standard SQL: SUBSTR and || on SQLite and PostgreSQL; lengths in characters).</summary>
    /// <param name="falseLiteral">The provider's literal for false in <c>coordinates_approximate</c>: <c>0</c> (SQLite
    /// INTEGER) or <c>FALSE</c> (PostgreSQL boolean).</param>
    public static string ClearSql(string falseLiteral) =>
        $"UPDATE sites SET longitude = NULL, latitude = NULL, coordinates_approximate = {falseLiteral}, " +
        $"coordinate_source = 'no position: ' || SUBSTR(coordinate_source, {Prefix.Length + 1}) " +
        $"WHERE SUBSTR(coordinate_source, 1, {Prefix.Length}) = '{Prefix}';";
}
