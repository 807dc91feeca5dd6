using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewDesk.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Tickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Tickets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ProtectedSubmission = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: true),
                    PiiSpans = table.Column<string>(type: "TEXT", nullable: true),
                    PiiTypes = table.Column<string>(type: "TEXT", nullable: true),
                    ProtectedOriginals = table.Column<string>(type: "TEXT", nullable: true),
                    Classification = table.Column<string>(type: "TEXT", nullable: true),
                    ReviewRequired = table.Column<bool>(type: "INTEGER", nullable: true),
                    ReviewReasons = table.Column<string>(type: "TEXT", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", nullable: true),
                    FinalCategory = table.Column<string>(type: "TEXT", nullable: true),
                    FinalPriority = table.Column<string>(type: "TEXT", nullable: true),
                    Queue = table.Column<string>(type: "TEXT", nullable: true),
                    Escalations = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewDeadline = table.Column<long>(type: "INTEGER", nullable: true),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: true),
                    DefinitionId = table.Column<string>(type: "TEXT", nullable: false),
                    DefinitionVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tickets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ExternalId",
                table: "Tickets",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_IdempotencyKey",
                table: "Tickets",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_InstanceId",
                table: "Tickets",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Status_CreatedAt",
                table: "Tickets",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Status_ReviewDeadline",
                table: "Tickets",
                columns: new[] { "Status", "ReviewDeadline" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Tickets");
        }
    }
}
