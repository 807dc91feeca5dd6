using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Engine.Persistence;

internal sealed class InstanceRecordEntityTypeConfiguration : IEntityTypeConfiguration<InstanceRecord>
{
    public void Configure(EntityTypeBuilder<InstanceRecord> builder)
    {
        builder.ToTable("Instances");
        builder.Property(i => i.Id).HasMaxLength(64);
        builder.Property(i => i.BusinessKey).HasMaxLength(200);
        builder.HasIndex(i => i.BusinessKey).IsUnique();
        builder.HasIndex(i => new { i.Status, i.CreatedAt });
        builder.HasIndex(i => new { i.DefinitionId, i.DefinitionVersion, i.CreatedAt });
        builder.HasIndex(i => i.CreatedAt);
        builder.HasIndex(i => new { i.Status, i.FinishedAt });
        builder.Property(i => i.Version).IsConcurrencyToken();
    }
}
