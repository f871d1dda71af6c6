using System.Reflection;
using AudioPortal.Web.Cli;
using AudioPortal.Web.Data;
using AudioPortal.Web.Hosting;
using Microsoft.Extensions.Options;

// Operator verbs (migrate, version, users, keys, split, …) run instead of the web host.
if (WebCli.Recognises(args))
{
    return await WebCli.RunAsync(args, Console.Out, Console.Error);
}

var builder = AudioPortalHost.CreateBuilder(args);
builder.AddAudioPortal();

var app = builder.Build();
try
{
    // Every ValidateOnStart section, before anything starts: a bad setting is one line naming its key, not the
    // host's "failed to start" log and an unhandled exception's stack.
    app.Services.GetService<IStartupValidator>()?.Validate();
    await app.PrepareDataAsync();
}
// The test host sees a bad setting as the start's exception, except the database's (its tests start the program).
catch (OptionsValidationException invalid) when (RunAsProgram || invalid.OptionsType == typeof(DatabaseOptions))
{
    Console.Error.WriteLine($"error: {string.Join(" ", invalid.Failures)}");
    return 1;
}
catch (IncompatibleDatabaseException incompatible)
{
    // Another version's data folder: one line saying what to change, not a stack trace.
    Console.Error.WriteLine($"error: {incompatible.Message}");
    return 1;
}

app.MapAudioPortal();
await app.RunAsync();
return 0;

public partial class Program
{
    /// <summary>False under a test host (WebApplicationFactory), which must see a bad setting as the start's exception.</summary>
    private static bool RunAsProgram => Assembly.GetEntryAssembly() == typeof(Program).Assembly;
}
