using System.Net;
using System.Net.Http.Json;
using AiProd.Gateway;

namespace AiProd.EndToEnd.Tests;

/// <summary><c>aiprod keys</c> as an operator runs it, against the file a real gateway reads its keys from.</summary>
[Category("EndToEnd")]
public class When_an_operator_manages_keys_with_aiprod
{
    [Test]
    public async Task Should_create_a_key_the_gateway_accepts_list_it_without_its_secret_and_revoke_it()
    {
        var folder = Directory.CreateTempSubdirectory("aiprod-keys-").FullName;
        var db = Path.Combine(folder, "aiprod.db");
        try
        {
            var created = await CliRunner.RunAsync("keys", "create", "--name", "ci pipeline", "--scopes", "videos:read", "--owner", "team-a", "--db", db);
            Assert.That(created.ExitCode, Is.Zero, created.Error);
            var secret = created.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("ak_", StringComparison.Ordinal) && l.Contains('.', StringComparison.Ordinal));
            var id = secret[..secret.IndexOf('.', StringComparison.Ordinal)];

            var listed = await CliRunner.RunAsync("keys", "list", "--db", db);
            Assert.Multiple(() =>
            {
                Assert.That(listed.Output, Does.Contain(id).And.Contain("ci pipeline").And.Contain("team-a").And.Contain("videos:read"));
                Assert.That(listed.Output, Does.Not.Contain(secret[(id.Length + 1)..]), "a list never shows a secret");
                Assert.That(string.Concat(new[] { db, db + "-wal" }.Where(File.Exists).Select(f => File.ReadAllText(f, System.Text.Encoding.Latin1))),
                    Does.Contain(id).And.Not.Contain(secret[(id.Length + 1)..]), "the store keeps a hash, not the secret");
            });

            var bad = await CliRunner.RunAsync("keys", "create", "--name", "x", "--scopes", "videos:everything", "--db", db);
            Assert.That(bad.ExitCode, Is.EqualTo(2));
            Assert.That(bad.Error, Does.Contain("videos:everything"), "the bad scope is named");

            await using var app = GatewayApp.Build([.. InProcessGateway.Settings(folder)]);
            await app.StartAsync();
            try
            {
                using var http = GatewayProcess.Client(InProcessGateway.Address(app), secret);
                Assert.That((await http.GetAsync("/v1/videos")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That((await http.PostAsJsonAsync("/v1/videos", new { prompt = "A calm lake at dawn" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

                var revoked = await CliRunner.RunAsync("keys", "revoke", id, "--db", db);
                Assert.That(revoked.ExitCode, Is.Zero, revoked.Error);
                Assert.That((await http.GetAsync("/v1/videos")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "refused at its next request");
                Assert.That((await CliRunner.RunAsync("keys", "revoke", "ak_0000000000000000", "--db", db)).ExitCode, Is.EqualTo(1));
            }
            finally
            {
                await app.StopAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
