using AiProd.Contracts;
using AiProd.Saga;
using MassTransit;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

public class When_operators_list_sagas : FirestoreStoreTest
{
    private FirestoreSagaQueries<VideoState> _queries = null!;
    private List<VideoState> _videos = null!;

    [SetUp]
    public async Task StoreFive()
    {
        _queries = new FirestoreSagaQueries<VideoState>(Store);
        string[] states = [VideoStages.Render, VideoStages.Failed, VideoStages.Render, VideoStages.Complete, VideoStages.Render];
        _videos = [.. states.Select((state, i) => Videos.Rich(state, Videos.At(i)))];
        foreach (var video in _videos)
            await Store.NewContext().Insert(video, default);
    }

    [Test]
    public async Task Should_get_one_by_id_or_null()
    {
        var video = await _queries.GetAsync(_videos[1].CorrelationId);
        Assert.Multiple(async () =>
        {
            Assert.That(video?.CurrentState, Is.EqualTo(VideoStages.Failed));
            Assert.That(await _queries.GetAsync(NewId.NextGuid()), Is.Null);
        });
    }

    [Test]
    public async Task Should_list_newest_first_page_by_page()
    {
        var seen = new List<Guid>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await _queries.ListAsync(new SagaListFilter(), 2, token);
            seen.AddRange(page.Items.Select(v => v.CorrelationId));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(seen, Is.EqualTo(_videos.AsEnumerable().Reverse().Select(v => v.CorrelationId)));
        });
    }

    [Test]
    public async Task Should_filter_by_state()
    {
        var first = await _queries.ListAsync(new SagaListFilter(VideoStages.Render), 2, null);
        var second = await _queries.ListAsync(new SagaListFilter(VideoStages.Render), 2, first.NextPageToken);
        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Select(v => v.CorrelationId), Is.EqualTo(new[] { _videos[4].CorrelationId, _videos[2].CorrelationId }));
            Assert.That(second.Items.Select(v => v.CorrelationId), Is.EqualTo(new[] { _videos[0].CorrelationId }));
            Assert.That(second.NextPageToken, Is.Null);
        });
    }

    [Test]
    public void Should_refuse_a_token_that_is_not_one() =>
        Assert.That(() => _queries.ListAsync(new SagaListFilter(), 50, "bm90LWEtdG9rZW4"), Throws.ArgumentException);
}
