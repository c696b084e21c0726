using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    project_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    builder_uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    contractor_uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    longitude = table.Column<string>(type: "TEXT", precision: 10, scale: 6, nullable: true),
                    latitude = table.Column<string>(type: "TEXT", precision: 10, scale: 6, nullable: true),
                    floor_area_m2 = table.Column<string>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    phase = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    end_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    blacklisted = table.Column<bool>(type: "INTEGER", nullable: false),
                    blacklisted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    blacklist_note = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_construction_sites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "construction_cards",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    construction_site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    colour = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    dust_hours = table.Column<int>(type: "INTEGER", nullable: false),
                    noise_hours = table.Column<int>(type: "INTEGER", nullable: false),
                    complaints = table.Column<int>(type: "INTEGER", nullable: false),
                    findings = table.Column<int>(type: "INTEGER", nullable: false),
                    rectify_days = table.Column<int>(type: "INTEGER", nullable: true),
                    blacklist = table.Column<bool>(type: "INTEGER", nullable: false),
                    reasons_json = table.Column<string>(type: "TEXT", nullable: false),
                    evidence_json = table.Column<string>(type: "TEXT", nullable: false),
                    thresholds_json = table.Column<string>(type: "TEXT", nullable: false),
                    rule_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    evaluated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    evaluated_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    construction_site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    mn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    dust_unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    bound_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_construction_monitors", x => x.id);
                    table.ForeignKey(
                        name: "FK_construction_monitors_construction_sites_construction_site_id",
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    construction_site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    parameter = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    limit_ug_m3 = table.Column<string>(type: "TEXT", precision: 12, scale: 3, nullable: false),
                    preset = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    set_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_construction_thresholds", x => x.id);
                    table.ForeignKey(
                        name: "FK_construction_thresholds_construction_sites_construction_site_id",
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
