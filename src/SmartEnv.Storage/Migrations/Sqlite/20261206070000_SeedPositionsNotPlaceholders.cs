using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <summary>
    /// Data only (no schema change, hence no target model): the seed used to put six sites without a published position on
    /// a placeholder spot, the DataV centroid of 江北区 (106.707045, 29.613285), where the overview map drew them under each
    /// other. Stores seeded before get what the seed now says: no position (null), not approximate, and the source
    /// "no position: …" (the rest of the old source text kept). Only rows whose source still names the placeholder change.
    /// </summary>
    [DbContext(typeof(SqliteSmartEnvDbContext))]
    [Migration("20261206070000_SeedPositionsNotPlaceholders")]
    public partial class SeedPositionsNotPlaceholders : Migration
    {
        /// <summary>The source text prefix of the old seed's placeholder positions.</summary>
        public const string PlaceholderPrefix = "approximate placeholder: DataV centroid of 江北区 (GCJ-02); ";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(
            "UPDATE sites SET longitude = NULL, latitude = NULL, coordinates_approximate = 0, " +
            "coordinate_source = 'no position: ' || SUBSTR(coordinate_source, " + (PlaceholderPrefix.Length + 1) + ") " +
            "WHERE SUBSTR(coordinate_source, 1, " + PlaceholderPrefix.Length + ") = '" + PlaceholderPrefix + "';");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Not restored: the placeholder was never a position.
        }
    }
}
