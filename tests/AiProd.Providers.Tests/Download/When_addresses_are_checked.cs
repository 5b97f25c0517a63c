using System.Net;
using AiProd.Providers.Download;
using AiProd.Workers.Common;

namespace AiProd.Providers.Tests.Download;

public class When_addresses_are_checked
{
    [TestCase("127.0.0.1")]
    [TestCase("127.255.0.9")]
    [TestCase("169.254.169.254")]
    [TestCase("10.0.0.1")]
    [TestCase("172.16.5.4")]
    [TestCase("192.168.1.1")]
    [TestCase("100.64.0.1")]
    [TestCase("100.127.255.254")]
    [TestCase("0.0.0.0")]
    [TestCase("224.0.0.251")]
    [TestCase("255.255.255.255")]
    [TestCase("::1")]
    [TestCase("::")]
    [TestCase("fe80::1")]
    [TestCase("fd00::1")]
    [TestCase("fc00::1")]
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::a9fe:a9fe")]
    [TestCase("ff02::1")]
    public void Should_refuse_a_non_public_address(string address) =>
        Assert.That(AddressPolicy.IsForbidden(IPAddress.Parse(address)), Is.True);

    [TestCase("8.8.8.8")]
    [TestCase("142.250.74.110")]
    [TestCase("100.128.0.1")]
    [TestCase("172.32.0.1")]
    [TestCase("2a00:1450:4001:80b::200e")]
    public void Should_allow_a_public_address(string address) =>
        Assert.That(AddressPolicy.IsForbidden(IPAddress.Parse(address)), Is.False);

    [Test]
    public void Should_match_allowed_hosts_exactly_or_by_subdomain_wildcard()
    {
        var policy = new DownloadPolicy(["replicate.delivery", "*.googleusercontent.com"], 1000, TimeSpan.FromSeconds(1));
        Assert.Multiple(() =>
        {
            Assert.That(policy.Allows("replicate.delivery"), Is.True);
            Assert.That(policy.Allows("REPLICATE.delivery."), Is.True);
            Assert.That(policy.Allows("evil-replicate.delivery"), Is.False);
            Assert.That(policy.Allows("replicate.delivery.evil.com"), Is.False);
            Assert.That(policy.Allows("video-downloads.googleusercontent.com"), Is.True);
            Assert.That(policy.Allows("googleusercontent.com"), Is.False);
            Assert.That(policy.Allows("x.googleusercontent.com.evil.com"), Is.False);
        });
    }
}
