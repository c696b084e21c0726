using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <summary>Data only, no schema change (target model = PlanValueValidity's, in the Designer, for SQLite table rebuilds
    /// of later Downs): <see cref="PlaceholderPositions"/>.</summary>
    [DbContext(typeof(SqliteSmartEnvDbContext))]
    [Migration("20261206070000_SeedPositionsNotPlaceholders")]
    public partial class SeedPositionsNotPlaceholders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(PlaceholderPositions.ClearSql("0"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Not restored: the placeholder was never a position.
        }
    }
}
