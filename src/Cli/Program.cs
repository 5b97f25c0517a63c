using AiProd.Cli;

return await CliCommands.Root().Parse(args).InvokeAsync();
