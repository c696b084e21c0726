using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_hourly_aqi_site_id_hour_start_regime_id",
                table: "hourly_aqi");

            migrationBuilder.DropIndex(
                name: "IX_daily_aqi_site_id_date_regime_id",
                table: "daily_aqi");

            migrationBuilder.AddColumn<int>(
                name: "review_excluded_hours",
                table: "hourly_aqi",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "reviewed",
                table: "hourly_aqi",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "review_excluded_hours",
                table: "daily_aqi",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "reviewed",
                table: "daily_aqi",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "review_marks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    observation_id = table.Column<long>(type: "INTEGER", nullable: true),
                    parameter_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    from_hour = table.Column<long>(type: "INTEGER", nullable: false),
                    to_hour = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    restores_id = table.Column<long>(type: "INTEGER", nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_marks", x => x.id);
                    table.ForeignKey(
                        name: "FK_review_marks_observations_observation_id",
                        column: x => x.observation_id,
                        principalTable: "observations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_review_marks_review_marks_restores_id",
                        column: x => x.restores_id,
                        principalTable: "review_marks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_review_marks_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hourly_aqi_site_id_hour_start_regime_id_reviewed",
                table: "hourly_aqi",
                columns: new[] { "site_id", "hour_start", "regime_id", "reviewed" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_daily_aqi_site_id_date_regime_id_reviewed",
                table: "daily_aqi",
                columns: new[] { "site_id", "date", "regime_id", "reviewed" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_marks_observation_id",
                table: "review_marks",
                column: "observation_id");

            migrationBuilder.CreateIndex(
                name: "IX_review_marks_restores_id",
                table: "review_marks",
                column: "restores_id");

            migrationBuilder.CreateIndex(
                name: "IX_review_marks_site_id_from_hour",
                table: "review_marks",
                columns: new[] { "site_id", "from_hour" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_marks");

            migrationBuilder.DropIndex(
                name: "IX_hourly_aqi_site_id_hour_start_regime_id_reviewed",
                table: "hourly_aqi");

            migrationBuilder.DropIndex(
                name: "IX_daily_aqi_site_id_date_regime_id_reviewed",
                table: "daily_aqi");

            // Raw SQL: the designers of MeasurementKey / ImportsWithoutMn carry no StoredAqiProvenance columns, so an EF table
            // rebuild here would drop them; SQLite ≥ 3.35 drops the columns itself. The realtime rows go first (the old
            // unique index has no series column).
            migrationBuilder.Sql("DELETE FROM hourly_aqi WHERE reviewed = 0;");
            migrationBuilder.Sql("DELETE FROM daily_aqi WHERE reviewed = 0;");
            foreach (var (table, column) in new[] { ("hourly_aqi", "review_excluded_hours"), ("hourly_aqi", "reviewed"), ("daily_aqi", "review_excluded_hours"), ("daily_aqi", "reviewed") })
                migrationBuilder.Sql($"ALTER TABLE {table} DROP COLUMN {column};");

            migrationBuilder.CreateIndex(
                name: "IX_hourly_aqi_site_id_hour_start_regime_id",
                table: "hourly_aqi",
                columns: new[] { "site_id", "hour_start", "regime_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_daily_aqi_site_id_date_regime_id",
                table: "daily_aqi",
                columns: new[] { "site_id", "date", "regime_id" },
                unique: true);
        }
    }
}
