using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Persistence;

internal sealed class TicketRecordEntityTypeConfiguration : IEntityTypeConfiguration<TicketRecord>
{
    public void Configure(EntityTypeBuilder<TicketRecord> builder)
    {
        builder.ToTable("Tickets");
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.Property(t => t.ExternalId).HasMaxLength(200);
        builder.Property(t => t.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(t => t.ExternalId).IsUnique();
        builder.HasIndex(t => t.IdempotencyKey).IsUnique();
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => new { t.Status, t.ReviewDeadline });
        builder.HasIndex(t => t.InstanceId);
    }
}
