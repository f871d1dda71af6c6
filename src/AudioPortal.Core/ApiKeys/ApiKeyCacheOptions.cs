using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core.ApiKeys;

/// <summary>The <c>ApiKeys</c> section: how long an accepted key is trusted without a lookup.</summary>
public sealed class ApiKeyCacheOptions
{
    /// <summary>Seconds an accepted key is trusted without a lookup (<c>ApiKeys:CacheSeconds</c>); 0 turns the cache off.</summary>
    [Range(0, 3600)]
    public int CacheSeconds { get; set; } = 5;
}
