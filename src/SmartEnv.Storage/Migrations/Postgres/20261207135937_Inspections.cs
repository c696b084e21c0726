using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Inspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "department",
                table: "users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "enforcement_certificate",
                table: "users",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "on_positive_list",
                table: "enterprises",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "special_supervision_reason",
                table: "enterprises",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "credit_adjustments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    delta = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    reason = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    staff_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_adjustments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "credit_evaluations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    base_score = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    deduction_total = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    bonus_total = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    adjustment_total = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    score = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    grade = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    vetoed = table.Column<bool>(type: "boolean", nullable: false),
                    rules_version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    evaluated_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_evaluations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "credit_grade_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    event_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    from_grade = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    to_grade = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    evidence_record_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_grade_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "credit_repair_applications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    info_record_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    applied_on = table.Column<DateOnly>(type: "date", nullable: false),
                    evidence = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reviewer = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_repair_applications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "draw_plans",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    district = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    quarter = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    frozen_at = table.Column<DateOnly>(type: "date", nullable: true),
                    draw_plan_json = table.Column<string>(type: "text", nullable: true),
                    commitment_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    secret = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    public_value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    result_json = table.Column<string>(type: "text", nullable: true),
                    rules_version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    organiser = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    committed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    publish_due = table.Column<DateOnly>(type: "date", nullable: true),
                    publish_due_provisional = table.Column<bool>(type: "boolean", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_draw_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "enforcement_cases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    legal_basis = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    penalty_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    filed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    notified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    executed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    facts = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    credit_item_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enforcement_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inspector_conflicts",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    declared_on = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspector_conflicts", x => new { x.user_id, x.uscc });
                    table.ForeignKey(
                        name: "FK_inspector_conflicts_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "credit_evaluation_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    evaluation_id = table.Column<long>(type: "bigint", nullable: false),
                    item_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    occurrences = table.Column<int>(type: "integer", nullable: false),
                    uncapped = table.Column<decimal>(type: "numeric(8,1)", precision: 8, scale: 1, nullable: false),
                    points = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_evaluation_lines", x => x.id);
                    table.ForeignKey(
                        name: "FK_credit_evaluation_lines_credit_evaluations_evaluation_id",
                        column: x => x.evaluation_id,
                        principalTable: "credit_evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "credit_repair_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    application_id = table.Column<long>(type: "bigint", nullable: false),
                    trigger = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    from_state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to_state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_repair_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_credit_repair_events_credit_repair_applications_application~",
                        column: x => x.application_id,
                        principalTable: "credit_repair_applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_tasks", x => x.id);
                    table.ForeignKey(
                        name: "FK_inspection_tasks_draw_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "draw_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "credit_line_evidence",
                columns: table => new
                {
                    line_id = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    record_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occurrences = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_line_evidence", x => new { x.line_id, x.seq });
                    table.ForeignKey(
                        name: "FK_credit_line_evidence_credit_evaluation_lines_line_id",
                        column: x => x.line_id,
                        principalTable: "credit_evaluation_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    task_id = table.Column<long>(type: "bigint", nullable: true),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    inspected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    inspectors = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    items_checked = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    summary = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_records", x => x.id);
                    table.ForeignKey(
                        name: "FK_inspection_records_inspection_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "inspection_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_task_inspectors",
                columns: table => new
                {
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    inspector_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_task_inspectors", x => new { x.task_id, x.position });
                    table.ForeignKey(
                        name: "FK_inspection_task_inspectors_inspection_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "inspection_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    record_id = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    content_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    bytes = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_attachments", x => x.id);
                    table.ForeignKey(
                        name: "FK_inspection_attachments_inspection_records_record_id",
                        column: x => x.record_id,
                        principalTable: "inspection_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    record_id = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    item = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    credit_item_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    description = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_findings", x => x.id);
                    table.ForeignKey(
                        name: "FK_inspection_findings_inspection_records_record_id",
                        column: x => x.record_id,
                        principalTable: "inspection_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rectification_orders",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    finding_id = table.Column<long>(type: "bigint", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    workdays = table.Column<int>(type: "integer", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_provisional = table.Column<bool>(type: "boolean", nullable: false),
                    issued_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    follow_up_on = table.Column<DateOnly>(type: "date", nullable: true),
                    follow_up_result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    note = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rectification_orders", x => x.id);
                    table.ForeignKey(
                        name: "FK_rectification_orders_inspection_findings_finding_id",
                        column: x => x.finding_id,
                        principalTable: "inspection_findings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_users_enforcement_certificate",
                table: "users",
                column: "enforcement_certificate",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_credit_adjustments_uscc_year",
                table: "credit_adjustments",
                columns: new[] { "uscc", "year" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_evaluation_lines_evaluation_id_item_code",
                table: "credit_evaluation_lines",
                columns: new[] { "evaluation_id", "item_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_credit_evaluations_uscc_year",
                table: "credit_evaluations",
                columns: new[] { "uscc", "year" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_evaluations_year_grade",
                table: "credit_evaluations",
                columns: new[] { "year", "grade" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_grade_events_uscc_occurred_on",
                table: "credit_grade_events",
                columns: new[] { "uscc", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_line_evidence_kind_record_id",
                table: "credit_line_evidence",
                columns: new[] { "kind", "record_id" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_repair_applications_uscc_state",
                table: "credit_repair_applications",
                columns: new[] { "uscc", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_repair_events_application_id_at",
                table: "credit_repair_events",
                columns: new[] { "application_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_draw_plans_plan_id",
                table: "draw_plans",
                column: "plan_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_draw_plans_quarter",
                table: "draw_plans",
                column: "quarter");

            migrationBuilder.CreateIndex(
                name: "IX_enforcement_cases_case_number",
                table: "enforcement_cases",
                column: "case_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enforcement_cases_uscc_decided_on",
                table: "enforcement_cases",
                columns: new[] { "uscc", "decided_on" });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_attachments_record_id_seq",
                table: "inspection_attachments",
                columns: new[] { "record_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_findings_record_id_seq",
                table: "inspection_findings",
                columns: new[] { "record_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_records_task_id",
                table: "inspection_records",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_records_uscc_inspected_at",
                table: "inspection_records",
                columns: new[] { "uscc", "inspected_at" });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_task_inspectors_inspector_id",
                table: "inspection_task_inspectors",
                column: "inspector_id");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_tasks_plan_id_seq",
                table: "inspection_tasks",
                columns: new[] { "plan_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_tasks_plan_id_uscc",
                table: "inspection_tasks",
                columns: new[] { "plan_id", "uscc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_tasks_uscc",
                table: "inspection_tasks",
                column: "uscc");

            migrationBuilder.CreateIndex(
                name: "IX_rectification_orders_due_on",
                table: "rectification_orders",
                column: "due_on");

            migrationBuilder.CreateIndex(
                name: "IX_rectification_orders_finding_id",
                table: "rectification_orders",
                column: "finding_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credit_adjustments");

            migrationBuilder.DropTable(
                name: "credit_grade_events");

            migrationBuilder.DropTable(
                name: "credit_line_evidence");

            migrationBuilder.DropTable(
                name: "credit_repair_events");

            migrationBuilder.DropTable(
                name: "enforcement_cases");

            migrationBuilder.DropTable(
                name: "inspection_attachments");

            migrationBuilder.DropTable(
                name: "inspection_task_inspectors");

            migrationBuilder.DropTable(
                name: "inspector_conflicts");

            migrationBuilder.DropTable(
                name: "rectification_orders");

            migrationBuilder.DropTable(
                name: "credit_evaluation_lines");

            migrationBuilder.DropTable(
                name: "credit_repair_applications");

            migrationBuilder.DropTable(
                name: "inspection_findings");

            migrationBuilder.DropTable(
                name: "credit_evaluations");

            migrationBuilder.DropTable(
                name: "inspection_records");

            migrationBuilder.DropTable(
                name: "inspection_tasks");

            migrationBuilder.DropTable(
                name: "draw_plans");

            migrationBuilder.DropIndex(
                name: "IX_users_enforcement_certificate",
                table: "users");

            migrationBuilder.DropColumn(
                name: "department",
                table: "users");

            migrationBuilder.DropColumn(
                name: "enforcement_certificate",
                table: "users");

            migrationBuilder.DropColumn(
                name: "on_positive_list",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "special_supervision_reason",
                table: "enterprises");
        }
    }
}
