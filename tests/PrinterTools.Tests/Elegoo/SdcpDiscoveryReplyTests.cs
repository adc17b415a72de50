using System.IO;
using System.Text;
using PrinterTools.Elegoo;
using Xunit;

namespace PrinterTools.Tests.Elegoo;

/// <summary>The SDCP discovery reply, parsed from every real discovery capture in tests/captures/sdcp.</summary>
public sealed class SdcpDiscoveryReplyTests
{
    private static byte[] Capture(string name) => File.ReadAllBytes(Path.Combine(TestPaths.Captures, "sdcp", name));

    [Fact]
    public void CentauriCarbon_V3_FlatReply()
    {
        var reply = SdcpDiscoveryReply.TryParse(Capture("cc-v1.1.46-discovery-reply.json"));

        Assert.NotNull(reply);
        Assert.Equal("Centauri Carbon", reply!.Name);
        Assert.Equal("Centauri Carbon", reply.Model);
        Assert.Equal("385b1f950107625d00004c0000000000", reply.MainboardId);
        Assert.Equal(32, reply.MainboardId.Length);
        Assert.Equal("V1.1.46", reply.FirmwareVersion);
        Assert.Equal("192.168.1.125", reply.MainboardIp);
        Assert.False(reply.IsV1);
    }

    [Fact]
    public void Saturn4Ultra_V3_FlatReply()
    {
        var reply = SdcpDiscoveryReply.TryParse(Capture("s4u-v1.1.9-discovery-reply.json"));

        Assert.NotNull(reply);
        Assert.Equal("3D Printer", reply!.Name);
        Assert.Equal("Saturn 4 Ultra", reply.Model);
        Assert.Equal("ed5847f5c1d70100", reply.MainboardId);
        Assert.Equal("V1.1.9", reply.FirmwareVersion);
        Assert.Equal("V3.0.0", reply.ProtocolVersion);
        Assert.False(reply.IsV1);
    }

    [Fact]
    public void Saturn3Ultra_V1_NestedReply_WithTheBrandTakenOffTheModel()
    {
        var reply = SdcpDiscoveryReply.TryParse(Capture("s3u-v1-discovery-reply.json"));

        Assert.NotNull(reply);
        Assert.Equal("Saturn3Ultra", reply!.Name);
        Assert.Equal("Saturn 3 Ultra", reply.Model);
        Assert.Equal("ABCD1234ABCD1234", reply.MainboardId);
        Assert.Equal("V1.4.2", reply.FirmwareVersion);
        Assert.True(reply.IsV1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M99999")]
    [InlineData("not json {")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"Id\":\"x\"}")]
    [InlineData("{\"Id\":\"x\",\"Data\":\"flat text\"}")]
    [InlineData("{\"Id\":\"x\",\"Data\":{\"Name\":\"no mainboard id\"}}")]
    [InlineData("{\"Id\":\"x\",\"Data\":{\"MainboardID\":12345}}")]
    // Nested deeper than any real reply (4 levels): refused before it costs a deep parse.
    [InlineData("{\"Data\":{\"MainboardID\":\"ab12\",\"x\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{}}}}}}}}}}")]
    public void AnythingElse_IsNotAReply(string datagram) =>
        Assert.Null(SdcpDiscoveryReply.TryParse(Encoding.UTF8.GetBytes(datagram)));

    [Fact]
    public void AnOversizedDatagram_IsNotAReply_BeforeItIsParsed()
    {
        var padded = "{\"Data\":{\"MainboardID\":\"ed5847f5c1d70100\",\"Name\":\"" + new string('x', SdcpDiscoveryReply.MaxReplyBytes) + "\"}}";

        Assert.Null(SdcpDiscoveryReply.TryParse(Encoding.UTF8.GetBytes(padded)));
    }

    [Fact]
    public void ControlCharactersFromThePrinter_AreCleaned()
    {
        var reply = SdcpDiscoveryReply.TryParse(Encoding.UTF8.GetBytes("{\"Data\":{\"MainboardID\":\"ab12\",\"Name\":\"Bay\\u001b]0;owned\\u0007 1\"}}"));

        Assert.NotNull(reply?.Name);
        Assert.DoesNotContain('\u001b', reply!.Name!);
        Assert.DoesNotContain('\u0007', reply.Name!);
        Assert.Contains("Bay", reply.Name!);
    }

    [Fact]
    public void TheProbe_IsSixAsciiBytes() => Assert.Equal(new byte[] { 0x4D, 0x39, 0x39, 0x39, 0x39, 0x39 }, SdcpDiscoveryReply.Probe());
}
