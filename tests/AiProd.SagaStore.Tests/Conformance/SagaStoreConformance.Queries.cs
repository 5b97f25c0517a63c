
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

    private async Task<List<Guid>> ReadAllPages(string? state, int pageSize)
    {
        var ids = new List<Guid>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Queries.ListAsync(state, pageSize, token);
            Assert.That(page.Items, Has.Count.LessThanOrEqualTo(pageSize));
            ids.AddRange(page.Items.Select(s => s.CorrelationId));
            token = page.NextPageToken;
            Assert.That(++pages, Is.LessThan(100), "paging must end");
        }
        while (token is not null);

        return ids;
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

        var page = await Queries.ListAsync(null, 10, null);
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

        var first = await Queries.ListAsync(null, 3, null);
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

        var second = await Queries.ListAsync(null, 2, (await Queries.ListAsync(null, 2, null)).NextPageToken);
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
            Assert.That((await Queries.ListAsync("Nowhere", 10, null)).Items, Is.Empty);
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
            Assert.That((await Queries.ListAsync("Render", 10, null)).Items, Is.Empty);
            Assert.That((await Queries.ListAsync("Complete", 10, null)).Items.Select(s => s.CorrelationId), Is.EqualTo(new[] { saga.CorrelationId }));
        });
    }

    [Test]
    public void Should_refuse_a_page_token_it_did_not_issue() =>
        Assert.ThrowsAsync<ArgumentException>(() => Queries.ListAsync(null, 10, "not-a-token"));
}
