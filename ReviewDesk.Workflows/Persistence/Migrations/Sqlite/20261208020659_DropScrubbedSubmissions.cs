using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewDesk.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DropScrubbedSubmissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The raw submission is kept only until the scrub (SubmissionKeptUntilScrubbed): drop it from the tickets
            // scrubbed before then. It cannot come back, so Down restores nothing.
            migrationBuilder.Sql("""UPDATE "Tickets" SET "ProtectedSubmission" = NULL WHERE "PiiSpans" IS NOT NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
