using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace AudioPortal.Core.Sources;

/// <summary>
/// Which IP addresses outbound requests (source downloads, webhooks) may never reach unless private networks are
/// allowed: loopback, private, carrier-grade NAT, link-local (cloud metadata at 169.254.169.254 included),
/// documentation, benchmarking, multicast, unspecified and broadcast, plus their IPv6 counterparts. IPv6 forms that
/// carry an IPv4 address (mapped, compatible, translated, NAT64, 6to4, Teredo) are judged by the IPv4 they embed, so
/// <c>[2002:7f00:1::]</c> is refused like <c>127.0.0.1</c>.
/// </summary>
public static class AddressPolicy
{
    private static readonly (IPAddress Network, int Prefix)[] BlockedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16),
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24),
        (IPAddress.Parse("192.0.2.0"), 24),
        (IPAddress.Parse("192.88.99.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15),
        (IPAddress.Parse("198.51.100.0"), 24),
        (IPAddress.Parse("203.0.113.0"), 24),
        (IPAddress.Parse("224.0.0.0"), 4),
        (IPAddress.Parse("240.0.0.0"), 4),
    ];

    private static readonly IPAddress Nat64 = IPAddress.Parse("64:ff9b::");

    /// <summary>Ranges refused outright, whatever follows the prefix.</summary>
    private static readonly (IPAddress Network, int Prefix)[] BlockedV6 =
    [
        (IPAddress.Parse("::"), 128),
        (IPAddress.Parse("::1"), 128),
        (IPAddress.Parse("64:ff9b:1::"), 48), // local-use NAT64: the operator picks where the IPv4 sits, so it cannot be unwrapped
        (IPAddress.Parse("100::"), 64), // discard-only
        (IPAddress.Parse("2001:2::"), 48), // benchmarking
        (IPAddress.Parse("2001:10::"), 28), // ORCHID
        (IPAddress.Parse("2001:20::"), 28), // ORCHIDv2
        (IPAddress.Parse("2001:db8::"), 32), // documentation
        (IPAddress.Parse("3fff::"), 20), // documentation
        (IPAddress.Parse("5f00::"), 16), // SRv6 segment ids
        (IPAddress.Parse("fc00::"), 7), // unique local
        (IPAddress.Parse("fe80::"), 10), // link-local
        (IPAddress.Parse("fec0::"), 10), // site-local
        (IPAddress.Parse("ff00::"), 8), // multicast
    ];

    public static bool IsBlocked(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => IsBlockedV4(address),
        AddressFamily.InterNetworkV6 => IsBlockedV6(address),
        _ => true,
    };

    private static bool IsBlockedV4(IPAddress address) => BlockedV4.Any(r => InRange(address, r.Network, r.Prefix));

    private static bool IsBlockedV6(IPAddress address)
    {
        if (BlockedV6.Any(r => InRange(address, r.Network, r.Prefix)))
        {
            return true;
        }

        var embedded = EmbeddedV4(address);
        return embedded.Any(IsBlockedV4);
    }

    /// <summary>The IPv4 addresses an IPv6 transition form carries (none for a native IPv6 address).</summary>
    public static IReadOnlyList<IPAddress> EmbeddedV4(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (bytes.Length != 16)
        {
            return [];
        }

        var last32 = bytes.AsSpan(12, 4);
        if (AllZero(bytes, 0, 10) && ((bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == 0xFF && bytes[11] == 0xFF)))
        {
            return [new IPAddress(last32)]; // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped)
        }

        if (AllZero(bytes, 0, 8) && bytes[8] == 0xFF && bytes[9] == 0xFF && bytes[10] == 0 && bytes[11] == 0)
        {
            return [new IPAddress(last32)]; // ::ffff:0:a.b.c.d (translated, RFC 2765)
        }

        if (InRange(address, Nat64, 96))
        {
            return [new IPAddress(last32)]; // 64:ff9b::a.b.c.d (well-known NAT64 prefix)
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return [new IPAddress(bytes.AsSpan(2, 4))]; // 2002:AABB:CCDD::/48 (6to4)
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0)
        {
            // Teredo 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC — the server as is, the client inverted.
            var client = BinaryPrimitives.ReadUInt32BigEndian(last32) ^ 0xFFFFFFFF;
            var clientBytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(clientBytes, client);
            return [new IPAddress(bytes.AsSpan(4, 4)), new IPAddress(clientBytes)];
        }

        return [];
    }

    private static bool AllZero(byte[] bytes, int start, int count) => bytes.AsSpan(start, count).IndexOfAnyExcept((byte)0) < 0;

    private static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        if (a.Length != n.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length && prefix > 0; i++, prefix -= 8)
        {
            var mask = prefix >= 8 ? 0xFF : (byte)(0xFF << (8 - prefix));
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
