using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WasteLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hw_facilities",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    capacity_t = table.Column<decimal>(type: "numeric(14,6)", precision: 14, scale: 6, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_facilities", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_facilities_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hw_facilities_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hw_parties",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    roles = table.Column<int>(type: "integer", nullable: false),
                    hw_licence_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    transport_licence = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    division_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    is_business_unit = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_parties", x => x.uscc);
                    table.ForeignKey(
                        name: "FK_hw_parties_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hw_containers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    identifier = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    identifier_format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    list_version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    waste_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    category = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    form = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    hazard = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    main_components = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    harmful_components = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    precautions = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    container_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    volume_l = table.Column<decimal>(type: "numeric(12,3)", precision: 12, scale: 3, nullable: true),
                    generated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    generation_batch = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    quantity_t = table.Column<decimal>(type: "numeric(14,6)", precision: 14, scale: 6, nullable: false),
                    quantity_as_given = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    unit_as_given = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    generating_facility_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    facility_id = table.Column<long>(type: "bigint", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    manifest_number = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: true),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_containers", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_containers_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hw_containers_hw_facilities_facility_id",
                        column: x => x.facility_id,
                        principalTable: "hw_facilities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hw_ledger_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    batch_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    container_id = table.Column<long>(type: "bigint", nullable: true),
                    container_identifier = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    package_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    package_count = table.Column<int>(type: "integer", nullable: false),
                    waste_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    category = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    quantity_t = table.Column<decimal>(type: "numeric(14,6)", precision: 14, scale: 6, nullable: false),
                    quantity_as_given = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    unit_as_given = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    facility_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    facility_kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    handler = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    handler_to = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    destination = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    method = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    receiver_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    receiver_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    receiver_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    receiver_licence = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    manifest_number = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: true),
                    linked_batch = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    corrects_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    list_version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_ledger_entries", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_ledger_entries_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hw_ledger_entries_hw_containers_container_id",
                        column: x => x.container_id,
                        principalTable: "hw_containers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hw_ledger_entries_hw_ledger_entries_corrects_entry_id",
                        column: x => x.corrects_entry_id,
                        principalTable: "hw_ledger_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hw_containers_facility_id",
                table: "hw_containers",
                column: "facility_id");

            migrationBuilder.CreateIndex(
                name: "IX_hw_containers_identifier",
                table: "hw_containers",
                column: "identifier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_containers_manifest_number",
                table: "hw_containers",
                column: "manifest_number");

            migrationBuilder.CreateIndex(
                name: "IX_hw_containers_uscc_generated_at",
                table: "hw_containers",
                columns: new[] { "uscc", "generated_at" });

            migrationBuilder.CreateIndex(
                name: "IX_hw_containers_waste_code",
                table: "hw_containers",
                column: "waste_code");

            migrationBuilder.CreateIndex(
                name: "IX_hw_facilities_site_id",
                table: "hw_facilities",
                column: "site_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_facilities_uscc_code",
                table: "hw_facilities",
                columns: new[] { "uscc", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_ledger_entries_container_id",
                table: "hw_ledger_entries",
                column: "container_id");

            migrationBuilder.CreateIndex(
                name: "IX_hw_ledger_entries_corrects_entry_id",
                table: "hw_ledger_entries",
                column: "corrects_entry_id");

            migrationBuilder.CreateIndex(
                name: "IX_hw_ledger_entries_manifest_number",
                table: "hw_ledger_entries",
                column: "manifest_number");

            migrationBuilder.CreateIndex(
                name: "IX_hw_ledger_entries_uscc_at",
                table: "hw_ledger_entries",
                columns: new[] { "uscc", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hw_ledger_entries");

            migrationBuilder.DropTable(
                name: "hw_parties");

            migrationBuilder.DropTable(
                name: "hw_containers");

            migrationBuilder.DropTable(
                name: "hw_facilities");
        }
    }
}
