using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Ai.Learning;

internal sealed class RetrainRunRecordEntityTypeConfiguration : IEntityTypeConfiguration<RetrainRunRecord>
{
    public void Configure(EntityTypeBuilder<RetrainRunRecord> builder)
    {
        builder.ToTable("RetrainRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(32);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.Property(r => r.Trigger).HasMaxLength(32);
        builder.Property(r => r.Owner).HasMaxLength(200);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Version).HasMaxLength(32);
        builder.Property(r => r.Error).HasMaxLength(1000);
    }
}
