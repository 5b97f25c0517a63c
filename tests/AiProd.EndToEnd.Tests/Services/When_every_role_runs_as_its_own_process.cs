using System.Security.Cryptography;
using AiProd.Testing;

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

    [Test]
    public async Task Should_redirect_content_to_a_signed_url_valid_fifteen_minutes_when_the_gateway_can_sign()
    {
        await using var deployment = new Deployment();
        using var key = RSA.Create(2048);
        var signer = ServiceAccountKeyFile.Write(Path.Combine(deployment.Folder, "signer.json"), key);
        await Task.WhenAll(ServiceRole.Pipeline.Select(role => deployment.StartAsync(role))
            .Append(deployment.StartAsync(ServiceRole.Gateway, settings: new Dictionary<string, string> { ["Assets__SigningCredentialFile"] = signer })));

        var id = await deployment.SubmitAsync("A paper boat drifting down a rainy street");
        var status = await deployment.WaitForEndAsync(id, TimeSpan.FromMinutes(3));
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = deployment.Gateway!.Address };
        noRedirects.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayProcess.BootstrapKey);
        var response = await noRedirects.GetAsync($"/v1/videos/{id}/content");

        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("Complete"), deployment.Logs());
        Assert.That((int)response.StatusCode, Is.EqualTo(302));
        var signed = response.Headers.Location!;
        var query = System.Web.HttpUtility.ParseQueryString(signed.Query);
        Assert.Multiple(() =>
        {
            Assert.That(signed.Authority, Is.EqualTo(Emulators.Storage.Host), "signed for the store the video is in");
            Assert.That(query["X-Goog-Expires"], Is.EqualTo("900"));
            Assert.That(query["X-Goog-Signature"], Is.Not.Empty);
        });
        using var anyone = new HttpClient();
        Assert.That((await anyone.GetByteArrayAsync(signed)).Length, Is.GreaterThan(10_000), "the URL alone fetches the MP4");
    }
}
