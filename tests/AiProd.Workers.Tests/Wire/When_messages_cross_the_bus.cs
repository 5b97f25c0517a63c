using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.Workers.Tests.Wire;

/// <summary>
/// Money is a JSON number in every body the bus writes (docs/wire-contract.md): each message goes through the two
/// serializers AiProd's buses use — the raw JSON of the Pub/Sub transport and MassTransit's envelope on the in-memory
/// bus — with the options a host sets up.
/// </summary>
public partial class When_messages_cross_the_bus
{
    [OneTimeSetUp]
    public async Task BuildAHost()
    {
        // The options are set where every host builds its bus (AddAiProdBus); a host is built and its bus started as a service does.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.AddServiceDefaults();
        builder.AddAiProdBus();
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }

    public static IEnumerable<Type> Messages() => SampleMessages.Types();

    [TestCaseSource(nameof(Messages))]
    public void Should_write_money_as_json_numbers_in_raw_json(Type type)
    {
        var serializer = new SystemTextJsonRawMessageSerializer(RawSerializerOptions.AddTransportHeaders | RawSerializerOptions.CopyHeaders);
        AssertMoneyIsNumeric(type, Serialize(serializer, SampleMessages.Create(type)));
    }

    [TestCaseSource(nameof(Messages))]
    public void Should_write_money_as_json_numbers_in_the_envelope(Type type) =>
        AssertMoneyIsNumeric(type, Serialize(SystemTextJsonMessageSerializer.Instance, SampleMessages.Create(type)));

    [Test]
    public void Should_read_money_sent_as_numbers_and_as_strings_by_older_senders()
    {
        var options = SystemTextJsonMessageSerializer.Options;
        var asNumber = JsonSerializer.Deserialize<AiProd.Contracts.VideoCompleted>(
            """{"videoId":"0f8fad5b-d9cb-469f-a165-70867728950e","assetUri":"a","manifestUri":"m","durationSeconds":4,"estimatedCostUsd":0.0049,"actualCostUsd":1.25,"technicalChecksPassed":10,"semanticScore":8.5,"completedAt":"2026-11-25T19:00:00Z"}""", options)!;
        var asString = JsonSerializer.Deserialize<AiProd.Contracts.VideoCompleted>(
            """{"videoId":"0f8fad5b-d9cb-469f-a165-70867728950e","assetUri":"a","manifestUri":"m","durationSeconds":4,"estimatedCostUsd":"0.0049","actualCostUsd":"1.25","technicalChecksPassed":10,"semanticScore":8.5,"completedAt":"2026-11-25T19:00:00Z"}""", options)!;
        Assert.Multiple(() =>
        {
            Assert.That((asNumber.EstimatedCostUsd, asNumber.ActualCostUsd), Is.EqualTo((0.0049m, 1.25m)));
            Assert.That((asString.EstimatedCostUsd, asString.ActualCostUsd), Is.EqualTo((0.0049m, 1.25m)));
        });
    }

    [Test]
    public void Should_keep_the_digits_of_an_amount()
    {
        var json = JsonSerializer.Serialize(new AiProd.Contracts.VideoRequest("x", BudgetUsd: 5.00m), SystemTextJsonMessageSerializer.Options);
        Assert.That(json, Does.Contain("\"budgetUsd\": 5.00"));
    }

    private static JsonDocument Serialize(IMessageSerializer serializer, object message)
    {
        var method = typeof(When_messages_cross_the_bus).GetMethod(nameof(Body), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return JsonDocument.Parse((byte[])method.MakeGenericMethod(message.GetType()).Invoke(null, [serializer, message])!);
    }

    private static byte[] Body<T>(IMessageSerializer serializer, T message)
        where T : class => serializer.GetMessageBody(new MessageSendContext<T>(message)).GetBytes();

    private static void AssertMoneyIsNumeric(Type type, JsonDocument body)
    {
        var strings = new List<string>();
        var numbers = new List<decimal>();
        Walk(body.RootElement, strings, numbers);
        Assert.Multiple(() =>
        {
            Assert.That(strings.Where(s => Numeric().IsMatch(s)), Is.Empty, $"{type.Name}: no number may travel as a JSON string");
            if (SampleMessages.HasMoney(type))
                Assert.That(numbers, Does.Contain(SampleMessages.Money), $"{type.Name}: its amounts are JSON numbers");
        });
    }

    private static void Walk(JsonElement element, List<string> strings, List<decimal> numbers)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, strings, numbers);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Walk(item, strings, numbers);
                break;
            case JsonValueKind.String:
                strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Number:
                numbers.Add(element.GetDecimal());
                break;
        }
    }

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex Numeric();
}
