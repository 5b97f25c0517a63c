using AiProd.Assets;
using AiProd.Workers.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.Workers.Tests.Common;

/// <summary>A worker's start-up deletes scratch files that dead steps left, once older than the longest step (Workers:StaleWorkAfter).</summary>
public sealed class When_a_worker_starts
{
    [Test]
    public async Task Should_delete_scratch_files_of_dead_steps_older_than_the_longest_step()
    {
        var root = Directory.CreateTempSubdirectory("aiprod-sweep-").FullName;
        try
        {
            var video = Guid.NewGuid().ToString("N");
            string Run(string step)
            {
                var run = Path.Combine(root, video, ".work", step, Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(run);
                File.WriteAllBytes(Path.Combine(run, "half-written.mp4"), new byte[1024]);
                File.WriteAllText(run + ".lock", "");
                return run;
            }

            var old = Run("render-s01-a1");
            var recent = Run("render-s02-a1");
            Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-3));

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Assets:Root"] = root, ["Workers:StaleWorkAfter"] = "02:00:00" });
            builder.Services.AddWorkerOptions(builder.Configuration);
            builder.Services.AddAiProdAssets(builder.Configuration);
            using var host = builder.Build();
            await host.StartAsync();
            for (var i = 0; i < 200 && Directory.Exists(old); i++)
                await Task.Delay(25);
            await host.StopAsync();

            Assert.Multiple(() =>
            {
                Assert.That(Directory.Exists(old), Is.False, "dead for longer than any step takes");
                Assert.That(Directory.Exists(recent), Is.True, "too recent to be sure its step is over");
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
