using Microsoft.Extensions.Configuration;

namespace AiProd.Deploy.Tests.Support;

/// <summary>
/// The Deployment's environment as the last (winning) configuration source, noting every key anything asks for: the
/// options binder asks for each property it binds, so the keys asked for are exactly the keys the role reads.
/// </summary>
public sealed class RecordingConfigurationSource(IReadOnlyDictionary<string, string?> data) : IConfigurationSource
{
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> KeysRead
    {
        get
        {
            lock (_read)
                return _read.ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this, data);

    private sealed class Provider : ConfigurationProvider
    {
        private readonly RecordingConfigurationSource _source;

        public Provider(RecordingConfigurationSource source, IReadOnlyDictionary<string, string?> data)
        {
            _source = source;
            Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
        }

        public override bool TryGet(string key, out string? value)
        {
            lock (_source._read)
                _source._read.Add(key);
            return base.TryGet(key, out value);
        }
    }
}
