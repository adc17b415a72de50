using System.Collections.Generic;
using PrinterTools.FlashForge;
using PrinterTools.Vendors;
using Xunit;

namespace PrinterTools.Tests.FlashForge;

/// <summary>The exact console lines and /control arguments of FlashForge temperature and fan changes (flashforge.md §2.3, §3.4).</summary>
public sealed class ChangeCommandTests
{
    [Fact]
    public void ConsoleTargets_AreWholeNumbers_NozzleFirst()
    {
        // Cura's S210.0 breaks some firmware (§2.3): no decimal point, whatever the culture.
        Assert.Equal(new[] { "M104 S210", "M140 S60" }, FlashForgeConnection.TemperatureLines(new PrinterTemperatureTargets { Bed = 60, Nozzle = 210 }));
        Assert.Equal(new[] { "M140 S0" }, FlashForgeConnection.TemperatureLines(new PrinterTemperatureTargets { Bed = 0 }));
    }

    [Fact]
    public void HttpTargets_LeaveWhatWasNotAskedAt200_AndSwitchOffWith100()
    {
        var args = FlashForgeConnection.TemperatureArgs(new PrinterTemperatureTargets { Nozzle = 0, Chamber = 45 });

        Assert.Equal(new Dictionary<string, object> { ["rightNozzle"] = -100, ["leftNozzle"] = -200, ["platform"] = -200, ["chamber"] = 45 }, args);
    }

    [Theory]
    [InlineData(0, "M107")]
    [InlineData(100, "M106 S255")]
    [InlineData(50, "M106 S128")]
    [InlineData(1, "M106 S3")]
    public void ConsoleFan_IsM106OnThe255Scale_OrM107ForOff(int percent, string line) =>
        Assert.Equal(line, FlashForgeConnection.FanLine(percent));

    [Fact]
    public void HttpFan_SetsOnlyTheFanAsked_EveryOtherFieldUnchanged()
    {
        Assert.Equal(new Dictionary<string, object> { ["zAxisCompensation"] = -200, ["speed"] = -200, ["chamberFan"] = 70, ["coolingFan"] = -200, ["coolingLeftFan"] = -200 },
            FlashForgeConnection.FanArgs(PrinterFan.Chamber, 70));
        Assert.Equal(new Dictionary<string, object> { ["zAxisCompensation"] = -200, ["speed"] = -200, ["chamberFan"] = -200, ["coolingFan"] = 0, ["coolingLeftFan"] = -200 },
            FlashForgeConnection.FanArgs(PrinterFan.Model, 0));
    }
}
