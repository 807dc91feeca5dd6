using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewDesk.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AiCategory",
                table: "Tickets",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "AiConfidence",
                table: "Tickets",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "Tickets",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClaimedUntil",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Priority",
                table: "Tickets",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "InReviewQueue",
                table: "Tickets",
                type: "INTEGER",
                nullable: true,
                computedColumnSql: "CASE WHEN \"Status\" IN (2, 3) AND \"Decision\" IS NULL THEN 1 END",
                stored: false);

            // Tickets classified before these columns existed keep their labels in the queue.
            migrationBuilder.Sql("""
                UPDATE "Tickets" SET
                    "AiCategory" = json_extract("Classification", '$.category'),
                    "AiConfidence" = json_extract("Classification", '$.confidence'),
                    "Priority" = COALESCE("FinalPriority", json_extract("Classification", '$.priority'))
                WHERE "Classification" IS NOT NULL;
                """);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_ReviewQueue_Age",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ReviewQueue_Category",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ReviewQueue_Confidence",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ReviewQueue_Deadline",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ReviewQueue_Priority",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "InReviewQueue",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "AiCategory",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "AiConfidence",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "ClaimedUntil",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "Tickets");
        }
    }
}
