using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Data;

/// <summary>One key of the cookie and antiforgery key ring, when the processes share it through the database (PostgreSQL).</summary>
public sealed class DataProtectionKeyRow
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = "";

    /// <summary>The key's XML as ASP.NET Core's key manager wrote it.</summary>
    public string Xml { get; set; } = "";
}

internal sealed class DataProtectionKeyRowConfiguration : IEntityTypeConfiguration<DataProtectionKeyRow>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRow> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.Property(k => k.FriendlyName).HasMaxLength(200).IsRequired();
        builder.Property(k => k.Xml).IsRequired();
    }
}
