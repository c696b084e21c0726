using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <summary>Adds <c>sites.in_district</c> (true for existing rows, except sites created by a file import).</summary>
    public partial class SiteInDistrict : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "in_district",
                table: "sites",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            // Sites that an earlier import created for stations outside the district (the importers wrote this note);
            // they leave the district's views and the public subset. The bureau can register them again as its own.
            migrationBuilder.Sql("UPDATE sites SET in_district = 0, is_public = 0 WHERE note LIKE 'created by cnemc-sites import%' OR note LIKE 'created by cnemc-water import%' OR note LIKE 'created by prsa import%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "in_district",
                table: "sites");
        }
    }
}
