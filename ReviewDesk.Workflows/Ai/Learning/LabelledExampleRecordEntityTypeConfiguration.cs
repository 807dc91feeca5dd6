using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Ai.Learning;

internal sealed class LabelledExampleRecordEntityTypeConfiguration : IEntityTypeConfiguration<LabelledExampleRecord>
{
    public void Configure(EntityTypeBuilder<LabelledExampleRecord> builder)
    {
        builder.ToTable("LabelledExamples");
        builder.Property(e => e.TicketId).HasMaxLength(64);
        builder.Property(e => e.Category).HasMaxLength(64);
        builder.Property(e => e.Priority).HasMaxLength(8);
        builder.Property(e => e.Sentiment).HasMaxLength(16);
        builder.Property(e => e.Language).HasMaxLength(16);
        builder.Property(e => e.Reviewer).HasMaxLength(200);
        builder.Property(e => e.AiCategory).HasMaxLength(64);
        builder.Property(e => e.AiPriority).HasMaxLength(8);
        builder.Property(e => e.Provider).HasMaxLength(100);
        builder.Property(e => e.ModelVersion).HasMaxLength(100);
        builder.HasIndex(e => e.TicketId).IsUnique();
        builder.HasIndex(e => new { e.ModelVersion, e.Id });
    }
}
