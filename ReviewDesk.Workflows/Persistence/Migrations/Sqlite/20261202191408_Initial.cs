using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewDesk.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TicketId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Target = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

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
                    AiCategory = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AiConfidence = table.Column<double>(type: "REAL", nullable: true),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    InReviewQueue = table.Column<int>(type: "INTEGER", nullable: true, computedColumnSql: "CASE WHEN \"Status\" IN (2, 3) AND \"Decision\" IS NULL THEN 1 END", stored: false),
                    CurrentCategory = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true, computedColumnSql: "COALESCE(\"FinalCategory\", \"AiCategory\")", stored: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
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

            migrationBuilder.CreateTable(
                name: "TicketComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketComments_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_At",
                table: "AuditEntries",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Key",
                table: "AuditEntries",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TicketId_At",
                table: "AuditEntries",
                columns: new[] { "TicketId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketComments_TicketId_Id",
                table: "TicketComments",
                columns: new[] { "TicketId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketComments_TicketId_RequestId",
                table: "TicketComments",
                columns: new[] { "TicketId", "RequestId" },
                unique: true);

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
                name: "IX_Tickets_List",
                table: "Tickets",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List_Category",
                table: "Tickets",
                columns: new[] { "CurrentCategory", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List_Channel",
                table: "Tickets",
                columns: new[] { "Channel", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List_Queue",
                table: "Tickets",
                columns: new[] { "Queue", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List_Status",
                table: "Tickets",
                columns: new[] { "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List_Variant",
                table: "Tickets",
                columns: new[] { "DefinitionId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ReviewQueue_Age",
                table: "Tickets",
                columns: new[] { "InReviewQueue", "CreatedAt", "Id" },
                filter: "\"InReviewQueue\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ReviewQueue_Category",
                table: "Tickets",
                columns: new[] { "InReviewQueue", "AiCategory", "ReviewDeadline", "Id" },
                filter: "\"InReviewQueue\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ReviewQueue_Confidence",
                table: "Tickets",
                columns: new[] { "InReviewQueue", "AiConfidence", "Id" },
                filter: "\"InReviewQueue\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ReviewQueue_Deadline",
                table: "Tickets",
                columns: new[] { "InReviewQueue", "ReviewDeadline", "Id" },
                filter: "\"InReviewQueue\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ReviewQueue_Priority",
                table: "Tickets",
                columns: new[] { "InReviewQueue", "Priority", "ReviewDeadline", "Id" },
                filter: "\"InReviewQueue\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Status_ReviewDeadline",
                table: "Tickets",
                columns: new[] { "Status", "ReviewDeadline" });

            // Append-only in the database too: whatever connects, rows cannot be changed or removed.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_NoDelete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_NoUpdate\";");
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "TicketComments");

            migrationBuilder.DropTable(
                name: "Tickets");
        }
    }
}
