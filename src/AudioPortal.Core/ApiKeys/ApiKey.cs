using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.ApiKeys;

/// <summary>
/// An API key of one account. The secret itself is never stored: <see cref="Hash"/> proves it and
/// <see cref="Prefix"/> finds it. A revoked key keeps its row so its use answers KEY_REVOKED, not UNAUTHORIZED;
/// a rotated key remembers the previous secret's hash for the same reason.
/// </summary>
public sealed class ApiKey : IAccountOwned
{
    public string Id { get; set; } = Ids.New("key");

    public string AccountId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The scopes, space-separated (<c>splits:read splits:write</c>).</summary>
    public string Scopes { get; set; } = "";

    public bool IsTest { get; set; }

    /// <summary>The mode prefix and the first characters of the secret, in clear (<c>as_live_Ab12Cd34</c>).</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the whole key.</summary>
    public string Hash { get; set; } = "";

    /// <summary>The secret replaced by the last rotation, so its use can say "rotated" rather than "unknown".</summary>
    public string? PreviousPrefix { get; set; }

    public string? PreviousHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RotatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public long UsageCount { get; set; }

    public IReadOnlySet<string> ScopeSet => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(40);
        builder.Property(k => k.AccountId).HasMaxLength(40).IsRequired();
        builder.Property(k => k.Name).HasMaxLength(100).IsRequired();
        builder.Property(k => k.Scopes).HasMaxLength(200).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(32).IsRequired();
        builder.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.PreviousPrefix).HasMaxLength(32);
        builder.Property(k => k.PreviousHash).HasMaxLength(64);
        builder.Ignore(k => k.ScopeSet);
        builder.HasIndex(k => k.Prefix);
        builder.HasIndex(k => k.PreviousPrefix);
        builder.HasIndex(k => k.AccountId);
        builder.HasOne<Accounts.Account>().WithMany().HasForeignKey(k => k.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
