using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>Virtual Elegoo printers on 127.R.160.x: Centauri Carbons and Saturn 4 Ultras, idle and printing, and one per fault.</summary>
public sealed class ElegooFarmFixture : IDisposable
{
    public const string CarbonStored = "calibration-cube.gcode";
    public const string ResinStored = "ring.goo";

    public static string At(int host) => $"{TestNet.Block}.160.{host}";

    public ElegooFarmFixture()
    {
        var printers = new List<ElegooPrinterOptions>
        {
            Carbon(10, o => o.StoredFiles = new[] { CarbonStored }),
            Carbon(11, o => { o.State = ElegooJobState.Printing; o.CurrentFile = "bracket.gcode"; o.CurrentLayer = 40; o.TotalLayers = 120; }),
            Resin(12, o => o.StoredFiles = new[] { ResinStored }),
            Resin(13, o => { o.State = ElegooJobState.Printing; o.CurrentFile = "miniature.goo"; o.CurrentLayer = 36; o.TotalLayers = 157; }),
            Carbon(14, o => o.Fault = ElegooFault.NotJsonFrames),
            Carbon(15, o => o.Fault = ElegooFault.WrongShapeStatus),
            Carbon(16, o => o.Fault = ElegooFault.UnknownStatusCodes),
            Carbon(17, o => o.Fault = ElegooFault.MissingDataWrapper),
            Carbon(18, o => o.Fault = ElegooFault.HugeFrame),
            Carbon(19, o => o.Fault = ElegooFault.NoAck),
            Carbon(20, o => o.Fault = ElegooFault.CloseMidUpload),
            Carbon(21, o => o.Fault = ElegooFault.UploadErrorBody),
            Carbon(22, o => o.Fault = ElegooFault.RefuseHandshake),
            Carbon(23, o => o.Fault = ElegooFault.SilentSocket),
            Carbon(24),
            Resin(25),
            Carbon(26, o => o.StoredFiles = new[] { CarbonStored }),
            Resin(27, o => o.StoredFiles = new[] { ResinStored }),
            Carbon(28, o => o.State = ElegooJobState.Printing),
            Resin(29, o => o.BusyAfterUpload = TimeSpan.FromSeconds(1.5)),
            Carbon(30, o => { o.StoredFiles = new[] { CarbonStored }; o.JobDuration = TimeSpan.FromSeconds(1); }),
            Carbon(31, o => o.Fault = ElegooFault.NoAck),
            Carbon(32, o => { o.StoredFiles = new[] { CarbonStored }; o.JobDuration = TimeSpan.FromSeconds(4); o.IdleClose = TimeSpan.FromSeconds(1.5); }),
            Carbon(33, o => { o.StoredFiles = new[] { CarbonStored }; o.JobDuration = TimeSpan.FromSeconds(4); o.IdleClose = TimeSpan.FromSeconds(1.5); }),
            Resin(34, o => o.Fault = ElegooFault.FailFileCheck),
            Carbon(35, o => { o.CanvasConnected = true; o.ActiveTray = 1; }),
        };
        Farm = VirtualPrinterFarm.StartAsync(Array.Empty<FlashForgePrinterOptions>(), printers, null).GetAwaiter().GetResult();
        Session = new ModuleSession();
        Folder = Directory.CreateTempSubdirectory("printertools-elegoo-").FullName;
    }

    public VirtualPrinterFarm Farm { get; }
    public ModuleSession Session { get; }
    public string Folder { get; }

    public VirtualElegooPrinter this[int host] => Farm.ElegooPrinters.Single(p => p.Address.ToString() == At(host));

    private static ElegooPrinterOptions Carbon(int host, Action<ElegooPrinterOptions>? configure = null) => Make(host, ElegooFamily.CentauriCarbon, configure);

    private static ElegooPrinterOptions Resin(int host, Action<ElegooPrinterOptions>? configure = null) => Make(host, ElegooFamily.Saturn4Ultra, configure);

    private static ElegooPrinterOptions Make(int host, ElegooFamily family, Action<ElegooPrinterOptions>? configure)
    {
        var options = new ElegooPrinterOptions
        {
            Address = IPAddress.Parse(At(host)),
            Family = family,
            Name = $"{family} {host}",
            MainboardId = family == ElegooFamily.CentauriCarbon ? $"385b1f950107625d00004c00000000{host:x2}" : $"ed5847f5c1d701{host:x2}",
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A local file of random bytes, more than two upload chunks long.</summary>
    public string LocalFile(string name, int bytes = 2 * 1024 * 1024 + 4321)
    {
        var path = Path.Combine(Folder, name);
        var content = new byte[bytes];
        new Random(name.GetHashCode()).NextBytes(content);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        Session.Dispose();
        Farm.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>Every cmdlet end to end through the hosted engine against the virtual Elegoo printers.</summary>
public sealed class ElegooTests : IClassFixture<ElegooFarmFixture>
{
    private static readonly int[] AllowedCommands = { 0, 1, 128, 258, 320, 321, 324 };
    private readonly ElegooFarmFixture _farm;

    public ElegooTests(ElegooFarmFixture farm) => _farm = farm;

    private static string At(int host) => ElegooFarmFixture.At(host);

    /// <summary>After every test: no socket left open, nothing outside the allow-list sent, no printer crashed.</summary>
    private void AssertCleanOn(params int[] hosts)
    {
        foreach (var host in hosts)
        {
            var printer = _farm[host];
            Assert.True(SpinWait.SpinUntil(() => printer.OpenWebSockets == 0, TimeSpan.FromSeconds(30)), $"{printer} kept a WebSocket open");
            Assert.Equal(0, printer.Crashes);
            Assert.All(printer.ReceivedCommands, c => Assert.Contains(c.Cmd, AllowedCommands));
        }
    }

    [Fact]
    public void FindPrinter_ReportsModelSerialAndFirmware_FromTheDiscoveryReply()
    {
        var result = _farm.Session.Run($"Find-Printer -Address {At(10)},{At(12)} -Vendor Elegoo -Timeout 2");

        result.AssertNoErrors();
        var printers = result.Objects<PrinterInfo>().OrderBy(p => p.Address, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { At(10), At(12) }, printers.Select(p => p.Address));
        Assert.All(printers, p => Assert.Equal(PrinterVendor.Elegoo, p.Vendor));
        Assert.Equal("Centauri Carbon", printers[0].Model);
        Assert.Equal(_farm[10].Options.MainboardId, printers[0].SerialNumber);
        Assert.Equal(32, printers[0].SerialNumber!.Length);
        Assert.Equal(_farm[10].Options.Firmware, printers[0].Firmware);
        Assert.Equal("Saturn 4 Ultra", printers[1].Model);
        Assert.Equal(_farm[12].Options.MainboardId, printers[1].SerialNumber);
        Assert.Contains("Snapshot", printers[0].Capabilities);
        Assert.DoesNotContain("Snapshot", printers[1].Capabilities);
    }

    [Fact]
    public void FindPrinter_OfAllVendors_NamesAnElegooPrinterWithoutTheFlashForgeConsolesFailure()
    {
        var result = _farm.Session.Run($"Find-Printer -Address {At(10)} -Timeout 2");

        result.AssertNoErrors();
        Assert.Equal(PrinterVendor.Elegoo, Assert.Single(result.Objects<PrinterInfo>()).Vendor);
    }

    [Fact]
    public void GetPrinterStatus_Carbon_Printing()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(11)} -Vendor Elegoo");

        result.AssertNoErrors();
        var status = Assert.Single(result.Objects<PrinterStatus>());
        Assert.Equal(PrinterVendor.Elegoo, status.Vendor);
        Assert.Equal("Centauri Carbon", status.Model);
        Assert.Equal(_farm[11].Options.Name, status.Name);
        Assert.Equal(PrinterState.Printing, status.State);
        Assert.Equal("bracket.gcode", status.FileName);
        Assert.Equal(40, status.CurrentLayer);
        Assert.Equal(120, status.TotalLayers);
        Assert.NotNull(status.Progress);
        Assert.NotNull(status.NozzleTemperature);
        Assert.NotNull(status.BedTargetTemperature);
        Assert.Equal("FDM", status.Raw["Family"]);
        AssertCleanOn(11);
    }

    [Fact]
    public void GetPrinterStatus_Resin_Printing_ProgressFromLayers_NoNozzle()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(13)}");

        result.AssertNoErrors();
        var status = Assert.Single(result.Objects<PrinterStatus>());
        Assert.Equal(PrinterVendor.Elegoo, status.Vendor);
        Assert.Equal("Saturn 4 Ultra", status.Model);
        Assert.Equal(PrinterState.Printing, status.State);
        Assert.Equal("miniature.goo", status.FileName);
        Assert.Equal(Math.Round(100.0 * status.CurrentLayer!.Value / 157, 1), status.Progress);
        Assert.Null(status.NozzleTemperature);
        Assert.True(status.Raw.Contains("UVLedTemperature"));
        AssertCleanOn(13);
    }

    [Fact]
    public void GetPrinterStatus_OfFoundPrinters_AsksNoAttributes_AndOneConnectionEach()
    {
        var printers = new[] { 10, 11, 12, 13 };
        foreach (var host in printers)
        {
            _farm[host].ResetCounters();
        }

        var result = _farm.Session.Run($"Find-Printer -Address {string.Join(",", printers.Select(At))} -Vendor Elegoo -Timeout 2 | Get-PrinterStatus");

        result.AssertNoErrors();
        Assert.Equal(4, result.Objects<PrinterStatus>().Count());
        foreach (var host in printers)
        {
            // Find-Printer named it: Cmd 0 alone, on one WebSocket, closed after.
            Assert.Equal(new[] { 0 }, _farm[host].ReceivedCommands.Select(c => c.Cmd));
            Assert.Equal(1, _farm[host].TotalWebSockets);
            Assert.Equal(1, _farm[host].MaxConcurrentWebSockets);
        }
        AssertCleanOn(printers);
    }

    [Fact]
    public void GetPrinterStatus_RepeatedAddresses_ConcurrentlyNeverHoldTwoSocketsOnOnePrinter()
    {
        _farm[24].ResetCounters();

        var result = _farm.Session.Run($"Get-PrinterStatus -Address {string.Join(",", Enumerable.Repeat(At(24), 8))} -Vendor Elegoo -ThrottleLimit 8");

        result.AssertNoErrors();
        Assert.Equal(8, result.Objects<PrinterStatus>().Count());
        Assert.Equal(1, _farm[24].MaxConcurrentWebSockets);
        AssertCleanOn(24);
    }

    [Fact]
    public void RefusedHandshake_IsPrinterBusy_NamingTheClientLimit()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(22)} -Vendor Elegoo -Timeout 2");

        Assert.Equal(new[] { "PrinterBusy" }, result.ErrorIds);
        Assert.Contains("HTTP 500", result.Errors[0].Exception.Message);
        Assert.Contains("5 SDCP clients", result.Errors[0].Exception.Message);
        Assert.True(_farm[22].RefusedWebSockets >= 1);
    }

    [Theory]
    [InlineData(14, "PrinterProtocolError", "not JSON")]
    [InlineData(15, "PrinterProtocolError", "not an object")]
    [InlineData(17, "PrinterProtocolError", "Data wrapper")]
    [InlineData(18, "PrinterProtocolError", "2 MiB")]
    [InlineData(19, "PrinterTimeout", "did not answer")]
    [InlineData(23, "PrinterTimeout", "did not answer")]
    public void HostileOrSilentPrinter_GivesOneClearError_WithAStableId(int host, string id, string words)
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(host)} -Vendor Elegoo -Timeout 1");

        Assert.Equal(new[] { id }, result.ErrorIds);
        Assert.Contains(words, result.Errors[0].Exception.Message);
        Assert.Empty(result.Output);
        AssertCleanOn(host);
    }

    [Fact]
    public void UnknownStatusCodes_AreStateUnknown_WithTheCodesInRaw()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(16)} -Vendor Elegoo -Timeout 2");

        result.AssertNoErrors();
        var status = Assert.Single(result.Objects<PrinterStatus>());
        Assert.Equal(PrinterState.Unknown, status.State);
        Assert.Equal(77L, status.Raw["MachineStatus"]);
    }

    [Fact]
    public void SendPrinterGcode_IsNotSupported_AndOpensNothing()
    {
        _farm[10].ResetCounters();

        var result = _farm.Session.Run($"Send-PrinterGcode -Address {At(10)} -Vendor Elegoo -Gcode 'M105' -Confirm:$false");

        Assert.Equal(new[] { "PrinterNotSupported" }, result.ErrorIds);
        Assert.Contains("Elegoo", result.Errors[0].Exception.Message);
        Assert.Contains("G-code", result.Errors[0].Exception.Message);
        Assert.Equal(0, _farm[10].TotalWebSockets);
    }

    [Theory]
    [InlineData(24, "upload-carbon.gcode")]
    [InlineData(25, "upload-resin.goo")]
    public void StartPrinterJob_UploadsInChunksOnOneConnection_VerifiedByMd5_AndStarts(int host, string name)
    {
        var printer = _farm[host];
        printer.ResetCounters();
        var path = _farm.LocalFile(name);
        var bytes = File.ReadAllBytes(path);

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(host)} -Vendor Elegoo -Path '{path}' -Confirm:$false");

        result.AssertNoErrors();
        var job = Assert.Single(result.Objects<PrinterJob>());
        Assert.Equal(name, job.FileName);
        Assert.Equal(bytes.Length, job.BytesUploaded);
        Assert.Equal(bytes, printer.GetFile(name));
        Assert.Equal(3, printer.UploadChunks);
        Assert.Equal(1, printer.UploadHttpConnections);
        Assert.Equal(1, printer.UploadsCompleted);
        Assert.Equal(0, printer.UploadsRejected);
        Assert.Equal(1, printer.JobsStarted);
        using var start = JsonDocument.Parse(printer.LastStartRequest!);
        Assert.EndsWith(name, start.RootElement.GetProperty("Filename").GetString());
        Assert.Equal(1, printer.TotalWebSockets);
        AssertCleanOn(host);
    }

    [Fact]
    public void StartPrinterJob_CarbonSwitches_AreCalibrationTimelapseAndStartLayer()
    {
        var printer = _farm[26];

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(26)} -Vendor Elegoo -FileName {ElegooFarmFixture.CarbonStored} -LevelBed -Timelapse -StartLayer 4 -Confirm:$false");

        result.AssertNoErrors();
        Assert.Equal(ElegooFarmFixture.CarbonStored, Assert.Single(result.Objects<PrinterJob>()).FileName);
        using var start = JsonDocument.Parse(printer.LastStartRequest!);
        var data = start.RootElement;
        Assert.Equal("/local/" + ElegooFarmFixture.CarbonStored, data.GetProperty("Filename").GetString());
        Assert.Equal(4, data.GetProperty("StartLayer").GetInt32());
        Assert.Equal(1, data.GetProperty("Calibration_switch").GetInt32());
        Assert.Equal(1, data.GetProperty("Tlp_Switch").GetInt32());
        Assert.Equal(1, printer.JobsStarted);
        Assert.Equal(0, printer.UploadChunks);
        AssertCleanOn(26);
    }

    [Fact]
    public void StartPrinterJob_Resin_SendsOnlyItsTwoKeys_AndWarnsOfTheCarbonsSwitches()
    {
        var printer = _farm[27];

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(27)} -Vendor Elegoo -FileName {ElegooFarmFixture.ResinStored} -LevelBed -Timelapse -Confirm:$false");

        result.AssertNoErrors();
        Assert.Contains(result.Warnings, w => w.Contains("resin printer") && w.Contains("-LevelBed"));
        using var start = JsonDocument.Parse(printer.LastStartRequest!);
        Assert.Equal(new[] { "Filename", "StartLayer" }, start.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ElegooFarmFixture.ResinStored, start.RootElement.GetProperty("Filename").GetString());
        AssertCleanOn(27);
    }

    [Fact]
    public void StartPrinterJob_FileNotOnThePrinter_IsPrinterFileNotFound_FromAck2()
    {
        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(10)} -Vendor Elegoo -FileName missing.gcode -Confirm:$false");

        Assert.Equal(new[] { "PrinterFileNotFound" }, result.ErrorIds);
        Assert.Contains("not on the printer", result.Errors[0].Exception.Message);
        Assert.Equal(0, _farm[10].JobsStarted);
        AssertCleanOn(10);
    }

    [Fact]
    public void StartPrinterJob_OnAPrintingPrinter_IsBusy_AndNoByteIsUploaded()
    {
        var printer = _farm[28];
        var path = _farm.LocalFile("busy.gcode");

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(28)} -Vendor Elegoo -Path '{path}' -Confirm:$false");

        Assert.Equal(new[] { "PrinterBusy" }, result.ErrorIds);
        Assert.Contains("nothing was uploaded", result.Errors[0].Exception.Message);
        Assert.Equal(0, printer.UploadChunks);
        Assert.Equal(0, printer.UploadBytesReceived);
        Assert.Equal(0, printer.UploadHttpConnections);
        AssertCleanOn(28);
    }

    [Fact]
    public void StartPrinterJob_ResinBusyJustAfterItsUpload_IsStartedOnceItIsReady()
    {
        var printer = _farm[29];
        var path = _farm.LocalFile("after-upload.goo", 200 * 1024);

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(29)} -Vendor Elegoo -Path '{path}' -Timeout 10 -Confirm:$false");

        result.AssertNoErrors();
        Assert.Equal(1, printer.JobsStarted);
        // Asked again only while it answered "busy" (Ack 1), and no more once it started.
        Assert.True(printer.ReceivedCommands.Count(c => c.Cmd == 128) >= 2);
        AssertCleanOn(29);
    }

    [Fact]
    public void StartPrinterJob_UploadAnsweredWithAnErrorBody_IsRefusedWithTheReason()
    {
        var path = _farm.LocalFile("refused.gcode");

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(21)} -Vendor Elegoo -Path '{path}' -Timeout 2 -Confirm:$false");

        Assert.Equal(new[] { "PrinterCommandRefused" }, result.ErrorIds);
        Assert.Contains("could not open the file", result.Errors[0].Exception.Message);
        Assert.Equal(0, _farm[21].UploadsCompleted);
        Assert.Equal(0, _farm[21].JobsStarted);
        AssertCleanOn(21);
    }

    [Fact]
    public void StartPrinterJob_SocketClosedMidUpload_IsAnError_AndNothingStarts()
    {
        var path = _farm.LocalFile("dropped.gcode");

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(20)} -Vendor Elegoo -Path '{path}' -Timeout 2 -Confirm:$false");

        Assert.Equal(new[] { "PrinterProtocolError" }, result.ErrorIds);
        Assert.Contains("broke off", result.Errors[0].Exception.Message);
        Assert.Equal(0, _farm[20].JobsStarted);
        AssertCleanOn(20);
    }

    [Fact]
    public void StartPrinterJob_Wait_FollowsTheJobToItsEnd()
    {
        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(30)} -Vendor Elegoo -FileName {ElegooFarmFixture.CarbonStored} -Wait -PollInterval 0.1 -Confirm:$false");

        result.AssertNoErrors();
        var job = Assert.Single(result.Objects<PrinterJob>());
        Assert.Equal(PrinterState.Completed, job.State);
        Assert.Equal(PrinterState.Completed, job.FinalStatus!.State);
        // One socket for the start and every status read of the wait.
        Assert.Equal(1, _farm[30].TotalWebSockets);
        AssertCleanOn(30);
    }

    [Fact]
    public void ReceivePrinterFile_CarbonSnapshot_TakesOneFrame_AndClosesTheStream()
    {
        var printer = _farm[10];
        var before = printer.CameraConnections;

        var result = _farm.Session.Run($"Receive-PrinterFile -Address {At(10)} -Vendor Elegoo -Snapshot -Destination '{_farm.Folder}'");

        result.AssertNoErrors();
        var file = Assert.Single(result.Objects<FileInfo>());
        var bytes = File.ReadAllBytes(file.FullName);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, bytes.Take(2));
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, bytes.Skip(bytes.Length - 2));
        Assert.Equal(before + 1, printer.CameraConnections);
        Assert.True(SpinWait.SpinUntil(() => printer.OpenCameraConnections == 0, TimeSpan.FromSeconds(30)), "the camera stream stayed open");
    }

    [Fact]
    public void ReceivePrinterFile_ResinSnapshot_IsNotSupported()
    {
        var result = _farm.Session.Run($"Receive-PrinterFile -Address {At(12)} -Vendor Elegoo -Snapshot -Destination '{_farm.Folder}'");

        Assert.Equal(new[] { "PrinterNotSupported" }, result.ErrorIds);
        Assert.Contains("RTSP", result.Errors[0].Exception.Message);
        Assert.Equal(0, _farm[12].CameraConnections);
        AssertCleanOn(12);
    }

    [Theory]
    [InlineData(10, ElegooFarmFixture.CarbonStored, ".png", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' })]
    [InlineData(12, ElegooFarmFixture.ResinStored, ".bmp", new byte[] { (byte)'B', (byte)'M' })]
    public void ReceivePrinterFile_Thumbnail_ComesFromThePrintHistory_NamedForItsFormat(int host, string name, string extension, byte[] magic)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_farm.Folder, "thumbs-" + host)).FullName;

        var result = _farm.Session.Run($"Receive-PrinterFile -Address {At(host)} -Vendor Elegoo -FileName {name} -Thumbnail -Destination '{folder}'");

        result.AssertNoErrors();
        var file = Assert.Single(result.Objects<FileInfo>());
        Assert.Equal(Path.GetFileNameWithoutExtension(name) + extension, file.Name);
        Assert.Equal(magic, File.ReadAllBytes(file.FullName).Take(magic.Length));
        Assert.Contains(_farm[host].ReceivedCommands, c => c.Cmd == 321);
        AssertCleanOn(host);
    }

    [Fact]
    public void ReceivePrinterFile_CarbonTimelapseAndDownload()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_farm.Folder, "carbon-files")).FullName;

        var video = _farm.Session.Run($"Receive-PrinterFile -Address {At(10)} -Vendor Elegoo -FileName {ElegooFarmFixture.CarbonStored} -Timelapse -Destination '{folder}'");
        var stored = _farm.Session.Run($"Receive-PrinterFile -Address {At(10)} -Vendor Elegoo -FileName {ElegooFarmFixture.CarbonStored} -Destination '{folder}'");

        video.AssertNoErrors();
        stored.AssertNoErrors();
        Assert.Equal("calibration-cube.mp4", Assert.Single(video.Objects<FileInfo>()).Name);
        var download = Assert.Single(stored.Objects<FileInfo>());
        Assert.Equal(ElegooFarmFixture.CarbonStored, download.Name);
        Assert.Equal(_farm[10].GetFile(ElegooFarmFixture.CarbonStored), File.ReadAllBytes(download.FullName));
        AssertCleanOn(10);
    }

    [Fact]
    public void FileNameCompletion_ListsTheStoredFiles_FromCmd258()
    {
        using var ps = _farm.Session.Engine.CreatePowerShell();
        var line = $"Start-PrinterJob -Address {At(12)} -Vendor Elegoo -FileName ";

        var completion = CommandCompletion.CompleteInput(line, line.Length, null, ps);

        Assert.Contains(ElegooFarmFixture.ResinStored, completion.CompletionMatches.Select(m => m.CompletionText.Trim('\'')));
        Assert.Contains(_farm[12].ReceivedCommands, c => c.Cmd == 258);
        AssertCleanOn(12);
    }

    [Fact]
    public async Task CtrlC_EndsAWaitForAnAck_AndClosesTheSocket()
    {
        var printer = _farm[31];
        using var ps = _farm.Session.Engine.CreatePowerShell();
        ps.AddScript($"Get-PrinterStatus -Address {At(31)} -Vendor Elegoo -Timeout 3600");
        var asked = printer.WhenCommandReceived(1);
        var running = ps.BeginInvoke();

        await TestGuard.AgainstHangAsync(asked, "the attributes request (Cmd 1)");
        Assert.Equal(1, printer.OpenWebSockets);
        ps.Stop();

        Assert.True(running.IsCompleted || running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)));
        Assert.True(SpinWait.SpinUntil(() => printer.OpenWebSockets == 0, TimeSpan.FromSeconds(30)), "the WebSocket stayed open after Ctrl+C");
    }

    [Fact]
    public void KeepAlive_HoldsAQuietSocketOpen_ThroughAWaitThatPollsLessOftenThanTheIdleClose()
    {
        // The printer drops a client silent for 1.5 s; the wait reads every 2.5 s; pings every 0.4 s keep it.
        var printer = _farm[32];
        var interval = PrinterTools.Elegoo.SdcpChannel.KeepAliveInterval;
        PrinterTools.Elegoo.SdcpChannel.KeepAliveInterval = TimeSpan.FromSeconds(0.4);
        try
        {
            var result = _farm.Session.Run($"Start-PrinterJob -Address {At(32)} -Vendor Elegoo -FileName {ElegooFarmFixture.CarbonStored} -Wait -PollInterval 2.5 -Confirm:$false");

            result.AssertNoErrors();
            Assert.Equal(PrinterState.Completed, Assert.Single(result.Objects<PrinterJob>()).State);
            Assert.Equal(0, printer.IdleClosures);
            Assert.Equal(1, printer.TotalWebSockets);
        }
        finally
        {
            PrinterTools.Elegoo.SdcpChannel.KeepAliveInterval = interval;
        }
        AssertCleanOn(32);
    }

    [Fact]
    public void Wait_OpensANewSocket_AfterThePrinterDroppedTheOldOne()
    {
        // Without pings (the default 20 s is longer than this printer's 1.5 s idle close) the
        // printer drops the socket between reads; the next read opens a new one.
        var printer = _farm[33];

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(33)} -Vendor Elegoo -FileName {ElegooFarmFixture.CarbonStored} -Wait -PollInterval 2.5 -Confirm:$false");

        result.AssertNoErrors();
        Assert.Equal(PrinterState.Completed, Assert.Single(result.Objects<PrinterJob>()).State);
        Assert.True(printer.IdleClosures >= 1);
        Assert.Equal(printer.IdleClosures + 1, printer.TotalWebSockets);
        AssertCleanOn(33);
    }

    [Fact]
    public void StartPrinterJob_FileThatFailsThePrintersMd5Check_IsRefused_AndNeverStarted()
    {
        var printer = _farm[34];
        var path = _farm.LocalFile("corrupted.goo");

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(34)} -Vendor Elegoo -Path '{path}' -Timeout 5 -Confirm:$false");

        Assert.Equal(new[] { "PrinterCommandRefused" }, result.ErrorIds);
        Assert.Contains("MD5 check failed", result.Errors[0].Exception.Message);
        Assert.Equal(1, printer.UploadsRejected);
        Assert.Null(printer.GetFile("corrupted.goo"));
        Assert.DoesNotContain(printer.ReceivedCommands, c => c.Cmd == 128);
        AssertCleanOn(34);
    }

    [Fact]
    public void GetPrinterStatus_CarbonWithACanvas_HasItsTraysInRaw_AndOnlyItIsAskedCmd324()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(35)},{At(10)},{At(12)} -Vendor Elegoo");

        result.AssertNoErrors();
        var withCanvas = result.Objects<PrinterStatus>().Single(s => s.Address == At(35));
        Assert.Equal(true, withCanvas.Raw["CanvasConnected"]);
        Assert.Equal(1, withCanvas.Raw["CanvasActiveTray"]);
        var trays = Assert.IsAssignableFrom<System.Collections.IList>(withCanvas.Raw["CanvasTrays"]).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(_farm[35].Options.CanvasTrays.Select(t => t.FilamentType), trays.Select(t => t["Type"]));
        Assert.Equal(_farm[35].Options.CanvasTrays.Select(t => t.FilamentColor), trays.Select(t => t["Color"]));
        Assert.Single(_farm[35].ReceivedCommands, c => c.Cmd == 324);
        Assert.DoesNotContain(_farm[10].ReceivedCommands, c => c.Cmd == 324);
        Assert.DoesNotContain(_farm[12].ReceivedCommands, c => c.Cmd == 324);
        AssertCleanOn(35, 10, 12);
    }
}
