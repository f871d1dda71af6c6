using AudioPortal.Web.Cli;
using AudioPortal.Web.Data;
using AudioPortal.Web.Hosting;

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
    await app.PrepareDataAsync();
}
catch (Exception startError) when (startError is IncompatibleDatabaseException
    || (startError is Microsoft.Extensions.Options.OptionsValidationException invalid && invalid.OptionsType == typeof(DatabaseOptions)))
{
    // The database cannot be opened as configured (Database:Provider, ConnectionStrings:Default) or is another
    // version's: one line saying what to change, not a stack trace.
    Console.Error.WriteLine($"error: {startError.Message}");
    return 1;
}

app.MapAudioPortal();
await app.RunAsync();
return 0;
