using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiProd.Saga;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.V1;
using Google.Protobuf.Collections;

namespace AiProd.SagaStore.Firestore.Tests.Mapping;

public class When_a_saga_is_mapped_to_firestore_fields
{
    private readonly SagaDocumentMapper<VideoState> _mapper = new();

    private static string Json(VideoState video) => JsonSerializer.Serialize(video, SagaDocumentMapper.DefaultJsonOptions);

    [Test]
    public void Should_read_back_what_was_written()
    {
        var video = Videos.Rich();
        var back = _mapper.FromFields(_mapper.ToFields(video));
        Assert.Multiple(() =>
        {
            Assert.That(Normalized(Json(back)), Is.EqualTo(Normalized(Json(video))), "every value, amounts compared by value");
            Assert.That(back.Request.BudgetUsd, Is.EqualTo(123456789.123456789123m), "an amount past a double's digits is kept exactly");
            Assert.That(back.Submitted.BudgetUsd, Is.EqualTo(5.00m));
            Assert.That(back.RenderedShots.Keys, Is.EquivalentTo(video.RenderedShots.Keys));
            Assert.That(back.ActualCostUsd, Is.EqualTo(0.025m));
            Assert.That(back.History[^1].EnteredAt, Is.EqualTo(video.History[^1].EnteredAt), "nested dates to the microsecond");
            Assert.That(back.Error, Is.Null);
        });
    }

    [Test]
    public void Should_read_back_a_video_waiting_for_approval_with_typed_fields()
    {
        var video = Videos.AwaitingApproval();
        var fields = _mapper.ToFields(video);
        var back = _mapper.FromFields(fields);
        var decision = fields["approvals"].ArrayValue.Values[0].MapValue.Fields;
        var round = fields["pendingApproval"].MapValue.Fields;
        var version = fields["versions"].ArrayValue.Values[0].MapValue.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(Normalized(Json(back)), Is.EqualTo(Normalized(Json(video))), "every value of the round, the answers and the kept version");
            Assert.That(back.Request.Approval!.OnDeadline, Is.EqualTo("approve"), "an init-only property of the request");
            Assert.That(back.Versions[0].CostUsd, Is.EqualTo(0.0125m));
            Assert.That(fields["revision"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(decision["at"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(decision["approved"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.BooleanValue));
            Assert.That(decision["version"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(round["dueUnixMs"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(version["endedAt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(version["durationSeconds"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.DoubleValue));
            Assert.That(fields["request"].MapValue.Fields["approval"].MapValue.Fields["deadlineSeconds"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
        });
    }

    [Test]
    public void Should_give_each_field_its_firestore_type_at_every_depth()
    {
        var fields = _mapper.ToFields(Videos.Rich());
        var shot = fields["shots"].ArrayValue.Values[0].MapValue.Fields;
        var history = fields["history"].ArrayValue.Values.Select(v => v.MapValue.Fields).ToList();
        var ledger = fields["renderLedger"].ArrayValue.Values[0].MapValue.Fields;
        var rendered = fields["renderedShots"].MapValue.Fields.Values.First().MapValue.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(fields["currentState"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.StringValue));
            Assert.That(fields["version"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(fields["stageAttempt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(fields["createdAt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(fields["updatedAt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(history.Select(h => h["enteredAt"].ValueTypeCase), Has.All.EqualTo(Value.ValueTypeOneofCase.TimestampValue), "history timestamps");
            Assert.That(history[0]["leftAt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue), "a left stage's nullable date");
            Assert.That(history[^1]["leftAt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.NullValue));
            Assert.That(history[0]["attempt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(fields["renderedShots"].MapValue.Fields, Has.Count.EqualTo(2));
            Assert.That(rendered["costUsd"].DoubleValue, Is.EqualTo(0.0125), "a dictionary value's amount");
            Assert.That(ledger["costUsd"].DoubleValue, Is.EqualTo(0.0125), "a list item's amount");
            Assert.That(ledger["attempt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(fields["composedDurationSeconds"].DoubleValue, Is.EqualTo(10.5));
            Assert.That(fields["error"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.NullValue));
            Assert.That(fields["composeRequested"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.BooleanValue));
            Assert.That(shot["durationSeconds"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.DoubleValue), "a double stays a double even when whole");
            Assert.That(fields["sanitized"].MapValue.Fields["request"].MapValue.Fields["budgetUsd"].DoubleValue, Is.EqualTo(0.1));
            Assert.That(fields["submitted"].MapValue.Fields["budgetUsd"].DoubleValue, Is.EqualTo(5.0), "money is a number Firestore can compare");
            Assert.That(fields["submitted"].MapValue.Fields["frameRate"].IntegerValue, Is.EqualTo(24));
            Assert.That(fields["estimate"].MapValue.Fields["estimatedUsd"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.DoubleValue));
            Assert.That(fields["request"].MapValue.Fields["budgetUsd"].StringValue, Is.EqualTo("123456789.123456789123"), "too many digits for a double: exact text");
        });
    }

    [Test]
    public void Should_type_values_by_their_clr_type_not_by_how_their_text_looks()
    {
        var fields = new SagaDocumentMapper<Shapes>().ToFields(new Shapes
        {
            Note = "2026-11-25T12:00:00Z",
            Count = "12",
            Amounts = [0.000001m, 1m, 1234.567891m],
            Windows = new() { ["a"] = new Window(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), null) },
        });
        var window = fields["windows"].MapValue.Fields["a"].MapValue.Fields;
        var back = new SagaDocumentMapper<Shapes>().FromFields(fields);
        Assert.Multiple(() =>
        {
            Assert.That(fields["note"].StringValue, Is.EqualTo("2026-11-25T12:00:00Z"), "a string that looks like a date stays a string");
            Assert.That(fields["count"].StringValue, Is.EqualTo("12"), "a string that looks like a number stays a string");
            Assert.That(fields["amounts"].ArrayValue.Values.Select(v => v.DoubleValue), Is.EqualTo(new[] { 0.000001, 1.0, 1234.567891 }));
            Assert.That(window["from"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(window["until"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.NullValue));
            Assert.That(back.Amounts, Is.EqualTo(new[] { 0.000001m, 1m, 1234.567891m }));
            Assert.That(back.Windows["a"].From, Is.EqualTo(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
            Assert.That(back.Windows["a"].From.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(back.Note, Is.EqualTo("2026-11-25T12:00:00Z"));
        });
    }

    [Test]
    public void Should_read_a_document_written_before_values_were_typed()
    {
        var video = Videos.Rich();
        var back = _mapper.FromFields(OldShape(_mapper.ToFields(video)));
        Assert.Multiple(() =>
        {
            Assert.That(Normalized(Json(back)), Is.EqualTo(Normalized(Json(video))));
            Assert.That(back.Submitted.BudgetUsd, Is.EqualTo(5.00m));
            Assert.That(back.History[0].EnteredAt, Is.EqualTo(video.History[0].EnteredAt));
        });
    }

    /// <summary>
    /// The same fields as the store wrote them before values were typed: every number a string of its text (as budgets
    /// like "5.00" were) and every timestamp below the top level a string (as history dates were).
    /// </summary>
    internal static MapField<string, Value> OldShape(MapField<string, Value> fields, int depth = 0)
    {
        var old = new MapField<string, Value>();
        foreach (var (name, value) in fields)
            old[name] = OldShape(value, depth);
        return old;
    }

    private static Value OldShape(Value value, int depth) => value.ValueTypeCase switch
    {
        Value.ValueTypeOneofCase.MapValue => new Value { MapValue = new MapValue { Fields = { OldShape(value.MapValue.Fields, depth + 1) } } },
        Value.ValueTypeOneofCase.ArrayValue => new Value { ArrayValue = new ArrayValue { Values = { value.ArrayValue.Values.Select(v => OldShape(v, depth + 1)) } } },
        Value.ValueTypeOneofCase.DoubleValue => new Value { StringValue = value.DoubleValue.ToString("R", CultureInfo.InvariantCulture) },
        Value.ValueTypeOneofCase.IntegerValue => new Value { StringValue = value.IntegerValue.ToString(CultureInfo.InvariantCulture) },
        Value.ValueTypeOneofCase.TimestampValue when depth > 0 => new Value { StringValue = value.TimestampValue.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture) },
        _ => value,
    };

    /// <summary>A JSON text with every number written by its value (5.00 and 5 alike), so two trees compare by value.</summary>
    private static string Normalized(string json)
    {
        static JsonNode? Walk(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Walk(p.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Walk)]),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<decimal>() / 1.000000000000000000000000000m),
            _ => node?.DeepClone(),
        };
        return Walk(JsonNode.Parse(json))!.ToJsonString();
    }

    /// <summary>Strings that look like other types, and dates and amounts in nested collections.</summary>
    private sealed class Shapes : MassTransit.ISaga
    {
        public Guid CorrelationId { get; set; }

        public string Note { get; set; } = "";

        public string Count { get; set; } = "";

        public List<decimal> Amounts { get; set; } = [];

        public Dictionary<string, Window> Windows { get; set; } = [];
    }

    private sealed record Window(DateTime From, DateTimeOffset? Until);

    [TestCase("[[1,2],[],[\"a\",[true]]]")]
    [TestCase("{\"a\":{\"b\":[1]},\"b\":[{\"c\":[1.5,-2,1E+300]}]}")]
    [TestCase("{\"n\":null,\"neg\":-9223372036854775808,\"s\":\"12.50\",\"e\":\"\"}")]
    public void Should_round_trip_any_json_tree(string json)
    {
        using var document = JsonDocument.Parse(json);
        var value = JsonValueMapper.ToValue(document.RootElement);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            JsonValueMapper.Write(writer, value);
        Assert.That(System.Text.Encoding.UTF8.GetString(stream.ToArray()), Is.EqualTo(json));
    }

    [Test]
    public void Should_keep_a_number_no_firestore_number_holds_as_its_exact_text()
    {
        using var document = JsonDocument.Parse("[123456789012345678901234567890, 0.1000, 1.5]");
        var values = JsonValueMapper.ToValue(document.RootElement).ArrayValue.Values;
        Assert.Multiple(() =>
        {
            Assert.That(values[0].StringValue, Is.EqualTo("123456789012345678901234567890"));
            Assert.That(values[1].StringValue, Is.EqualTo("0.1000"));
            Assert.That(values[2].DoubleValue, Is.EqualTo(1.5));
        });
    }

    [Test]
    public void Should_store_createdAt_and_updatedAt_as_microsecond_utc_timestamps()
    {
        var video = Videos.Rich(createdAt: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1_234_567));
        var back = _mapper.FromFields(_mapper.ToFields(video));
        Assert.Multiple(() =>
        {
            Assert.That(back.CreatedAt, Is.EqualTo(video.CreatedAt.AddTicks(-7)), "same instant, to the microsecond");
            Assert.That(back.CreatedAt.Offset, Is.EqualTo(TimeSpan.Zero));
        });
    }

    [Test]
    public void Should_refuse_a_document_over_one_mebibyte_naming_id_and_size()
    {
        var video = Videos.Rich();
        video.Submitted = video.Submitted with { Prompt = new string('x', 1_100_000) };
        var fields = _mapper.ToFields(video);
        var error = Assert.Throws<FirestoreDocumentTooLargeException>(() => DocumentSize.Ensure("videos", video.CorrelationId.ToString(), fields))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain(video.CorrelationId.ToString()));
            Assert.That(error.SizeBytes, Is.GreaterThan(1_100_000));
            Assert.That(error.Message, Does.Contain(error.SizeBytes.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)));
        });
    }
}
