using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ManifestDueProvisional : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "backfill_due_provisional",
                table: "hw_manifests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "receipt_due_from",
                table: "hw_manifests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "receipt_due_provisional",
                table: "hw_manifests",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "backfill_due_provisional",
                table: "hw_manifests");

            migrationBuilder.DropColumn(
                name: "receipt_due_from",
                table: "hw_manifests");

            migrationBuilder.DropColumn(
                name: "receipt_due_provisional",
                table: "hw_manifests");
        }
    }
}
