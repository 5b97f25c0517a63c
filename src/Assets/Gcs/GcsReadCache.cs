using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace AiProd.Assets;

/// <summary>
/// This machine's copies of Cloud Storage objects, keyed by object and generation:
/// <c>{CacheRoot}/objects/{hash of gs URI}/{generation}{extension}</c>. An entry is checked against the object's
/// checksums each time it is handed out (a corrupted or stale one is dropped and fetched again), and the least
/// recently used entries are deleted once the total passes the bound. Several processes may share the folder.
/// </summary>
internal sealed class GcsReadCache(string cacheRoot, long limitBytes, TimeProvider time, ILogger logger)
{
    private readonly string _objects = Path.Combine(Path.GetFullPath(cacheRoot), "objects");
    private readonly Lock _evicting = new();

    private readonly string _downloads = Path.Combine(Path.GetFullPath(cacheRoot), "objects", ".downloads");
    private int _swept;

    /// <summary>A fresh file to download into, on the cache's file system (so admitting it is a rename).</summary>
    public string NewDownloadFile()
    {
        Directory.CreateDirectory(_downloads);
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            // Downloads a crashed process left behind; an hour is far longer than any download in flight.
            var stale = time.GetUtcNow().UtcDateTime - TimeSpan.FromHours(1);
            foreach (var part in new DirectoryInfo(_downloads).EnumerateFiles("*.part").Where(f => f.LastWriteTimeUtc < stale))
                TryDelete(part.FullName);
        }

        return Path.Combine(_downloads, $"{Guid.NewGuid():N}.part");
    }

    /// <summary>The cached file of this generation when its bytes still match the object, otherwise null (a bad copy is deleted).</summary>
    public async Task<string?> TryHitAsync(GcsObject target, StorageObject stored, CancellationToken cancellationToken)
    {
        var path = EntryPath(target, stored.Generation!.Value);
        if (!File.Exists(path))
            return null;
        try
        {
            var hash = await ContentHash.OfFileAsync(path, cancellationToken);
            if (GcsIntegrity.Matches(hash, stored))
            {
                File.SetLastWriteTimeUtc(path, time.GetUtcNow().UtcDateTime);
                return path;
            }

            logger.LogWarning("Cached copy of {AssetUri} does not match the object ({Problem}); fetching it again", target.ToString(),
                GcsIntegrity.Describe("it holds", hash, stored));
        }
        catch (FileNotFoundException)
        {
            return null; // evicted by another process meanwhile
        }

        TryDelete(path);
        return null;
    }

    /// <summary>Moves a verified file in as the entry for this generation and returns the entry's path; older generations of the object go.</summary>
    public string Admit(string file, GcsObject target, long generation)
    {
        var path = EntryPath(target, generation);
        var dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        File.Move(file, path, overwrite: true);
        File.SetLastWriteTimeUtc(path, time.GetUtcNow().UtcDateTime);
        foreach (var older in Directory.EnumerateFiles(dir).Where(f => f != path))
            TryDelete(older);
        Evict(keep: path);
        return path;
    }

    private string EntryPath(GcsObject target, long generation)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target.ToString())))[..32];
        return Path.Combine(_objects, key, $"{generation}{Path.GetExtension(target.Name)}");
    }

    private void Evict(string keep)
    {
        lock (_evicting)
        {
            var entries = new DirectoryInfo(_objects).EnumerateDirectories()
                .Where(d => d.Name != ".downloads")
                .SelectMany(d => d.EnumerateFiles())
                .OrderBy(f => f.LastWriteTimeUtc)
                .ToList();
            var total = entries.Sum(f => f.Length);
            foreach (var entry in entries)
            {
                if (total <= limitBytes)
                    break;
                if (entry.FullName == keep)
                    continue;
                total -= entry.Length;
                TryDelete(entry.FullName);
                logger.LogDebug("Evicted {CacheFile} from the asset read cache", entry.Name);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another process deleted or is replacing it; either way it is not ours to keep.
        }
    }
}
