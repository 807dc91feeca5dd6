using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Workflows.Persistence;

internal sealed class TicketRecordEntityTypeConfiguration : IEntityTypeConfiguration<TicketRecord>
{
    /// <summary>
    /// The review queue's rows: awaiting review or escalated, and not decided yet. A generated column
    /// rather than a partial-index filter on Status: with IX_Tickets_Status_* beside them, SQLite's
    /// planner preferred an IN lookup plus a sort over a partial index; an equality on the first
    /// column of the queue's indexes leaves it no such choice.
    /// </summary>
    internal static readonly string InReviewQueueSql =
        $"CASE WHEN \"Status\" IN ({(int)TicketStatus.AwaitingReview}, {(int)TicketStatus.Escalated}) AND \"Decision\" IS NULL THEN 1 END";

    public void Configure(EntityTypeBuilder<TicketRecord> builder)
    {
        builder.ToTable("Tickets");
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.Property(t => t.ExternalId).HasMaxLength(200);
        builder.Property(t => t.IdempotencyKey).HasMaxLength(200);
        builder.Property(t => t.AiCategory).HasMaxLength(64);
        builder.Property(t => t.Priority).HasMaxLength(8);
        builder.Property(t => t.ClaimedBy).HasMaxLength(200);
        builder.HasIndex(t => t.ExternalId).IsUnique();
        builder.HasIndex(t => t.IdempotencyKey).IsUnique();
        builder.HasIndex(t => new { t.Status, t.ReviewDeadline });
        builder.HasIndex(t => t.InstanceId);

        builder.Property(t => t.InReviewQueue).HasComputedColumnSql(InReviewQueueSql, stored: false);
        builder.Property(t => t.CurrentCategory).HasMaxLength(64).HasComputedColumnSql("COALESCE(\"FinalCategory\", \"AiCategory\")", stored: false);

        // The ticket list (TicketSearch): newest first, with an index per equality filter that ends in
        // the order (CreatedAt, Id), so a page is read off the index with no sort.
        builder.HasIndex(t => new { t.CreatedAt, t.Id }, "IX_Tickets_List");
        builder.HasIndex(t => new { t.Status, t.CreatedAt, t.Id }, "IX_Tickets_List_Status");
        builder.HasIndex(t => new { t.Queue, t.CreatedAt, t.Id }, "IX_Tickets_List_Queue");
        builder.HasIndex(t => new { t.CurrentCategory, t.CreatedAt, t.Id }, "IX_Tickets_List_Category");
        builder.HasIndex(t => new { t.Channel, t.CreatedAt, t.Id }, "IX_Tickets_List_Channel");
        builder.HasIndex(t => new { t.DefinitionId, t.CreatedAt, t.Id }, "IX_Tickets_List_Variant");

        // One index per sort order of the review queue (Id breaks ties, so paging is stable), and one
        // per equality filter selective enough to start from; partial, so routed tickets cost nothing.
        const string queued = "\"InReviewQueue\" = 1";
        builder.HasIndex(t => new { t.InReviewQueue, t.ReviewDeadline, t.Id }, "IX_Tickets_ReviewQueue_Deadline").HasFilter(queued);
        builder.HasIndex(t => new { t.InReviewQueue, t.AiConfidence, t.Id }, "IX_Tickets_ReviewQueue_Confidence").HasFilter(queued);
        builder.HasIndex(t => new { t.InReviewQueue, t.CreatedAt, t.Id }, "IX_Tickets_ReviewQueue_Age").HasFilter(queued);
        builder.HasIndex(t => new { t.InReviewQueue, t.AiCategory, t.ReviewDeadline, t.Id }, "IX_Tickets_ReviewQueue_Category").HasFilter(queued);
        builder.HasIndex(t => new { t.InReviewQueue, t.Priority, t.ReviewDeadline, t.Id }, "IX_Tickets_ReviewQueue_Priority").HasFilter(queued);
    }
}
