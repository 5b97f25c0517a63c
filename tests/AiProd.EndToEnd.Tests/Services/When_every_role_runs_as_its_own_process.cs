namespace AiProd.EndToEnd.Tests.Services;

[Category("EndToEnd")]
[Category("Integration")]
public sealed class When_every_role_runs_as_its_own_process
{
    [Test]
    public async Task Should_complete_a_video_across_gateway_orchestrator_and_every_worker()
    {
        await using var deployment = new Deployment();
        await deployment.StartAllAsync();

        var id = await deployment.SubmitAsync("A paper boat drifting down a rainy street");
        var status = await deployment.WaitForEndAsync(id, TimeSpan.FromMinutes(3));

        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("Complete"), status.ToString());
        using var http = deployment.Http();
        var mp4 = await http.GetByteArrayAsync($"/v1/videos/{id}/content");
        Assert.That(mp4.Length, Is.GreaterThan(10_000));
    }
}
