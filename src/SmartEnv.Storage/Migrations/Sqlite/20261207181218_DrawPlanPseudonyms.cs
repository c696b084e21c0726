using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DrawPlanPseudonyms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "draw_plan_inspectors",
                columns: table => new
                {
                    plan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    pseudonym = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    certificate = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    department_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_draw_plan_inspectors", x => new { x.plan_id, x.pseudonym });
                    table.ForeignKey(
                        name: "FK_draw_plan_inspectors_draw_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "draw_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_draw_plan_inspectors_plan_id_position",
                table: "draw_plan_inspectors",
                columns: new[] { "plan_id", "position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "draw_plan_inspectors");
        }
    }
}
