using AiProd.Contracts;
using AiProd.Saga;
using AiProd.SagaStore.Firestore.Tests.Mapping;
using AiProd.SagaStore.Firestore.V1;
using Google.Protobuf.WellKnownTypes;
using Value = AiProd.SagaStore.Firestore.V1.Value;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>
/// Budgets, costs and history times are numbers and timestamps in the stored document at every depth, so an operator's
/// structured query can filter on them; documents written before that (numbers and nested times as strings) still read.
/// </summary>
public class When_operators_query_typed_fields : FirestoreStoreTest
{
    private static VideoState WithBudget(decimal budget, int minute)
    {
        var video = Videos.Rich(VideoStages.Render, Videos.At(minute));
        video.Request = video.Request with { BudgetUsd = budget };
        return video;
    }

    private async Task<IReadOnlyList<Guid>> Query(StructuredQuery.Types.Filter filter) =>
        [.. (await Documents.QueryAsync(new StructuredQuery { Where = filter })).Select(d => Guid.Parse(d.Name[(d.Name.LastIndexOf('/') + 1)..]))];

    private static StructuredQuery.Types.Filter Compare(string field, StructuredQuery.Types.FieldFilter.Types.Operator op, Value value) =>
        new() { FieldFilter = new() { Field = new() { FieldPath = field }, Op = op, Value = value } };

    [Test]
    public async Task Should_store_numbers_and_timestamps_with_their_types_at_depth()
    {
        var video = Videos.Rich();
        await Store.NewContext().Insert(video, default);

        var fields = (await Documents.GetAsync(video.CorrelationId.ToString()))!.Fields;
        var entered = fields["history"].ArrayValue.Values.Select(h => h.MapValue.Fields["enteredAt"]).ToList();
        var ledger = fields["renderLedger"].ArrayValue.Values[0].MapValue.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(fields["submitted"].MapValue.Fields["budgetUsd"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.DoubleValue));
            Assert.That(fields["submitted"].MapValue.Fields["budgetUsd"].DoubleValue, Is.EqualTo(5.0));
            Assert.That(entered.Select(e => e.ValueTypeCase), Has.All.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(entered[^1].TimestampValue.ToDateTimeOffset(), Is.EqualTo(video.History[^1].EnteredAt));
            Assert.That(ledger["costUsd"].DoubleValue, Is.EqualTo(0.0125));
            Assert.That(fields["renderedShots"].MapValue.Fields.Values.First().MapValue.Fields["costUsd"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.DoubleValue));
            Assert.That(fields["estimate"].MapValue.Fields["estimatedUsd"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.DoubleValue));
        });
    }

    [Test]
    public async Task Should_answer_a_query_on_a_nested_budget()
    {
        VideoState[] videos = [WithBudget(0.50m, 0), WithBudget(2.00m, 1), WithBudget(5.00m, 2), WithBudget(12.75m, 3)];
        foreach (var video in videos)
            await Store.NewContext().Insert(video, default);

        var over = await Query(Compare("request.budgetUsd", StructuredQuery.Types.FieldFilter.Types.Operator.GreaterThan, new Value { DoubleValue = 2.0 }));
        var upTo = await Query(Compare("request.budgetUsd", StructuredQuery.Types.FieldFilter.Types.Operator.LessThanOrEqual, new Value { IntegerValue = 2 }));
        Assert.Multiple(() =>
        {
            Assert.That(over, Is.EquivalentTo(new[] { videos[2].CorrelationId, videos[3].CorrelationId }), "budgetUsd > 2");
            Assert.That(upTo, Is.EquivalentTo(new[] { videos[0].CorrelationId, videos[1].CorrelationId }), "numbers compare with integers too");
        });
    }

    [Test]
    public async Task Should_answer_a_time_range_query()
    {
        VideoState[] videos = [WithBudget(1m, 0), WithBudget(1m, 10), WithBudget(1m, 20), WithBudget(1m, 30)];
        foreach (var video in videos)
            await Store.NewContext().Insert(video, default);

        var range = new StructuredQuery.Types.Filter
        {
            CompositeFilter = new()
            {
                Op = StructuredQuery.Types.CompositeFilter.Types.Operator.And,
                Filters =
                {
                    Compare("createdAt", StructuredQuery.Types.FieldFilter.Types.Operator.GreaterThanOrEqual, new Value { TimestampValue = Timestamp.FromDateTimeOffset(Videos.At(5)) }),
                    Compare("createdAt", StructuredQuery.Types.FieldFilter.Types.Operator.LessThan, new Value { TimestampValue = Timestamp.FromDateTimeOffset(Videos.At(25)) }),
                },
            },
        };
        Assert.That(await Query(range), Is.EquivalentTo(new[] { videos[1].CorrelationId, videos[2].CorrelationId }));
    }

    [Test]
    public async Task Should_read_a_document_of_the_old_shape_and_type_it_on_its_next_write()
    {
        var video = Videos.Rich();
        var old = When_a_saga_is_mapped_to_firestore_fields.OldShape(new AiProd.SagaStore.Firestore.Mapping.SagaDocumentMapper<VideoState>().ToFields(video));
        Assert.That(old["submitted"].MapValue.Fields["budgetUsd"].StringValue, Is.EqualTo("5"), "the test writes the old shape");
        await Documents.CreateAsync(video.CorrelationId.ToString(), old);

        var context = Store.NewContext();
        var loaded = (await context.Load(video.CorrelationId, default))!;
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Submitted.BudgetUsd, Is.EqualTo(5m));
            Assert.That(loaded.RenderLedger[0].CostUsd, Is.EqualTo(0.0125m));
            Assert.That(loaded.History, Is.EqualTo(video.History));
            Assert.That(loaded.CreatedAt, Is.EqualTo(video.CreatedAt));
        });

        loaded.ReRenders = 1;
        await context.Update(loaded, default);
        var fields = (await Documents.GetAsync(video.CorrelationId.ToString()))!.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(fields["submitted"].MapValue.Fields["budgetUsd"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.DoubleValue));
            Assert.That(fields["history"].ArrayValue.Values[0].MapValue.Fields["enteredAt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(fields["reRenders"].IntegerValue, Is.EqualTo(1));
        });
    }
}
