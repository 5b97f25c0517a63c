using AiProd.Contracts;
using MassTransit;

namespace AiProd.Saga.Activities;

/// <summary>
/// Sends what the current stage waits on (<see cref="StepCommands"/>) to the endpoint of the role that does it
/// (<see cref="RoleEndpoints"/>), where a command waits for a worker even if none is subscribed yet; used on
/// entering a stage, on a step's deadline and on a resume.
/// </summary>
public sealed class SendStepCommandsActivity : IStateMachineActivity<VideoState>
{
    public void Probe(ProbeContext context) => context.CreateScope("send-step-commands");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    public async Task Execute(BehaviorContext<VideoState> context, IBehavior<VideoState> next)
    {
        await Send(context);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<VideoState, T> context, IBehavior<VideoState, T> next)
        where T : class
    {
        await Send(context);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<VideoState, TException> context, IBehavior<VideoState> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<VideoState, T, TException> context, IBehavior<VideoState, T> next)
        where T : class
        where TException : Exception => next.Faulted(context);

    /// <summary>Sends the stage's commands. In Render, a complete set of shots means ComposeVideo, sent once per round.</summary>
    public static async Task Send(BehaviorContext<VideoState> context)
    {
        var commands = StepCommands.For(context.Saga);
        context.Saga.ComposeRequested = commands.Any(c => c is ComposeVideo);
        foreach (var command in commands)
        {
            var type = command.GetType();
            var endpoint = await context.GetSendEndpoint(RoleEndpoints.AddressFor(type));
            await endpoint.Send(command, type, context.CancellationToken);
        }
    }

}
