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
catch (IncompatibleDatabaseException incompatible)
{
    Console.Error.WriteLine($"error: {incompatible.Message}");
    return 1;
}

app.MapAudioPortal();
await app.RunAsync();
return 0;
