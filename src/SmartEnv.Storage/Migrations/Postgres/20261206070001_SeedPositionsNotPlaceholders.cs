using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <summary>Data only, no schema change (hence no target model): <see cref="PlaceholderPositions"/>.</summary>
    [DbContext(typeof(PostgresSmartEnvDbContext))]
    [Migration("20261206070001_SeedPositionsNotPlaceholders")]
    public partial class SeedPositionsNotPlaceholders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(PlaceholderPositions.ClearSql("FALSE"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Not restored: the placeholder was never a position.
        }
    }
}
