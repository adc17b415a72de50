using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>
/// Stored files on every vendor on 127.R.180.x: idle printers with files to list and remove, a Carbon printing one
/// of its files, and printers that acknowledge a delete without doing it or drop the socket after a command.
/// </summary>
public sealed class PrinterFileFarmFixture : MixedFarmFixture
{
    public static string At(int host) => $"{TestNet.Block}.180.{host}";

    public PrinterFileFarmFixture() : base(Printers()) { }

    private static (FlashForgePrinterOptions[], ElegooPrinterOptions[], CrealityPrinterOptions[]) Printers()
    {
        var flashForge = new[]
        {
            new FlashForgePrinterOptions { Address = IPAddress.Parse(At(10)), Model = FlashForgeModel.Adventurer4, Name = "FF files", SerialNumber = "SNFILE180010", StoredFiles = new[] { "keep.gx", "rm-one.gcode" } },
            new FlashForgePrinterOptions
            {
                Address = IPAddress.Parse(At(11)), Model = FlashForgeModel.Adventurer4, Name = "FF drops", SerialNumber = "SNFILE180011",
                State = VirtualJobState.Printing, CurrentFile = "part.gcode", ProgressPercent = 40, StoredFiles = new[] { "part.gcode" }, Fault = FlashForgeFault.DropAfterCommand,
            },
        };
        var elegoo = new[]
        {
            Elegoo(20, ElegooFamily.CentauriCarbon, "rm-a.gcode", "rm-b.gcode", "keep.gcode"),
            Elegoo(21, ElegooFamily.Saturn4Ultra, "rm-ring.goo", "keep.goo"),
            Elegoo(22, ElegooFamily.CentauriCarbon, "part.gcode", "other.gcode", o => { o.State = ElegooJobState.Printing; o.CurrentFile = "part.gcode"; o.CurrentLayer = 5; o.TotalLayers = 50; }),
            Elegoo(23, ElegooFamily.CentauriCarbon, "stays.gcode", "keep.gcode", o => o.Fault = ElegooFault.IgnoreDeletes),
            Elegoo(24, ElegooFamily.CentauriCarbon, "gone.gcode", "keep.gcode", o => o.Fault = ElegooFault.DropAfterCommand),
            Elegoo(25, ElegooFamily.CentauriCarbon, "part.gcode", "keep.gcode", o => { o.Fault = ElegooFault.DropAfterCommand; o.State = ElegooJobState.Printing; o.CurrentFile = "part.gcode"; o.CurrentLayer = 5; o.TotalLayers = 50; }),
            Elegoo(26, ElegooFamily.CentauriCarbon, "start-me.gcode", "keep.gcode"),
            Elegoo(27, ElegooFamily.CentauriCarbon, "old.gcode", "keep.gcode", o => { o.State = ElegooJobState.Completed; o.CurrentFile = "old.gcode"; o.CurrentLayer = 50; o.TotalLayers = 50; }),
            Elegoo(28, ElegooFamily.CentauriCarbon, "old.gcode", "keep.gcode", o => { o.State = ElegooJobState.Completed; o.CurrentFile = "old.gcode"; o.CurrentLayer = 50; o.TotalLayers = 50; }),
            Elegoo(29, ElegooFamily.CentauriCarbon, "a\u0007b.gcode", "ab.gcode"),
        };
        var creality = new[]
        {
            Creality(30, CrealityModel.K1C, "rm-k1.gcode", "keep.gcode"),
            Creality(31, CrealityModel.K2Plus, "rm-k2.gcode", "keep.gcode"),
            Creality(32, CrealityModel.K1C, "stays.gcode", "keep.gcode", o => o.Fault = CrealityFault.IgnoreDeletes),
            Creality(33, CrealityModel.K1C, "one.gcode", "two.gcode"),
            Creality(34, CrealityModel.K1C, "remote.gcode", "keep.gcode"),
            Creality(35, CrealityModel.K1C, "part[1].gcode", "part1.gcode"),
            Creality(36, CrealityModel.K1C, "a\u0007b.gcode", "ab.gcode"),
            Creality(37, CrealityModel.K1C, "a\u0007b.gcode", "ab.gcode"),
        };
        return (flashForge, elegoo, creality);
    }


    private static ElegooPrinterOptions Elegoo(int host, ElegooFamily family, string first, string second, Action<ElegooPrinterOptions>? configure = null) =>
        Elegoo(host, family, new[] { first, second }, configure);

    private static ElegooPrinterOptions Elegoo(int host, ElegooFamily family, string first, string second, string third) =>
        Elegoo(host, family, new[] { first, second, third }, null);

    private static ElegooPrinterOptions Elegoo(int host, ElegooFamily family, string[] files, Action<ElegooPrinterOptions>? configure)
    {
        var options = new ElegooPrinterOptions
        {
            Address = IPAddress.Parse(At(host)),
            Family = family,
            Name = $"Elegoo {host}",
            MainboardId = family == ElegooFamily.CentauriCarbon ? $"385b1f950107625d00004c0000180{host:x3}" : $"ed5847f5c180{host:x4}",
            StoredFiles = files,
        };
        configure?.Invoke(options);
        return options;
    }

    private static CrealityPrinterOptions Creality(int host, CrealityModel model, string first, string second, Action<CrealityPrinterOptions>? configure = null)
    {
        var options = new CrealityPrinterOptions
        {
            Address = IPAddress.Parse(At(host)),
            Model = model,
            Name = $"Creality {host}",
            MacAddress = $"aabbcc0180{host:x2}",
            StoredFiles = new[] { first, second },
            PushInterval = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return options;
    }
}

/// <summary>Get-PrinterFile and Remove-PrinterFile end to end on every vendor, each removal proven by the printer's own list.</summary>
public sealed class PrinterFileTests : IClassFixture<PrinterFileFarmFixture>
{
    private readonly PrinterFileFarmFixture _farm;

    public PrinterFileTests(PrinterFileFarmFixture farm) => _farm = farm;

    private static string At(int host) => PrinterFileFarmFixture.At(host);

    [Fact]
    public void GetPrinterFile_ListsEveryVendor_WithWhatEachListCarries()
    {
        _farm.ElegooAt(20).Options.StoredFiles = new[] { "rm-a.gcode", "rm-b.gcode", "keep.gcode" };
        _farm.ElegooAt(21).Options.StoredFiles = new[] { "rm-ring.goo", "keep.goo" };
        _farm.CrealityAt(31).Options.StoredFiles = new[] { "rm-k2.gcode", "keep.gcode" };
        var result = _farm.Session.Run($"Get-PrinterFile -Address {At(10)},{At(20)},{At(21)},{At(31)}");

        result.AssertNoErrors();
        var files = result.Objects<PrinterFile>().ToList();
        Assert.Equal(new[] { "keep.gx", "rm-one.gcode" }, Names(files, 10));
        Assert.Equal(new[] { "keep.gcode", "rm-a.gcode", "rm-b.gcode" }, Names(files, 20));
        Assert.Equal(new[] { "keep.goo", "rm-ring.goo" }, Names(files, 21));
        Assert.Equal(new[] { "keep.gcode", "rm-k2.gcode" }, Names(files, 31));

        // FlashForge's M661 and the Saturn's Cmd 258 carry names only: the rest is null, never a made-up 0.
        var flashForge = files.First(f => f.Address == At(10));
        Assert.Equal(PrinterVendor.FlashForge, flashForge.Vendor);
        Assert.Null(flashForge.Size);
        Assert.Null(flashForge.Modified);
        Assert.Null(files.First(f => f.Address == At(21)).Size);

        // The Carbon lists size, date and layers; the K2 Plus size, date, time and material.
        var carbon = files.Single(f => f.Address == At(20) && f.FileName == "keep.gcode");
        Assert.Equal(PrinterVendor.Elegoo, carbon.Vendor);
        Assert.Equal(_farm.ElegooAt(20).Files["keep.gcode"].Length, carbon.Size);
        Assert.NotNull(carbon.Modified);
        Assert.True(carbon.Layers > 0);
        var k2 = files.Single(f => f.Address == At(31) && f.FileName == "keep.gcode");
        Assert.Equal(PrinterVendor.Creality, k2.Vendor);
        Assert.True(k2.Size > 0);
        Assert.NotNull(k2.Modified);
        Assert.True(k2.EstimatedTime > TimeSpan.Zero);
        Assert.Equal("PLA", k2.Material);
    }

    [Fact]
    public void GetPrinterFile_FileName_TakesWildcards_AndAPlainNameNotListedIsAnError()
    {
        _farm.ElegooAt(23).Options.StoredFiles = new[] { "rm-a.gcode", "rm-b.gcode", "stays.gcode" };
        var result = _farm.Session.Run($"Get-PrinterFile -Address {At(23)} -FileName 'RM-*','nothing-*','missing.gcode'");

        Assert.Equal(new[] { "rm-a.gcode", "rm-b.gcode" }, result.Objects<PrinterFile>().Select(f => f.FileName).OrderBy(n => n));
        // The wildcard that matches nothing is silent, as Get-Item's is; the plain name is PrinterFileNotFound.
        Assert.Equal(new[] { "PrinterFileNotFound" }, result.ErrorIds);
        Assert.Contains("missing.gcode", result.Errors[0].Exception.Message);
    }

    [Fact]
    public void GetThenRemove_RemovesExactlyTheFilesListed_OnElegooAndCreality()
    {
        var printers = new[] { 20, 21, 30, 31 };
        _farm.ElegooAt(20).Options.StoredFiles = new[] { "rm-a.gcode", "rm-b.gcode", "keep.gcode" };
        _farm.ElegooAt(21).Options.StoredFiles = new[] { "rm-ring.goo", "keep.goo" };
        _farm.CrealityAt(30).Options.StoredFiles = new[] { "rm-k1.gcode", "keep.gcode" };
        _farm.CrealityAt(31).Options.StoredFiles = new[] { "rm-k2.gcode", "keep.gcode" };
        foreach (var host in printers)
        {
            if (host < 30) { _farm.ElegooAt(host).ResetCounters(); } else { _farm.CrealityAt(host).ResetCounters(); }
        }

        var result = _farm.Session.Run($"Get-PrinterFile -Address {string.Join(",", printers.Select(At))} -FileName 'rm-*' | Remove-PrinterFile -Force -PassThru");

        result.AssertNoErrors();
        Assert.Equal(new[] { "rm-a.gcode", "rm-b.gcode", "rm-k1.gcode", "rm-k2.gcode", "rm-ring.goo" }, result.Objects<PrinterFile>().Select(f => f.FileName).OrderBy(n => n));
        Assert.Equal(new[] { "keep.gcode" }, _farm.ElegooAt(20).Options.StoredFiles);
        Assert.Equal(new[] { "keep.goo" }, _farm.ElegooAt(21).Options.StoredFiles);
        Assert.Equal(new[] { "keep.gcode" }, _farm.CrealityAt(30).Options.StoredFiles);
        Assert.Equal(new[] { "keep.gcode" }, _farm.CrealityAt(31).Options.StoredFiles);
        // Files arrive one by one, but each printer gets one Cmd 259 with all its paths.
        var delete = Assert.Single(_farm.ElegooAt(20).ReceivedCommands, c => c.Cmd == 259);
        Assert.Contains("/local/rm-a.gcode", delete.Data);
        Assert.Contains("/local/rm-b.gcode", delete.Data);
        // Creality: one deleteprt per file, with the path from the printer's own list.
        var k1 = Assert.Single(_farm.CrealityAt(30).ReceivedRequests, r => r.Key == "opGcodeFile");
        Assert.Contains("deleteprt:/usr/data/printer_data/gcodes/rm-k1.gcode", k1.Json);
        Assert.Contains("deleteprt:/mnt/UDISK/printer_data/gcodes/rm-k2.gcode", Assert.Single(_farm.CrealityAt(31).ReceivedRequests, r => r.Key == "opGcodeFile").Json);
    }

    [Fact]
    public void Remove_OnFlashForge_IsNotSupported_AndSendsNothing()
    {
        var printer = _farm.FlashForgeAt(10);
        printer.ResetCounters();

        var result = _farm.Session.Run($"Remove-PrinterFile -Address {At(10)} -Vendor FlashForge -FileName rm-one.gcode -Force");

        Assert.Equal(new[] { "PrinterNotSupported" }, result.ErrorIds);
        Assert.Contains("delete", result.Errors[0].Exception.Message);
        Assert.Equal(0, printer.TotalConnections);
        Assert.Contains("rm-one.gcode", printer.Options.StoredFiles);
    }

    [Fact]
    public void WhatIf_AndAHostThatCannotAsk_RemoveNothing()
    {
        var printer = _farm.ElegooAt(26);
        printer.ResetCounters();

        var whatIf = _farm.Session.Run($"Remove-PrinterFile -Address {At(26)} -Vendor Elegoo -FileName keep.gcode -Force -WhatIf");
        var unasked = _farm.Session.Run($"Remove-PrinterFile -Address {At(26)} -Vendor Elegoo -FileName keep.gcode");

        whatIf.AssertNoErrors();
        // High impact: a host that cannot prompt refuses, and nothing is sent.
        Assert.Equal(new[] { "HostFunctionNotImplemented" }, unasked.ErrorIds);
        Assert.Empty(printer.ReceivedCommands);
        Assert.Contains("keep.gcode", printer.Options.StoredFiles);
    }

    [Fact]
    public void BadNames_AreErrors_NothingIsSentForThem_AndTheOthersAreRemoved()
    {
        var printer = _farm.CrealityAt(31);
        printer.Options.StoredFiles = new[] { "a.gcode", "b.gcode", "keep.gcode" };
        printer.ResetCounters();

        var result = _farm.Session.Run($"Remove-PrinterFile -Address {At(31)} -Vendor Creality -FileName 'a.gcode','../etc/passwd',\"bell`a.gcode\",'nope.gcode','b.gcode' -Force");

        Assert.Equal(new[] { "PrinterInvalidArgument", "PrinterInvalidArgument", "PrinterFileNotFound" }, result.ErrorIds);
        Assert.All(result.Errors, e => Assert.DoesNotContain('\a', e.Exception.Message + e.TargetObject));
        Assert.Equal(new[] { "keep.gcode" }, printer.Options.StoredFiles);
        Assert.Equal(2, printer.ReceivedRequests.Count(r => r.Key == "opGcodeFile"));
        Assert.DoesNotContain(printer.ReceivedRequests, r => r.Json.Contains("passwd", StringComparison.Ordinal) || r.Json.Contains("nope", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFileBeingPrinted_IsNotRemoved()
    {
        var printer = _farm.ElegooAt(22);
        printer.ResetCounters();

        var result = _farm.Session.Run($"Remove-PrinterFile -Address {At(22)} -Vendor Elegoo -FileName part.gcode -Force");

        Assert.Equal(new[] { "PrinterBusy" }, result.ErrorIds);
        Assert.Contains("part.gcode", printer.Options.StoredFiles);
        Assert.DoesNotContain(printer.ReceivedCommands, c => c.Cmd == 259);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(32)]
    public void APrinterThatAcknowledgesAndDoesNothing_IsATimeout_AndTheDeleteIsSentOnce(int host)
    {
        var elegoo = host < 30;
        if (elegoo) { _farm.ElegooAt(host).ResetCounters(); } else { _farm.CrealityAt(host).ResetCounters(); }

        var result = _farm.Session.Run($"Remove-PrinterFile -Address {At(host)} -Vendor {(elegoo ? "Elegoo" : "Creality")} -FileName stays.gcode -Force -Timeout 1.5");

        Assert.Equal(new[] { "PrinterTimeout" }, result.ErrorIds);
        Assert.Contains("not sent again", result.Errors[0].Exception.Message);
        if (elegoo)
        {
            Assert.Single(_farm.ElegooAt(host).ReceivedCommands, c => c.Cmd == 259);
            Assert.Contains("stays.gcode", _farm.ElegooAt(host).Options.StoredFiles);
        }
        else
        {
            Assert.Single(_farm.CrealityAt(host).ReceivedRequests, r => r.Key == "opGcodeFile");
            Assert.Contains("stays.gcode", _farm.CrealityAt(host).Options.StoredFiles);
        }
    }

    [Fact]
    public void APrinterThatDropsTheConnectionAfterTheCommand_IsAnError_AndNothingIsSentTwice()
    {
        var files = _farm.ElegooAt(24);
        var job = _farm.ElegooAt(25);
        var console = _farm.FlashForgeAt(11);
        files.ResetCounters();
        job.ResetCounters();
        console.ResetCounters();

        var removed = _farm.Session.Run($"Remove-PrinterFile -Address {At(24)} -Vendor Elegoo -FileName gone.gcode -Force -Timeout 5");
        var stopped = _farm.Session.Run($"Stop-PrinterJob -Address {At(25)} -Vendor Elegoo -Force -Timeout 5");
        var paused = _farm.Session.Run($"Suspend-PrinterJob -Address {At(11)} -Vendor FlashForge -Timeout 5");

        Assert.Equal(new[] { "PrinterUnreachable" }, removed.ErrorIds);
        Assert.Equal(new[] { "PrinterUnreachable" }, stopped.ErrorIds);
        Assert.Equal(new[] { "PrinterUnreachable" }, paused.ErrorIds);
        // The printer did what it was told before it dropped the connection; the client did not send it again.
        Assert.Single(files.ReceivedCommands, c => c.Cmd == 259);
        Assert.DoesNotContain("gone.gcode", files.Options.StoredFiles);
        Assert.Single(job.ReceivedCommands, c => c.Cmd == 130);
        Assert.Single(console.ReceivedCommands, c => c.TrimStart('~').StartsWith("M25", StringComparison.Ordinal));
        Assert.Equal(VirtualJobState.Paused, console.Options.State);
    }

    [Fact]
    public void GetPrinterFile_PipedToStartPrinterJob_StartsThatFile()
    {
        var printer = _farm.ElegooAt(26);

        var result = _farm.Session.Run($"Get-PrinterFile -Address {At(26)} -FileName start-me.gcode | Start-PrinterJob");

        result.AssertNoErrors();
        Assert.Equal("start-me.gcode", Assert.Single(result.Objects<PrinterJob>()).FileName);
        Assert.Equal(ElegooJobState.Printing, printer.Options.State);
        Assert.Equal("start-me.gcode", printer.Options.CurrentFile);
    }

    [Fact]
    public void AStatusPipedWithPath_UploadsUnderTheLocalName_NotTheLastJobsName()
    {
        var local = Path.Combine(Path.GetTempPath(), $"pt-{Guid.NewGuid():N}", "fresh.gcode");
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        File.WriteAllText(local, ";LAYER_COUNT:3\nG28\n");
        try
        {
            var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(27)} -Vendor Elegoo | Start-PrinterJob -Path '{local}'");

            result.AssertNoErrors();
            Assert.Equal("fresh.gcode", Assert.Single(result.Objects<PrinterJob>()).FileName);
            Assert.Equal("fresh.gcode", _farm.ElegooAt(27).Options.CurrentFile);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(local)!, recursive: true);
        }
    }

    [Fact]
    public void TwoFilesPipedForOnePrinter_StartOne_AndTheOtherIsPrinterBusy_WithNothingSentForIt()
    {
        var printer = _farm.CrealityAt(33);
        printer.ResetCounters();

        var result = _farm.Session.Run($"Get-PrinterFile -Address {At(33)} | Start-PrinterJob -Timeout 10");

        Assert.Equal(new[] { "PrinterBusy" }, result.ErrorIds);
        var job = Assert.Single(result.Objects<PrinterJob>());
        Assert.Contains(job.FileName, printer.Options.FileName, StringComparison.Ordinal);
        Assert.Single(printer.ReceivedRequests, r => r.Key == "opGcodeFile" && r.Json.Contains("printprt:", StringComparison.Ordinal));
    }

    [Fact]
    public void AStatusOrARowPipedWithoutAFile_NeitherStartsNorRemovesItsLastJob()
    {
        var printer = _farm.ElegooAt(28);
        printer.ResetCounters();

        var started = _farm.Session.Run($"Get-PrinterStatus -Address {At(28)} -Vendor Elegoo | Start-PrinterJob");
        var removed = _farm.Session.Run($"Get-PrinterStatus -Address {At(28)} -Vendor Elegoo | Remove-PrinterFile -Force");
        // Nor does a row with the same two names (PowerShell would make it a file of the first vendor, FlashForge).
        var row = _farm.Session.Run($"[pscustomobject]@{{ Address = '{At(28)}'; FileName = 'old.gcode' }} | Start-PrinterJob");

        Assert.Equal(new[] { "PrinterInvalidArgument" }, started.ErrorIds);
        Assert.Equal(new[] { "PrinterInvalidArgument" }, row.ErrorIds);
        Assert.Equal(new[] { "InputObjectNotBound" }, removed.ErrorIds);
        Assert.DoesNotContain(printer.ReceivedCommands, c => c.Cmd is 128 or 259);
        Assert.Equal(ElegooJobState.Completed, printer.Options.State);
        Assert.Contains("old.gcode", printer.Options.StoredFiles);
    }

    [Fact]
    public void AFileDeserializedAfterRemoting_BindsAsAFile()
    {
        var script = $"""
            $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize((Get-PrinterFile -Address {At(34)} -FileName remote.gcode)))
            $copy.pstypenames[0]
            $copy | Remove-PrinterFile -Force -PassThru
            """;

        var result = _farm.Session.Run(script);

        result.AssertNoErrors();
        Assert.Equal("Deserialized.PrinterTools.PrinterFile", result.Output[0].BaseObject);
        Assert.Equal("remote.gcode", Assert.Single(result.Objects<PrinterFile>()).FileName);
        Assert.Equal(new[] { "keep.gcode" }, _farm.CrealityAt(34).Options.StoredFiles);
    }

    [Fact]
    public void ANameWithBrackets_IsThatFile_NotTheFilesItMatchesAsAWildcard()
    {
        var exact = _farm.Session.Run($"Get-PrinterFile -Address {At(35)} -FileName 'PART[1].gcode'");
        var wildcard = _farm.Session.Run($"Get-PrinterFile -Address {At(35)} -FileName 'part[0-9].gcode'");

        exact.AssertNoErrors();
        Assert.Equal("part[1].gcode", Assert.Single(exact.Objects<PrinterFile>()).FileName);
        wildcard.AssertNoErrors();
        Assert.Equal("part1.gcode", Assert.Single(wildcard.Objects<PrinterFile>()).FileName);
    }

    [Fact]
    public void AFileShownCleanedOfControlCharacters_IsNeverRemovedUnderItsCleanedName()
    {
        var elegoo = _farm.ElegooAt(29);
        var creality = _farm.CrealityAt(36);

        // Both printers list "a\aab.gcode" shown as ab.gcode beside the real ab.gcode: the real one goes, the other stays.
        var first = _farm.Session.Run($"Remove-PrinterFile -Address {At(29)},{At(36)} -FileName ab.gcode -Force -Timeout 5");
        elegoo.ResetCounters();
        creality.ResetCounters();
        var second = _farm.Session.Run($"Remove-PrinterFile -Address {At(29)},{At(36)} -FileName ab.gcode -Force -Timeout 5");

        first.AssertNoErrors();
        Assert.Equal(new[] { "a\u0007b.gcode" }, elegoo.Options.StoredFiles);
        Assert.Equal(new[] { "a\u0007b.gcode" }, creality.Options.StoredFiles);
        Assert.Equal(new[] { "PrinterNotSupported", "PrinterNotSupported" }, second.ErrorIds);
        Assert.DoesNotContain(elegoo.ReceivedCommands, c => c.Cmd == 259);
        Assert.DoesNotContain(creality.ReceivedRequests, r => r.Key == "opGcodeFile");
    }

    [Fact]
    public void AFileShownCleaned_PipedIn_IsNeitherRemovedNorStarted_UnderTheOtherFilesName()
    {
        var printer = _farm.CrealityAt(37);

        // Both entries show as ab.gcode: the real one is removed, the other is refused by itself.
        var removed = _farm.Session.Run($"Get-PrinterFile -Address {At(37)} | Remove-PrinterFile -Force -PassThru");
        printer.ResetCounters();
        var started = _farm.Session.Run($"Get-PrinterFile -Address {At(37)} | Start-PrinterJob");

        Assert.Equal(new[] { "PrinterNotSupported" }, removed.ErrorIds);
        Assert.Equal("ab.gcode", Assert.Single(removed.Objects<PrinterFile>()).FileName);
        Assert.Equal(new[] { "a\u0007b.gcode" }, printer.Options.StoredFiles);
        Assert.Equal(new[] { "PrinterNotSupported" }, started.ErrorIds);
        Assert.DoesNotContain(printer.ReceivedRequests, r => r.Key == "opGcodeFile");
    }

    private static IEnumerable<string> Names(IEnumerable<PrinterFile> files, int host) =>
        files.Where(f => f.Address == At(host)).Select(f => f.FileName).OrderBy(n => n, StringComparer.Ordinal);
}
