using AiProd.Contracts;

namespace AiProd.Saga.Tests;

public class When_the_saga_records_when_things_happened : PipelineDriver
{
    [Test]
    public async Task Should_read_every_time_from_its_TimeProvider()
    {
        var start = Clock.GetUtcNow();
        await Start();
        Clock.Advance(TimeSpan.FromMinutes(5));
        var sanitize = await Published<SanitizeInput>();
        await Publish(new InputSanitized(VideoId, sanitize.Attempt, Samples.Sanitized(Request)));

        var video = await InState(m => m.Analysis);
        var changed = await Published<VideoStateChanged>(c => c.VideoId == VideoId && c.ToState == VideoStages.Analysis);
        Assert.Multiple(() =>
        {
            Assert.That(video.CreatedAt, Is.EqualTo(start));
            Assert.That(video.History.Single(h => h.Stage == VideoStages.InputSanitizer).EnteredAt, Is.EqualTo(start));
            Assert.That(video.History.Single(h => h.Stage == VideoStages.InputSanitizer).LeftAt, Is.EqualTo(start.AddMinutes(5)));
            Assert.That(video.UpdatedAt, Is.EqualTo(start.AddMinutes(5)));
            Assert.That(changed.Timestamp, Is.EqualTo(start.AddMinutes(5)));
        });
    }
}
