using AiProd.Contracts;
using AiProd.Workers.Qa.Consistency;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// Narrative flow with the packaged MiniLM model (loaded once for the whole test process, as in a worker): a paraphrase
/// of the prompt must score above unrelated text where the lexical measure sees no shared word in either; a model that
/// cannot load, or configuration, falls back to the lexical measure and the basis says why.
/// </summary>
public class When_narrative_flow_is_measured
{
    private const string Prompt = "a dog runs on the beach";
    private const string Paraphrase = "a puppy sprinting along the shore";
    private const string Unrelated = "quarterly tax filing deadlines";

    private static RunSemanticQa Plan(string prompt, params string[] scenes) =>
        MediaKit.SemanticCommand("/tmp/none.mp4", [], [], 4) with
        {
            Request = new VideoRequest(prompt, 4),
            Direction = new CreativeDirection(1, "Test", [.. scenes.Select((d, i) => new Scene(i, "setup", d, "pan", "day", "calm", 4))], []),
        };

    [Test]
    public void Should_embed_a_paraphrase_closer_than_unrelated_text_where_tf_idf_sees_no_difference()
    {
        var vectors = SentenceEmbeddings.Shared.Embed([Prompt, Paraphrase, Unrelated], CancellationToken.None);
        Assert.That(vectors, Is.Not.Null, SentenceEmbeddings.Shared.Failure);
        var lexical = new TextSimilarity([Prompt, Paraphrase, Unrelated]);
        Assert.Multiple(() =>
        {
            Assert.That(vectors![0], Has.Length.EqualTo(384));
            Assert.That(SentenceEmbeddings.Cosine(vectors[0], vectors[1]), Is.GreaterThan(0.4), "a dog on the beach ≈ a puppy on the shore");
            Assert.That(SentenceEmbeddings.Cosine(vectors[0], vectors[2]), Is.LessThan(0.15), "dogs have nothing to do with tax deadlines");
            Assert.That(lexical.Cosine(Prompt, Paraphrase), Is.EqualTo(lexical.Cosine(Prompt, Unrelated)), "no content word is shared with either");
        });
    }

    [Test]
    public void Should_score_scenes_that_paraphrase_the_prompt_above_scenes_about_something_else()
    {
        var follows = NarrativeFlow.Default.Score(Plan(Prompt, Paraphrase));
        var strays = NarrativeFlow.Default.Score(Plan(Prompt, Unrelated));
        var lexicalFollows = NarrativeFlow.LexicalOnly.Score(Plan(Prompt, Paraphrase));
        var lexicalStrays = NarrativeFlow.LexicalOnly.Score(Plan(Prompt, Unrelated));
        Assert.Multiple(() =>
        {
            Assert.That(follows.Score, Is.GreaterThan(0.8), follows.Basis);
            Assert.That(strays.Score, Is.LessThan(0.3), strays.Basis);
            Assert.That(follows.Basis, Does.StartWith("sentence embeddings:").And.Contain("all-MiniLM-L6-v2").And.Contain("prompt↔scene description"));
            Assert.That(lexicalFollows.Score, Is.EqualTo(lexicalStrays.Score), "the lexical measure cannot tell them apart");
            Assert.That(lexicalFollows.Basis, Does.StartWith("lexical (selected by Qa:NarrativeSimilarity=lexical)").And.Contain("TF-IDF"));
        });
    }

    [Test]
    public void Should_fall_back_to_the_lexical_measure_and_say_why_when_the_model_cannot_load()
    {
        var loads = 0;
        var broken = new SentenceEmbeddings(() =>
        {
            Interlocked.Increment(ref loads);
            throw new DllNotFoundException("Unable to load shared library '/opt/x/libonnxruntime.so'");
        });
        var flow = new NarrativeFlow(NarrativeSimilarity.Embeddings, broken);
        var first = flow.Score(Plan("A lighthouse at dusk", "The lighthouse at dusk above the rocks"));
        var again = flow.Score(Plan("A lighthouse at dusk", "The lighthouse at dusk above the rocks"));
        Assert.Multiple(() =>
        {
            Assert.That(first.Basis, Does.StartWith("lexical (the sentence-embedding model is unavailable: ONNX Runtime's native library did not load on this machine)"));
            Assert.That(first.Basis, Does.Not.Contain("/opt/").And.Not.Contain("DllNotFound"), "no server path or type name reaches a user");
            Assert.That(first.Score, Is.GreaterThan(0.5), "the lexical measure still sees the shared words");
            Assert.That(again, Is.EqualTo(first));
            Assert.That(loads, Is.EqualTo(1), "a failed load is not retried on every call");
        });
    }

    [Test]
    public async Task Should_load_the_model_once_however_many_callers_ask_at_the_same_time()
    {
        var loads = 0;
        var embeddings = new SentenceEmbeddings(() =>
        {
            Interlocked.Increment(ref loads);
            throw new IOException("disk gone");
        });
        var lexicalOnly = new NarrativeFlow(NarrativeSimilarity.Lexical, embeddings);
        lexicalOnly.Score(Plan(Prompt, Paraphrase));
        Assert.That(loads, Is.Zero, "the lexical setting loads no model");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => embeddings.Embed(["x"], CancellationToken.None))));
        Assert.Multiple(() =>
        {
            Assert.That(loads, Is.EqualTo(1));
            Assert.That(embeddings.Failure, Is.EqualTo("the packaged model could not be read"));
        });
    }
}
