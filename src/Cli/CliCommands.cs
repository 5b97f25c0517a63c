using System.CommandLine;

namespace AiProd.Cli;

/// <summary>
/// The <c>aiprod</c> command line: <c>generate</c>, <c>qa</c>, <c>topology</c>, <c>keys</c>; and against a running
/// gateway <c>loadtest</c>, <c>validate</c>, <c>status</c>, <c>list</c>, <c>watch</c>, <c>batch</c>.
/// </summary>
public static class CliCommands
{
    public static RootCommand Root() => new("AiProd: turn a prompt into a quality-checked MP4.")
    {
        GenerateCommand.Create(),
        QaCommand.Create(),
        TopologyCommand.Create(),
        KeysCommand.Create(),
        Remote.LoadTestCommand.Create(),
        Remote.ValidateCommand.Create(),
        Remote.StatusCommands.Status(),
        Remote.StatusCommands.List(),
        Remote.StatusCommands.Watch(),
        Remote.BatchCommand.Create(),
    };
}
