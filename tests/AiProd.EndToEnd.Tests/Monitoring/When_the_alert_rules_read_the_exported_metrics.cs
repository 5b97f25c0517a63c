using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Providers.Tests.Stubs;
using AiProd.Testing;

namespace AiProd.EndToEnd.Tests.Monitoring;

/// <summary>
/// The alert and recording rules of k8s/monitoring read metrics a running service really exports: the embedded
/// gateway (every role in one process, Gemini through its loopback stub) makes one video and fails another on its
/// budget ($1 a second against $0.50), then its /metrics is scraped and each rule's selectors, label matchers, groupings and histogram thresholds
/// are checked against the series found there. The dashboard's queries are checked the same way.
/// </summary>
[Category("EndToEnd")]
public sealed class When_the_alert_rules_read_the_exported_metrics
{
    private string _dir = null!;
    private GeminiStub _gemini = null!;
    private GatewayProcess _gateway = null!;
    private PrometheusScrape _scrape = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _dir = Directory.CreateTempSubdirectory("aiprod-metrics-").FullName;
        _gemini = await GeminiStub.StartAsync();
        _gateway = await GatewayProcess.StartAsync(_dir, new Dictionary<string, string>
        {
            ["Providers__Gemini__BaseUrl"] = _gemini.BaseUrl.ToString(),
            ["Providers__Gemini__ApiKey"] = _gemini.Key,
        }, "--Financial:PricesPerSecondUsd:local", "1.00");
        using var http = _gateway.Client();
        var made = await SubmitAsync(http, new { prompt = "A lighthouse at dusk, waves crashing on the rocks", durationSeconds = 3 });
        var refused = await SubmitAsync(http, new { prompt = "A paper boat drifting down a rainy street", durationSeconds = 3, budgetUsd = 0.50 });
        Assert.That(await WaitForEndAsync(http, made), Is.EqualTo("Complete"));
        Assert.That(await WaitForEndAsync(http, refused), Is.EqualTo("Failed"));
        using var anonymous = new HttpClient { BaseAddress = _gateway.Address };
        _scrape = PrometheusScrape.Parse(await anonymous.GetStringAsync("/metrics"));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _gateway.DisposeAsync();
        await _gemini.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    public static IEnumerable<TestCaseData> Rules() =>
        MonitoringRules.Read(Path.Combine(RepoPaths.Root, "k8s", "monitoring", "rules.yaml"))
            .Select(r => new TestCaseData(r.Expression).SetName($"Should_find_what_{r.Name}_reads"));

    [TestCaseSource(nameof(Rules))]
    public void Rule(string expression) => AssertReadable(expression);

    [Test]
    public void Should_have_the_five_alert_policies()
    {
        var names = MonitoringRules.Read(Path.Combine(RepoPaths.Root, "k8s", "monitoring", "rules.yaml")).Select(r => r.Name);
        Assert.That(names, Is.SupersetOf(new[] { "AiProdHighErrorRate", "AiProdDailyCostOverBudget", "AiProdSlowVideos", "AiProdLowQuality", "AiProdHighFailureRate" }));
    }

    [Test]
    public void Should_find_what_every_dashboard_chart_reads()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "k8s", "monitoring", "dashboard.json")));
        var queries = Descendants(dashboard.RootElement)
            .Where(p => p.Name == "prometheusQuery")
            .Select(p => p.Value.GetString()!)
            .ToList();
        Assert.That(queries, Has.Count.GreaterThanOrEqualTo(10));
        Assert.Multiple(() =>
        {
            foreach (var query in queries)
                AssertReadable(query);
        });
    }

    [Test]
    public void Should_export_the_named_pipeline_metrics_with_their_labels()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_scrape.Named("video_generation_cost_sum").Select(s => s.Labels.GetValueOrDefault("backend")), Does.Contain("local"));
            Assert.That(_scrape.Named("video_generation_cost_sum").Sum(s => s.Value), Is.GreaterThan(0));
            Assert.That(_scrape.Named("semantic_quality_score_count").Sum(s => s.Value), Is.GreaterThanOrEqualTo(1));
            Assert.That(_scrape.Named("processing_duration_seconds_count").Select(s => s.Labels["outcome"]), Is.SupersetOf(new[] { "completed", "failed" }));
            Assert.That(_scrape.Named("aiprod_stage_duration_seconds_count").Select(s => s.Labels["stage"]), Is.SupersetOf(new[] { "Render", "QaTech", "QaSemantic", "Finalize" }));
            Assert.That(_scrape.Named("aiprod_shots_rendered_total").Sum(s => s.Value), Is.GreaterThanOrEqualTo(1));
            Assert.That(_scrape.Named("aiprod_provider_calls_total").Select(s => s.Labels["provider"]), Is.Not.Empty);
            Assert.That(_scrape.Named("aiprod_outbox_lag_seconds_count").Sum(s => s.Value), Is.GreaterThan(0));
        });
    }

    /// <summary>Every selector names a metric family the scrape holds; every label it matches or groups by is on that family; an exact match finds a series.</summary>
    private void AssertReadable(string expression)
    {
        var selectors = PromQlSelectors.Of(expression);
        Assert.That(selectors, Is.Not.Empty, expression);
        foreach (var selector in selectors)
        {
            var series = _scrape.Named(selector.Metric).ToList();
            Assert.That(series, Is.Not.Empty, $"no series {selector.Metric} on /metrics (read by {expression})");
            var labels = series.SelectMany(s => s.Labels.Keys).ToHashSet();
            foreach (var matcher in selector.Matchers)
            {
                Assert.That(labels, Does.Contain(matcher.Label), $"{selector.Metric} has no label {matcher.Label}");
                if (matcher.Operator == "=")
                    Assert.That(series.Select(s => s.Labels.GetValueOrDefault(matcher.Label)), Does.Contain(matcher.Value), $"no {selector.Metric}{{{matcher.Label}=\"{matcher.Value}\"}}");
            }

            foreach (var label in PromQlSelectors.GroupedBy(expression).Where(l => l != "le" || selector.Metric.EndsWith("_bucket", StringComparison.Ordinal)))
                Assert.That(labels, Does.Contain(label), $"{selector.Metric} has no label {label} to group by");
        }

        foreach (var (bucket, threshold) in PromQlSelectors.QuantileThresholds(expression))
        {
            var bounds = _scrape.Named(bucket).Select(s => s.Labels["le"]).Where(le => le != "+Inf").Select(le => double.Parse(le, System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(bounds, Does.Contain(threshold), $"{bucket} has no bucket bound at {threshold}, so the quantile cannot tell {threshold} apart");
        }
    }

    private static IEnumerable<JsonProperty> Descendants(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Descendants(p.Value).Prepend(p)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Descendants),
        _ => [],
    };

    private static async Task<Guid> SubmitAsync(HttpClient http, object request)
    {
        var response = await http.PostAsJsonAsync("/v1/videos", request);
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<string> WaitForEndAsync(HttpClient http, Guid id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}");
            var state = status.GetProperty("state").GetString()!;
            if (state is "Complete" or "Failed")
                return state;
            await Task.Delay(250);
        }

        Assert.Fail($"video {id} did not finish within 2 minutes");
        return string.Empty;
    }
}
