using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SupervisionIssue20 : Migration
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
                name: "drainage_outlets",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    river = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    bank = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    longitude = table.Column<string>(type: "TEXT", precision: 10, scale: 6, nullable: true),
                    latitude = table.Column<string>(type: "TEXT", precision: 10, scale: 6, nullable: true),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    responsible_unit = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    responsible_uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    target_class = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    camera_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    level_sensor_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    flow_sensor_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    rules_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drainage_outlets", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "drainage_samples",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    outlet_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sampled_at = table.Column<long>(type: "INTEGER", nullable: false),
                    gb3838_class = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    gb3838_applies = table.Column<bool>(type: "INTEGER", nullable: false),
                    meets_target = table.Column<bool>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drainage_samples", x => x.id);
                    table.ForeignKey(
                        name: "FK_drainage_samples_drainage_outlets_outlet_id",
                        column: x => x.outlet_id,
                        principalTable: "drainage_outlets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "drainage_status_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    outlet_id = table.Column<long>(type: "INTEGER", nullable: false),
                    from_status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    to_status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    effective_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drainage_status_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_drainage_status_changes_drainage_outlets_outlet_id",
                        column: x => x.outlet_id,
                        principalTable: "drainage_outlets",
                        principalColumn: "id",
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

            migrationBuilder.CreateTable(
                name: "drainage_sample_values",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    sample_id = table.Column<long>(type: "INTEGER", nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    value = table.Column<string>(type: "TEXT", precision: 18, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drainage_sample_values", x => x.id);
                    table.ForeignKey(
                        name: "FK_drainage_sample_values_drainage_samples_sample_id",
                        column: x => x.sample_id,
                        principalTable: "drainage_samples",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateIndex(
                name: "IX_drainage_outlets_code",
                table: "drainage_outlets",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drainage_outlets_river",
                table: "drainage_outlets",
                column: "river");

            migrationBuilder.CreateIndex(
                name: "IX_drainage_outlets_street_code",
                table: "drainage_outlets",
                column: "street_code");

            migrationBuilder.CreateIndex(
                name: "IX_drainage_sample_values_sample_id_item",
                table: "drainage_sample_values",
                columns: new[] { "sample_id", "item" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drainage_samples_outlet_id_sampled_at",
                table: "drainage_samples",
                columns: new[] { "outlet_id", "sampled_at" });

            migrationBuilder.CreateIndex(
                name: "IX_drainage_status_changes_outlet_id_id",
                table: "drainage_status_changes",
                columns: new[] { "outlet_id", "id" });

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
                name: "construction_cards");

            migrationBuilder.DropTable(
                name: "construction_monitors");

            migrationBuilder.DropTable(
                name: "construction_thresholds");

            migrationBuilder.DropTable(
                name: "drainage_sample_values");

            migrationBuilder.DropTable(
                name: "drainage_status_changes");

            migrationBuilder.DropTable(
                name: "emergency_documents");

            migrationBuilder.DropTable(
                name: "emergency_event_reports");

            migrationBuilder.DropTable(
                name: "emergency_plan_attachments");

            migrationBuilder.DropTable(
                name: "emergency_risk_substances");

            migrationBuilder.DropTable(
                name: "construction_sites");

            migrationBuilder.DropTable(
                name: "drainage_samples");

            migrationBuilder.DropTable(
                name: "emergency_events");

            migrationBuilder.DropTable(
                name: "emergency_plans");

            migrationBuilder.DropTable(
                name: "emergency_risk_units");

            migrationBuilder.DropTable(
                name: "drainage_outlets");
        }
    }
}
