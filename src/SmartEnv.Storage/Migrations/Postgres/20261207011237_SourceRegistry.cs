using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SourceRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "contact_name",
                table: "enterprises",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contact_phone",
                table: "enterprises",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "industry_code",
                table: "enterprises",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_key_discharger",
                table: "enterprises",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "latitude",
                table: "enterprises",
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "longitude",
                table: "enterprises",
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "management_category",
                table: "enterprises",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "street_code",
                table: "enterprises",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "enterprises",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "permits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    number = table.Column<string>(type: "character varying(22)", maxLength: 22, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_permits", x => x.id);
                    table.ForeignKey(
                        name: "FK_permits_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "execution_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    permit_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    folded_into = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    submitted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    note = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_execution_reports", x => x.id);
                    table.ForeignKey(
                        name: "FK_execution_reports_permits_permit_id",
                        column: x => x.permit_id,
                        principalTable: "permits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "permit_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    permit_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: false),
                    renewal_filed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    report_annual = table.Column<bool>(type: "boolean", nullable: false),
                    report_semiannual = table.Column<bool>(type: "boolean", nullable: false),
                    report_quarterly = table.Column<bool>(type: "boolean", nullable: false),
                    report_monthly = table.Column<bool>(type: "boolean", nullable: false),
                    change_reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_permit_versions", x => x.id);
                    table.ForeignKey(
                        name: "FK_permit_versions_permits_permit_id",
                        column: x => x.permit_id,
                        principalTable: "permits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "permit_outlets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    permit_version_id = table.Column<long>(type: "bigint", nullable: false),
                    code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    medium = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    longitude = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: true),
                    latitude = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: true),
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    expected_interval_minutes = table.Column<int>(type: "integer", nullable: false, defaultValue: 60)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_permit_outlets", x => x.id);
                    table.ForeignKey(
                        name: "FK_permit_outlets_permit_versions_permit_version_id",
                        column: x => x.permit_version_id,
                        principalTable: "permit_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_permit_outlets_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "permit_limits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    permit_outlet_id = table.Column<long>(type: "bigint", nullable: false),
                    parameter_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    limit_value = table.Column<decimal>(type: "numeric", nullable: false),
                    unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    standard_ref = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    reference_o2 = table.Column<decimal>(type: "numeric", nullable: true),
                    annual_quantity_t = table.Column<decimal>(type: "numeric", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_permit_limits", x => x.id);
                    table.ForeignKey(
                        name: "FK_permit_limits_permit_outlets_permit_outlet_id",
                        column: x => x.permit_outlet_id,
                        principalTable: "permit_outlets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_execution_reports_due_on",
                table: "execution_reports",
                column: "due_on");

            migrationBuilder.CreateIndex(
                name: "IX_execution_reports_permit_id_kind_period_start",
                table: "execution_reports",
                columns: new[] { "permit_id", "kind", "period_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_permit_limits_permit_outlet_id_parameter_code",
                table: "permit_limits",
                columns: new[] { "permit_outlet_id", "parameter_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_permit_outlets_permit_version_id_code",
                table: "permit_outlets",
                columns: new[] { "permit_version_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_permit_outlets_site_id",
                table: "permit_outlets",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "IX_permit_versions_permit_id_version",
                table: "permit_versions",
                columns: new[] { "permit_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_permits_number",
                table: "permits",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_permits_uscc",
                table: "permits",
                column: "uscc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "execution_reports");

            migrationBuilder.DropTable(
                name: "permit_limits");

            migrationBuilder.DropTable(
                name: "permit_outlets");

            migrationBuilder.DropTable(
                name: "permit_versions");

            migrationBuilder.DropTable(
                name: "permits");

            migrationBuilder.DropColumn(
                name: "contact_name",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "contact_phone",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "industry_code",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "is_key_discharger",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "latitude",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "longitude",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "management_category",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "street_code",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "enterprises");
        }
    }
}
