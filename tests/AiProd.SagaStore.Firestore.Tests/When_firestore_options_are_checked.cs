using AiProd.SagaStore.Firestore.Documents;
using Grpc.Core;

namespace AiProd.SagaStore.Firestore.Tests;

public class When_firestore_options_are_checked
{
    [Test]
    public void Should_name_every_problem()
    {
        var options = new FirestoreOptions { ProjectId = "x", Collection = "a/b", EmulatorHost = "http://h:1/", CallTimeout = TimeSpan.Zero };
        var error = Assert.Throws<ArgumentException>(() => options.Validate())!;
        Assert.That(error.Message, Does.Contain("ProjectId").And.Contain("Collection").And.Contain("EmulatorHost").And.Contain("CallTimeout"));
    }

    [Test]
    public void Should_default_to_the_default_database_and_https_endpoint()
    {
        var options = new FirestoreOptions { ProjectId = "my-project", EmulatorHost = null };
        Assert.Multiple(() =>
        {
            Assert.That(options.Problems(), Is.Empty);
            Assert.That(options.DocumentsRoot, Is.EqualTo("projects/my-project/databases/(default)/documents"));
            Assert.That(options.Endpoint.Scheme, Is.EqualTo("https"));
        });
    }

    [Test]
    [NonParallelizable]
    public void Should_fail_a_call_to_real_firestore_without_credentials_saying_so()
    {
        var previous = Environment.GetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS");
        Environment.SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent/adc.json");
        try
        {
            using var documents = new FirestoreDocuments(new FirestoreOptions { ProjectId = "my-project", EmulatorHost = null, Collection = "videos" });
            var error = Assert.ThrowsAsync<RpcException>(() => documents.GetAsync("x"))!;
            Assert.That(error.Status.DebugException?.ToString() ?? error.Message, Does.Contain("adc.json"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", previous);
        }
    }
}
