using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WasteDeclarations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hw_annual_generation",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    tonnes = table.Column<string>(type: "TEXT", precision: 14, scale: 6, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_annual_generation", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_annual_generation_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hw_declarations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_declarations", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_declarations_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hw_management_classes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    computed = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    basis_tonnes = table.Column<string>(type: "TEXT", precision: 14, scale: 6, nullable: false),
                    basis = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    explanation = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    rule_version = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    computed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    @override = table.Column<string>(name: "override", type: "TEXT", maxLength: 16, nullable: true),
                    override_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    override_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    override_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_management_classes", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_management_classes_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hw_management_plans",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    filing_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_management_plans", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_management_plans_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hw_reconciliations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    manifest_number = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    ledger_tonnes = table.Column<string>(type: "TEXT", precision: 14, scale: 6, nullable: false),
                    manifest_tonnes = table.Column<string>(type: "TEXT", precision: 14, scale: 6, nullable: false),
                    difference_tonnes = table.Column<string>(type: "TEXT", precision: 14, scale: 6, nullable: false),
                    flagged = table.Column<bool>(type: "INTEGER", nullable: false),
                    rule_version = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    checked_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hw_reconciliations", x => x.id);
                    table.ForeignKey(
                        name: "FK_hw_reconciliations_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hw_annual_generation_uscc_year_source",
                table: "hw_annual_generation",
                columns: new[] { "uscc", "year", "source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_declarations_uscc_kind_period",
                table: "hw_declarations",
                columns: new[] { "uscc", "kind", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_management_classes_uscc_year",
                table: "hw_management_classes",
                columns: new[] { "uscc", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_management_plans_filing_number",
                table: "hw_management_plans",
                column: "filing_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_management_plans_uscc_year",
                table: "hw_management_plans",
                columns: new[] { "uscc", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_reconciliations_manifest_number",
                table: "hw_reconciliations",
                column: "manifest_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hw_reconciliations_uscc",
                table: "hw_reconciliations",
                column: "uscc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hw_annual_generation");

            migrationBuilder.DropTable(
                name: "hw_declarations");

            migrationBuilder.DropTable(
                name: "hw_management_classes");

            migrationBuilder.DropTable(
                name: "hw_management_plans");

            migrationBuilder.DropTable(
                name: "hw_reconciliations");
        }
    }
}
