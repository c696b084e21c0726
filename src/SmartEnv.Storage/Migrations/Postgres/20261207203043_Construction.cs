using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Construction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "construction_sites",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    project_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    builder_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    contractor_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    street_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    longitude = table.Column<decimal>(type: "numeric(10,6)", precision: 10, scale: 6, nullable: true),
                    latitude = table.Column<decimal>(type: "numeric(10,6)", precision: 10, scale: 6, nullable: true),
                    floor_area_m2 = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    phase = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: true),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    blacklisted = table.Column<bool>(type: "boolean", nullable: false),
                    blacklisted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    blacklist_note = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_construction_sites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "construction_cards",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    construction_site_id = table.Column<long>(type: "bigint", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    colour = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    dust_hours = table.Column<int>(type: "integer", nullable: false),
                    noise_hours = table.Column<int>(type: "integer", nullable: false),
                    complaints = table.Column<int>(type: "integer", nullable: false),
                    findings = table.Column<int>(type: "integer", nullable: false),
                    rectify_days = table.Column<int>(type: "integer", nullable: true),
                    blacklist = table.Column<bool>(type: "boolean", nullable: false),
                    reasons_json = table.Column<string>(type: "text", nullable: false),
                    evidence_json = table.Column<string>(type: "text", nullable: false),
                    thresholds_json = table.Column<string>(type: "text", nullable: false),
                    rule_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    evaluated_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_construction_cards", x => x.id);
                    table.ForeignKey(
                        name: "FK_construction_cards_construction_sites_construction_site_id",
                        column: x => x.construction_site_id,
                        principalTable: "construction_sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "construction_monitors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    construction_site_id = table.Column<long>(type: "bigint", nullable: false),
                    mn = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    dust_unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    bound_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_construction_monitors", x => x.id);
                    table.ForeignKey(
                        name: "FK_construction_monitors_construction_sites_construction_site_~",
                        column: x => x.construction_site_id,
                        principalTable: "construction_sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_construction_monitors_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "construction_thresholds",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    construction_site_id = table.Column<long>(type: "bigint", nullable: false),
                    parameter = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    limit_ug_m3 = table.Column<decimal>(type: "numeric(12,3)", precision: 12, scale: 3, nullable: false),
                    preset = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    source = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_construction_thresholds", x => x.id);
                    table.ForeignKey(
                        name: "FK_construction_thresholds_construction_sites_construction_sit~",
                        column: x => x.construction_site_id,
                        principalTable: "construction_sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_construction_cards_construction_site_id_month",
                table: "construction_cards",
                columns: new[] { "construction_site_id", "month" });

            migrationBuilder.CreateIndex(
                name: "IX_construction_monitors_construction_site_id",
                table: "construction_monitors",
                column: "construction_site_id");

            migrationBuilder.CreateIndex(
                name: "IX_construction_monitors_mn",
                table: "construction_monitors",
                column: "mn",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_construction_monitors_site_id",
                table: "construction_monitors",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "IX_construction_sites_builder_uscc",
                table: "construction_sites",
                column: "builder_uscc");

            migrationBuilder.CreateIndex(
                name: "IX_construction_sites_code",
                table: "construction_sites",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_construction_sites_contractor_uscc",
                table: "construction_sites",
                column: "contractor_uscc");

            migrationBuilder.CreateIndex(
                name: "IX_construction_thresholds_construction_site_id_parameter",
                table: "construction_thresholds",
                columns: new[] { "construction_site_id", "parameter" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "construction_cards");

            migrationBuilder.DropTable(
                name: "construction_monitors");

            migrationBuilder.DropTable(
                name: "construction_thresholds");

            migrationBuilder.DropTable(
                name: "construction_sites");
        }
    }
}
