using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MedicalWaste : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mw_annual_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    generated_kg = table.Column<string>(type: "TEXT", precision: 14, scale: 3, nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mw_annual_reports", x => x.id);
                    table.ForeignKey(
                        name: "FK_mw_annual_reports_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mw_collections",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    facility_id = table.Column<long>(type: "INTEGER", nullable: false),
                    collector_uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    weight_kg = table.Column<string>(type: "TEXT", precision: 12, scale: 3, nullable: false),
                    manifest_number = table.Column<string>(type: "TEXT", maxLength: 14, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mw_collections", x => x.id);
                    table.CheckConstraint("ck_mw_collections_weight", "\"weight_kg\" > 0");
                    table.ForeignKey(
                        name: "FK_mw_collections_enterprises_collector_uscc",
                        column: x => x.collector_uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mw_collections_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mw_collections_hw_facilities_facility_id",
                        column: x => x.facility_id,
                        principalTable: "hw_facilities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mw_handovers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    facility_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    waste_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    weight_kg = table.Column<string>(type: "TEXT", precision: 12, scale: 3, nullable: false),
                    packages = table.Column<int>(type: "INTEGER", nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    handed_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    received_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    collection_id = table.Column<long>(type: "INTEGER", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mw_handovers", x => x.id);
                    table.CheckConstraint("ck_mw_handovers_category", "\"category\" IN ('infectious','sharps','pathological','pharmaceutical','chemical')");
                    table.CheckConstraint("ck_mw_handovers_packages", "\"packages\" >= 1");
                    table.CheckConstraint("ck_mw_handovers_weight", "\"weight_kg\" > 0");
                    table.ForeignKey(
                        name: "FK_mw_handovers_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mw_handovers_hw_facilities_facility_id",
                        column: x => x.facility_id,
                        principalTable: "hw_facilities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mw_handovers_mw_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "mw_collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mw_annual_reports_uscc_year",
                table: "mw_annual_reports",
                columns: new[] { "uscc", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mw_collections_collector_uscc",
                table: "mw_collections",
                column: "collector_uscc");

            migrationBuilder.CreateIndex(
                name: "IX_mw_collections_facility_id_at",
                table: "mw_collections",
                columns: new[] { "facility_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_mw_collections_uscc_at",
                table: "mw_collections",
                columns: new[] { "uscc", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_mw_handovers_at",
                table: "mw_handovers",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_mw_handovers_collection_id",
                table: "mw_handovers",
                column: "collection_id");

            migrationBuilder.CreateIndex(
                name: "IX_mw_handovers_facility_id_collection_id_at",
                table: "mw_handovers",
                columns: new[] { "facility_id", "collection_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_mw_handovers_uscc_at",
                table: "mw_handovers",
                columns: new[] { "uscc", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mw_annual_reports");

            migrationBuilder.DropTable(
                name: "mw_handovers");

            migrationBuilder.DropTable(
                name: "mw_collections");
        }
    }
}
