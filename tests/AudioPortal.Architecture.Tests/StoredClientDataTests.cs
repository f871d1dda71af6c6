using System.Text.RegularExpressions;
using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Architecture.Tests;

/// <summary>
/// Client IP addresses and user agents are stored only on request records (<see cref="IRequestRecord"/>), which the
/// retention sweeper clears after <c>Retention:ClientAddresses</c> and deletes after <c>Retention:RequestLogs</c>: a
/// column that looks like one anywhere else in the model would escape those windows.
/// </summary>
public sealed partial class StoredClientDataTests
{
    [Fact]
    public void Every_column_that_holds_a_client_address_or_user_agent_is_on_a_request_record()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);

        var escaping = db.Model.GetEntityTypes()
            .Where(t => !typeof(IRequestRecord).IsAssignableFrom(t.ClrType))
            .SelectMany(t => t.GetProperties().Where(p => LooksLikeClientData(p.Name)).Select(p => $"{t.ClrType.Name}.{p.Name}"))
            .ToList();

        Assert.True(escaping.Count == 0, "Store these on an IRequestRecord (or rename them if they are not a client's): " + string.Join(", ", escaping));
    }

    [Theory]
    [InlineData("IpAddress", true)]
    [InlineData("ClientIp", true)]
    [InlineData("RemoteIpAddress", true)]
    [InlineData("IPAddress", true)]
    [InlineData("ClientAddress", true)]
    [InlineData("UserAgent", true)]
    [InlineData("ForwardedFor", true)]
    [InlineData("Description", false)]
    [InlineData("WebhookUrl", false)]
    [InlineData("Zip", false)]
    [InlineData("SellerAddress", false)]
    public void The_check_recognises_client_address_columns_by_name(string name, bool expected) =>
        Assert.Equal(expected, LooksLikeClientData(name));

    private static bool LooksLikeClientData(string name) => ClientDataName().IsMatch(name);

    [GeneratedRegex("(Ip|IP)(Address)?$|^I[pP][A-Z]|ClientAddress|RemoteAddress|UserAgent|ForwardedFor")]
    private static partial Regex ClientDataName();
}
