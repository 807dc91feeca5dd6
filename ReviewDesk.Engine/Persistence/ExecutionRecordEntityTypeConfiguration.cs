using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Engine.Persistence;

internal sealed class ExecutionRecordEntityTypeConfiguration : IEntityTypeConfiguration<ExecutionRecord>
{
    public void Configure(EntityTypeBuilder<ExecutionRecord> builder)
    {
        builder.ToTable("Executions");
        builder.HasIndex(e => new { e.InstanceId, e.NodeId, e.Attempt });
        // The operator board's history (step latency, failures, retries, routing and model cost over the last hour
        // or day) reads attempts by when they finished; without it every refresh would scan the whole table.
        builder.HasIndex(e => e.FinishedAt);
    }
}
