using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Emergency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "emergency_documents",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    unit_id = table.Column<long>(type: "INTEGER", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    bytes = table.Column<int>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_documents", x => x.id);
                    table.ForeignKey(
                        name: "FK_emergency_documents_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "emergency_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    learned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    deaths = table.Column<int>(type: "INTEGER", nullable: true),
                    injured = table.Column<int>(type: "INTEGER", nullable: true),
                    evacuated = table.Column<int>(type: "INTEGER", nullable: true),
                    loss_yuan = table.Column<string>(type: "TEXT", precision: 16, scale: 2, nullable: true),
                    water_intake = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    cross_boundary = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    circumstances = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    decisive_rule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    report_as = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    deadline_reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    report_due = table.Column<long>(type: "INTEGER", nullable: false),
                    report_state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    rules_version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_plans",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    plan_version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    signed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    filing_due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    filing_due_provisional = table.Column<bool>(type: "INTEGER", nullable: false),
                    review_due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    submitted_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    check_due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    checked_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    checked_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    filing_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    refile_by = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    rules_version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_plans", x => x.id);
                    table.ForeignKey(
                        name: "FK_emergency_plans_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "emergency_risk_units",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    expression = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    assessed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    is_key = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_risk_units", x => x.id);
                    table.ForeignKey(
                        name: "FK_emergency_risk_units_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "emergency_event_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    event_id = table.Column<long>(type: "INTEGER", nullable: false),
                    seq = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_event_reports", x => x.id);
                    table.ForeignKey(
                        name: "FK_emergency_event_reports_emergency_events_event_id",
                        column: x => x.event_id,
                        principalTable: "emergency_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "emergency_plan_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    doc_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    bytes = table.Column<int>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_plan_attachments", x => x.id);
                    table.ForeignKey(
                        name: "FK_emergency_plan_attachments_emergency_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "emergency_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "emergency_risk_substances",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    unit_id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    cas = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    on_site_tonnes = table.Column<string>(type: "TEXT", precision: 14, scale: 4, nullable: false),
                    critical_tonnes = table.Column<string>(type: "TEXT", precision: 14, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_risk_substances", x => x.id);
                    table.ForeignKey(
                        name: "FK_emergency_risk_substances_emergency_risk_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "emergency_risk_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_documents_uscc_kind",
                table: "emergency_documents",
                columns: new[] { "uscc", "kind" });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_event_reports_event_id_seq",
                table: "emergency_event_reports",
                columns: new[] { "event_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_events_learned_at",
                table: "emergency_events",
                column: "learned_at");

            migrationBuilder.CreateIndex(
                name: "IX_emergency_plan_attachments_plan_id_doc_code",
                table: "emergency_plan_attachments",
                columns: new[] { "plan_id", "doc_code" });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_plans_filing_number",
                table: "emergency_plans",
                column: "filing_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_plans_uscc_state",
                table: "emergency_plans",
                columns: new[] { "uscc", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_risk_substances_unit_id",
                table: "emergency_risk_substances",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "IX_emergency_risk_units_uscc",
                table: "emergency_risk_units",
                column: "uscc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "emergency_documents");

            migrationBuilder.DropTable(
                name: "emergency_event_reports");

            migrationBuilder.DropTable(
                name: "emergency_plan_attachments");

            migrationBuilder.DropTable(
                name: "emergency_risk_substances");

            migrationBuilder.DropTable(
                name: "emergency_events");

            migrationBuilder.DropTable(
                name: "emergency_plans");

            migrationBuilder.DropTable(
                name: "emergency_risk_units");
        }
    }
}
