using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Ai.Learning;

internal sealed class LearningLeaseRecordEntityTypeConfiguration : IEntityTypeConfiguration<LearningLeaseRecord>
{
    public void Configure(EntityTypeBuilder<LearningLeaseRecord> builder)
    {
        builder.ToTable("LearningLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(32);
        builder.Property(l => l.Owner).HasMaxLength(200);
    }
}
