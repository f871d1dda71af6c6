using AudioPortal.Cli;

return await CliDispatcher.RunAsync(StandaloneCli.Program, args, Console.Out, Console.Error);
