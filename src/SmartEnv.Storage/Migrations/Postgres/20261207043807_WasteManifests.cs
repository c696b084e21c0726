using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WasteManifests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hw_manifest_serials",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    division4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    next = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_manifest_serials", x => new { x.year, x.division4 });
                });

            migrationBuilder.CreateTable(
                name: "hw_manifests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    generator_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    generator_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    carrier_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    carrier_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    receiver_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    receiver_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    receiver_licence = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    from_facility_id = table.Column<long>(type: "bigint", nullable: false),
                    to_facility_id = table.Column<long>(type: "bigint", nullable: false),
                    vehicle = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    transport_licence = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    paper = table.Column<bool>(type: "boolean", nullable: false),
                    paper_transferred_on = table.Column<DateOnly>(type: "date", nullable: true),
                    backfill_due = table.Column<DateOnly>(type: "date", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    picked_up_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    arrived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    receipt_due = table.Column<DateOnly>(type: "date", nullable: true),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    discrepancy = table.Column<int>(type: "integer", nullable: false),
                    discrepancy_note = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_manifests", x => x.id);
                    table.CheckConstraint("ck_hw_manifests_kind", "\"kind\" IN ('hazardous','medical')");
                    table.CheckConstraint("ck_hw_manifests_state", "\"state\" IN ('draft','submitted','in_transit','arrived','accepted','partially_accepted','rejected','paper_pending')");
                    table.ForeignKey(
                        name: "FK_hw_manifests_enterprises_carrier_uscc",
                        column: x => x.carrier_uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hw_manifests_enterprises_generator_uscc",
                        column: x => x.generator_uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hw_manifests_enterprises_receiver_uscc",
                        column: x => x.receiver_uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hw_manifests_hw_facilities_from_facility_id",
                        column: x => x.from_facility_id,
                        principalTable: "hw_facilities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hw_manifests_hw_facilities_to_facility_id",
                        column: x => x.to_facility_id,
                        principalTable: "hw_facilities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hw_manifest_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    manifest_id = table.Column<long>(type: "bigint", nullable: false),
                    trigger = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    from_state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    to_state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    party_role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_manifest_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_manifest_events_hw_manifests_manifest_id",
                        column: x => x.manifest_id,
                        principalTable: "hw_manifests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hw_manifest_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    manifest_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    line_no = table.Column<int>(type: "integer", nullable: false),
                    waste_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    category = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    hazard = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    form = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    packaging = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    package_count = table.Column<int>(type: "integer", nullable: false),
                    quantity_t = table.Column<decimal>(type: "numeric(14,6)", precision: 14, scale: 6, nullable: false),
                    received_t = table.Column<decimal>(type: "numeric(14,6)", precision: 14, scale: 6, nullable: true),
                    method = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_manifest_lines", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_manifest_lines_hw_manifests_manifest_id",
                        column: x => x.manifest_id,
                        principalTable: "hw_manifests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hw_manifest_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    manifest_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    snapshot = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_manifest_versions", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_manifest_versions_hw_manifests_manifest_id",
                        column: x => x.manifest_id,
                        principalTable: "hw_manifests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifest_events_manifest_id_at",
                table: "hw_manifest_events",
                columns: new[] { "manifest_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifest_lines_manifest_id_version_line_no",
                table: "hw_manifest_lines",
                columns: new[] { "manifest_id", "version", "line_no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifest_lines_waste_code",
                table: "hw_manifest_lines",
                column: "waste_code");

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifest_versions_manifest_id_version",
                table: "hw_manifest_versions",
                columns: new[] { "manifest_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifests_carrier_uscc_created_at",
                table: "hw_manifests",
                columns: new[] { "carrier_uscc", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifests_from_facility_id",
                table: "hw_manifests",
                column: "from_facility_id");

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifests_generator_uscc_created_at",
                table: "hw_manifests",
                columns: new[] { "generator_uscc", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifests_number",
                table: "hw_manifests",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifests_receiver_uscc_created_at",
                table: "hw_manifests",
                columns: new[] { "receiver_uscc", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifests_state_receipt_due",
                table: "hw_manifests",
                columns: new[] { "state", "receipt_due" });

            migrationBuilder.CreateIndex(
                name: "IX_hw_manifests_to_facility_id",
                table: "hw_manifests",
                column: "to_facility_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hw_manifest_events");

            migrationBuilder.DropTable(
                name: "hw_manifest_lines");

            migrationBuilder.DropTable(
                name: "hw_manifest_serials");

            migrationBuilder.DropTable(
                name: "hw_manifest_versions");

            migrationBuilder.DropTable(
                name: "hw_manifests");
        }
    }
}
