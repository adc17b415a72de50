using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Module.FarmFixture;

namespace PrinterTools.Tests.Module;

/// <summary>Printers whose console commands a status read is counted against, on 127.R.120.x.</summary>
public sealed class RoundTripFarmFixture : FarmFixture
{
    public RoundTripFarmFixture() : base(new[]
    {
        Printer($"{TestNet.Block}.120.10", FlashForgeModel.Adventurer4),
        Printer($"{TestNet.Block}.120.11", FlashForgeModel.Adventurer4, o => { o.State = VirtualJobState.Printing; o.CurrentFile = "cube.gx"; }),
        Printer($"{TestNet.Block}.120.12", FlashForgeModel.Adventurer5MPro),
        // Elegoo's port 3030 behind a firewall that drops connection attempts: they hang.
        Printer($"{TestNet.Block}.120.13", FlashForgeModel.Adventurer4, o => o.SilentPorts = new[] { 3030 }),
    })
    {
    }

    public string Address(int last) => $"{TestNet.Block}.120.{last}";
}

/// <summary>
/// A status read costs a round trip per command and one per connect (fleet-scale issue): it asks
/// only what it does not know, and a bare address's vendor probe connection is the console's.
/// </summary>
public sealed class RoundTripTests : IClassFixture<RoundTripFarmFixture>
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly RoundTripFarmFixture _farm;

    public RoundTripTests(RoundTripFarmFixture farm) => _farm = farm;

    [Fact]
    public void APipedPrinter_IsNotAskedWhoItIs_AndAnIdleOneNotForProgress()
    {
        var found = _farm.Session.Run($"Find-Printer -Address {_farm.Address(10)},{_farm.Address(11)}");
        found.AssertNoErrors();
        Assert.Equal(2, found.Objects<PrinterInfo>().Count());
        var idle = _farm.At(_farm.Address(10));
        var printing = _farm.At(_farm.Address(11));
        idle.ResetCounters();
        printing.ResetCounters();

        var result = _farm.Session.Run("$input | Get-PrinterStatus", found.Output);

        result.AssertNoErrors();
        var statuses = result.Objects<PrinterStatus>().ToDictionary(s => s.Address);
        Assert.Equal(new[] { "M119", "M105" }, idle.ReceivedCommands);
        Assert.Equal(new[] { "M119", "M27", "M105" }, printing.ReceivedCommands);
        // What M115 would have said comes from the piped printer.
        Assert.Equal("Adventurer 4", statuses[_farm.Address(10)].Model);
        Assert.Equal(idle.Options.Name, statuses[_farm.Address(10)].Name);
        Assert.Equal(PrinterState.Printing, statuses[_farm.Address(11)].State);
        Assert.NotNull(statuses[_farm.Address(11)].Progress);
        Assert.Null(statuses[_farm.Address(10)].Progress);
    }

    [Fact]
    public void ASavedInventory_IsReadWithoutAskingWhoItIs()
    {
        var printer = _farm.At(_farm.Address(10));
        // What Import-Csv gives back of an Export-Csv'd Find-Printer: every property as text.
        var inventory = _farm.Session.Run($"Find-Printer -Address {_farm.Address(10)} | ForEach-Object {{ " +
            "[pscustomobject]@{ Name = \"$($_.Name)\"; Vendor = \"$($_.Vendor)\"; Model = \"$($_.Model)\"; Address = \"$($_.Address)\"; SerialNumber = \"$($_.SerialNumber)\" } }");
        inventory.AssertNoErrors();
        printer.ResetCounters();

        var result = _farm.Session.Run("$input | Get-PrinterStatus", inventory.Output);

        result.AssertNoErrors();
        Assert.Equal(printer.Options.Name, Assert.Single(result.Objects<PrinterStatus>()).Name);
        Assert.Equal(new[] { "M119", "M105" }, printer.ReceivedCommands);
        Assert.Equal(1, printer.TotalConnections);
    }

    [Fact]
    public void ABareAddress_IsReadOnTheConnectionThatFoundItsVendor()
    {
        var printer = _farm.At(_farm.Address(10));
        printer.ResetCounters();

        var result = _farm.Session.Run($"Get-PrinterStatus -Address {_farm.Address(10)}");

        result.AssertNoErrors();
        Assert.Equal(PrinterVendor.FlashForge, Assert.Single(result.Objects<PrinterStatus>()).Vendor);
        Assert.Equal(new[] { "M115", "M119", "M105" }, printer.ReceivedCommands);
        // The vendor probe's connection carried the read: one connect, not two.
        Assert.Equal(1, printer.TotalConnections);
        Assert.True(SpinWait.SpinUntil(() => printer.OpenConnections == 0, Guard), "the console connection stayed open");
    }

    [Fact]
    public async Task VendorDetection_GoesByTheFirstPortThatAccepts_WithoutWaitingForOneThatDrops()
    {
        var printer = _farm.At(_farm.Address(13));
        printer.ResetCounters();

        // -Timeout is an hour: a detection that waited for port 3030 would wait that long, and hang here.
        var read = Task.Run(() => _farm.Session.Run($"Get-PrinterStatus -Address {_farm.Address(13)} -Timeout 3600"));
        await TestGuard.AgainstHangAsync(read, "vendor detection waited for the port that drops connection attempts");

        var result = await read;
        result.AssertNoErrors();
        Assert.Equal(PrinterVendor.FlashForge, Assert.Single(result.Objects<PrinterStatus>()).Vendor);
        Assert.Equal(1, printer.TotalConnections);
    }

    [Fact]
    public void AStatusReadWithTheCheckCode_IsOneRequest_WhenThePipedPrinterNamesItsSerial()
    {
        var printer = _farm.At(_farm.Address(12));
        var found = _farm.Session.Run($"Find-Printer -Address {_farm.Address(12)}");
        found.AssertNoErrors();
        printer.ResetCounters();

        var result = _farm.Session.Run("$input | Get-PrinterStatus -AccessCode $code", found.Output,
            new() { ["code"] = ModuleSession.Secure(printer.Options.CheckCode) });

        result.AssertNoErrors();
        Assert.Equal(printer.Options.Name, Assert.Single(result.Objects<PrinterStatus>()).Name);
        Assert.Equal(1, printer.HttpRequests);
        Assert.Empty(printer.ReceivedCommands);
    }
}
