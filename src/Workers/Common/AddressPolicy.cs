using System.Net;
using System.Net.Sockets;

namespace AiProd.Workers.Common;

/// <summary>
/// Which addresses a provider download may connect to: public unicast only. Everything a request could use to reach
/// this machine, the cluster or the cloud metadata server (169.254.169.254) is refused.
/// </summary>
public static class AddressPolicy
{
    /// <summary>
    /// A <see cref="System.Net.Http.SocketsHttpHandler.ConnectCallback"/> that connects to <paramref name="pinned"/> (an
    /// address already checked) whatever the host name resolves to now, so a DNS answer that changed since the check
    /// (rebinding) cannot redirect the request.
    /// </summary>
    public static Func<System.Net.Http.SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectTo(IPAddress pinned) =>
        async (context, token) =>
        {
            var socket = new Socket(pinned.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(pinned, context.DnsEndPoint.Port), token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    private static readonly IPNetwork[] Forbidden =
    [
        IPNetwork.Parse("0.0.0.0/8"),         // "this network"
        IPNetwork.Parse("10.0.0.0/8"),        // RFC 1918
        IPNetwork.Parse("100.64.0.0/10"),     // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),       // loopback
        IPNetwork.Parse("169.254.0.0/16"),    // link-local, cloud metadata
        IPNetwork.Parse("172.16.0.0/12"),     // RFC 1918
        IPNetwork.Parse("192.0.0.0/24"),      // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),    // RFC 1918
        IPNetwork.Parse("198.18.0.0/15"),     // benchmarking
        IPNetwork.Parse("224.0.0.0/3"),       // multicast, reserved, broadcast
        IPNetwork.Parse("::/96"),             // unspecified, loopback, IPv4-compatible
        IPNetwork.Parse("::ffff:0:0/96"),     // IPv4-mapped
        IPNetwork.Parse("64:ff9b::/96"),      // NAT64: embeds an IPv4 address
        IPNetwork.Parse("2002::/16"),         // 6to4: embeds an IPv4 address
        IPNetwork.Parse("fc00::/7"),          // unique local
        IPNetwork.Parse("fe80::/10"),         // link-local
        IPNetwork.Parse("ff00::/8"),          // multicast
    ];

    /// <summary>True when <paramref name="address"/> is not a public unicast address.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            return true;
        // IPNetwork does not match mapped addresses against ::ffff:0:0/96, so they are caught by name.
        if (address.IsIPv4MappedToIPv6)
            return true;
        return Forbidden.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
    }
}
