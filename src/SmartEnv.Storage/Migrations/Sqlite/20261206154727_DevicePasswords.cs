using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DevicePasswords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 14 item 4: the device PW becomes a salted hash. The column is renamed, not dropped, so the plaintext
            // PWs survive the migration; SmartEnvStore.MigrateAndSeedAsync then replaces each by its PBKDF2 hash
            // (DevicePasswords.HashPlaintextAsync; PBKDF2 cannot run in SQL). Hand-written: the scaffold dropped the column.
            migrationBuilder.RenameColumn(
                name: "password",
                table: "devices",
                newName: "password_hash");

            migrationBuilder.AlterColumn<string>(
                name: "password_hash",
                table: "devices",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The PWs cannot be recovered from their hashes: after a downgrade every device's PW must be set again
            // (PUT /api/devices/{mn}); the hashes are cleared so none is mistaken for a PW.
            migrationBuilder.Sql("UPDATE devices SET password_hash = '';");

            migrationBuilder.AlterColumn<string>(
                name: "password_hash",
                table: "devices",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 128);

            migrationBuilder.RenameColumn(
                name: "password_hash",
                table: "devices",
                newName: "password");
        }
    }
}
