using System.Net;
using System.Net.Sockets;

namespace AiProd.Testing;

/// <summary>
/// A loopback TCP relay in front of a real server (an emulator), which a test can cut and restore on the same port:
/// cut, every open connection is reset and new ones are refused, as when the server's host or network is gone; the
/// server itself keeps running with its data (the Firestore emulator cannot be stopped and started again with it).
/// Point the services at <see cref="Host"/> instead of the server.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();
    private Task _accepting = Task.CompletedTask;

    private TcpRelay(string target, int port)
    {
        var colon = target.LastIndexOf(':');
        _targetHost = target[..colon];
        _targetPort = int.Parse(target[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Port = port;
    }

    /// <summary>host:port of the relay, as an *_EMULATOR_HOST variable would say.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public int Port { get; }

    /// <summary>Whether it relays now (false while cut).</summary>
    public bool IsOpen => _listener is not null;

    /// <summary>A relay to <paramref name="target"/> (host:port) on a free loopback port, open.</summary>
    public static TcpRelay Start(string target)
    {
        var relay = new TcpRelay(target, FreePort.Next());
        relay.Restore();
        return relay;
    }

    /// <summary>Resets every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public async Task CutAsync()
    {
        TcpClient[] open;
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            open = [.. _open];
            _open.Clear();
        }

        await _cut.CancelAsync();
        foreach (var client in open)
            Reset(client);
        await _accepting;
    }

    /// <summary>Listens on <see cref="Port"/> again.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null)
                return;
            _cut.Dispose();
            _cut = new CancellationTokenSource();
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _accepting = AcceptAsync(listener, _cut.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CutAsync();
        _cut.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cut)
    {
        while (!cut.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cut);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client, cut);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cut)
    {
        var server = new TcpClient();
        lock (_gate)
        {
            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, cut);
            var upstream = client.GetStream().CopyToAsync(server.GetStream(), cut);
            var downstream = server.GetStream().CopyToAsync(client.GetStream(), cut);
            await Task.WhenAny(upstream, downstream);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(server);
            }

            Reset(client);
            Reset(server);
        }
    }

    /// <summary>Closes with a RST, as a vanished peer looks, rather than an orderly FIN.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            // Null once disposed: the relay's own end and a cut may both get here.
            if (client.Client is { } socket)
                socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        client.Dispose();
    }
}
