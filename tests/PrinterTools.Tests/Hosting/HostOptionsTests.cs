using System.Net;
using PrinterTools.Host;
using Xunit;

namespace PrinterTools.Tests.Hosting;

public sealed class HostOptionsTests
{
    [Fact]
    public void CommandTakesTheRestOfTheLine()
    {
        HostOptions o = HostOptions.Parse(["-Simulator", "-Command", "Find-Printer", "|", "ForEach-Object", "Name"]);

        Assert.Null(o.Error);
        Assert.True(o.Simulator);
        Assert.Equal("Find-Printer | ForEach-Object Name", o.Command);
        Assert.Null(o.File);
    }

    [Fact]
    public void DoubleDashAndCaseDoNotMatter()
    {
        HostOptions o = HostOptions.Parse(["--SIMULATOR", "--file", "a.ps1", "-Name", "x", "--simulator"]);

        Assert.Null(o.Error);
        Assert.True(o.Simulator);
        Assert.Equal("a.ps1", o.File);
        Assert.Equal(["-Name", "x", "--simulator"], o.FileArguments);
    }

    [Theory]
    [InlineData("-Help")]
    [InlineData("--help")]
    [InlineData("-?")]
    [InlineData("-h")]
    public void HelpNeedsNothingElse(string arg)
    {
        HostOptions o = HostOptions.Parse([arg]);

        Assert.True(o.Help);
        Assert.Null(o.Error);
    }

    [Theory]
    [InlineData]
    [InlineData("-Simulator")]
    [InlineData("-Command")]
    [InlineData("-File")]
    [InlineData("script.ps1")]
    [InlineData("-Bogus", "-Command", "1")]
    public void UnusableCommandLinesSayWhy(params string[] args)
    {
        Assert.NotNull(HostOptions.Parse(args).Error);
    }

    [Fact]
    public void SimulatorBannerShowsARangeOrAList()
    {
        Assert.Equal(
            "Simulator: 3 virtual printers on 127.0.0.10-127.0.0.12",
            SimulatorSession.Describe(3, [IPAddress.Parse("127.0.0.11"), IPAddress.Parse("127.0.0.10"), IPAddress.Parse("127.0.0.12")]));
        Assert.Equal(
            "Simulator: 2 virtual printers on 127.0.0.10, 127.0.0.20",
            SimulatorSession.Describe(2, [IPAddress.Parse("127.0.0.10"), IPAddress.Parse("127.0.0.20")]));
        Assert.Equal(
            "Simulator: 1 virtual printer on 127.0.0.10",
            SimulatorSession.Describe(1, [IPAddress.Parse("127.0.0.10")]));
    }
}
