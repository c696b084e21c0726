using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <summary>Imported measurements lose their pseudo-MN <c>file:FORMAT:STATION</c>: their provenance is the import
    /// run set by <c>MeasurementKey</c> (<see cref="MeasurementKeyData"/>).</summary>
    public partial class ImportsWithoutMn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MeasurementKeyData.ClearPseudoMnSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MeasurementKeyData.RestorePseudoMnSql);
        }
    }
}
