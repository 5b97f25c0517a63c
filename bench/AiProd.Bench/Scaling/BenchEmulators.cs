using AiProd.Testing;

namespace AiProd.Bench.Scaling;

/// <summary>The Pub/Sub, Firestore and Cloud Storage emulators, started once for the whole bench (each run has its own names in them).</summary>
internal sealed class BenchEmulators(PubSubEmulatorProcess pubsub, FirestoreEmulatorProcess firestore, StorageEmulatorProcess storage) : IAsyncDisposable
{
    public const string Project = "aiprod-bench";

    public PubSubEmulatorProcess PubSub { get; } = pubsub;

    public FirestoreEmulatorProcess Firestore { get; } = firestore;

    public StorageEmulatorProcess Storage { get; } = storage;

    public static async Task<BenchEmulators> StartAsync(string blobFolder)
    {
        var pubsub = Required<PubSubEmulatorProcess>(PubSubEmulatorProcess.StartAsync);
        var firestore = Required<FirestoreEmulatorProcess>(FirestoreEmulatorProcess.StartAsync);
        var storage = StorageEmulatorProcess.StartAsync(Directory.CreateDirectory(blobFolder).FullName, enforcePreconditions: true);
        try
        {
            await Task.WhenAll(pubsub, firestore, storage);
            return new BenchEmulators(pubsub.Result, firestore.Result, storage.Result);
        }
        catch
        {
            // Task.WhenAll has waited for all three: stop the ones that started.
            if (pubsub.IsCompletedSuccessfully)
                await pubsub.Result.DisposeAsync();
            if (firestore.IsCompletedSuccessfully)
                await firestore.Result.DisposeAsync();
            if (storage.IsCompletedSuccessfully)
                await storage.Result.DisposeAsync();
            throw;
        }
    }

    public override string ToString() => $"Pub/Sub {PubSub.Host}, Firestore {Firestore.Host}, Storage {Storage.Host}";

    public async ValueTask DisposeAsync()
    {
        await PubSub.DisposeAsync();
        await Firestore.DisposeAsync();
        await Storage.DisposeAsync();
    }

    /// <summary>The emulator, or why there is none (neither configured nor installed) as the exception's message.</summary>
    private static async Task<T> Required<T>(Func<Action<string>, Task<T?>> start) where T : class
    {
        string? whyNot = null;
        return await start(reason => whyNot = reason) ?? throw new InvalidOperationException(whyNot ?? "An emulator could not be started.");
    }
}
