using AudioPortal.TestSupport;
using AudioPortal.Web.Tests.Splits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Data;

/// <summary>On PostgreSQL the cookie and antiforgery key ring is in the database, so every web process reads the others' cookies.</summary>
public sealed class SharedKeyRingTests : IOnPostgres
{
    [DatabaseFact]
    public void Two_processes_with_their_own_data_folders_on_one_postgres_database_read_each_others_protected_data()
    {
        using var first = new PostgresSplitsAppFactory();
        using var second = new SplitsAppFactory();
        second.Settings["Database:Provider"] = first.Settings["Database:Provider"];
        second.Settings["ConnectionStrings:Default"] = first.Settings["ConnectionStrings:Default"];

        var sealedByFirst = Protector(first).Protect("signed in as usr_1");

        Assert.Equal("signed in as usr_1", Protector(second).Unprotect(sealedByFirst));
        Assert.Empty(Directory.GetFiles(Path.Combine(first.DataPath, "keys", "dataprotection")));
    }

    private static IDataProtector Protector(SplitsAppFactory app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("AudioPortal.Tests.SharedKeyRing");
}
