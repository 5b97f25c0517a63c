using System.Text.Json;
using AiProd.Saga;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.V1;

namespace AiProd.SagaStore.Firestore.Tests.Mapping;

public class When_a_saga_is_mapped_to_firestore_fields
{
    private readonly SagaDocumentMapper<VideoState> _mapper = new();

    private static string Json(VideoState video) => JsonSerializer.Serialize(video, SagaDocumentMapper.DefaultJsonOptions);

    [Test]
    public void Should_read_back_exactly_what_was_written()
    {
        var video = Videos.Rich();
        var back = _mapper.FromFields(_mapper.ToFields(video));
        Assert.Multiple(() =>
        {
            Assert.That(Json(back), Is.EqualTo(Json(video)));
            Assert.That(back.Request.BudgetUsd, Is.EqualTo(123456789.123456789123m));
            Assert.That(back.Submitted.BudgetUsd.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("5.00"), "decimal scale kept");
            Assert.That(back.RenderedShots.Keys, Is.EquivalentTo(video.RenderedShots.Keys));
            Assert.That(back.ActualCostUsd, Is.EqualTo(0.025m));
            Assert.That(back.History[^1].EnteredAt, Is.EqualTo(video.History[^1].EnteredAt), "nested dates keep every tick");
            Assert.That(back.Error, Is.Null);
        });
    }

    [Test]
    public void Should_give_each_field_its_firestore_type()
    {
        var fields = _mapper.ToFields(Videos.Rich());
        var shot = fields["shots"].ArrayValue.Values[0].MapValue.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(fields["currentState"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.StringValue));
            Assert.That(fields["version"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(fields["createdAt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(fields["updatedAt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(fields["history"].ArrayValue.Values.Select(v => v.ValueTypeCase), Has.All.EqualTo(Value.ValueTypeOneofCase.MapValue));
            Assert.That(fields["renderedShots"].MapValue.Fields, Has.Count.EqualTo(2));
            Assert.That(fields["composedDurationSeconds"].DoubleValue, Is.EqualTo(10.5));
            Assert.That(fields["error"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.NullValue));
            Assert.That(fields["composeRequested"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.BooleanValue));
            Assert.That(shot["durationSeconds"].ValueTypeCase, Is.AnyOf(Value.ValueTypeOneofCase.DoubleValue, Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(fields["sanitized"].MapValue.Fields["request"].MapValue.Fields["budgetUsd"].DoubleValue, Is.EqualTo(0.1), "0.1 is exact as a double");
            Assert.That(fields["submitted"].MapValue.Fields["budgetUsd"].StringValue, Is.EqualTo("5.00"), "a double would drop the scale");
            Assert.That(fields["request"].MapValue.Fields["budgetUsd"].StringValue, Is.EqualTo("123456789.123456789123"), "too many digits for a double");
        });
    }

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
