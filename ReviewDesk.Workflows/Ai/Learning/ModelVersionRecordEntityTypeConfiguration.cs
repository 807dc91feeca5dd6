using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Ai.Learning;

internal sealed class ModelVersionRecordEntityTypeConfiguration : IEntityTypeConfiguration<ModelVersionRecord>
{
    public void Configure(EntityTypeBuilder<ModelVersionRecord> builder)
    {
        builder.ToTable("ModelVersions");
        builder.HasKey(v => v.Number);
        builder.Property(v => v.Number).ValueGeneratedNever();
        builder.Property(v => v.Version).HasMaxLength(32);
        builder.Property(v => v.Model).HasMaxLength(100);
        builder.Property(v => v.CreatedBy).HasMaxLength(200);
        builder.Property(v => v.Trigger).HasMaxLength(32);
        builder.Property(v => v.BaselineVersion).HasMaxLength(32);
        builder.HasIndex(v => v.Version).IsUnique();
        builder.HasIndex(v => v.Status);
    }
}
