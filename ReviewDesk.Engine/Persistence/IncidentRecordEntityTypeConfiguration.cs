using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Engine.Persistence;

internal sealed class IncidentRecordEntityTypeConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> builder)
    {
        builder.ToTable("Incidents");
        builder.HasIndex(i => i.InstanceId);
        builder.HasIndex(i => new { i.ResolvedAt, i.At });
    }
}
