using AiProd.Contracts;
using AiProd.Saga.Outbox;
using MassTransit;

namespace AiProd.Saga.Activities;

/// <summary>
/// Sends what the current stage waits on (<see cref="StepCommands"/>) to the endpoint of the role that does it
/// (<see cref="RoleEndpoints"/>), where a command waits for a worker even if none is subscribed yet; used on
/// entering a stage, on a step's deadline and on a resume. They go through the saga's outbox (<see cref="SagaOutbox"/>).
/// </summary>
public sealed class SendStepCommandsActivity(TimeProvider time) : IStateMachineActivity<VideoState>
{
    public void Probe(ProbeContext context) => context.CreateScope("send-step-commands");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    public async Task Execute(BehaviorContext<VideoState> context, IBehavior<VideoState> next)
    {
        Send(context, time.GetUtcNow());
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<VideoState, T> context, IBehavior<VideoState, T> next)
        where T : class
    {
        Send(context, time.GetUtcNow());
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<VideoState, TException> context, IBehavior<VideoState> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<VideoState, T, TException> context, IBehavior<VideoState, T> next)
        where T : class
        where TException : Exception => next.Faulted(context);

    /// <summary>Sends the stage's commands. In Render, a complete set of shots means ComposeVideo, sent once per round.</summary>
    public static void Send(BehaviorContext<VideoState> context, DateTimeOffset now)
    {
        var commands = StepCommands.For(context.Saga);
        context.Saga.ComposeRequested = commands.Any(c => c is ComposeVideo);
        foreach (var command in commands)
            SagaOutbox.Send(context, now, RoleEndpoints.AddressFor(command.GetType()), command);
    }

}
