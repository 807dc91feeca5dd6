using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Notifications;

internal sealed class DecisionLinkUseRecordEntityTypeConfiguration : IEntityTypeConfiguration<DecisionLinkUseRecord>
{
    public void Configure(EntityTypeBuilder<DecisionLinkUseRecord> builder)
    {
        builder.ToTable("DecisionLinkUses");
        builder.HasKey(u => u.TokenId);
        builder.Property(u => u.TokenId).HasMaxLength(64);
        builder.Property(u => u.TicketId).HasMaxLength(64);
        builder.Property(u => u.Recipient).HasMaxLength(320);
        builder.Property(u => u.Action).HasMaxLength(16);
        builder.Property(u => u.UsedBy).HasMaxLength(320);
    }
}
