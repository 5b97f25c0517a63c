using AiProd.Contracts;
using AiProd.Transport.PubSub.V1;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>
/// The orchestrator killed (SIGKILL: no shutdown, its leases and unsent outbox entries left behind) while a video is in
/// a given stage, then started again: what it held comes back from Pub/Sub once its ack deadline passes, what it
/// saved but had not sent is sent by the new one's outbox sweep, and the video completes once. One deployment serves
/// every stage (only the orchestrator is replaced); a stage shorter than a status poll may be passed before the kill,
/// so each case records the stage it actually killed in.
/// </summary>
[Category("EndToEnd")]
[Category("Integration")]
[Category("Faults")]
[NonParallelizable]
public sealed class When_the_orchestrator_is_killed_in_a_stage
{
    private readonly List<PubsubMessage> _completed = [];
    private Deployment _deployment = null!;
    private PublicTopicListener _listener = null!;

    [OneTimeSetUp]
    public async Task StartDeployment()
    {
        _deployment = new Deployment(new Dictionary<string, string>
        {
            // The emulator never notices the streams of a killed process; on an ordered subscription the keys it gives
            // them go to nobody until their deadline, which comes 4 s after their lifetime (real Pub/Sub notices at once).
            ["PubSub__StreamLifetime"] = "00:00:15",
            ["Pipeline__OutboxRecoveryAfter"] = "00:00:05",
            ["Pipeline__OutboxSweepInterval"] = "00:00:01",
        });
        await _deployment.StartAllAsync();
        _listener = await PublicTopicListener.StartAsync(_deployment, "AiProd.Contracts.VideoCompleted");
    }

    /// <summary>A case that failed half-way may have left no orchestrator running.</summary>
    [SetUp]
    public async Task EnsureOrchestrator()
    {
        if (_deployment.Of(ServiceRole.Orchestrator).All(o => o.HasExited))
            await _deployment.StartAsync(ServiceRole.Orchestrator);
    }

    [OneTimeTearDown]
    public async Task StopDeployment()
    {
        await _listener.DisposeAsync();
        await _deployment.DisposeAsync();
    }

    [TestCase(VideoStages.InputSanitizer)]
    [TestCase(VideoStages.Analysis)]
    [TestCase(VideoStages.Creative)]
    [TestCase(VideoStages.Visual)]
    [TestCase(VideoStages.Financial)]
    [TestCase(VideoStages.Render)]
    [TestCase(VideoStages.QaTech)]
    [TestCase(VideoStages.QaSemantic)]
    [TestCase(VideoStages.Finalize)]
    public async Task Should_resume_and_complete_once(string stage)
    {
        var id = await _deployment.SubmitAsync("A windmill turning slowly in a golden wheat field", durationSeconds: 2);
        var killedIn = await KillOrchestratorWhenInAsync(id, stage);
        await TestContext.Out.WriteLineAsync($"killed in {killedIn} (aimed at {stage})");
        await _deployment.StartAsync(ServiceRole.Orchestrator);
        if (killedIn == VideoStages.Complete)
            Assert.Inconclusive($"The video finished before the orchestrator could be killed in {stage}; nothing was tested.");

        await _deployment.WaitForEndAsync(id, TimeSpan.FromMinutes(3));
        _completed.AddRange(await _listener.CollectMessagesAsync(TimeSpan.FromSeconds(3)));

        await TestContext.Out.WriteLineAsync($"outbox entries a kill left and the sweep sent so far: {SweptByOutbox()}");
        await ExactlyOnce.AssertAsync(_deployment, [id], _completed, $"killed in {killedIn} (aimed at {stage})");
    }

    private int SweptByOutbox() => _deployment.Of(ServiceRole.Orchestrator)
        .Sum(o => File.ReadLines(o.LogFile).Count(l => l.Contains("had left in its outbox", StringComparison.Ordinal)));

    /// <summary>Polls until the video is in <paramref name="stage"/> or past it, SIGKILLs the orchestrator, and returns the state it was in.</summary>
    private Task<string> KillOrchestratorWhenInAsync(Guid id, string stage) => StageKill.WhenInAsync(
        async () => (await _deployment.StatusAsync(id))?.GetProperty("state").GetString(),
        () => _deployment.Of(ServiceRole.Orchestrator).Single(o => !o.HasExited).Kill(),
        stage, TimeSpan.FromMilliseconds(20), () => $"\n{_deployment.Logs()}");
}
