using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Engine.Persistence;

internal sealed class ResumeRequestRecordEntityTypeConfiguration : IEntityTypeConfiguration<ResumeRequestRecord>
{
    public void Configure(EntityTypeBuilder<ResumeRequestRecord> builder)
    {
        builder.ToTable("ResumeRequests");
        builder.Property(r => r.RequestId).HasMaxLength(200);
        builder.Property(r => r.TraceParent).HasMaxLength(55);
        builder.HasIndex(r => r.RequestId).IsUnique();
        builder.HasIndex(r => new { r.InstanceId, r.Kind, r.State });
        builder.HasIndex(r => new { r.BusinessKey, r.Kind, r.State });
    }
}
