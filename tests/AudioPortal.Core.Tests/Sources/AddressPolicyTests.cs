using System.Net;
using AudioPortal.Core.Sources;

namespace AudioPortal.Core.Tests.Sources;

/// <summary>The SSRF address table: every special range, and every IPv6 form that carries an IPv4 address.</summary>
public sealed class AddressPolicyTests
{
    [Theory]
    // IPv4 special ranges
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.5.4")]
    [InlineData("192.0.0.170")]
    [InlineData("192.0.2.1")]
    [InlineData("192.88.99.1")]
    [InlineData("192.168.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.51.100.1")]
    [InlineData("203.0.113.7")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    // IPv6 special ranges
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("ff0e::1")]
    [InlineData("2001:db8::1")]
    [InlineData("3fff::1")]
    [InlineData("100::1")]
    [InlineData("2001:2::1")]
    [InlineData("2001:10::1")]
    [InlineData("2001:20::1")]
    [InlineData("5f00::1")]
    // IPv4-mapped ::ffff:a.b.c.d
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    // IPv4-compatible ::a.b.c.d
    [InlineData("::127.0.0.1")]
    [InlineData("::10.0.0.1")]
    [InlineData("::169.254.169.254")]
    // IPv4-translated ::ffff:0:a.b.c.d
    [InlineData("::ffff:0:127.0.0.1")]
    [InlineData("::ffff:0:192.168.1.1")]
    // NAT64 well-known prefix 64:ff9b::/96
    [InlineData("64:ff9b::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    // local-use NAT64 64:ff9b:1::/48, refused whatever it embeds
    [InlineData("64:ff9b:1::808:808")]
    [InlineData("64:ff9b:1:7f00:1::")]
    // 6to4 2002:AABB:CCDD::/48
    [InlineData("2002:7f00:1::1")]
    [InlineData("2002:a00:1::")]
    [InlineData("2002:a9fe:a9fe::1")]
    // Teredo 2001:0:server:flags:port:~client
    [InlineData("2001:0:7f00:1:0:0:f7f7:f7f7")] // server 127.0.0.1, client 8.8.8.8
    [InlineData("2001:0:808:808:0:0:80ff:fffe")] // server 8.8.8.8, client 127.0.0.1
    [InlineData("2001:0:808:808:8000:ffff:5601:5601")] // client 169.254.169.254 (0xa9fea9fe inverted)
    public void A_private_reserved_or_embedded_private_address_is_blocked(string address) =>
        Assert.True(AddressPolicy.IsBlocked(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::8.8.8.8")]
    [InlineData("::ffff:0:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:0:808:808:0:0:f7f7:f7f7")] // Teredo: server 8.8.8.8, client 8.8.8.8
    public void A_public_address_or_a_transition_form_of_one_is_allowed(string address) =>
        Assert.False(AddressPolicy.IsBlocked(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "65.54.227.120 192.0.2.45")] // RFC 4380's example
    [InlineData("2002:c000:0204::1", "192.0.2.4")]
    [InlineData("64:ff9b::c000:221", "192.0.2.33")]
    [InlineData("::ffff:0:c000:221", "192.0.2.33")]
    public void Transition_forms_are_unwrapped_to_the_ipv4_they_carry(string address, string expected) =>
        Assert.Equal(expected, string.Join(' ', AddressPolicy.EmbeddedV4(IPAddress.Parse(address))));
}
