
namespace AiProd.SagaStore.Tests.Conformance;

/// <summary>The gateway's reads: by id, and pages newest first with an opaque token and a state filter.</summary>
public abstract partial class SagaStoreConformance
{
    /// <summary>Inserts <paramref name="count"/> sagas one after another; returns them newest first.</summary>
    private async Task<List<ConformanceSaga>> InsertInOrder(int count, Func<int, string> state)
    {
        var sagas = new List<ConformanceSaga>();
        for (var i = 0; i < count; i++)
        {
            var saga = NewSaga(state(i), i);
            await Store.InsertAsync(saga);
            sagas.Add(saga);
            await Task.Delay(2);
        }

        sagas.Reverse();
        return sagas;
    }

    private async Task<List<Guid>> ReadAllPages(string? state, int pageSize, string? owner = null)
    {
        var ids = new List<Guid>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Queries.ListAsync(new SagaListFilter(state, owner), pageSize, token);
            Assert.That(page.Items, Has.Count.LessThanOrEqualTo(pageSize));
            ids.AddRange(page.Items.Select(s => s.CorrelationId));
            token = page.NextPageToken;
            Assert.That(++pages, Is.LessThan(100), "paging must end");
        }
        while (token is not null);

        return ids;
    }

    [Test]
    public async Task Should_find_the_sagas_at_or_below_a_value_lowest_first_up_to_the_limit()
    {
        var counts = new[] { 40, 7, 12, 3, 25, 9, 18, 1 };
        foreach (var count in counts)
            await Store.InsertAsync(NewSaga(count: count));

        var atMostTwelve = await Store.FindAtMostAsync(nameof(ConformanceSaga.Count), 12, 10);
        var lowestTwo = await Store.FindAtMostAsync(nameof(ConformanceSaga.Count), 12, 2);
        Assert.Multiple(() =>
        {
            Assert.That(atMostTwelve.Select(s => s.Count), Is.EqualTo(new[] { 1, 3, 7, 9, 12 }));
            Assert.That(lowestTwo.Select(s => s.Count), Is.EqualTo(new[] { 1, 3 }));
        });
    }

    [Test]
    public async Task Should_get_a_saga_by_id_and_nothing_for_an_unknown_id()
    {
        var saga = NewSaga(count: 4);
        await Store.InsertAsync(saga);

        Assert.Multiple(async () =>
        {
            Assert.That((await Queries.GetAsync(saga.CorrelationId))?.Count, Is.EqualTo(4));
            Assert.That(await Queries.GetAsync(Guid.NewGuid()), Is.Null);
        });
    }

    [Test]
    public async Task Should_list_newest_first()
    {
        var newestFirst = await InsertInOrder(4, _ => "running");

        var page = await Queries.ListAsync(new SagaListFilter(), 10, null);
        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(s => s.CorrelationId), Is.EqualTo(newestFirst.Select(s => s.CorrelationId)));
            Assert.That(page.NextPageToken, Is.Null, "everything fit on one page");
        });
    }

    [Test]
    public async Task Should_page_through_every_saga_once_in_order()
    {
        var newestFirst = await InsertInOrder(7, _ => "running");

        var first = await Queries.ListAsync(new SagaListFilter(), 3, null);
        Assert.Multiple(() =>
        {
            Assert.That(first.Items, Has.Count.EqualTo(3));
            Assert.That(first.NextPageToken, Is.Not.Null);
        });
        Assert.That(await ReadAllPages(null, 3), Is.EqualTo(newestFirst.Select(s => s.CorrelationId)));
    }

    [Test]
    public async Task Should_not_hand_out_a_next_token_when_the_last_page_is_exactly_full()
    {
        await InsertInOrder(4, _ => "running");

        var second = await Queries.ListAsync(new SagaListFilter(), 2, (await Queries.ListAsync(new SagaListFilter(), 2, null)).NextPageToken);
        Assert.Multiple(() =>
        {
            Assert.That(second.Items, Has.Count.EqualTo(2));
            Assert.That(second.NextPageToken, Is.Null);
        });
    }

    [Test]
    public async Task Should_list_only_sagas_in_the_requested_state()
    {
        var newestFirst = await InsertInOrder(6, i => i % 3 == 0 ? "Complete" : "Render");

        var complete = await ReadAllPages("Complete", 1);
        Assert.Multiple(async () =>
        {
            Assert.That(complete, Is.EqualTo(newestFirst.Where(s => s.State == "Complete").Select(s => s.CorrelationId)));
            Assert.That((await Queries.ListAsync(new SagaListFilter("Nowhere"), 10, null)).Items, Is.Empty);
        });
    }

    [Test]
    public async Task Should_see_a_state_change_in_the_state_filter()
    {
        var saga = NewSaga("Render");
        await Store.InsertAsync(saga);
        var loaded = (await Store.LoadAsync(saga.CorrelationId))!;
        loaded.State = "Complete";
        await Store.UpdateAsync(loaded);

        Assert.Multiple(async () =>
        {
            Assert.That((await Queries.ListAsync(new SagaListFilter("Render"), 10, null)).Items, Is.Empty);
            Assert.That((await Queries.ListAsync(new SagaListFilter("Complete"), 10, null)).Items.Select(s => s.CorrelationId), Is.EqualTo(new[] { saga.CorrelationId }));
        });
    }

    [Test]
    public async Task Should_list_only_an_owners_sagas_in_full_pages()
    {
        // Owners interleaved, so a filter applied after the query would return short or empty pages.
        var newestFirst = await InsertInOrder(9, i => i % 2 == 0 ? "Render" : "Complete");
        for (var i = 0; i < newestFirst.Count; i++)
        {
            var saga = (await Store.LoadAsync(newestFirst[i].CorrelationId))!;
            saga.Owner = i % 3 == 0 ? "alice" : i % 3 == 1 ? "bob" : null;
            await Store.UpdateAsync(saga);
            newestFirst[i].Owner = saga.Owner;
        }

        var alices = newestFirst.Where(s => s.Owner == "alice").Select(s => s.CorrelationId).ToList();
        var first = await Queries.ListAsync(new SagaListFilter(Owner: "alice"), 2, null);
        Assert.Multiple(async () =>
        {
            Assert.That(first.Items.Select(s => s.CorrelationId), Is.EqualTo(alices.Take(2)), "a full first page of alice's only");
            Assert.That(await ReadAllPages(null, 2, "alice"), Is.EqualTo(alices));
            Assert.That(await ReadAllPages("Render", 1, "bob"),
                Is.EqualTo(newestFirst.Where(s => s.Owner == "bob" && s.State == "Render").Select(s => s.CorrelationId)));
            Assert.That((await Queries.ListAsync(new SagaListFilter(Owner: "mallory"), 10, null)).Items, Is.Empty);
            Assert.That(await ReadAllPages(null, 4), Has.Count.EqualTo(9), "no owner filter: every saga, owned or not");
        });
    }

    [Test]
    public void Should_refuse_a_page_token_it_did_not_issue() =>
        Assert.ThrowsAsync<ArgumentException>(() => Queries.ListAsync(new SagaListFilter(), 10, "not-a-token"));

    /// <summary>What the conformance stores keep as each saga's summary: its count and state.</summary>
    public static string Summarize(ConformanceSaga saga) => System.Text.Json.JsonSerializer.Serialize(new { saga.Count, saga.State });

    private static int SummaryCount(SagaSummary summary) => System.Text.Json.JsonDocument.Parse(summary.Json).RootElement.GetProperty("Count").GetInt32();

    private async Task<List<SagaSummary>> ReadAllSummaryPages(string? state, int pageSize, string? owner = null)
    {
        var summaries = new List<SagaSummary>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Queries.ListSummariesAsync(new SagaListFilter(state, owner), pageSize, token);
            Assert.That(page.Items, Has.Count.LessThanOrEqualTo(pageSize));
            summaries.AddRange(page.Items);
            token = page.NextPageToken;
            Assert.That(++pages, Is.LessThan(100), "paging must end");
        }
        while (token is not null);

        return summaries;
    }

    [Test]
    public async Task Should_list_summaries_in_the_same_pages_as_the_instances()
    {
        var newestFirst = await InsertInOrder(7, i => i % 2 == 0 ? "Render" : "Complete");

        var all = await ReadAllSummaryPages(null, 3);
        var render = await ReadAllSummaryPages("Render", 2);
        Assert.Multiple(async () =>
        {
            Assert.That(all.Select(s => s.Id), Is.EqualTo(await ReadAllPages(null, 3)));
            Assert.That(all.Select(SummaryCount), Is.EqualTo(newestFirst.Select(s => s.Count)), "each summary is its own saga's");
            Assert.That(render.Select(s => s.Id), Is.EqualTo(newestFirst.Where(s => s.State == "Render").Select(s => s.CorrelationId)));
        });
        var first = await Queries.ListSummariesAsync(new SagaListFilter(), 3, null);
        var second = await Queries.ListAsync(new SagaListFilter(), 3, first.NextPageToken);
        Assert.That(second.Items.Select(s => s.CorrelationId), Is.EqualTo(newestFirst.Skip(3).Take(3).Select(s => s.CorrelationId)),
            "a summary page's token pages the instances too");
    }

    [Test]
    public async Task Should_list_the_summary_of_the_last_write()
    {
        var saga = NewSaga("Render", count: 1);
        await Store.InsertAsync(saga);
        var loaded = (await Store.LoadAsync(saga.CorrelationId))!;
        loaded.Count = 42;
        loaded.State = "Complete";
        await Store.UpdateAsync(loaded);

        var page = await Queries.ListSummariesAsync(new SagaListFilter("Complete"), 10, null);
        Assert.That(page.Items.Select(SummaryCount), Is.EqualTo(new[] { 42 }));
    }

    [Test]
    public async Task Should_summarise_on_the_fly_a_saga_stored_before_summaries_were_kept()
    {
        var old = NewSaga("Render", count: 7);
        await CreateStoreKeepingNoSummaries().InsertAsync(old);
        var current = NewSaga("Render", count: 8);
        await Store.InsertAsync(current);

        var page = await Queries.ListSummariesAsync(new SagaListFilter(), 10, null);
        Assert.That(page.Items.ToDictionary(s => s.Id, SummaryCount),
            Is.EquivalentTo(new Dictionary<Guid, int> { [old.CorrelationId] = 7, [current.CorrelationId] = 8 }));
    }
}
