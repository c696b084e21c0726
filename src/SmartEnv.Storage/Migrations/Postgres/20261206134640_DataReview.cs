using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "reviewed",
                table: "hourly_aqi",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "review_excluded_hours",
                table: "daily_aqi",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "reviewed",
                table: "daily_aqi",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "review_marks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    observation_id = table.Column<long>(type: "bigint", nullable: true),
                    parameter_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    from_hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    to_hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    text = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    restores_id = table.Column<long>(type: "bigint", nullable: true),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            // The realtime rows go first (the old unique index has no series column).
            migrationBuilder.Sql("DELETE FROM hourly_aqi WHERE NOT reviewed;");
            migrationBuilder.Sql("DELETE FROM daily_aqi WHERE NOT reviewed;");

            migrationBuilder.DropColumn(
                name: "review_excluded_hours",
                table: "hourly_aqi");

            migrationBuilder.DropColumn(
                name: "reviewed",
                table: "hourly_aqi");

            migrationBuilder.DropColumn(
                name: "review_excluded_hours",
                table: "daily_aqi");

            migrationBuilder.DropColumn(
                name: "reviewed",
                table: "daily_aqi");

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
