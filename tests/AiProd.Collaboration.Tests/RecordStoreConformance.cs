using AiProd.Collaboration.Audit;
using AiProd.Collaboration.Comments;
using AiProd.Collaboration.Records;

namespace AiProd.Collaboration.Tests;

/// <summary>
/// What every record store must do, run on each (SQLite file, Firestore emulator): the comments, the audit trail and
/// (in <c>RecordStoreConformance.Webhooks.cs</c>) the gateway's webhook subscriptions and delivery queue.
/// </summary>
public abstract partial class RecordStoreConformance
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    protected IRecordStore<Comment> Comments { get; private set; } = null!;

    protected IRecordStore<AuditEntry> Audit { get; private set; } = null!;

    /// <summary>A store of its own for this test: a table of one SQLite file, or a Firestore collection of its own.</summary>
    protected abstract IRecordStore<T> CreateStore<T>(string name, bool appendOnly = false)
        where T : class, IStoredRecord;

    [SetUp]
    public void CreateStores()
    {
        Comments = CreateStore<Comment>("comments");
        Audit = CreateStore<AuditEntry>("audit_log", appendOnly: true);
    }

    [Test]
    public async Task Should_keep_a_comment_thread_of_a_video_with_its_anchor_and_edits()
    {
        var video = Guid.NewGuid();
        var first = new Comment("cm_0000000000000001", video, 1, null, "team-a", "team-a (ak_1)", "Warmer light?", Noon) { Anchor = new CommentAnchor("c1-s00-sh01", 2.5) };
        var reply = new Comment("cm_0000000000000002", video, 1, first.Id, "team-b", "team-b", "Agreed.", Noon.AddMinutes(1));
        var elsewhere = new Comment("cm_0000000000000003", Guid.NewGuid(), 1, null, "team-a", "team-a", "Other video", Noon.AddMinutes(2));
        foreach (var c in new[] { first, reply, elsewhere })
            await Comments.CreateAsync(c);

        Assert.That(async () => await Comments.CreateAsync(first), Throws.InvalidOperationException, "an id is stored once");
        Assert.That(await Comments.ReplaceAsync(first with { Text = "Warmer light, please.", EditedAt = Noon.AddMinutes(5) }), Is.True);
        var listed = await Comments.ListAsync(video.ToString("D"), 10);
        var back = await Comments.GetAsync(first.Id);
        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(c => c.Id), Is.EqualTo(new[] { reply.Id, first.Id }), "newest first, this video's only");
            Assert.That(back!.Text, Is.EqualTo("Warmer light, please."));
            Assert.That(back.EditedAt, Is.EqualTo(Noon.AddMinutes(5)));
            Assert.That(back.Anchor, Is.EqualTo(new CommentAnchor("c1-s00-sh01", 2.5)));
            Assert.That(back.At, Is.EqualTo(Noon));
            Assert.That(listed[0].ParentId, Is.EqualTo(first.Id));
        });
    }

    [Test]
    public async Task Should_append_audit_entries_list_them_newest_first_and_refuse_to_change_one()
    {
        var video = Guid.NewGuid();
        var submitted = new AuditEntry("au_0000000000000001", Noon, "team-a (ak_1)", AuditActions.VideoSubmitted, video, null, null, "A lighthouse");
        var approved = new AuditEntry("au_0000000000000002", Noon.AddMinutes(3), "team-b", AuditActions.VideoApproved, video, 1, "storyboard:legal", null);
        var key = new AuditEntry("au_0000000000000003", Noon.AddMinutes(4), "cli:ops", AuditActions.KeyCreated, null, null, "ak_2", "scopes videos:read");
        foreach (var e in new[] { submitted, approved, key })
            await Audit.CreateAsync(e);

        var ofVideo = await Audit.ListAsync(video.ToString("D"), 10);
        var all = await Audit.ListAsync(null, 10);
        Assert.Multiple(() =>
        {
            Assert.That(ofVideo.Select(e => e.Action), Is.EqualTo(new[] { AuditActions.VideoApproved, AuditActions.VideoSubmitted }));
            Assert.That(ofVideo[0].Version, Is.EqualTo(1));
            Assert.That(all.Select(e => e.Id), Is.EqualTo(new[] { key.Id, approved.Id, submitted.Id }));
            Assert.That(all[0].VideoId, Is.Null);
        });
        Assert.That(async () => await Audit.ReplaceAsync(submitted with { Actor = "someone else" }), Throws.InvalidOperationException, "the trail is never edited");
        Assert.That((await Audit.GetAsync(submitted.Id))!.Actor, Is.EqualTo("team-a (ak_1)"));
    }
}
