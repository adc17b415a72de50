using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using PrinterTools.Tests.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>Virtual K1Cs and K2 Pluses on 127.R.170.x, idle, printing, finished, and one per fault; mDNS answered on 127.R.170.1.</summary>
public sealed class CrealityFarmFixture : IDisposable
{
    public const string Stored = "calibration-cube.gcode";

    public static string At(int host) => $"{TestNet.Block}.170.{host}";

    public static string Segment => At(1);

    public CrealityFarmFixture()
    {
        var printers = new List<CrealityPrinterOptions>
        {
            K1C(10, o => o.StoredFiles = new[] { Stored, "benchy.gcode" }),
            K2(11, o => { o.StoredFiles = new[] { "vase.gcode" }; o.State = CrealityJobState.Printing; o.FileName = "vase.gcode"; o.Layer = 30; o.TotalLayers = 100; o.Progress = 30; o.NozzleTarget = 220; o.BedTarget = 60; }),
            K1C(12, o => { o.StoredFiles = new[] { Stored }; o.State = CrealityJobState.Completed; o.FileName = Stored; o.Layer = 100; o.TotalLayers = 100; o.Progress = 100; }),
            K1C(13, o => o.Fault = CrealityFault.SilentSocket),
            K1C(14, o => o.Fault = CrealityFault.NotJsonFrames),
            K1C(15, o => o.Fault = CrealityFault.HugeFrame),
            K2(16, o => o.Fault = CrealityFault.Booting),
            K1C(17, o => { o.Fault = CrealityFault.WrongTypes; o.State = CrealityJobState.Printing; o.FileName = Stored; o.StoredFiles = new[] { Stored }; o.Progress = 40; o.Layer = 40; o.TotalLayers = 100; }),
            K1C(18, o => o.Fault = CrealityFault.UnknownState),
            K1C(19, o => o.Fault = CrealityFault.UploadErrorBody),
            K1C(20, o => { o.Fault = CrealityFault.BrokenLegacyList; o.StoredFiles = new[] { Stored }; }),
            K2(21, o => o.Fault = CrealityFault.LargeFileList),
            K1C(22, o => o.Fault = CrealityFault.CloseMidUpload),
            K1C(23),
            K2(24),
            K1C(25, o => { o.StoredFiles = new[] { Stored }; o.JobDuration = TimeSpan.FromSeconds(1); }),
            K1C(26, o => { o.StoredFiles = new[] { Stored }; o.PhaseTime = TimeSpan.FromHours(1); }),
            K1C(27, o => { o.StoredFiles = new[] { Stored }; o.LegacyFileList = false; }),
            K1C(28, o => o.StoredFiles = new[] { Stored }),
        };
        Farm = VirtualPrinterFarm.StartAsync(Array.Empty<FlashForgePrinterOptions>(), Array.Empty<ElegooPrinterOptions>(), printers, IPAddress.Parse(Segment))
            .GetAwaiter().GetResult();
        Session = new ModuleSession();
        Folder = Directory.CreateTempSubdirectory("printertools-creality-").FullName;
    }

    public VirtualPrinterFarm Farm { get; }
    public ModuleSession Session { get; }
    public string Folder { get; }

    public VirtualCrealityPrinter this[int host] => Farm.CrealityPrinters.Single(p => p.Address.ToString() == At(host));

    private static CrealityPrinterOptions K1C(int host, Action<CrealityPrinterOptions>? configure = null) => Make(host, CrealityModel.K1C, configure);

    private static CrealityPrinterOptions K2(int host, Action<CrealityPrinterOptions>? configure = null) => Make(host, CrealityModel.K2Plus, configure);

    private static CrealityPrinterOptions Make(int host, CrealityModel model, Action<CrealityPrinterOptions>? configure)
    {
        var options = new CrealityPrinterOptions
        {
            Address = IPAddress.Parse(At(host)),
            Model = model,
            Name = $"{model} {host}",
            MacAddress = $"aabbcc0170{host:x2}",
            SerialNumber = $"CR{model}0170{host:D3}",
            // No preparing or stopping phase unless a test asks for one; deltas come often, so a set is seen soon.
            PhaseTime = TimeSpan.Zero,
            PushInterval = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return options;
    }

    public string LocalFile(string name, int bytes = 300 * 1024 + 17)
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

/// <summary>Every cmdlet end to end through the hosted engine against the virtual Creality printers.</summary>
public sealed class CrealityTests : IClassFixture<CrealityFarmFixture>
{
    // What PrinterTools may send on a Creality socket: get requests, set requests and the heartbeat.
    private static readonly string[] AllowedKeys = { "reqGcodeFile", "boxsInfo", "reqElapseVideoList", "opGcodeFile", "enableSelfTest", "gcodeCmd", "ModeCode" };
    private readonly CrealityFarmFixture _farm;

    public CrealityTests(CrealityFarmFixture farm) => _farm = farm;

    private static string At(int host) => CrealityFarmFixture.At(host);

    /// <summary>After a test: no socket left open and nothing outside the keys PrinterTools uses sent.</summary>
    private void AssertCleanOn(params int[] hosts)
    {
        foreach (var host in hosts)
        {
            var printer = _farm[host];
            Assert.True(SpinWait.SpinUntil(() => printer.OpenWebSockets == 0, TimeSpan.FromSeconds(30)), $"{printer} kept a WebSocket open");
            Assert.All(printer.ReceivedRequests, r => Assert.Contains(r.Key, AllowedKeys));
        }
    }

    [Fact]
    public void FindPrinter_ByMdns_FindsEveryCrealityPrinterOnce_AtItsReplysSource_WithItsSerial()
    {
        var result = _farm.Session.Run($"Find-Printer -BroadcastAddress {CrealityFarmFixture.Segment} -Vendor Creality -Timeout 2");

        result.AssertNoErrors();
        var found = result.Objects<PrinterInfo>().ToList();
        // The silent-socket printer still answers mDNS and /info: discovery does not open the WebSocket.
        Assert.Equal(_farm.Farm.Addresses.Select(a => a.ToString()).OrderBy(a => a, StringComparer.Ordinal), found.Select(p => p.Address).OrderBy(a => a, StringComparer.Ordinal));
        var k2 = found.Single(p => p.Address == At(11));
        Assert.Equal(PrinterVendor.Creality, k2.Vendor);
        Assert.Equal("K2 Plus", k2.Model);
        Assert.Equal(_farm[11].Options.SerialNumber, k2.SerialNumber);
        Assert.Equal("AA:BB:CC:01:70:0B", k2.MacAddress, ignoreCase: true);
        Assert.True(_farm[11].MdnsRepliesSent >= 1);
    }

    [Fact]
    public void FindPrinter_ByAddress_AsksInfo_AndNamesTheCameraWhereThereIsOne()
    {
        var result = _farm.Session.Run($"Find-Printer -Address {At(10)},{At(11)} -Timeout 2");

        result.AssertNoErrors();
        var printers = result.Objects<PrinterInfo>().OrderBy(p => p.Address, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { At(10), At(11) }, printers.Select(p => p.Address));
        Assert.All(printers, p => Assert.Equal(PrinterVendor.Creality, p.Vendor));
        Assert.Equal("K1C", printers[0].Model);
        Assert.Contains("Snapshot", printers[0].Capabilities);
        Assert.DoesNotContain("Snapshot", printers[1].Capabilities);
    }

    [Fact]
    public void GetPrinterStatus_K2Printing_WithTemperaturesTargetsLayersAndBoxesInRaw()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(11)} -Vendor Creality");

        result.AssertNoErrors();
        var status = Assert.Single(result.Objects<PrinterStatus>());
        Assert.Equal(PrinterVendor.Creality, status.Vendor);
        Assert.Equal("K2 Plus", status.Model);
        Assert.Equal(_farm[11].Options.Name, status.Name);
        Assert.Equal(PrinterState.Printing, status.State);
        Assert.Equal("vase.gcode", status.FileName);
        Assert.Equal(30, status.Progress);
        Assert.Equal((30, 100), (status.CurrentLayer, status.TotalLayers));
        Assert.Equal((220.0, 60.0), (status.NozzleTargetTemperature, status.BedTargetTemperature));
        Assert.Equal(Math.Round(_farm[11].Options.NozzleTemperature, 2), status.NozzleTemperature);
        Assert.NotNull(status.ChamberTemperature);
        Assert.NotNull(status.Remaining);
        Assert.True(status.Raw.Contains("boxsInfo"), "the CFS data is in Raw");
        AssertCleanOn(11);
    }

    [Fact]
    public void GetPrinterStatus_FinishedJob_IsCompleted_WithItsLatchedFile_NeverPrinting()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(12)}");

        result.AssertNoErrors();
        var status = Assert.Single(result.Objects<PrinterStatus>());
        Assert.Equal(PrinterVendor.Creality, status.Vendor);
        Assert.Equal(PrinterState.Completed, status.State);
        Assert.Equal(CrealityFarmFixture.Stored, status.FileName);
        Assert.Equal(100, status.Progress);
        AssertCleanOn(12);
    }

    [Fact]
    public void GetPrinterStatus_StartThenCancel_ReadsEachStep_AndTheStoppedJobStaysLatched()
    {
        // The preparing and stopping phases last until the clock is moved: each step is read while it holds.
        var printer = _farm[26];
        var clock = new ManualClock();
        printer.Options.Clock = clock;
        var states = new List<PrinterStatus>();
        PrinterStatus Read()
        {
            var read = _farm.Session.Run($"Get-PrinterStatus -Address {At(26)} -Vendor Creality");
            read.AssertNoErrors();
            var status = Assert.Single(read.Objects<PrinterStatus>());
            states.Add(status);
            return status;
        }

        Assert.Equal(PrinterState.Idle, Read().State);
        var started = _farm.Session.Run($"Start-PrinterJob -Address {At(26)} -Vendor Creality -FileName {CrealityFarmFixture.Stored} -Confirm:$false");
        started.AssertNoErrors();
        var preparing = Read();
        clock.Advance(TimeSpan.FromHours(1));
        var printing = Read();
        Assert.True(printer.SetProgress(25));
        var quarter = Read();
        Assert.True(printer.Options.Stop());
        var stopping = Read();
        clock.Advance(TimeSpan.FromHours(1));
        var stopped = Read();

        // state 9 (preparing: self-test, heating) is a job under way: Printing, with the file named.
        Assert.Equal(PrinterState.Printing, preparing.State);
        Assert.Equal(9L, Convert.ToInt64(preparing.Raw["state"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(PrinterState.Printing, printing.State);
        Assert.Equal((PrinterState.Printing, 25.0, 25), (quarter.State, quarter.Progress, quarter.CurrentLayer));
        Assert.Equal(PrinterState.Stopping, stopping.State);
        Assert.Equal(PrinterState.Stopped, stopped.State);
        Assert.All(states.Skip(1), s => Assert.Equal(CrealityFarmFixture.Stored, s.FileName));
        Assert.Equal(25, stopped.Progress);
        AssertCleanOn(26);
    }

    [Theory]
    [InlineData(14, "PrinterProtocolError", "not JSON")]
    [InlineData(15, "PrinterProtocolError", "16 MiB")]
    [InlineData(13, "PrinterTimeout", "")]
    public void HostileOrSilentPrinter_GivesOneClearError_WithAStableId(int host, string id, string words)
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(host)} -Vendor Creality -Timeout 1");

        Assert.Equal(new[] { id }, result.ErrorIds);
        Assert.Contains(words, result.Errors[0].Exception.Message);
        Assert.Empty(result.Output);
        AssertCleanOn(host);
    }

    [Fact]
    public void BootingPrinter_HasNullTemperatures_AndItsStaleErrorIsNotAJobError()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(16)} -Vendor Creality");

        result.AssertNoErrors();
        var status = Assert.Single(result.Objects<PrinterStatus>());
        Assert.Null(status.NozzleTemperature);
        Assert.Null(status.BedTemperature);
        Assert.NotEqual(PrinterState.Printing, status.State);
        AssertCleanOn(16);
    }

    [Fact]
    public void NumbersAndStringsSwapped_AreReadAlike()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(17)} -Vendor Creality");

        result.AssertNoErrors();
        var status = Assert.Single(result.Objects<PrinterStatus>());
        Assert.Equal(PrinterState.Printing, status.State);
        Assert.Equal((40.0, 40, 100), (status.Progress, status.CurrentLayer, status.TotalLayers));
        Assert.NotNull(status.NozzleTemperature);
        AssertCleanOn(17);
    }

    [Fact]
    public void UnknownStateOnAnIdleDevice_IsIdle_FromDeviceState_WithTheCodeInRaw()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {At(18)} -Vendor Creality");

        result.AssertNoErrors();
        var status = Assert.Single(result.Objects<PrinterStatus>());
        // deviceState 0 says nothing runs; the code no map knows is kept for the user to see.
        Assert.Equal(PrinterState.Idle, status.State);
        Assert.Equal(42L, Convert.ToInt64(status.Raw["state"], System.Globalization.CultureInfo.InvariantCulture));
        AssertCleanOn(18);
    }

    [Fact]
    public void SendPrinterGcode_GoesAsGcodeCmd_AndWhatIfSendsNothing()
    {
        var printer = _farm[23];
        printer.ResetCounters();

        var whatIf = _farm.Session.Run($"Send-PrinterGcode -Address {At(23)} -Vendor Creality -Gcode 'M106 S255' -WhatIf");
        Assert.Equal(0, printer.TotalWebSockets);
        var sent = _farm.Session.Run($"Send-PrinterGcode -Address {At(23)} -Vendor Creality -Gcode 'M106 S255','M107' -Confirm:$false");

        whatIf.AssertNoErrors();
        Assert.Empty(whatIf.Output);
        sent.AssertNoErrors();
        var replies = sent.Objects<PrinterGcodeReply>().ToList();
        Assert.Equal(new[] { "M106 S255", "M107" }, replies.Select(r => r.Command));
        Assert.All(replies, r => Assert.True(r.Succeeded));
        Assert.True(SpinWait.SpinUntil(() => printer.GcodeReceived.Count == 2, TimeSpan.FromSeconds(30)));
        Assert.Equal(new[] { "M106 S255", "M107" }, printer.GcodeReceived);
        AssertCleanOn(23);
    }

    [Theory]
    [InlineData(23, "upload-k1c.gcode", "/usr/data/printer_data/gcodes/", 1)]
    [InlineData(24, "upload-k2.gcode", "/mnt/UDISK/printer_data/gcodes/", 0)]
    public void StartPrinterJob_UploadsWithItsMd5_AndStartsInTheModelsFolder(int host, string name, string folder, int closedAfterStart)
    {
        var printer = _farm[host];
        printer.ResetCounters();
        var path = _farm.LocalFile(name);
        var bytes = File.ReadAllBytes(path);

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(host)} -Vendor Creality -Path '{path}' -LevelBed -Confirm:$false");

        result.AssertNoErrors();
        var job = Assert.Single(result.Objects<PrinterJob>());
        Assert.Equal((name, (long)bytes.Length), (job.FileName, job.BytesUploaded));
        Assert.Equal(bytes, printer.GetFile(name));
        Assert.Equal(Convert.ToHexString(MD5.HashData(bytes)), printer.LastUploadMd5Header, ignoreCase: true);
        Assert.Equal((1, 0), (printer.UploadsCompleted, printer.UploadsRejected));
        Assert.Equal(1, printer.JobsStarted);
        Assert.Equal("printprt:" + folder + name, printer.LastStartRequest);
        Assert.Contains(printer.ReceivedRequests, r => r.Key == "enableSelfTest");
        // The K1C drops the socket after it accepts a start; the start was still read back, on a new socket.
        Assert.Equal(closedAfterStart, printer.ClosedAfterStart);
        Assert.Equal(1 + closedAfterStart, printer.TotalWebSockets);
        Assert.Equal(CrealityJobState.Printing, printer.Options.State);
        AssertCleanOn(host);
        printer.Options.State = CrealityJobState.Idle;
    }

    [Fact]
    public void StartPrinterJob_ByName_FromTheNewFileList_UsesItsPath()
    {
        var printer = _farm[27];

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(27)} -Vendor Creality -FileName {CrealityFarmFixture.Stored} -Confirm:$false");

        result.AssertNoErrors();
        Assert.Equal("printprt:/usr/data/printer_data/gcodes/" + CrealityFarmFixture.Stored, printer.LastStartRequest);
        Assert.Contains(printer.ReceivedRequests, r => r.Key == "reqGcodeFile");
        AssertCleanOn(27);
    }

    [Fact]
    public void StartPrinterJob_Timelapse_IsIgnoredWithAWarningNamingItAlone_AndTheJobStarts()
    {
        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(28)} -Vendor Creality -FileName {CrealityFarmFixture.Stored} -Timelapse -Confirm:$false");

        result.AssertNoErrors();
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("-Timelapse was ignored", warning);
        Assert.DoesNotContain("StartLayer", warning);
        Assert.Equal(1, _farm[28].JobsStarted);
        AssertCleanOn(28);
    }

    [Fact]
    public void StartPrinterJob_OnAPrintingPrinter_IsBusy_AndNoByteIsUploaded()
    {
        var printer = _farm[11];
        var path = _farm.LocalFile("busy.gcode");

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(11)} -Vendor Creality -Path '{path}' -Confirm:$false");

        Assert.Equal(new[] { "PrinterBusy" }, result.ErrorIds);
        Assert.Contains("nothing was uploaded", result.Errors[0].Exception.Message);
        Assert.Equal(0, printer.UploadBytesReceived);
        Assert.Equal(0, printer.JobsStarted);
        AssertCleanOn(11);
    }

    [Fact]
    public void StartPrinterJob_UploadAnsweredWithAnErrorBody_IsRefused_AndNothingStarts()
    {
        var path = _farm.LocalFile("refused.gcode");

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(19)} -Vendor Creality -Path '{path}' -Timeout 2 -Confirm:$false");

        Assert.Equal(new[] { "PrinterCommandRefused" }, result.ErrorIds);
        Assert.Equal(0, _farm[19].UploadsCompleted);
        Assert.Equal(0, _farm[19].JobsStarted);
        Assert.DoesNotContain(_farm[19].ReceivedRequests, r => r.Key == "opGcodeFile");
        AssertCleanOn(19);
    }

    [Fact]
    public void StartPrinterJob_ConnectionClosedMidUpload_IsAnError_AndNothingStarts()
    {
        var path = _farm.LocalFile("dropped.gcode", 4 * 1024 * 1024);

        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(22)} -Vendor Creality -Path '{path}' -Timeout 2 -Confirm:$false");

        Assert.Single(result.Errors);
        Assert.Contains(result.ErrorIds.Single(), new[] { "PrinterProtocolError", "PrinterUnreachable" });
        Assert.Equal(0, _farm[22].JobsStarted);
        AssertCleanOn(22);
    }

    [Fact]
    public void StartPrinterJob_FileNotOnThePrinter_IsPrinterFileNotFound()
    {
        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(10)} -Vendor Creality -FileName missing.gcode -Confirm:$false");

        Assert.Equal(new[] { "PrinterFileNotFound" }, result.ErrorIds);
        Assert.Equal(0, _farm[10].JobsStarted);
        AssertCleanOn(10);
    }

    [Fact]
    public void StartPrinterJob_Wait_FollowsTheJobToItsEnd()
    {
        var result = _farm.Session.Run($"Start-PrinterJob -Address {At(25)} -Vendor Creality -FileName {CrealityFarmFixture.Stored} -Wait -PollInterval 0.1 -Confirm:$false");

        result.AssertNoErrors();
        var job = Assert.Single(result.Objects<PrinterJob>());
        Assert.Equal(PrinterState.Completed, job.State);
        Assert.Equal(PrinterState.Completed, job.FinalStatus!.State);
        AssertCleanOn(25);
    }

    [Fact]
    public void FileNameCompletion_ReadsTheColonSeparatedList_AndSkipsEntriesMissingFields()
    {
        using var ps = _farm.Session.Engine.CreatePowerShell();
        var line = $"Start-PrinterJob -Address {At(20)} -Vendor Creality -FileName ";

        var completion = CommandCompletion.CompleteInput(line, line.Length, null, ps);

        var names = completion.CompletionMatches.Select(m => m.CompletionText.Trim('\'')).ToList();
        Assert.Contains(CrealityFarmFixture.Stored, names);
        Assert.All(names, n => Assert.EndsWith(".gcode", n));
        AssertCleanOn(20);
    }

    [Fact]
    public void FileNameCompletion_TakesAListFrameOverOneMiB()
    {
        using var ps = _farm.Session.Engine.CreatePowerShell();
        var line = $"Start-PrinterJob -Address {At(21)} -Vendor Creality -FileName ";

        var completion = CommandCompletion.CompleteInput(line, line.Length, null, ps);

        Assert.True(completion.CompletionMatches.Count >= 1000, $"{completion.CompletionMatches.Count} names completed");
        AssertCleanOn(21);
    }

    [Fact]
    public void ReceivePrinterFile_K1CSnapshot_TakesOneJpegFrame()
    {
        var printer = _farm[10];
        var before = printer.CameraConnections;

        var result = _farm.Session.Run($"Receive-PrinterFile -Address {At(10)} -Vendor Creality -Snapshot -Destination '{_farm.Folder}'");

        result.AssertNoErrors();
        var bytes = File.ReadAllBytes(Assert.Single(result.Objects<FileInfo>()).FullName);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, bytes.Take(2));
        Assert.Equal(before + 1, printer.CameraConnections);
    }

    [Fact]
    public void ReceivePrinterFile_K2Snapshot_IsNotSupported_WebRtcOnly()
    {
        var result = _farm.Session.Run($"Receive-PrinterFile -Address {At(11)} -Vendor Creality -Snapshot -Destination '{_farm.Folder}'");

        Assert.Equal(new[] { "PrinterNotSupported" }, result.ErrorIds);
        Assert.Contains("WebRTC", result.Errors[0].Exception.Message);
        AssertCleanOn(11);
    }

    [Fact]
    public void ReceivePrinterFile_ThumbnailOfAStoredFile_AndTheCurrentPrintsPreview()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_farm.Folder, "thumbs")).FullName;

        var stored = _farm.Session.Run($"Receive-PrinterFile -Address {At(10)} -Vendor Creality -FileName {CrealityFarmFixture.Stored} -Thumbnail -Destination '{folder}'");
        var current = _farm.Session.Run($"Receive-PrinterFile -Address {At(11)} -Vendor Creality -FileName vase.gcode -Thumbnail -Destination '{folder}'");

        stored.AssertNoErrors();
        current.AssertNoErrors();
        var png = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' };
        Assert.Equal(png, File.ReadAllBytes(Assert.Single(stored.Objects<FileInfo>()).FullName).Take(4));
        Assert.Equal(png, File.ReadAllBytes(Assert.Single(current.Objects<FileInfo>()).FullName).Take(4));
        AssertCleanOn(10, 11);
    }

    [Fact]
    public void ReceivePrinterFile_Timelapse_OfAFinishedJob()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_farm.Folder, "videos")).FullName;

        var result = _farm.Session.Run($"Receive-PrinterFile -Address {At(12)} -Vendor Creality -FileName {CrealityFarmFixture.Stored} -Timelapse -Destination '{folder}'");

        result.AssertNoErrors();
        var video = Assert.Single(result.Objects<FileInfo>());
        Assert.Equal(".mp4", video.Extension);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(video.FullName), 4, 4));
        AssertCleanOn(12);
    }

    [Fact]
    public async Task CtrlC_EndsAWaitForTheFirstFrame_AndClosesTheSocket()
    {
        var printer = _farm[13];
        printer.ResetCounters();
        using var ps = _farm.Session.Engine.CreatePowerShell();
        ps.AddScript($"Get-PrinterStatus -Address {At(13)} -Vendor Creality -Timeout 3600");
        var running = ps.BeginInvoke();

        await TestGuard.AgainstHangAsync(Task.Run(() => SpinWait.SpinUntil(() => printer.OpenWebSockets == 1, TestGuard.Limit)), "the WebSocket open");
        ps.Stop();

        Assert.True(running.IsCompleted || running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)));
        Assert.True(SpinWait.SpinUntil(() => printer.OpenWebSockets == 0, TimeSpan.FromSeconds(30)), "the WebSocket stayed open after Ctrl+C");
    }
}
