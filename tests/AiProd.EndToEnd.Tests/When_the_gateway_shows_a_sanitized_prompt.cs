using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Gateway;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.EndToEnd.Tests;

/// <summary>The real gateway on Kestrel, on a free loopback port, hosting the embedded pipeline.</summary>
[Category("EndToEnd")]
public class When_the_gateway_shows_a_sanitized_prompt
{
    [Test]
    public async Task Should_show_the_cleaned_prompt_beside_the_submitted_one()
    {
        var assets = Directory.CreateTempSubdirectory("aiprod-gw-sanitized-").FullName;
        var app = GatewayApp.Build(["--urls", "http://127.0.0.1:0", "--Assets:Root", assets, "--Saga:ConnectionString", $"Data Source={assets}/aiprod.db", "--Logging:LogLevel:Default", "Warning", "--Auth:BootstrapKey", GatewayProcess.BootstrapKey]);
        await app.StartAsync();
        try
        {
            using var http = GatewayProcess.Client(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
            const string submitted = "A <b>paper</b> boat \uFF4F\uFF4E a rainy\u200B street";
            var post = await http.PostAsJsonAsync("/v1/videos", new { prompt = submitted, durationSeconds = 2 });
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await post.Content.ReadAsStringAsync());

            JsonElement status = default;
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (DateTime.UtcNow < deadline)
            {
                status = await http.GetFromJsonAsync<JsonElement>(post.Headers.Location);
                if (status.TryGetProperty("sanitizedPrompt", out _))
                    break;
                await Task.Delay(100);
            }

            Assert.Multiple(() =>
            {
                Assert.That(status.TryGetProperty("sanitizedPrompt", out var sanitized) ? sanitized.GetString() : null, Is.EqualTo("A paper boat on a rainy street"), status.ToString());
                Assert.That(status.GetProperty("request").GetProperty("prompt").GetString(), Is.EqualTo(submitted));
            });
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(assets, recursive: true);
        }
    }
}
