using AudioPortal.Web.Cli;
using AudioPortal.Web.Data;
using AudioPortal.Web.Hosting;

// Operator verbs (migrate, version, users, keys, split, …) run instead of the web host.
if (WebCli.Recognises(args))
{
    return await WebCli.RunAsync(args, Console.Out, Console.Error);
}

WebApplication app;
try
{
    var builder = AudioPortalHost.CreateBuilder(args);
    builder.AddAudioPortal();
    app = builder.Build();
    await app.PrepareDataAsync();
}
catch (Exception startError) when (startError is IncompatibleDatabaseException or Microsoft.Extensions.Options.OptionsValidationException)
{
    // A setting the wiring reads before the host exists (Database:Provider, Data:Path, …): one line, not a stack trace.
    Console.Error.WriteLine($"error: {startError.Message}");
    return 1;
}

app.MapAudioPortal();
await app.RunAsync();
return 0;
