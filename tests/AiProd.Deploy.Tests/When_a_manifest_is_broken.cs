using System.Text.RegularExpressions;
using AiProd.Deploy.Tests.Support;

namespace AiProd.Deploy.Tests;

/// <summary>
/// Fixtures/broken-manifests.yaml: valid documents, then one document per mistake (misspelt fields, wrong types,
/// missing required fields, enum values, trigger metadata, dangling references), each annotated with what the
/// validator must say about it.
/// </summary>
public sealed partial class When_a_manifest_is_broken
{
    [Test]
    public async Task Should_report_every_mistake_and_no_valid_document()
    {
        var yaml = await File.ReadAllTextAsync(ManifestFiles.Broken);
        var documents = (await Overlay.ParseAsync(yaml)).Documents;
        var result = await Tool.ValidateAsync(yaml);
        var lines = result.Output.Split('\n');

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var broken = documents.Where(d => d["metadata"]?["annotations"]?["expect"] is not null).ToList();
        Assert.That(broken, Has.Count.GreaterThanOrEqualTo(20));
        Assert.Multiple(() =>
        {
            foreach (var document in documents)
            {
                var label = $" {(string?)document["kind"]}/{Bundle.NameOf(document)}: ";
                var reported = lines.Where(l => l.Contains(label, StringComparison.Ordinal)).ToList();
                var expected = (string?)document["metadata"]?["annotations"]?["expect"];
                if (expected is null)
                    Assert.That(reported, Is.Empty, $"{label.Trim()} is valid");
                else
                    Assert.That(reported, Has.Some.Contains(expected), $"{label.Trim()}");
            }
        });
        Assert.That(ProblemCount().Match(result.Output).Groups[1].Value, Is.Not.EqualTo("0"));
    }

    [GeneratedRegex(@"(\d+) problem\(s\)")]
    private static partial Regex ProblemCount();
}
